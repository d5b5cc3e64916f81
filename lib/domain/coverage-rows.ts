/**
 * What one baby contributes to the stored coverage figures (docs/decisions/058): the rules of
 * DESIGN §3 applied once per baby, here, by the functions the rest of lib/domain already uses
 * (monthFacts, firstBreak, exclusiveAtAgeMonth, journeyStatus, datedWindows, assignVisits).
 * lib/data/coverage-refresh.ts stores the result in the same transaction as every write it
 * depends on; the database only sums these rows per posyandu and month (coverage_months).
 *
 * Per month M, from the birth month to the month of the 6-month date (one row each):
 * - o1_l … o5_p: O1–O5 of M by sex (monthFacts); recall_num / recall_den: recall coverage;
 * - o4_attended / o5_attended: O4 / O5 when the mother attended a session before the 6-month date;
 * - o4_kb_high / o5_kb_high, o4_kb_low / o5_kb_low: O4 / O5 when the mother's baseline knowledge
 *   check was high / low (babyKnowledge's baselineLevel; neither without a baseline);
 * - o4_c_<topic> / o5_c_<topic>: O4 / O5 when the baby was counselled on the topic (COUNSELLING_CODES)
 *   on a visit before the 6-month date (babyKnowledge's counselledTopics) — the "does knowing
 *   matter" splits of lib/domain/knowledge-figures.ts, summed like the rest;
 * - stop_<reason>: the first break falls in M, with that reason ('unknown' when none was given);
 * - curve_num_k / curve_den_k: the k-month date falls in M — counted (den) unless exited on it,
 *   exclusive on it (num) as exclusiveAtAgeMonth says;
 * - final_<status>: the 6-month date falls in M; the status on that day, which never changes after it.
 * Beside the counts: the day of M each k-month date falls on, and the baby's status timeline, for
 * the counts of the month in progress (what lies between its first day and today).
 * Nothing here depends on today: the figures of a month are those of its days as known now.
 */
import { monthDate, sixMonthDate } from './age';
import { COUNSELLING_CODES } from './catalogue';
import { monthBounds, monthOf, yearMonthRange } from './dates';
import { CURVE_MONTHS, exclusiveAtAgeMonth, STOP_REASONS } from './dashboard';
import { monthFacts } from './indicators';
import { firstBreak, followedUntil, hasConfirmation, journeyStatus, statusTimeline, type BabyFacts, type StatusTimeline } from './journey';
import type { BreakReason } from './recall';
import type { GroupSessionState } from './group-sessions';
import type { BabyKnowledge } from './knowledge';
import type { IsoDate } from './types';
import { assignVisits, closedBeforeEntry, datedWindows, programEntry, type VisitWindow } from './windows';

/** The counts every baby-month row holds, and coverage_months sums (db/schema.ts names the columns after them). */
export const COVERAGE_COUNTS = [
  'o1_l',
  'o1_p',
  'o2_l',
  'o2_p',
  'o3_l',
  'o3_p',
  'o4_l',
  'o4_p',
  'o5_l',
  'o5_p',
  'recall_num',
  'recall_den',
  'o4_attended',
  'o5_attended',
  'o4_kb_high',
  'o5_kb_high',
  'o4_kb_low',
  'o5_kb_low',
  ...COUNSELLING_CODES.flatMap((t) => [`o4_c_${t}` as const, `o5_c_${t}` as const]),
  ...STOP_REASONS.map((r) => `stop_${r}` as const),
  ...CURVE_MONTHS.map((k) => `curve_num_${k}` as const),
  ...CURVE_MONTHS.map((k) => `curve_den_${k}` as const),
  'final_exited',
  'final_broken',
  'final_graduated',
  'final_unrecorded',
] as const;
export type CoverageCount = (typeof COVERAGE_COUNTS)[number];
export type CoverageCounts = Record<CoverageCount, number>;

/** A baby's state derived from all its visits, stored beside it for the live counts of today. */
export interface BabyCoverageState {
  /** First break before the 6-month date (firstBreak), or null. */
  firstBreak: IsoDate | null;
  breakReason: BreakReason | null;
  /** A visit from the 5-month date on confirmed exclusivity (hasConfirmation). */
  confirmed: boolean;
  /** The mother attended a session before the 6-month date (attendedBeforeSixMonths). */
  attended: boolean;
  /** The journey status on every day (statusTimeline): today's counts look it up. */
  timeline: StatusTimeline;
  /** The first day the baby is no longer followed (followedUntil). */
  followedUntil: IsoDate;
  /**
   * The exit that leaves the baby out of the kader table's windows: its exit when dated before the
   * 6-month date (the journey rule, DESIGN §3), else null — an exit after it changes nothing.
   */
  countedExit: IsoDate | null;
}

export interface BabyMonthRow {
  /** First day of the month. */
  month: IsoDate;
  counts: CoverageCounts;
  /**
   * For each k of CURVE_MONTHS whose k-month date falls in this month, its day of the month
   * (else null): the curve of the month in progress counts only the k-month dates up to today.
   */
  curveDays: (number | null)[];
}

export interface BabyWindowRow {
  /** Position of the window in the setting (0 = the first). */
  idx: number;
  from: IsoDate;
  to: IsoDate;
  /** Date of the visit that filled it (assignVisits), null when none did. */
  filledOn: IsoDate | null;
  late: boolean;
}

export interface BabyCoverage {
  state: BabyCoverageState;
  months: BabyMonthRow[];
  windows: BabyWindowRow[];
}

