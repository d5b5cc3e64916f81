import { describe, expect, it } from 'vitest';
import { ageInDays, completedMonths, fiveMonthDate, isAtLeastFiveMonths, isUnderSixMonths, monthDate, sixMonthDate } from './age';
import { addDays, fromEpochDay, toEpochDay } from './dates';

describe('monthDate: births on the 29th, 30th, 31st, leap years, year ends', () => {
  it.each([
    ['2023-08-31', 6, '2024-02-29'], // leap year: 31 Aug → 29 Feb
    ['2022-08-31', 6, '2023-02-28'], // common year: 31 Aug → 28 Feb
    ['2023-08-30', 6, '2024-02-29'],
    ['2022-08-30', 6, '2023-02-28'],
    ['2023-08-29', 6, '2024-02-29'],
    ['2022-08-29', 6, '2023-02-28'],
    ['2023-08-28', 6, '2024-02-28'],
    ['2024-02-29', 6, '2024-08-29'], // born on a leap day
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-03-31', 6, '2024-09-30'], // 31st → 30-day month
    ['2024-05-31', 5, '2024-10-31'],
    ['2024-05-31', 6, '2024-11-30'],
    ['2023-10-31', 4, '2024-02-29'],
    ['2023-07-31', 6, '2024-01-31'], // December → January crossing
    ['2023-12-31', 1, '2024-01-31'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2023-12-31', 6, '2024-06-30'],
    ['2023-12-01', 6, '2024-06-01'],
    ['2024-01-15', 0, '2024-01-15'],
  ])('born %s, n=%i → %s', (birth, n, expected) => {
    expect(monthDate(birth, n)).toBe(expected);
  });

  it.each([
    ['2023-08-31', '2024-01-31', '2024-02-29'],
    ['2022-08-31', '2023-01-31', '2023-02-28'],
    ['2024-09-30', '2025-02-28', '2025-03-30'],
  ])('born %s: five-month %s, six-month %s', (birth, five, six) => {
    expect(fiveMonthDate(birth)).toBe(five);
    expect(sixMonthDate(birth)).toBe(six);
  });
});

describe('under six months / at least five months', () => {
  it.each([
    // birth, day, under 6, at least 5
    ['2023-08-31', '2024-02-28', true, true], // day before the 6-month date
    ['2023-08-31', '2024-02-29', false, true], // the 6-month date itself
    ['2022-08-31', '2023-02-27', true, true],
    ['2022-08-31', '2023-02-28', false, true],
    ['2023-08-31', '2024-01-30', true, false], // day before the 5-month date
    ['2023-08-31', '2024-01-31', true, true], // the 5-month date
    ['2023-08-31', '2023-08-31', true, false], // birth day
  ])('born %s on %s: under6=%s atLeast5=%s', (birth, on, under6, atLeast5) => {
    expect(isUnderSixMonths(birth, on)).toBe(under6);
    expect(isAtLeastFiveMonths(birth, on)).toBe(atLeast5);
  });
});

describe('ageInDays', () => {
  it.each([
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-01', '2024-01-04', 3],
    ['2023-12-31', '2024-01-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-01-02', '2024-01-01', -1],
  ])('born %s on %s → %i', (birth, on, days) => {
    expect(ageInDays(birth, on)).toBe(days);
  });
});

describe('completedMonths', () => {
  it.each([
    ['2023-08-31', '2024-02-28', 5],
    ['2023-08-31', '2024-02-29', 6],
    ['2023-08-31', '2023-09-29', 0],
    ['2023-08-31', '2023-09-30', 1], // 1-month date is 30 Sep (clamped)
    ['2023-12-15', '2024-01-14', 0],
    ['2023-12-15', '2024-01-15', 1],
    ['2024-01-31', '2024-02-29', 1],
    ['2024-01-31', '2024-03-30', 1],
    ['2024-01-31', '2024-03-31', 2],
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-10', '2024-01-09', -1],
  ])('born %s on %s → %i', (birth, on, n) => {
    expect(completedMonths(birth, on)).toBe(n);
  });

  it('is consistent with monthDate for every birth in 2023–2024 and every day to 7 months', () => {
    for (let b = toEpochDay('2023-01-01'); b <= toEpochDay('2024-12-31'); b += 1) {
      const birth = fromEpochDay(b);
      for (let age = 0; age <= 215; age += 1) {
        const on = addDays(birth, age);
        const c = completedMonths(birth, on);
        if (!(monthDate(birth, c) <= on && monthDate(birth, c + 1) > on)) {
          throw new Error(`born ${birth} on ${on}: completedMonths=${c}`);
        }
      }
    }
  });
});
