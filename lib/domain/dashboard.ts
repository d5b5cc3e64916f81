/**
 * Rules behind the coverage dashboard beyond the F1 indicators (DESIGN §3 "Indicators",
 * "Breaks", "Sessions"). The stored figures apply them per baby (coverage-rows.ts);
 * tests/integration/coverage-months.test.ts holds the sums equal to these functions.
 */
import { monthDate } from './age';
import { coverage, roundPercent, type Coverage } from './indicators';
import { firstBreak, journeyStatus, type BabyFacts } from './journey';
import { BREAK_REASONS, type BreakReason } from './recall';
import type { IsoDate } from './types';

/** Months of age on the exclusivity curve: 0 (birth) to 6. */
export const CURVE_MONTHS = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * Is the baby still exclusively breastfed at `k` months of age (k = 0…6), as known on `today`?
 * - null (not counted) when its k-month date is after `today`, or it exited on or before that date;
 * - k < 6: true when its status on the k-month date is `ongoing` (no break on or before it);
 * - k = 6: true when its status on the 6-month date is `graduated` (as for six-month coverage).
 */
export function exclusiveAtAgeMonth(baby: BabyFacts, k: number, today: IsoDate, known?: { firstBreak: ReturnType<typeof firstBreak> }): boolean | null {
  const day = monthDate(baby.birthDate, k);
  if (day > today) return null;
  const status = journeyStatus(baby, day, known ?? { firstBreak: firstBreak(baby) }).status;
  if (status === 'exited') return null;
  return k < 6 ? status === 'ongoing' : status === 'graduated';
}

export interface CurvePoint {
  month: number;
  share: Coverage;
}

/** Share of babies still exclusively breastfed at each month of age 0–6 (the survival curve). */
export function exclusivityCurve(babies: readonly BabyFacts[], today: IsoDate): CurvePoint[] {
  const num = CURVE_MONTHS.map(() => 0);
  const den = CURVE_MONTHS.map(() => 0);
  for (const baby of babies) {
    const known = { firstBreak: firstBreak(baby) };
    CURVE_MONTHS.forEach((k, i) => {
      const e = exclusiveAtAgeMonth(baby, k, today, known);
      if (e === null) return;
      den[i]! += 1;
      if (e) num[i]! += 1;
    });
  }
  return CURVE_MONTHS.map((month, i) => ({ month, share: coverage(num[i]!, den[i]!) }));
}

export const STOP_REASONS = [...BREAK_REASONS, 'unknown'] as const;
export type StopReason = BreakReason | 'unknown';

/**
 * Why mothers stopped: babies whose first break (lib/domain firstBreak, before the 6-month
 * date) falls in [from, to], counted by that break's reason ('unknown' when none was given).
 */
export function stopReasonCounts(babies: readonly BabyFacts[], from: IsoDate, to: IsoDate): Record<StopReason, number> {
  const out = Object.fromEntries(STOP_REASONS.map((r) => [r, 0])) as Record<StopReason, number>;
  for (const baby of babies) {
    const fb = firstBreak(baby);
    if (!fb || fb.date < from || fb.date > to) continue;
    out[fb.reason ?? 'unknown'] += 1;
  }
  return out;
}

export type TargetState = 'met' | 'notMet' | 'noData' | 'noTarget';

/**
 * Is a coverage at or above the year's target (issue #23: "Target 50%" was red even when met)?
 * Compared as shown: the percentage rounded once (roundPercent), so a page never says "50%"
 * beside "belum tercapai" for a target of 50. No target → 'noTarget'; no data → 'noData'.
 */
export function targetState(c: Coverage | null | undefined, target: number | null): TargetState {
  if (target === null) return 'noTarget';
  const p = roundPercent(c?.percent ?? null);
  if (p === null) return 'noData';
  return p >= target ? 'met' : 'notMet';
}

/**
 * The status card of a day ("Bayi menurut status per …", decision 050): the journey status on
 * `day` of every baby born by then. A baby born after the day is not counted (a past month's card
 * counts only the babies that existed on its last day).
 */
export function statusCountsOn(babies: readonly BabyFacts[], day: IsoDate): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of babies) {
    if (b.birthDate > day) continue;
    const s = journeyStatus(b, day).status;
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}
