/**
 * Monthly indicators (DESIGN §3 "Indicators"; posyandu F1 form section O, split by sex).
 *
 * For month M with first day F and last day L:
 * - left out of M: status `exited` on L;
 * - recall in M: a visit dated in M before the 6-month date; latest recall = the last one
 *   (same-day tie: the visit with the greater id, else the later one in input order);
 * - O1 / O2: babies with a recall in M whose status on the day of their latest recall is
 *   `ongoing` / `broken`;
 * - O3: under 6 months on at least one day of M (birth ≤ L and 6-month date > F), no recall in M;
 * - O4: 6-month date in M; O5: those of O4 whose status on L is `graduated`;
 * - recall coverage: latest recall in M exclusive / babies with a recall in M;
 * - six-month coverage: O5 / O4.
 *
 * Reading of "over babies with a recall in M (O1 + O2)": the denominator is the set of babies
 * (not left out) with a recall in M, and it always equals O1 + O2. The latest recall day D is
 * before the 6-month date, so the status on D cannot be `graduated` or `unrecorded`; and it
 * cannot be `exited`, because an exit on or before D (and before the 6-month date) is also on
 * or before L, which would have left the baby out of M. So every such baby is in O1 or O2.
 * The tests assert this identity.
 */
import { sixMonthDate } from './age';
import { monthBounds, yearMonthRange } from './dates';
import { firstBreak, journeyStatus, type BabyFacts, type JourneyStatus, type VisitFacts } from './journey';
import { isExclusiveRecall } from './recall';
import type { IsoDate, Sex, YearMonth } from './types';

export interface SexCounts {
  L: number;
  P: number;
  total: number;
}

export interface Coverage {
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100, unrounded; null when the denominator is 0 ("no data"). */
  percent: number | null;
}

export interface IndicatorTotals {
  O1: SexCounts;
  O2: SexCounts;
  O3: SexCounts;
  O4: SexCounts;
  O5: SexCounts;
  recallCoverage: Coverage;
  sixMonthCoverage: Coverage;
}

export interface MonthIndicators extends IndicatorTotals {
  year: number;
  month: number;
}

/** Which rows of month M one baby counts in. */
export interface BabyMonthFacts {
  leftOut: boolean;
  /** Latest recall in M (null when none or left out). */
  latestRecall: VisitFacts | null;
  /** Status on the day of the latest recall in M. */
  statusOnLatestRecall: JourneyStatus | null;
  /** Status on the last day of M. */
  statusOnLastDay: JourneyStatus;
  O1: boolean;
  O2: boolean;
  O3: boolean;
  O4: boolean;
  O5: boolean;
  /** Counts in the recall-coverage denominator (has a recall in M; equals O1 || O2). */
  recallDenominator: boolean;
  /** Counts in the recall-coverage numerator (latest recall in M is exclusive). */
  recallNumerator: boolean;
}

/**
 * The one rounding of a coverage percentage, on screen, in print, CSV and XLSX
 * (docs/decisions/048-percent-rounding.md): one decimal, half away from zero (66,666… → 66,7;
 * 12,25 → 12,3). null (no data) stays null. lib/format.ts formatPercent and lib/reports use it.
 */
export const PERCENT_DECIMALS = 1;
export function roundPercent(percent: number | null): number | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  const f = 10 ** PERCENT_DECIMALS;
  // toPrecision(12) first: 12.25 × 10 = 122.49999999999999 in binary, which must round up.
  return (Math.sign(percent) * Math.round(Number((Math.abs(percent) * f).toPrecision(12)))) / f;
}

/** Build a coverage; percent is null (no data) when the denominator is 0. */
export function coverage(numerator: number, denominator: number): Coverage {
  return { numerator, denominator, percent: denominator === 0 ? null : (numerator / denominator) * 100 };
}

function laterRecall(a: VisitFacts, b: VisitFacts): boolean {
  if (a.visitDate !== b.visitDate) return a.visitDate > b.visitDate;
  if (a.id !== undefined && b.id !== undefined && a.id !== b.id) return a.id > b.id;
  return true; // same date, no ids: the later one in input order
}

/** The baby's latest recall in [first, last] before its 6-month date, or null. */
export function latestRecallIn(baby: BabyFacts, first: IsoDate, last: IsoDate): VisitFacts | null {
  const limit = sixMonthDate(baby.birthDate);
  let latest: VisitFacts | null = null;
  for (const v of baby.visits) {
    if (v.visitDate < first || v.visitDate > last || v.visitDate >= limit) continue;
    if (latest === null || laterRecall(v, latest)) latest = v;
  }
  return latest;
}

/** Rows of month M (month 1–12) a single baby counts in. */
export function monthFacts(baby: BabyFacts, year: number, month: number): BabyMonthFacts {
  const { first, last } = monthBounds(year, month);
  const known = { firstBreak: firstBreak(baby) };
  const statusOnLastDay = journeyStatus(baby, last, known).status;
  const six = sixMonthDate(baby.birthDate);
  const none = { O1: false, O2: false, O3: false, O4: false, O5: false, recallDenominator: false, recallNumerator: false };
  if (statusOnLastDay === 'exited') {
    return { leftOut: true, latestRecall: null, statusOnLatestRecall: null, statusOnLastDay, ...none };
  }
  const latestRecall = latestRecallIn(baby, first, last);
  const statusOnLatestRecall = latestRecall ? journeyStatus(baby, latestRecall.visitDate, known).status : null;
  const O4 = six >= first && six <= last;
  return {
    leftOut: false,
    latestRecall,
    statusOnLatestRecall,
    statusOnLastDay,
    O1: statusOnLatestRecall === 'ongoing',
    O2: statusOnLatestRecall === 'broken',
    O3: latestRecall === null && baby.birthDate <= last && six > first,
    O4,
    O5: O4 && statusOnLastDay === 'graduated',
    recallDenominator: latestRecall !== null,
    recallNumerator: latestRecall !== null && isExclusiveRecall({ breastfed: latestRecall.breastfed, items: latestRecall.recallItems }),
  };
}

