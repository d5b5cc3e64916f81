/**
 * What a mother sees of her baby's journey: how many days of exclusive breastfeeding so far.
 * Counted from birth up to the first break, the exit, today, or the 6-month date, whichever
 * comes first.
 */
import { ageInDays, sixMonthDate } from './age';
import { minDate } from './dates';
import { firstBreak, type BabyFacts } from './journey';
import type { IsoDate } from './types';

export function exclusiveDays(baby: BabyFacts, on: IsoDate): number {
  let end = minDate(on, sixMonthDate(baby.birthDate));
  const brk = firstBreak(baby);
  if (brk) end = minDate(end, brk.date);
  if (baby.exitDate) end = minDate(end, baby.exitDate);
  return Math.max(0, ageInDays(baby.birthDate, end));
}
