/**
 * Kader visit schedule (DESIGN §3 "Visit schedule") and the kader's "today" list.
 *
 * Windows are counted in days of age (day 0 = birth). The last window may end at `null`,
 * meaning the day before the 6-month date.
 *
 * Assignment of visits to windows (used for states, the visit form and the due list):
 * visits are processed in date order (equal dates keep input order). A visit fills the window
 * its date falls in if that window is still unfilled (on time). Otherwise — its window is
 * already filled, or its date falls outside every window (days 0–2, gaps, after 6 months) —
 * it fills the earliest unfilled window that had already closed before the visit date (late).
 * If there is none, the visit fills no window (an extra visit). A late visit is never refused.
 *
 * An unfilled window is `missed` once closed (today after its last day), `open` while today
 * is within it, `upcoming` before it.
 *
 * Windows owed (docs/decisions/060): a baby enters the program on the day it is registered (or
 * imported), or on its first recorded visit when that is earlier (a paper visit typed in later).
 * A window whose last day is before that day closed before anyone could visit: it is
 * `before_registration` — never missed, never on the today list, and no late visit fills it.
 */
import { sixMonthDate } from './age';
import { addDays, diffDays, minDate } from './dates';
import type { IsoDate } from './types';

export interface VisitWindow {
  fromDay: number;
  /** Last day (inclusive); null = the day before the 6-month date. */
  toDay: number | null;
}

export const DEFAULT_VISIT_WINDOWS: readonly VisitWindow[] = [
  { fromDay: 3, toDay: 7 },
  { fromDay: 8, toDay: 28 },
  { fromDay: 29, toDay: 59 },
  { fromDay: 60, toDay: 89 },
  { fromDay: 90, toDay: 119 },
  { fromDay: 120, toDay: 149 },
  { fromDay: 150, toDay: null },
];

/** The day before the 6-month date is at least day 180 (e.g. born 31 Aug → 28 Feb = day 181). */
export const MAX_WINDOW_DAY = 180;

export const WINDOW_STATES = ['upcoming', 'open', 'done_on_time', 'done_late', 'missed', 'before_registration'] as const;
export type WindowStateName = (typeof WINDOW_STATES)[number];

export interface DatedWindow {
  index: number;
  from: IsoDate;
  to: IsoDate;
}

export interface WindowState extends DatedWindow {
  state: WindowStateName;
  /** The visit that filled the window. */
  visitDate?: IsoDate;
}

/**
 * Problems with a window setting (empty = valid): days are integers, 0 ≤ fromDay ≤ toDay ≤ 180,
 * windows ascending and not overlapping, only the last may end at null.
 */
export function validateWindows(windows: readonly VisitWindow[]): string[] {
  const errors: string[] = [];
  if (windows.length === 0) errors.push('at least one window is required');
  let prevEnd = -1;
  windows.forEach((w, i) => {
    const last = i === windows.length - 1;
    if (!Number.isInteger(w.fromDay) || w.fromDay < 0 || w.fromDay > MAX_WINDOW_DAY) {
      errors.push(`window ${i + 1}: fromDay must be an integer 0–${MAX_WINDOW_DAY}`);
    }
    if (w.toDay === null && !last) errors.push(`window ${i + 1}: only the last window may be open-ended`);
    if (w.toDay !== null && (!Number.isInteger(w.toDay) || w.toDay < w.fromDay || w.toDay > MAX_WINDOW_DAY)) {
      errors.push(`window ${i + 1}: toDay must be an integer from fromDay to ${MAX_WINDOW_DAY}`);
    }
    if (w.fromDay <= prevEnd) errors.push(`window ${i + 1}: overlaps or precedes the previous window`);
    prevEnd = w.toDay ?? MAX_WINDOW_DAY;
  });
  return errors;
}

/** One change of a puskesmas's window setting: babies born on or after `effectiveFrom` follow it. */
export interface VisitWindowChange {
  effectiveFrom: IsoDate;
  windows: readonly VisitWindow[];
}

/**
 * The windows a baby born on `birthDate` follows (docs/decisions/043; the stored windows of
 * coverage_baby_windows are planned with it): the non-empty setting with the latest
 * `effectiveFrom` on or before the birth date; else the puskesmas's own base setting when it is
 * non-empty; else DEFAULT_VISIT_WINDOWS. A change of setting thus plans babies born from its day
 * on and leaves the windows of every baby born earlier as they were.
 */
export function windowsInForce(settings: readonly VisitWindowChange[], base: readonly VisitWindow[] | null | undefined, birthDate: IsoDate): readonly VisitWindow[] {
  let best: VisitWindowChange | null = null;
  for (const s of settings) {
    if (s.effectiveFrom <= birthDate && (best === null || s.effectiveFrom > best.effectiveFrom)) best = s;
  }
  if (best && Array.isArray(best.windows) && best.windows.length > 0) return best.windows;
  return base && base.length > 0 ? base : DEFAULT_VISIT_WINDOWS;
}

