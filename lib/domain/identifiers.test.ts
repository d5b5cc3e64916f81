import { describe, expect, it } from 'vitest';
import { formatPhoneDisplay, maskNik, normalizePhone, validateNik, type NikResult } from './identifiers';

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['  0812-3456-7890  ', '+6281234567890'],
    ['0812345678', '+62812345678'], // 9 digits after 0
    ['0812345678901', '+62812345678901'], // 12 digits after 0
    ['0857-1234-567', '+628571234567'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['081234567', 'too short (8 after 0)'],
    ['08123456789012', 'too long (13 after 0)'],
    ['0212345678', 'landline, not mobile'],
    ['0812-3456-789O', 'letter O'],
    ['0812abc34567', 'letters'],
    ['abc', 'letters only'],
    ['', 'empty'],
    ['+1 812 3456 7890', 'other country'],
    ['00812345678', 'double zero'],
    ['+62+81234567890', 'two plus signs'],
    ['812345678', 'no prefix'],
    ['0812/3456/7890', 'slashes'],
    ['0'.repeat(10_000), '10,000 zeros'],
    ['0812' + '1'.repeat(10_000), '10,000 digits'],
    ['0812-3456-7890'.repeat(800), 'repeated number'],
  ])('%j is rejected (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('rejects a huge input quickly', () => {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) normalizePhone('08'.repeat(5_000));
    expect(performance.now() - t).toBeLessThan(200);
  });
});

describe('formatPhoneDisplay', () => {
  it.each([
    ['+6281234567890', '0812-3456-7890'],
    ['+628123456789', '0812-3456-789'],
    ['+62812345678', '0812-345-678'],
    ['+62812345678901', '0812-3456-78901'],
    ['0812 3456 7890', '0812-3456-7890'],
    ['not a phone', 'not a phone'],
  ])('%s → %s', (input, expected) => {
    expect(formatPhoneDisplay(input)).toBe(expected);
  });
});

describe('validateNik', () => {
  const REF = '2024-06-01';
  it.each<[string, string, NikResult]>([
    ['man, 17 May 1990', '3201011705900001', { ok: true, birthDate: '1990-05-17', sex: 'L' }],
    ['woman, 17 May 1990 (day + 40 = 57)', '3201015705900001', { ok: true, birthDate: '1990-05-17', sex: 'P' }],
    ['woman, 1 Jan 2005 (day 41)', '3201014101050001', { ok: true, birthDate: '2005-01-01', sex: 'P' }],
    ['woman, 31 Mar 2001 (day 71)', '3201017103010001', { ok: true, birthDate: '2001-03-31', sex: 'P' }],
    ['woman, 29 Feb 2024 (leap)', '3201016902240001', { ok: true, birthDate: '2024-02-29', sex: 'P' }],
    ['29 Feb 2000', '3201012902000001', { ok: true, birthDate: '2000-02-29', sex: 'L' }],
    ['year 24 not after the reference → 2024', '3201011705240001', { ok: true, birthDate: '2024-05-17', sex: 'L' }],
    ['year 24 after the reference → 1924', '3201010107240001', { ok: true, birthDate: '1924-07-01', sex: 'L' }],
    ['on the reference date itself', '3201010106240001', { ok: true, birthDate: '2024-06-01', sex: 'L' }],
    ['spaces between groups', '3201 0117 0590 0001', { ok: true, birthDate: '1990-05-17', sex: 'L' }],
    ['29 Feb 2023 does not exist', '3201012902230001', { ok: false, error: 'date' }],
    ['woman, 29 Feb 2023 (day 69)', '3201016902230001', { ok: false, error: 'date' }],
    ['woman, 31 April (day 71)', '3201017104900001', { ok: false, error: 'date' }],
    ['day 00', '3201010005900001', { ok: false, error: 'date' }],
    ['day 32', '3201013205900001', { ok: false, error: 'date' }],
    ['day 40', '3201014005900001', { ok: false, error: 'date' }],
    ['day 72', '3201017205900001', { ok: false, error: 'date' }],
    ['month 13', '3201011713900001', { ok: false, error: 'date' }],
    ['month 00', '3201011700900001', { ok: false, error: 'date' }],
    ['15 digits', '320101170590000', { ok: false, error: 'shape' }],
    ['17 digits', '32010117059000011', { ok: false, error: 'shape' }],
    ['a letter', '32010117059000O1', { ok: false, error: 'shape' }],
    ['dashes', '320101-170590-0001', { ok: false, error: 'shape' }],
    ['empty', '', { ok: false, error: 'shape' }],
    ['10,000 digits', '1'.repeat(10_000), { ok: false, error: 'shape' }],
  ])('%s', (_name, nik, expected) => {
    expect(validateNik(nik, REF)).toEqual(expected);
  });

  it('reads the century from the reference day (the caller passes today)', () => {
    // Born 17 May of year "25": 2025 once that day has come, else 1925.
    expect(validateNik('3201015705250001', '2025-05-17')).toEqual({ ok: true, birthDate: '2025-05-17', sex: 'P' });
    expect(validateNik('3201015705250001', '2025-05-16')).toEqual({ ok: true, birthDate: '1925-05-17', sex: 'P' });
    expect(validateNik('3201015705900001', '2026-12-02')).toEqual({ ok: true, birthDate: '1990-05-17', sex: 'P' });
  });
});

describe('maskNik', () => {
  it.each([
    ['3201015705900001', '3201**********01'],
    ['3201 0157 0590 0001', '3201**********01'],
    ['12345', '*****'],
    ['', ''],
  ])('%j → %j', (nik, masked) => {
    expect(maskNik(nik)).toBe(masked);
  });
});
