import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, passwordProblem } from './password';

const PHONE = '+6281220000001';

describe('passwordProblem', () => {
  it.each([
    ['', 'validation.passwordTooShort'],
    ['abc', 'validation.passwordTooShort'],
    ['1234567', 'validation.passwordTooShort'],
    ['        ', 'validation.passwordTooShort'],
    ['x'.repeat(201), 'validation.passwordTooLong'],
    ['081220000001', 'validation.passwordIsPhone'],
    ['6281220000001', 'validation.passwordIsPhone'],
    ['+62 812-2000-0001', 'validation.passwordIsPhone'],
    ['hp81220000001', 'validation.passwordIsPhone'],
    ['12345678', 'validation.passwordCommon'],
    ['Password', 'validation.passwordCommon'],
    ['BISMILLAH', 'validation.passwordCommon'],
    ['kekasihku', 'validation.passwordCommon'],
    ['Melati-Pagi 7', null],
    ['x'.repeat(200), null],
    ['81220000', null], // a part of the phone number is not the phone number
    ['sayang kamu selalu', null],
    ['Ibu Ani ❤ 2026', null],
  ])('%j → %s', (pw, expected) => {
    expect(passwordProblem(pw, PHONE)).toBe(expected);
  });

  it('without a phone, only length and the common list apply', () => {
    expect(passwordProblem('081220000001')).toBeNull();
    expect(passwordProblem('password1')).toBe('validation.passwordCommon');
  });

  it('the common list is lower-case and every entry long enough to be caught by it, not by length', () => {
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect(p.length).toBeGreaterThanOrEqual(8);
    }
  });
});
