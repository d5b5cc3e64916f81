import { describe, expect, it } from 'vitest';
import { certificateEligibility, formatSerial, initials, parseSerial, type CertificateEligibility } from './certificate';
import type { BabyFacts } from './journey';
import { baby, visit } from './testkit';

// Born 31 Aug 2023: 5-month date 31 Jan 2024, 6-month date 29 Feb 2024.
const B = '2023-08-31';
const graduated = baby(B, [visit('2024-02-10', { confirmedExclusive: true })]);

describe('certificateEligibility', () => {
  it.each<[string, BabyFacts, string, boolean, CertificateEligibility]>([
    ['graduated', graduated, '2024-03-01', false, { eligible: true }],
    ['graduated on the 6-month date', graduated, '2024-02-29', false, { eligible: true }],
    ['graduated, already issued', graduated, '2024-03-01', true, { eligible: false, reason: 'already_issued' }],
    ['not yet 6 months', graduated, '2024-02-28', false, { eligible: false, reason: 'ongoing' }],
    [
      'broken',
      baby(B, [visit('2023-10-01', { recallItems: ['formula'] }), visit('2024-02-10', { confirmedExclusive: true })]),
      '2024-03-01',
      false,
      { eligible: false, reason: 'broken' },
    ],
    [
      'broken after issue (revoke case)',
      baby(B, [visit('2024-03-05', { givenSinceLast: true, givenSinceLastDate: '2024-01-10' }), visit('2024-02-10', { confirmedExclusive: true })]),
      '2024-03-10',
      true,
      { eligible: false, reason: 'broken' },
    ],
    ['never confirmed', baby(B, [visit('2024-02-10')]), '2024-03-01', false, { eligible: false, reason: 'unrecorded' }],
    ['no visits at all', baby(B), '2024-03-01', false, { eligible: false, reason: 'unrecorded' }],
    ['exited before 6 months', baby(B, [], { exitDate: '2023-12-01', exitReason: 'moved' }), '2024-03-01', false, { eligible: false, reason: 'exited' }],
    ['exit after 6 months does not matter', { ...graduated, exitDate: '2024-03-02' }, '2024-04-01', false, { eligible: true }],
  ])('%s', (_name, b, today, alreadyIssued, expected) => {
    expect(certificateEligibility(b, today, { alreadyIssued })).toEqual(expected);
  });
});

describe('formatSerial / parseSerial', () => {
  it.each([
    ['BJN', 2024, 1, 'KEKASIHKU/BJN/2024/0001'],
    ['BJN', 2024, 7, 'KEKASIHKU/BJN/2024/0007'],
    ['P3201010', 2025, 1234, 'KEKASIHKU/P3201010/2025/1234'],
    ['BJN', 2025, 12345, 'KEKASIHKU/BJN/2025/12345'],
    [' BJN ', 2024, 2, 'KEKASIHKU/BJN/2024/0002'],
  ])('(%s, %i, %i) → %s', (code, year, n, serial) => {
    expect(formatSerial(code, year, n)).toBe(serial);
    expect(parseSerial(serial)).toEqual({ puskesmasCode: code.trim(), year, n });
  });

  it.each([
    ['', 2024, 1],
    ['A/B', 2024, 1],
    ['A B', 2024, 1],
    ['BJN', 24, 1],
    ['BJN', 2024, 0],
    ['BJN', 2024, -3],
    ['BJN', 2024, 1.5],
  ])('(%s, %i, %s) throws', (code, year, n) => {
    expect(() => formatSerial(code, year, n)).toThrow(RangeError);
  });

  it.each(['', 'KEKASIHKU/BJN/2024/7', 'KEKASIHKU/BJN/24/0007', 'X/BJN/2024/0007', 'KEKASIHKU/BJN/2024/0000', 'KEKASIHKU//2024/0001'])('parseSerial(%j) is null', (s) => {
    expect(parseSerial(s)).toBeNull();
  });
});

describe('initials', () => {
  it.each([
    ['Siti Nurhaliza', 'S. N.'],
    ['  siti   nurhaliza ', 'S. N.'],
    ['Dewi', 'D.'],
    ['Ni Luh Ayu Lestari', 'N. L. A. L.'],
    ['Hj. Siti Aminah', 'H. S. A.'],
    ["Nur'aini Putri", 'N. P.'],
    ['ilham', 'I.'],
    ['Élodie', 'É.'],
    ['1 Siti', 'S.'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
