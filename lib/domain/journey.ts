/**
 * Breaks and journey status (DESIGN §3 "Breaks", "Journey status").
 *
 * Everything is derived from all recorded visits *as known now*: a break reported at a later
 * visit with an earlier first date changes the status of the days before that visit too, and
 * a confirmation given at a visit after day D still counts for D (reports are recomputed).
 */
import { fiveMonthDate, sixMonthDate } from './age';
import { addDays, maxDate, minDate } from './dates';
import { isExclusiveRecall, type BreakReason, type ExitReason } from './recall';
import type { IsoDate, Sex } from './types';

export interface VisitFacts {
  id?: string;
  visitDate: IsoDate;
  /** Recall: breastfed yesterday. */
  breastfed: boolean;
  /** Recall: items given yesterday (RecallItem strings). */
  recallItems: readonly string[];
  /** "Since the last visit (or birth) was the baby given anything other than breast milk?" */
  givenSinceLast: boolean;
  /** Approximate first date of that, when known. */
  givenSinceLastDate: IsoDate | null;
  /** From the 5-month date on: "since birth, nothing but breast milk?" (null = not asked). */
  confirmedExclusive: boolean | null;
  breakReason: BreakReason | null;
}

export interface BabyFacts {
  id?: string;
  sex: Sex;
  birthDate: IsoDate;
  exitDate: IsoDate | null;
  exitReason?: ExitReason | null;
  visits: readonly VisitFacts[];
}