/** Calendar dates of each window for a baby; `to` never passes the day before the 6-month date. */
export function datedWindows(birthDate: IsoDate, windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS): DatedWindow[] {
  const lastDay = addDays(sixMonthDate(birthDate), -1);
  return windows.map((w, index) => ({
    index,
    from: addDays(birthDate, w.fromDay),
    to: w.toDay === null ? lastDay : minDate(addDays(birthDate, w.toDay), lastDay),
  }));
}

export interface VisitAssignment {
  /** Position of the visit in the input list. */
  input: number;
  visitDate: IsoDate;
  /** Window index filled, or null for an extra visit. */
  window: number | null;
  late: boolean;
}

/**
 * The day a baby entered the program (docs/decisions/060): its registration day, or its first
 * recorded visit when that is earlier. null (registration day unknown) = from birth.
 */
export function programEntry(registeredOn: IsoDate | null | undefined, visitDates: readonly IsoDate[]): IsoDate | null {
  if (!registeredOn) return null;
  let entry = registeredOn;
  for (const d of visitDates) if (d < entry) entry = d;
  return entry;
}

/** A window that closed before the baby entered the program (its last day before `entry`): not owed. */
export function closedBeforeEntry(w: DatedWindow, entry: IsoDate | null): boolean {
  return entry !== null && w.to < entry;
}

/**
 * Assign visits to windows by the rule in the header comment. Result is in input order.
 * `registeredOn`: windows that closed before the baby entered the program are never filled late.
 */
export function assignVisits(dated: readonly DatedWindow[], visitDates: readonly IsoDate[], registeredOn?: IsoDate | null): VisitAssignment[] {
  const entry = programEntry(registeredOn, visitDates);
  dated = dated.filter((w) => !closedBeforeEntry(w, entry));
  const order = visitDates.map((d, i) => ({ d, i })).sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i));
  const filled = new Set<number>();
  const result: VisitAssignment[] = new Array(visitDates.length);
  for (const { d, i } of order) {
    const own = dated.find((w) => w.from <= d && d <= w.to);
    if (own && !filled.has(own.index)) {
      filled.add(own.index);
      result[i] = { input: i, visitDate: d, window: own.index, late: false };
      continue;
    }
    const late = dated.find((w) => !filled.has(w.index) && w.to < d);
    if (late) filled.add(late.index);
    result[i] = { input: i, visitDate: d, window: late ? late.index : null, late: late !== undefined };
  }
  return result;
}

/** State of every window for a baby on `today` (`registeredOn`: the day it was registered, decision 060). */
export function windowStates(
  birthDate: IsoDate,
  visitDates: readonly IsoDate[],
  today: IsoDate,
  windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS,
  registeredOn?: IsoDate | null,
): WindowState[] {
  const dated = datedWindows(birthDate, windows);
  const entry = programEntry(registeredOn, visitDates);
  const byWindow = new Map<number, VisitAssignment>();
  for (const a of assignVisits(dated, visitDates, registeredOn)) if (a.window !== null) byWindow.set(a.window, a);
  return dated.map((w) => {
    const a = byWindow.get(w.index);
    if (a) return { ...w, state: a.late ? 'done_late' : 'done_on_time', visitDate: a.visitDate };
    if (closedBeforeEntry(w, entry)) return { ...w, state: 'before_registration' };
    const state: WindowStateName = today > w.to ? 'missed' : today >= w.from ? 'open' : 'upcoming';
    return { ...w, state };
  });
}

export interface WindowForVisit extends DatedWindow {
  late: boolean;
}

/**
 * Which window a new visit would fill once saved with the existing ones (null = extra visit),
 * and whether it would count as late. Shown on the visit form before saving.
 */
export function windowForVisit(
  birthDate: IsoDate,
  existingVisitDates: readonly IsoDate[],
  newVisitDate: IsoDate,
  windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS,
  registeredOn?: IsoDate | null,
): WindowForVisit | null {
  const dated = datedWindows(birthDate, windows);
  const all = [...existingVisitDates, newVisitDate];
  const mine = assignVisits(dated, all, registeredOn)[all.length - 1];
  if (!mine || mine.window === null) return null;
  return { ...dated[mine.window]!, late: mine.late };
}

/** How long after a window closes it still shows on the today list as overdue. */
export const OVERDUE_DAYS = 14;

export interface DueBaby {
  id: string;
  birthDate: IsoDate;
  exitDate: IsoDate | null;
  visitDates: readonly IsoDate[];
  /** A referral (e.g. danger sign) awaiting follow-up. */
  openReferral?: boolean;
  /** This baby's own windows (windowsInForce for its birth date); else the list's `windows`. */
  windows?: readonly VisitWindow[];
  /** The day it was registered (decision 060): windows closed before it are not owed. */
  registeredOn?: IsoDate | null;
}