function zeroCounts(): SexCounts {
  return { L: 0, P: 0, total: 0 };
}

function bump(c: SexCounts, sex: Sex): void {
  c[sex] += 1;
  c.total += 1;
}

/** All indicators of month M (month 1–12) over a set of babies. */
export function indicatorsForMonth(babies: readonly BabyFacts[], year: number, month: number): MonthIndicators {
  const rows = { O1: zeroCounts(), O2: zeroCounts(), O3: zeroCounts(), O4: zeroCounts(), O5: zeroCounts() };
  let recallNum = 0;
  let recallDen = 0;
  for (const baby of babies) {
    const f = monthFacts(baby, year, month);
    if (f.leftOut) continue;
    for (const key of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) if (f[key]) bump(rows[key], baby.sex);
    if (f.recallDenominator) recallDen += 1;
    if (f.recallNumerator) recallNum += 1;
  }
  return {
    year,
    month,
    ...rows,
    recallCoverage: coverage(recallNum, recallDen),
    sixMonthCoverage: coverage(rows.O5.total, rows.O4.total),
  };
}

function addCounts(a: SexCounts, b: SexCounts): SexCounts {
  return { L: a.L + b.L, P: a.P + b.P, total: a.total + b.total };
}

/**
 * Totals over several months (quarter, year) or several units (posyandu → village):
 * counts and coverage numerators/denominators are added, percentages recomputed (never averaged).
 * O1–O3 summed over months count baby-months, as the paper F1 recap does.
 */
export function sumIndicators(list: readonly IndicatorTotals[]): IndicatorTotals {
  const sum: IndicatorTotals = {
    O1: zeroCounts(),
    O2: zeroCounts(),
    O3: zeroCounts(),
    O4: zeroCounts(),
    O5: zeroCounts(),
    recallCoverage: coverage(0, 0),
    sixMonthCoverage: coverage(0, 0),
  };
  for (const m of list) {
    for (const key of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) sum[key] = addCounts(sum[key], m[key]);
    sum.recallCoverage = coverage(sum.recallCoverage.numerator + m.recallCoverage.numerator, sum.recallCoverage.denominator + m.recallCoverage.denominator);
    sum.sixMonthCoverage = coverage(sum.sixMonthCoverage.numerator + m.sixMonthCoverage.numerator, sum.sixMonthCoverage.denominator + m.sixMonthCoverage.denominator);
  }
  return sum;
}

/**
 * The totals of a period (a month, a quarter, a year: every month from `from` to `to`) from
 * per-month totals, as the dashboard, the report and the kader summary read them: the months'
 * counts, numerators and denominators added (sumIndicators), the percentages recomputed from
 * those sums, never averaged. Rows outside the period are ignored; null when no month of the
 * period has a row ("belum ada data").
 */
export function periodTotals(rows: readonly { year: number; month: number; totals: IndicatorTotals }[], from: YearMonth, to: YearMonth): IndicatorTotals | null {
  const key = (ym: YearMonth) => ym.year * 12 + ym.month;
  const inside = rows.filter((r) => key(r) >= key(from) && key(r) <= key(to));
  return inside.length ? sumIndicators(inside.map((r) => r.totals)) : null;
}

/**
 * How many babies a place follows in a month (issue #29): those under 6 months on at least one day
 * of it and not left out of it — O1 + O2 + O3 (a baby with a recall in the month is O1 or O2, one
 * without is O3). For a quarter or a year, the count of its last month: months are not added, or a
 * baby would count once per month.
 */
export function babiesFollowed(month: IndicatorTotals | null): number {
  return month ? month.O1.total + month.O2.total + month.O3.total : 0;
}

/** A single month or an inclusive range of months. */
export type Period = YearMonth | { from: YearMonth; to: YearMonth };

/** The months of a period, in order. */
export function periodMonths(period: Period): YearMonth[] {
  return 'from' in period ? yearMonthRange(period.from, period.to) : [period];
}

/** Indicators summed over every month of a period. */
export function indicatorsForPeriod(babies: readonly BabyFacts[], period: Period): IndicatorTotals {
  return sumIndicators(periodMonths(period).map((ym) => indicatorsForMonth(babies, ym.year, ym.month)));
}

export interface AttendanceCoverage {
  /** Six-month coverage of babies whose mothers attended at least one session. */
  attended: Coverage;
  /** Six-month coverage of the others (babies without an id count here). */
  notAttended: Coverage;
}

/**
 * Six-month coverage (O5/O4 summed over the period) of babies whose mothers attended at least
 * one session against those who attended none. The caller decides which attendance counts
 * (e.g. sessions before the 6-month date) when building `attendedBabyIds`.
 */
export function coverageByAttendance(babies: readonly BabyFacts[], attendedBabyIds: ReadonlySet<string>, period: Period): AttendanceCoverage {
  const attended = babies.filter((b) => b.id !== undefined && attendedBabyIds.has(b.id));
  const others = babies.filter((b) => b.id === undefined || !attendedBabyIds.has(b.id));
  return {
    attended: indicatorsForPeriod(attended, period).sixMonthCoverage,
    notAttended: indicatorsForPeriod(others, period).sixMonthCoverage,
  };
}