export const JOURNEY_STATUSES = ['ongoing', 'broken', 'graduated', 'unrecorded', 'exited'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export interface JourneyState {
  status: JourneyStatus;
  /** Set when status is 'broken'. */
  breakDate?: IsoDate;
  breakReason?: BreakReason | null;
  /** Set when status is 'exited'. */
  exitDate?: IsoDate;
  exitReason?: ExitReason | null;
}

export interface BreakInfo {
  date: IsoDate;
  reason: BreakReason | null;
  /** Id of the visit that gave the break, when visits have ids. */
  visitId?: string;
}

/**
 * The break a single visit records, or null:
 * - recall not exclusive → the visit date;
 * - "given since last visit" yes → the first date given, else the visit date.
 * If both apply, the earlier date. A first date after the visit date (a typing error) is
 * capped at the visit date.
 */
export function visitBreakDate(visit: VisitFacts): IsoDate | null {
  let date: IsoDate | null = null;
  if (!isExclusiveRecall({ breastfed: visit.breastfed, items: visit.recallItems })) {
    date = visit.visitDate;
  }
  if (visit.givenSinceLast) {
    const given = visit.givenSinceLastDate ? minDate(visit.givenSinceLastDate, visit.visitDate) : visit.visitDate;
    date = date === null ? given : minDate(date, given);
  }
  return date;
}

/**
 * The baby's first break: the earliest break date over all its visits, counting only breaks
 * before the 6-month date. A date before birth (a typing error) is raised to the birth date.
 * The reason comes from the visit that gave that date; on a tie, the earliest such visit
 * that has a reason.
 */
export function firstBreak(baby: BabyFacts): BreakInfo | null {
  const limit = sixMonthDate(baby.birthDate);
  let best: { date: IsoDate; visit: VisitFacts } | null = null;
  for (const visit of baby.visits) {
    const raw = visitBreakDate(visit);
    if (raw === null) continue;
    const date = maxDate(raw, baby.birthDate);
    if (date >= limit) continue;
    if (best === null || date < best.date || (date === best.date && prefer(visit, best.visit))) {
      best = { date, visit };
    }
  }
  if (best === null) return null;
  const info: BreakInfo = { date: best.date, reason: best.visit.breakReason ?? null };
  if (best.visit.id !== undefined) info.visitId = best.visit.id;
  return info;
}

/** Tie-break between two visits giving the same break date. */
function prefer(candidate: VisitFacts, current: VisitFacts): boolean {
  if ((candidate.breakReason === null) !== (current.breakReason === null)) return current.breakReason === null;
  return candidate.visitDate < current.visitDate;
}

/** True when the baby exited on or before `on` and before its 6-month date. */
export function isExitedOn(baby: BabyFacts, on: IsoDate): boolean {
  return baby.exitDate !== null && baby.exitDate <= on && baby.exitDate < sixMonthDate(baby.birthDate);
}

/**
 * The day a baby's follow-up ends (the first day it is no longer followed): its 6-month date,
 * or its exit date when that comes first. Stored with the coverage state (babies.followed_until)
 * so that the kader table counts the mothers followed on a day without the rule.
 */
export function followedUntil(baby: Pick<BabyFacts, 'birthDate' | 'exitDate'>): IsoDate {
  const six = sixMonthDate(baby.birthDate);
  return baby.exitDate !== null && baby.exitDate < six ? baby.exitDate : six;
}

/** Followed on `day` (DESIGN §1, §3): born by then, under 6 months and not exited. */
export function followedOn(baby: Pick<BabyFacts, 'birthDate' | 'exitDate'>, day: IsoDate): boolean {
  return baby.birthDate <= day && day < followedUntil(baby);
}

/** True when a visit on or after the 5-month date answered the confirmation yes. */
export function hasConfirmation(baby: BabyFacts): boolean {
  const from = fiveMonthDate(baby.birthDate);
  return baby.visits.some((v) => v.confirmedExclusive === true && v.visitDate >= from);
}

/**
 * Journey status on day `on`, in DESIGN precedence:
 * exited → broken → ongoing → graduated → unrecorded.
 * `known` lets callers pass a precomputed firstBreak(baby).
 */
export function journeyStatus(baby: BabyFacts, on: IsoDate, known?: { firstBreak: BreakInfo | null }): JourneyState {
  if (isExitedOn(baby, on)) {
    return { status: 'exited', exitDate: baby.exitDate as IsoDate, exitReason: baby.exitReason ?? null };
  }
  const fb = known ? known.firstBreak : firstBreak(baby);
  if (fb !== null && fb.date <= on) {
    return { status: 'broken', breakDate: fb.date, breakReason: fb.reason };
  }
  if (on < sixMonthDate(baby.birthDate)) return { status: 'ongoing' };
  return hasConfirmation(baby) ? { status: 'graduated' } : { status: 'unrecorded' };
}

/** From `from` on (inclusive), the status is `status`, until the next change. */
export interface StatusChange {
  from: IsoDate;
  status: JourneyStatus;
}

/** A baby's journey status on every day: the status before any change, then at most two changes. */
export interface StatusTimeline {
  initial: JourneyStatus;
  changes: StatusChange[];
}

/**
 * journeyStatus as a step function of the day, so that a status on any day can be looked up
 * without the rule (the live counts of today read it from the stored steps). journeyStatus
 * compares the day only with the exit date, the first break and the 6-month date, so the
 * status can change only on those days: it is evaluated just before the earliest and on each.
 * Precedence makes the steps few: ongoing → broken → exited, or ongoing → exited, or
 * ongoing → graduated / unrecorded (never more than two changes; asserted).
 */
export function statusTimeline(baby: BabyFacts, known?: { firstBreak: BreakInfo | null }): StatusTimeline {
  const k = known ?? { firstBreak: firstBreak(baby) };
  const days = [...new Set([k.firstBreak?.date, baby.exitDate, sixMonthDate(baby.birthDate)].filter((d): d is IsoDate => typeof d === 'string'))].sort();
  const initial = journeyStatus(baby, addDays(days[0]!, -1), k).status;
  const changes: StatusChange[] = [];
  let current = initial;
  for (const day of days) {
    const status = journeyStatus(baby, day, k).status;
    if (status !== current) changes.push({ from: day, status });
    current = status;
  }
  if (changes.length > 2) throw new Error('statusTimeline: more than two changes');
  return { initial, changes };
}

/** The status on `day` read from a timeline (= journeyStatus on that day). */
export function statusFromTimeline(t: StatusTimeline, day: IsoDate): JourneyStatus {
  let status = t.initial;
  for (const c of t.changes) if (c.from <= day) status = c.status;
  return status;
}