export const DUE_KINDS = ['overdue', 'open', 'referral'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export interface DueItem {
  babyId: string;
  kind: DueKind;
  /** The window concerned; null for a referral. */
  window: DatedWindow | null;
  /** Open window: days left including today (0 = today is its last day). */
  daysLeft?: number;
  /** Overdue window: days since its last day (1 = closed yesterday). */
  daysOverdue?: number;
  /**
   * Overdue or open: the window a visit recorded today fills, and whether late — the same
   * windowForVisit as the visit form shows (an overdue window stays missed when a visit today
   * falls in the open window: that one is filled, on time). null: an extra visit.
   */
  visitFills?: { index: number; late: boolean } | null;
}

/** The baby's visit item for today, if any: an overdue window wins over an open one. */
function visitItem(baby: DueBaby, today: IsoDate, windows: readonly VisitWindow[]): DueItem | null {
  const states = windowStates(baby.birthDate, baby.visitDates, today, windows, baby.registeredOn);
  const lastVisit = baby.visitDates.reduce<IsoDate | null>((m, d) => (m === null || d > m ? d : m), null);
  const overdue = states
    .filter((w) => w.state === 'missed')
    .filter((w) => diffDays(today, w.to) <= OVERDUE_DAYS && (lastVisit === null || lastVisit <= w.to))
    .pop();
  const fills = () => {
    const f = windowForVisit(baby.birthDate, baby.visitDates, today, windows, baby.registeredOn);
    return f ? { index: f.index, late: f.late } : null;
  };
  if (overdue) return { babyId: baby.id, kind: 'overdue', window: dated(overdue), daysOverdue: diffDays(today, overdue.to), visitFills: fills() };
  const open = states.find((w) => w.state === 'open');
  if (open) return { babyId: baby.id, kind: 'open', window: dated(open), daysLeft: diffDays(open.to, today), visitFills: fills() };
  return null;
}

function dated(w: WindowState): DatedWindow {
  return { index: w.index, from: w.from, to: w.to };
}

/**
 * The kader's "today" list, most urgent first:
 * 1. overdue — a missed window that closed at most 14 days ago with no visit since, oldest first;
 * 2. open — an unfilled window open today, fewest days left first;
 * 3. referral — babies with a referral awaiting follow-up.
 * At most one visit item per baby (overdue wins: one visit today settles both); a referral is
 * an extra item. Babies exited on or before today and babies 6 months or older get nothing.
 * Ties keep input order.
 */
export function dueList(babies: readonly DueBaby[], today: IsoDate, windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS): DueItem[] {
  const overdue: DueItem[] = [];
  const open: DueItem[] = [];
  const referral: DueItem[] = [];
  for (const baby of babies) {
    if (baby.exitDate !== null && baby.exitDate <= today) continue;
    if (today >= sixMonthDate(baby.birthDate) || today < baby.birthDate) continue;
    const item = visitItem(baby, today, baby.windows ?? windows);
    if (item?.kind === 'overdue') overdue.push(item);
    if (item?.kind === 'open') open.push(item);
    if (baby.openReferral) referral.push({ babyId: baby.id, kind: 'referral', window: null });
  }
  overdue.sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
  open.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  return [...overdue, ...open, ...referral];
}

/** A window's column in the kader table: done on time, done late, missed. */
export type WindowColumn = 'onTime' | 'late' | 'missed';

/**
 * The kader table's column for a stored window in the period its last day falls in
 * (docs/decisions/050): judged on `asOf` (periodAsOf). A window closes at the end of its last day:
 * while the period runs (`periodOver` false) a window whose last day is today is still open and in
 * no column; once the period is over, every window whose last day is in it has closed, the one
 * ending on the period's last day included. Filled by a visit dated on or before `asOf`: on time or
 * late as assigned; otherwise missed once closed. A window not owed (closed before the baby entered
 * the program) is not stored, so it is in no column.
 */
export function periodWindowColumn(w: { to: IsoDate; filledOn: IsoDate | null; late: boolean }, asOf: IsoDate, periodOver: boolean): WindowColumn | null {
  if (w.filledOn !== null && w.filledOn <= asOf) return w.late ? 'late' : 'onTime';
  return w.to < closedBefore(asOf, periodOver) ? 'missed' : null;
}

/**
 * The day before which a window has closed, as periodWindowColumn judges on `asOf`: `asOf` while
 * the period runs (a window ending today is still open), the day after once it is over (the
 * window ending on its last day has closed too). db/queries windowOutcomesStored filters by it.
 */
export function closedBefore(asOf: IsoDate, periodOver: boolean): IsoDate {
  return periodOver ? addDays(asOf, 1) : asOf;
}

/**
 * Registered late (decision 060; the count staff see beside the kader table): registered after
 * the baby's first visit window had closed — the day after its last day or later. Its windows
 * closed before registration are not counted missed; this keeps how many there were in sight.
 */
export function registeredLate(birthDate: IsoDate, registeredOn: IsoDate, windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS): boolean {
  const [first] = datedWindows(birthDate, windows);
  return first !== undefined && first.to < registeredOn;
}
