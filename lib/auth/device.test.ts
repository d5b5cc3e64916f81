import { describe, expect, it } from 'vitest';
import { DEVICE_MAX_AGE_DAYS, DEVICE_MAX_ENTRIES, isKnownDevice, rememberDevice } from './device';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const SECRET = 'test-secret-0123456789abcdef';
const now = new Date('2026-03-01T03:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('device cookie (decision 051)', () => {
  it('knows the account it was set for, not another', () => {
    const c = rememberDevice(undefined, A, SECRET, now);
    expect(isKnownDevice(c, A, SECRET, now)).toBe(true);
    expect(isKnownDevice(c, B, SECRET, now)).toBe(false);
  });

  it.each([
    ['no cookie', undefined],
    ['empty', ''],
    ['garbage', 'abc.def.ghi'],
    ['a forged signature', `${A}.20513.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`],
    ['too long', 'x'.repeat(3000)],
  ])('refuses %s', (_l, value) => {
    expect(isKnownDevice(value, A, SECRET, now)).toBe(false);
  });

  it('refuses a cookie signed with another secret, or one that was altered', () => {
    const c = rememberDevice(undefined, A, 'another-secret-0123456789', now);
    expect(isKnownDevice(c, A, SECRET, now)).toBe(false);
    const good = rememberDevice(undefined, A, SECRET, now);
    const [id, day, sig] = good.split('.');
    expect(isKnownDevice(`${id}.${Number(day) - 1}.${sig}`, A, SECRET, now)).toBe(false);
  });

  it(`expires after ${DEVICE_MAX_AGE_DAYS} days without a sign-in; a sign-in renews it`, () => {
    const c = rememberDevice(undefined, A, SECRET, now);
    expect(isKnownDevice(c, A, SECRET, days(DEVICE_MAX_AGE_DAYS))).toBe(true);
    expect(isKnownDevice(c, A, SECRET, days(DEVICE_MAX_AGE_DAYS + 1))).toBe(false);
    const renewed = rememberDevice(c, A, SECRET, days(100));
    expect(isKnownDevice(renewed, A, SECRET, days(DEVICE_MAX_AGE_DAYS + 50))).toBe(true);
    expect(renewed.split('~')).toHaveLength(1);
  });

  it(`keeps several accounts of a shared computer, at most ${DEVICE_MAX_ENTRIES}, newest first`, () => {
    let c = rememberDevice(undefined, A, SECRET, now);
    c = rememberDevice(c, B, SECRET, now);
    expect(isKnownDevice(c, A, SECRET, now) && isKnownDevice(c, B, SECRET, now)).toBe(true);
    for (let i = 0; i < DEVICE_MAX_ENTRIES; i++) c = rememberDevice(c, `3333333${i}-3333-4333-8333-333333333333`, SECRET, now);
    expect(c.split('~')).toHaveLength(DEVICE_MAX_ENTRIES);
    expect(isKnownDevice(c, A, SECRET, now)).toBe(false);
  });

  it('without a secret no device is known', () => {
    expect(isKnownDevice(rememberDevice(undefined, A, SECRET, now), A, '', now)).toBe(false);
  });
});