/** What the knowledge splits read of a baby (lib/domain babyKnowledge computes it from its records). */
export type CoverageKnowledge = Pick<BabyKnowledge, 'baselineLevel' | 'counselledTopics'>;

const NO_KNOWLEDGE: CoverageKnowledge = { baselineLevel: null, counselledTopics: [] };

/** One of the mother's attendance records, with its session. */
export interface AttendanceFacts {
  present: boolean;
  sessionStatus: GroupSessionState;
  /** The day the session started, in the puskesmas's time zone. */
  sessionDay: IsoDate;
}

/**
 * DESIGN §3 "Sessions": a mother counts as having attended when she was present at a session
 * that was not cancelled and started before her baby's 6-month date.
 */
export function attendedBeforeSixMonths(birthDate: IsoDate, attendance: readonly AttendanceFacts[]): boolean {
  const six = sixMonthDate(birthDate);
  return attendance.some((a) => a.present && a.sessionStatus !== 'cancelled' && a.sessionDay < six);
}

function zeroCounts(): CoverageCounts {
  return Object.fromEntries(COVERAGE_COUNTS.map((c) => [c, 0])) as CoverageCounts;
}

/** The months a baby can count in: from its birth month to the month of its 6-month date. */
function coverageMonths(birthDate: IsoDate): IsoDate[] {
  return yearMonthRange(monthOf(birthDate), monthOf(sixMonthDate(birthDate))).map((ym) => monthBounds(ym.year, ym.month).first);
}

const firstOfMonth = (d: IsoDate): IsoDate => `${d.slice(0, 7)}-01`;

/**
 * Everything one baby contributes: its state, one row per month it can count in, one row per
 * visit window owed (`windows`: the setting in force on its birth date, windowsInForce;
 * `registeredOn`: the day it was registered or imported — a window that closed before the baby
 * entered the program is not owed and has no row, docs/decisions/060; `knowledge`: the baby's
 * baseline level and counselled topics, babyKnowledge — none when not given).
 */
export function babyCoverage(
  baby: BabyFacts,
  attended: boolean,
  windows: readonly VisitWindow[],
  registeredOn?: IsoDate | null,
  knowledge: CoverageKnowledge = NO_KNOWLEDGE,
): BabyCoverage {
  const fb = firstBreak(baby);
  const known = { firstBreak: fb };
  const six = sixMonthDate(baby.birthDate);
  const sex = baby.sex === 'L' ? 'l' : 'p';
  const months = coverageMonths(baby.birthDate).map((month): BabyMonthRow => {
    const { year, month: m } = monthOf(month);
    const c = zeroCounts();
    const curveDays: (number | null)[] = CURVE_MONTHS.map(() => null);
    const f = monthFacts(baby, year, m);
    if (!f.leftOut) {
      for (const o of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) if (f[o]) c[`${o.toLowerCase() as 'o1'}_${sex}`] = 1;
      c.recall_num = f.recallNumerator ? 1 : 0;
      c.recall_den = f.recallDenominator ? 1 : 0;
      c.o4_attended = f.O4 && attended ? 1 : 0;
      c.o5_attended = f.O5 && attended ? 1 : 0;
      if (knowledge.baselineLevel) {
        c[`o4_kb_${knowledge.baselineLevel}`] = f.O4 ? 1 : 0;
        c[`o5_kb_${knowledge.baselineLevel}`] = f.O5 ? 1 : 0;
      }
      for (const t of knowledge.counselledTopics) {
        c[`o4_c_${t}`] = f.O4 ? 1 : 0;
        c[`o5_c_${t}`] = f.O5 ? 1 : 0;
      }
    }
    if (fb && firstOfMonth(fb.date) === month) c[`stop_${fb.reason ?? 'unknown'}`] = 1;
    for (const k of CURVE_MONTHS) {
      const day = monthDate(baby.birthDate, k);
      if (firstOfMonth(day) !== month) continue;
      curveDays[k] = Number(day.slice(8, 10));
      const e = exclusiveAtAgeMonth(baby, k, day, known);
      if (e === null) continue;
      c[`curve_den_${k}`] = 1;
      if (e) c[`curve_num_${k}`] = 1;
    }
    if (firstOfMonth(six) === month) {
      const s = journeyStatus(baby, six, known).status;
      if (s !== 'ongoing') c[`final_${s}`] = 1;
    }
    return { month, counts: c, curveDays };
  });
  const dated = datedWindows(baby.birthDate, windows);
  const filled = new Map<number, { on: IsoDate; late: boolean }>();
  const visitDates = baby.visits.map((v) => v.visitDate);
  for (const a of assignVisits(dated, visitDates, registeredOn)) if (a.window !== null) filled.set(a.window, { on: a.visitDate, late: a.late });
  const entry = programEntry(registeredOn, visitDates);
  return {
    state: {
      firstBreak: fb?.date ?? null,
      breakReason: fb?.reason ?? null,
      confirmed: hasConfirmation(baby),
      attended,
      timeline: statusTimeline(baby, known),
      followedUntil: followedUntil(baby),
      countedExit: baby.exitDate !== null && baby.exitDate < six ? baby.exitDate : null,
    },
    months,
    windows: dated
      .filter((w) => filled.has(w.index) || !closedBeforeEntry(w, entry))
      .map((w) => ({ idx: w.index, from: w.from, to: w.to, filledOn: filled.get(w.index)?.on ?? null, late: filled.get(w.index)?.late ?? false })),
  };
}
