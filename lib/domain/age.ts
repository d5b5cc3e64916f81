/**
 * Age rules (DESIGN §3 "Age").
 *
 * The n-month date is the birth date plus n calendar months, clamped to the end of a
 * shorter month: born 31 Aug 2023 → 6-month date 29 Feb 2024; born 31 Aug 2022 → 28 Feb 2023.
 */
import { addMonths, diffDays, parseIsoDate } from './dates';
import type { IsoDate } from './types';

/** Birth date plus n calendar months, clamped to month end. */
export function monthDate(birth: IsoDate, n: number): IsoDate {
  return addMonths(birth, n);
}

/** The 6-month date: the first day the baby is no longer "under 6 months". */
export function sixMonthDate(birth: IsoDate): IsoDate {
  return monthDate(birth, 6);
}

/** The 5-month date: from this day on the confirmation question is asked. */
export function fiveMonthDate(birth: IsoDate): IsoDate {
  return monthDate(birth, 5);
}

/** Age in days; day 0 is the birth date (negative before birth). */
export function ageInDays(birth: IsoDate, on: IsoDate): number {
  return diffDays(on, birth);
}

/**
 * Completed months on a day: the largest n with monthDate(birth, n) <= on, so a baby has
 * completed n months iff on >= monthDate(birth, n). Negative before birth.
 */
export function completedMonths(birth: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birth);
  const o = parseIsoDate(on);
  const n = (o.year - b.year) * 12 + (o.month - b.month);
  // monthDate(birth, n) lies in the month of `on`; if it is still ahead, n months are not complete.
  return monthDate(birth, n) <= on ? n : n - 1;
}

/** Under 6 months: every day before the 6-month date. */
export function isUnderSixMonths(birth: IsoDate, on: IsoDate): boolean {
  return on < sixMonthDate(birth);
}

/** At least 5 months: from the 5-month date on. */
export function isAtLeastFiveMonths(birth: IsoDate, on: IsoDate): boolean {
  return on >= fiveMonthDate(birth);
}
