import { TZDate } from '@date-fns/tz';
import { addMonths as dfAddMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addToYearMonth,
  compareIsoDates,
  daysInMonth,
  diffDays,
  formatDateLongId,
  formatDateShortId,
  formatIsoDate,
  fromEpochDay,
  isIsoDate,
  isoDateToUtcDate,
  monthBounds,
  monthOf,
  parseIsoDate,
  quarterMonths,
  toEpochDay,
  yearMonthRange,
} from './dates';
import { isoToday } from './today';

describe('isIsoDate / parseIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['', false],
    ['abcd-ef-gh', false],
  ])('%s → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
    if (ok) expect(parseIsoDate(s)).toBeDefined();
    else expect(() => parseIsoDate(s)).toThrow(RangeError);
  });

  it('rejects non-strings', () => {
    expect(isIsoDate(20240101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('formatIsoDate pads and validates', () => {
    expect(formatIsoDate(2024, 2, 9)).toBe('2024-02-09');
    expect(() => formatIsoDate(2023, 2, 29)).toThrow(RangeError);
  });
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
    ['0001-01-01', -719162],
  ])('%s → %i', (iso, n) => {
    expect(toEpochDay(iso)).toBe(n);
    expect(fromEpochDay(n)).toBe(iso);
  });

  it('matches Date.UTC for every day 1899–2101', () => {
    const start = Date.UTC(1899, 0, 1) / 86_400_000;
    const end = Date.UTC(2101, 11, 31) / 86_400_000;
    for (let n = start; n <= end; n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (toEpochDay(iso) !== n || fromEpochDay(n) !== iso) throw new Error(`mismatch at ${iso}`);
    }
  });
});

describe('addDays / diffDays', () => {
  it.each([
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-10-27', 7, '2024-11-03'],
  ])('%s + %i = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(diffDays(to, from)).toBe(n);
  });
});

describe('addMonths', () => {
  it.each([
    ['2023-08-31', 6, '2024-02-29'],
    ['2022-08-31', 6, '2023-02-28'],
    ['2023-12-31', 1, '2024-01-31'],
    ['2024-01-31', -1, '2023-12-31'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });

  it('agrees with date-fns addMonths on a UTC TZDate (2019–2025, n = -1..13)', () => {
    for (let d = toEpochDay('2019-01-01'); d <= toEpochDay('2025-12-31'); d++) {
      const iso = fromEpochDay(d);
      const { year, month, day } = parseIsoDate(iso);
      for (const n of [-1, 1, 2, 5, 6, 13]) {
        const r = dfAddMonths(new TZDate(year, month - 1, day, 'UTC'), n);
        const expected = formatIsoDate(r.getFullYear(), r.getMonth() + 1, r.getDate());
        if (addMonths(iso, n) !== expected) throw new Error(`${iso} + ${n}: ${addMonths(iso, n)} != ${expected}`);
      }
    }
  });
});

describe('months', () => {
  it.each([
    [2024, 2, '2024-02-01', '2024-02-29'],
    [2023, 2, '2023-02-01', '2023-02-28'],
    [2023, 12, '2023-12-01', '2023-12-31'],
    [2024, 1, '2024-01-01', '2024-01-31'],
    [2024, 4, '2024-04-01', '2024-04-30'],
  ])('monthBounds(%i, %i) = %s..%s', (y, m, first, last) => {
    expect(monthBounds(y, m)).toEqual({ first, last });
    expect(daysInMonth(y, m)).toBe(Number(last.slice(8)));
  });

  it.each([
    [2024, 0],
    [2024, 13],
    [2024, 1.5],
  ])('monthBounds(%i, %s) throws', (y, m) => {
    expect(() => monthBounds(y, m)).toThrow(RangeError);
  });

  it.each([
    [{ year: 2023, month: 12 }, 1, { year: 2024, month: 1 }],
    [{ year: 2024, month: 1 }, -1, { year: 2023, month: 12 }],
    [{ year: 2023, month: 11 }, 14, { year: 2025, month: 1 }],
    [{ year: 2024, month: 6 }, 0, { year: 2024, month: 6 }],
  ])('addToYearMonth(%o, %i) = %o', (ym, n, out) => {
    expect(addToYearMonth(ym, n)).toEqual(out);
  });

  it('yearMonthRange crosses December → January', () => {
    expect(yearMonthRange({ year: 2023, month: 11 }, { year: 2024, month: 2 })).toEqual([
      { year: 2023, month: 11 },
      { year: 2023, month: 12 },
      { year: 2024, month: 1 },
      { year: 2024, month: 2 },
    ]);
    expect(yearMonthRange({ year: 2024, month: 2 }, { year: 2024, month: 1 })).toEqual([]);
  });

  it.each([
    [1, [1, 2, 3]],
    [4, [10, 11, 12]],
  ] as const)('quarterMonths(2024, %i)', (q, months) => {
    expect(quarterMonths(2024, q)).toEqual(months.map((month) => ({ year: 2024, month })));
  });

  it('monthOf', () => {
    expect(monthOf('2024-12-31')).toEqual({ year: 2024, month: 12 });
  });
});

describe('isoToday', () => {
  it.each([
    [Date.UTC(2024, 11, 31, 16, 59), 'Asia/Jakarta', '2024-12-31'],
    [Date.UTC(2024, 11, 31, 17, 0), 'Asia/Jakarta', '2025-01-01'],
    [Date.UTC(2024, 11, 31, 17, 0), 'UTC', '2024-12-31'],
    [Date.UTC(2024, 11, 31, 15, 0), 'Asia/Jayapura', '2025-01-01'],
    [Date.UTC(2024, 11, 31, 15, 0), 'Asia/Makassar', '2024-12-31'],
    [Date.UTC(2024, 1, 28, 20, 0), 'Asia/Jakarta', '2024-02-29'],
  ])('%i in %s → %s', (now, tz, expected) => {
    expect(isoToday(tz, now)).toBe(expected);
    expect(isoToday(tz, new Date(now))).toBe(expected);
  });

  it('defaults to Asia/Jakarta', () => {
    expect(isoToday(undefined, Date.UTC(2024, 11, 31, 17, 0))).toBe('2025-01-01');
  });
});

describe('misc', () => {
  it('compareIsoDates', () => {
    expect(compareIsoDates('2023-12-31', '2024-01-01')).toBe(-1);
    expect(compareIsoDates('2024-01-01', '2024-01-01')).toBe(0);
    expect(compareIsoDates('2024-01-02', '2024-01-01')).toBe(1);
  });

  it('isoDateToUtcDate is UTC midnight', () => {
    expect(isoDateToUtcDate('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each([
    ['2024-08-17', '17 Agustus 2024', '17/08/2024'],
    ['2025-01-05', '5 Januari 2025', '05/01/2025'],
  ])('formats %s', (iso, long, short) => {
    expect(formatDateLongId(iso)).toBe(long);
    expect(formatDateShortId(iso)).toBe(short);
  });
});
