import { describe, expect, it } from 'vitest';
import {
  babyErasureDate,
  DEFAULT_RETENTION_MONTHS,
  ERASED_MARK,
  escapeRegex,
  isErasureDue,
  motherErasureDate,
  requestAgeDays,
  retentionMonthsOf,
  scrubPattern,
  scrubTerms,
  scrubText,
} from './data-rights';

describe('retention', () => {
  it.each([
    // followedUntil, months, erasure date
    ['2024-08-31', 24, '2026-08-31'],
    ['2024-02-29', 12, '2025-02-28'], // clamped to the shorter month, as the n-month date
    ['2026-01-31', 1, '2026-02-28'],
    ['2025-06-15', 6, '2025-12-15'],
  ])('a baby followed until %s is due %i months later: %s', (until, months, due) => {
    expect(babyErasureDate(until, months)).toBe(due);
  });

  it('the default applies when the puskesmas set none', () => {
    expect(retentionMonthsOf(null)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsOf(undefined)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonthsOf(36)).toBe(36);
  });

  it.each([
    [[], 24, null],
    [['2024-01-10'], 24, '2026-01-10'],
    // Twins, or a younger sibling: the mother is due when the last of her babies is.
    [['2024-01-10', '2025-03-01'], 24, '2027-03-01'],
    [['2025-03-01', '2024-01-10'], 12, '2026-03-01'],
  ] as const)('a mother whose babies are followed until %j is due (%i months) on %s', (until, months, due) => {
    expect(motherErasureDate(until, months)).toBe(due);
  });

  it.each([
    ['2026-01-10', '2026-01-09', false],
    ['2026-01-10', '2026-01-10', true],
    ['2026-01-10', '2026-12-07', true],
    [null, '2026-12-07', false],
  ] as const)('due on %s, today %s: %s', (date, today, due) => {
    expect(isErasureDue(date, today)).toBe(due);
  });
});

describe('scrub terms', () => {
  it('names, NIK and address as written; the phone in the ways people write it; short values left out; longest first', () => {
    const terms = scrubTerms({ names: ['Siti Aminah', 'Budi', 'Al', null], phones: ['+6281234567890'], others: ['3201014506900001', '  Jl. Melati  No. 3 ', ''] });
    expect(terms).toEqual(['3201014506900001', 'Jl. Melati No. 3', '+6281234567890', '0812-3456-7890', '6281234567890', '081234567890', 'Siti Aminah', 'Budi']);
  });

  it.each([
    ['Ibu Siti Aminah datang bersama suami.', 'Ibu [dihapus] datang bersama suami.'],
    ['SITI AMINAH menelepon 0812-3456-7890', '[dihapus] menelepon [dihapus]'],
    ['Siti  Aminah, HP +6281234567890.', '[dihapus], HP [dihapus].'],
    // Not inside a longer word or number.
    ['Budiman dan Budi', 'Budiman dan [dihapus]'],
    ['081234567890123', '081234567890123'],
    ['Tidak ada nama.', 'Tidak ada nama.'],
    ['Alamat: Jl. Melati No. 3, RT 01', 'Alamat: [dihapus], RT 01'],
    ['Jl. MelatiXNo. 3', 'Jl. MelatiXNo. 3'], // the dot is a literal dot
  ])('%s → %s', (input, out) => {
    const terms = scrubTerms({ names: ['Siti Aminah', 'Budi'], phones: ['+6281234567890'], others: ['Jl. Melati No. 3'] });
    expect(scrubText(input, terms)).toBe(out);
  });

  it('special characters are literals', () => {
    expect(escapeRegex('a.b*(c)|d')).toBe('a\\.b\\*\\(c\\)\\|d');
    expect(scrubText('x a.b*(c) y', ['a.b*(c)'])).toBe(`x ${ERASED_MARK} y`);
    expect(scrubPattern([])).toBeNull();
    expect(scrubPattern(['Budi'])).toContain('Budi');
  });
});

describe('request age', () => {
  it.each([
    ['2026-12-07', '2026-12-07', 0],
    ['2026-12-01', '2026-12-07', 6],
    ['2026-11-30', '2026-12-07', 7],
  ])('asked %s, today %s: %i days', (a, b, n) => {
    expect(requestAgeDays(a, b)).toBe(n);
  });
});
