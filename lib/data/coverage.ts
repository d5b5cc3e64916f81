/**
 * Coverage dashboard, kader summary and monthly report: summed in the database from the rows
 * lib/domain computed per baby (db/queries/coverage-months.ts; docs/decisions/058).
 * Every function checks the policy ('coverage') and scopes by puskesmas or the kader's posyandu.
 * No personal data leaves these functions: only counts, place names and kader names.
 */
import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { coverageTargets, posyandu, villages } from '@/db/schema';
import {
  coverageByAttendanceStored,
  coverageTrendStored,
  exclusivityCurveStored,
  indicatorsForMonthsStored,
  scopeOnBabies,
  statusCountsStored,
  stopReasonsStored,
  windowOutcomesStored,
  type CoverageScope,
  type IndicatorMonthGroupRow,
} from '@/db/queries/coverage-months';
import { assertCan, ForbiddenError, posyanduIdsOf, scopeOf, type Actor } from '@/lib/auth/policy';
import {
  registeredLate,
  type VisitWindow,
  addMonths,
  addToYearMonth,
  compareYearMonth,
  coverage,
  isoToday,
  minDate,
  monthBounds,
  monthOf,
  periodTotals,
  babiesFollowed,
  STOP_REASONS,
  sumIndicators,
  addDays,
  type Coverage,
  type CurvePoint,
  type IndicatorTotals,
  type StopReason,
  type YearMonth,
  JOURNEY_STATUSES,
  type JourneyStatus,
} from '@/lib/domain';
import { monthPeriod, type DistrictPeriod } from '@/lib/validation/district';
import { periodNameId, type ReportInput } from '@/lib/reports/monthly';
import { puskesmasOf, windowsByBirth } from './overview';

/**
 * A month (`2026-10`), a quarter (`2026-Q1`) or a year (`2026`) — the same period type, URL
 * values and parser (lib/validation/district.ts) as the district view. Its figures are the
 * months' numerators and denominators added up (lib/domain periodTotals), never averaged.
 */
export type Period = DistrictPeriod;

function toPeriod(p: YearMonth | Period): Period {
  return 'kind' in p ? p : monthPeriod(p);
}

/** The period before: last month, last quarter, last year. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') return monthPeriod(addToYearMonth(p.from, -1));
  if (p.kind === 'quarter') {
    const from = addToYearMonth(p.from, -3);
    const quarter = (from.month + 2) / 3;
    return { kind: 'quarter', param: `${from.year}-Q${quarter}`, year: from.year, quarter, from, to: addToYearMonth(from, 2) };
  }
  const year = p.year - 1;
  return { kind: 'year', param: String(year), year, from: { year, month: 1 }, to: { year, month: 12 } };
}

/**
 * The day a period's figures are counted as of (docs/decisions/050): its last day, or today
 * while it is under way. Nothing dated after it — a visit, a break, an exit — changes them.
 */
export function periodAsOf(p: Period, today: string): string {
  return minDate(today, monthBounds(p.to.year, p.to.month).last);
}

export type MonthTotals = { year: number; month: number; totals: IndicatorTotals | null };

/** Totals with nothing counted: every coverage is "no data". */
export const EMPTY_TOTALS: IndicatorTotals = sumIndicators([]);

/** True when the month has no baby at all (every row and denominator is 0): "belum ada data". */
export function isEmptyTotals(t: IndicatorTotals | null): boolean {
  return !t || ['O1', 'O2', 'O3', 'O4', 'O5'].every((k) => t[k as 'O1'].total === 0);
}

/** Babies the actor may count: the puskesmas, or the kader's posyandu, narrowed by the filters. */
function coverageScope(actor: Actor, action: 'read' | 'export', filters: { villageId?: string | null; posyanduId?: string | null } = {}): CoverageScope {
  const scope = scopeOf(actor, action, 'coverage');
  if (!scope) throw new ForbiddenError(`${actor.role} may not ${action} coverage`);
  if (scope === 'posyandu') {
    // A kader without a posyandu counts nothing: the nil uuid is no posyandu's id.
    // A kader in several posyandu (issue #18) reads one at a time: the one asked for, else her home one.
    const mine = posyanduIdsOf(actor);
    const own = (filters.posyanduId && mine.includes(filters.posyanduId) ? filters.posyanduId : mine[0]) ?? '00000000-0000-0000-0000-000000000000';
    if (filters.posyanduId && filters.posyanduId !== own) return { puskesmasId: actor.puskesmasId, posyanduId: '00000000-0000-0000-0000-000000000000' };
    return { puskesmasId: actor.puskesmasId, villageId: filters.villageId ?? null, posyanduId: own };
  }
  if (scope !== 'puskesmas') throw new ForbiddenError(`${actor.role} may not ${action} coverage`);
  return { puskesmasId: actor.puskesmasId, villageId: filters.villageId ?? null, posyanduId: filters.posyanduId ?? null };
}

async function placesOf(db: DbOrTx, puskesmasId: string) {
  const [vs, ps] = await Promise.all([
    db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.puskesmasId, puskesmasId)).orderBy(asc(villages.name)),
    db
      .select({ id: posyandu.id, name: posyandu.name, villageId: posyandu.villageId })
      .from(posyandu)
      .where(eq(posyandu.puskesmasId, puskesmasId))
      .orderBy(asc(posyandu.name)),
  ]);
  return { villages: vs, posyandu: ps };
}

/**
 * Target % of the year being shown (DESIGN §3: a per-puskesmas, per-year setting, optionally per
 * village): the village's own when filtered to a village that has one, else the puskesmas's;
 * null when that year has none ("belum ditetapkan": never another year's, never a default).
 */
async function targetFor(db: DbOrTx, puskesmasId: string, year: number, villageId: string | null): Promise<number | null> {
  const rows = await db
    .select({ villageId: coverageTargets.villageId, percent: coverageTargets.targetPercent })
    .from(coverageTargets)
    .where(and(eq(coverageTargets.puskesmasId, puskesmasId), eq(coverageTargets.year, year)));
  const own = villageId ? rows.find((r) => r.villageId === villageId) : undefined;
  return (own ?? rows.find((r) => r.villageId === null))?.percent ?? null;
}

function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = from; m.year < to.year || (m.year === to.year && m.month <= to.month); m = addToYearMonth(m, 1)) out.push(m);
  return out;
}

function byMonth(rows: IndicatorMonthGroupRow[], months: YearMonth[]): MonthTotals[] {
  return months.map((ym) => ({ ...ym, totals: rows.find((r) => r.year === ym.year && r.month === ym.month)?.totals ?? null }));
}

export type PlaceRow = {
  id: string;
  name: string;
  villageName?: string;
  current: IndicatorTotals | null;
  previous: IndicatorTotals | null;
  /** Babies the place follows in the period's last month (lib/domain babiesFollowed). */
  followed: number;
};

function perPlace(
  rows: IndicatorMonthGroupRow[],
  places: { id: string; name: string; villageId?: string }[],
  cur: Period,
  prev: Period,
  villageNames?: Map<string, string>,
): PlaceRow[] {
  const pick = (id: string, q: Period) =>
    periodTotals(
      rows.filter((r) => r.groupId === id),
      q.from,
      q.to,
    );
  return places.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.villageId && villageNames ? { villageName: villageNames.get(p.villageId) ?? '' } : {}),
    current: pick(p.id, cur),
    previous: pick(p.id, prev),
    followed: babiesFollowed(
      periodTotals(
        rows.filter((r) => r.groupId === p.id),
        cur.to,
        cur.to,
      ),
    ),
  }));
}

export type KaderRow = {
  id: string;
  name: string;
  posyanduName: string;
  mothersFollowed: number;
  visitsInMonth: number;
  lastVisit: string | null;
  noVisit30Days: boolean;
  windows: { onTime: number; late: number; missed: number };
};

/**
 * The kader table of a period, every figure as of `asOf` = periodAsOf (its last day, or today
 * while under way; docs/decisions/050): visits dated in the period, the last visit on or before
 * asOf, the 30-day flag at asOf, mothers followed on asOf, windows that closed in the period in
 * their state on asOf. A visit dated after the period changes none of them.
 */
async function kaderRows(db: DbOrTx, actor: Actor, scope: CoverageScope, period: Period, today: string, onlyKaderId?: string): Promise<KaderRow[]> {
  const where = scopeOnBabies(scope);
  const first = monthBounds(period.from.year, period.from.month).first;
  const last = monthBounds(period.to.year, period.to.month).last;
  const asOf = periodAsOf(period, today);
  const since = addDays(asOf, -30);
  // Three independent reads, at once (the kader table is on the dashboard's critical path).
  const [kaders, followed, outcomes] = await Promise.all([
    // One row per kader, over every posyandu she works in (issue #18: her home posyandu and her
    // kader_posyandu rows), listed when one of them has a baby in the scope.
    db
      .execute(
        sql`
      with kp as (
        select u.id as kader_id, p.id as posyandu_id, p.name as posyandu_name
        from users u join posyandu p on p.id = u.posyandu_id or p.id in (select k.posyandu_id from kader_posyandu k where k.kader_id = u.id)
        where u.puskesmas_id = ${actor.puskesmasId} and u.role = 'kader' and u.active
          ${onlyKaderId ? sql`and u.id = ${onlyKaderId}` : sql``}
          and exists (select 1 from mothers m join babies b on b.mother_id = m.id where m.posyandu_id = p.id and ${where}))
      select u.id::text as id, u.name,
        array_agg(kp.posyandu_id::text order by kp.posyandu_id = u.posyandu_id desc, kp.posyandu_name) as posyandu_ids,
        array_agg(kp.posyandu_name order by kp.posyandu_id = u.posyandu_id desc, kp.posyandu_name) as posyandu_names,
        (select count(*) from visits v where v.kader_id = u.id and v.visit_date between ${first}::date and ${last}::date)::int as visits,
        (select max(v.visit_date)::text from visits v where v.kader_id = u.id and v.visit_date <= ${asOf}::date) as last_visit
      from kp join users u on u.id = kp.kader_id
      group by u.id, u.name, u.posyandu_id
      order by min(kp.posyandu_name), u.name`,
      )
      .then((x) => rowsOf<{ id: string; name: string; posyandu_ids: string[]; posyandu_names: string[]; visits: number; last_visit: string | null }>(x)),
    // Mothers followed on asOf (lib/domain followedOn: born by then, followed until the stored
    // followedUntil). Born in the 7 months before asOf is a wider range, said so the index is used.
    db
      .execute(
        sql`
        select m.posyandu_id::text as posyandu_id, count(distinct m.id)::int as n
        from babies b join mothers m on m.id = b.mother_id
        where ${where} and b.birth_date <= ${asOf}::date and b.followed_until > ${asOf}::date
          and b.birth_date > ${addMonths(asOf, -7)}::date
        group by m.posyandu_id`,
      )
      .then((x) => new Map(rowsOf<{ posyandu_id: string; n: number }>(x).map((r) => [r.posyandu_id, Number(r.n)]))),
    // Windows that closed in the period, in their state on asOf (the puskesmas's window setting, stored per baby).
    windowOutcomesStored(db, scope, { from: period.from, to: period.to }, asOf, today > last),
  ]);
  if (kaders.length === 0) return [];
  const perPosyandu = new Map<string, number>();
  for (const k of kaders) for (const p of k.posyandu_ids) perPosyandu.set(p, (perPosyandu.get(p) ?? 0) + 1);
  const sum = (ids: string[], of: (p: string) => number) => ids.reduce((n, p) => n + of(p), 0);
  return kaders.map((k) => ({
    id: k.id,
    name: k.name,
    posyanduName: k.posyandu_names.join(', '),
    // Each posyandu's mothers shared among its kaders, added up over her posyandu.
    mothersFollowed: Math.round(sum(k.posyandu_ids, (p) => (followed.get(p) ?? 0) / (perPosyandu.get(p) ?? 1))),
    visitsInMonth: Number(k.visits),
    lastVisit: k.last_visit,
    noVisit30Days: k.last_visit === null || k.last_visit < since,
    windows: {
      onTime: sum(k.posyandu_ids, (p) => outcomes.get(p)?.onTime ?? 0),
      late: sum(k.posyandu_ids, (p) => outcomes.get(p)?.late ?? 0),
      missed: sum(k.posyandu_ids, (p) => outcomes.get(p)?.missed ?? 0),
    },
  }));
}

async function groupSessionCounts(
  db: DbOrTx,
  actor: Actor,
  from: string,
  to: string,
  timeZone: string,
  filters: { villageId?: string | null; posyanduId?: string | null },
) {
  const conds: SQL[] = [
    sql`gs.puskesmas_id = ${actor.puskesmasId}`,
    sql`gs.status = 'closed'`,
    sql`(gs.starts_at at time zone ${timeZone})::date between ${from}::date and ${to}::date`,
  ];
  if (filters.villageId) conds.push(sql`gs.village_id = ${filters.villageId}`);
  if (filters.posyanduId)
    conds.push(
      sql`(gs.posyandu_id = ${filters.posyanduId} or (gs.posyandu_id is null and gs.village_id = (select village_id from posyandu where id = ${filters.posyanduId})))`,
    );
  const [r] = rowsOf<{ held: number; present: number; mothers: number }>(
    await db.execute(sql`
      select count(distinct gs.id)::int as held,
        count(a.status) filter (where a.status = 'present')::int as present,
        count(distinct a.mother_id) filter (where a.status = 'present')::int as mothers
      from group_sessions gs left join attendance a on a.session_id = gs.id
      where ${sql.join(conds, sql` and `)}`),
  );
  return { held: Number(r?.held ?? 0), present: Number(r?.present ?? 0), mothers: Number(r?.mothers ?? 0) };
}

export type Dashboard = Awaited<ReturnType<typeof coverageDashboard>>;

/**
 * The staff dashboard for a period (`period`: a month, quarter or year; else `month`; default:
 * this month) with optional village/posyandu filters. Every figure is the period's, counted as of
 * periodAsOf (its last day, or today while under way): coverages and F1 rows summed over its
 * months (periodTotals), beside the period before; the status counts, the curve and the kader
 * table on that day; the trend, stop reasons and sessions over the 12 months ending with it.
 */
export async function coverageDashboard(actor: Actor, params: { month?: YearMonth | null; period?: Period | null; villageId: string | null; posyanduId: string | null }) {
  assertCan(actor, 'read', 'coverage');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const places = await placesOf(db, actor.puskesmasId);
  // Unknown ids (another puskesmas, deleted) are dropped, never trusted.
  const villageId = places.villages.some((v) => v.id === params.villageId) ? params.villageId : null;
  const posyanduId = places.posyandu.some((x) => x.id === params.posyanduId && (!villageId || x.villageId === villageId)) ? params.posyanduId : null;
  const period = params.period ?? monthPeriod(params.month ?? monthOf(today));
  const prevPeriod = previousPeriod(period);
  const asOf = periodAsOf(period, today);
  // 12 months ending with the period, or with this month while the period is under way.
  const thisMonth = monthOf(today);
  const month = compareYearMonth(period.from, thisMonth) <= 0 && compareYearMonth(period.to, thisMonth) > 0 ? thisMonth : period.to;
  const first12 = addToYearMonth(month, -11);
  const months = monthsBetween(first12, month);
  const scope = coverageScope(actor, 'read', { villageId, posyanduId });
  const range = { from: monthBounds(first12.year, first12.month).first, to: monthBounds(month.year, month.month).last };
  const curveDay = minDate(today, range.to);
  const villageNames = new Map(places.villages.map((v) => [v.id, v.name]));
  const shownPosyandu = places.posyandu.filter((x) => (!villageId || x.villageId === villageId) && (!posyanduId || x.id === posyanduId));
  const shownVillages = places.villages.filter((v) => !villageId || v.id === villageId);
  const [trendRows, villageRows, posyanduRows, curve, reasons, sessions, byAttendance, kaders, target, statusOnDay, lateRegistered] = await Promise.all([
    coverageTrendStored(db, first12, month, scope),
    indicatorsForMonthsStored(db, prevPeriod.from, period.to, scope, 'village'),
    indicatorsForMonthsStored(db, prevPeriod.from, period.to, scope, 'posyandu'),
    exclusivityCurveStored(db, curveDay, scope),
    stopReasonsStored(db, first12, month, scope, 'village'),
    groupSessionCounts(db, actor, range.from, range.to, p.timeZone, { villageId, posyanduId }),
    coverageByAttendanceStored(db, first12, month, scope),
    kaderRows(db, actor, scope, period, today),
    targetFor(db, actor.puskesmasId, period.year, villageId),
    statusCountsStored(db, asOf, scope),
    lateRegistrations(db, scope, period, asOf, p.timeZone, p.visitWindows),
  ]);
  // The trend spans two years when it starts before January: each month shows its own year's target.
  const targetOf = new Map<number, number | null>([[period.year, target]]);
  for (const y of new Set(months.map((m) => m.year))) if (!targetOf.has(y)) targetOf.set(y, await targetFor(db, actor.puskesmasId, y, villageId));
  // The period and the one before in full (O1–O5): the sum of the villages (every mother has one).
  const totalOf = (q: Period) => periodTotals(villageRows, q.from, q.to);
  const trend = months.map((ym) => {
    const r = trendRows.find((x) => x.year === ym.year && x.month === ym.month)!;
    return { ...ym, recallCoverage: r.recallCoverage, sixMonthCoverage: r.sixMonthCoverage, target: targetOf.get(ym.year) ?? null };
  });
  const reasonsByVillage = shownVillages
    .map((v) => {
      const counts = Object.fromEntries(STOP_REASONS.map((r) => [r, reasons.find((x) => x.groupId === v.id && x.reason === r)?.n ?? 0])) as Record<StopReason, number>;
      return { id: v.id, name: v.name, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    })
    .filter((v) => v.total > 0);
  return {
    puskesmasName: p.name,
    today,
    /** The day the period's figures are counted as of (its last day, or today). */
    asOf,
    period,
    previousPeriod: prevPeriod,
    /** The last month of the trend: the period's last month, or this month while it is under way. */
    month,
    filters: { villageId, posyanduId },
    places,
    target,
    trend,
    current: totalOf(period),
    previous: totalOf(prevPeriod),
    villages: perPlace(villageRows, shownVillages, period, prevPeriod),
    posyandu: perPlace(posyanduRows, shownPosyandu, period, prevPeriod, villageNames),
    curve: curve as CurvePoint[],
    curveDay,
    reasonsByVillage,
    sessions: { ...sessions, attended: byAttendance.attended, notAttended: byAttendance.notAttended },
    kaders,
    statusOnDay: Object.fromEntries(JOURNEY_STATUSES.map((st) => [st, statusOnDay[st] ?? 0])) as Record<JourneyStatus, number>,
    /** Babies registered (or imported) in the period after their first visit window closed (lib/domain registeredLate). */
    lateRegistered,
  };
}

/**
 * How many babies in scope were registered in the period (up to asOf, in the puskesmas's zone)
 * after their first visit window had closed (lib/domain registeredLate, decision 060): the windows
 * closed before they were registered count as nobody's miss, and staff keep this number in sight.
 * SQL only filters by date; the rule is applied here. A baby is registered within a year of its
 * birth, which bounds the read by the birth-date index.
 */
async function lateRegistrations(db: DbOrTx, scope: CoverageScope, period: Period, asOf: string, timeZone: string, base: VisitWindow[] | null): Promise<number> {
  const first = monthBounds(period.from.year, period.from.month).first;
  const rows = rowsOf<{ birth_date: string; registered_on: string }>(
    await db.execute(sql`
      select b.birth_date::text as birth_date, (b.created_at at time zone ${timeZone})::date::text as registered_on
      from babies b join mothers m on m.id = b.mother_id
      where ${scopeOnBabies(scope)} and b.birth_date between ${addMonths(first, -13)}::date and ${asOf}::date
        and (b.created_at at time zone ${timeZone})::date between ${first}::date and ${asOf}::date`),
  );
  if (rows.length === 0) return 0;
  const windowsOf = await windowsByBirth(db, scope.puskesmasId, base);
  return rows.filter((r) => registeredLate(r.birth_date, r.registered_on, windowsOf(r.birth_date))).length;
}

/**
 * The kader's phone summary for a month (default this month): her posyandu's coverage that month
 * and the month before, and her own visit record as of the month's last day (or today).
 */
export async function kaderSummary(actor: Actor, params: { month: YearMonth | null; posyanduId?: string | null }) {
  assertCan(actor, 'read', 'coverage');
  if (actor.role !== 'kader') throw new ForbiddenError('the kader summary is for kaders');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const month = params.month ?? monthOf(today);
  const prev = addToYearMonth(month, -1);
  // A kader in several posyandu (issue #18) picks one; anything else is her home posyandu.
  const hers = posyanduIdsOf(actor);
  const chosen = params.posyanduId && hers.includes(params.posyanduId) ? params.posyanduId : (hers[0] ?? null);
  const scope = coverageScope(actor, 'read', { posyanduId: chosen });
  const choices =
    hers.length > 1
      ? await db
          .select({ id: posyandu.id, name: posyandu.name })
          .from(posyandu)
          .where(inArray(posyandu.id, [...hers]))
          .orderBy(posyandu.name)
      : [];
  const [post] = chosen ? await db.select({ name: posyandu.name }).from(posyandu).where(eq(posyandu.id, chosen)) : [];
  const period = monthPeriod(month);
  const [rows, me, target] = await Promise.all([
    indicatorsForMonthsStored(db, prev, month, scope),
    kaderRows(db, actor, scope, period, today, actor.id),
    targetFor(db, actor.puskesmasId, month.year, actor.villageId),
  ]);
  const trend = byMonth(rows, [prev, month]);
  const [mine] = me;
  return {
    posyanduName: post?.name ?? '',
    posyanduId: chosen,
    /** Her posyandu to choose from (only when she works in more than one). */
    posyanduChoices: choices,
    today,
    asOf: periodAsOf(period, today),
    month,
    /** This month (the one under way). */
    thisMonth: monthOf(today),
    previousMonth: prev,
    target,
    current: trend[1]!.totals,
    previous: trend[0]!.totals,
    me: mine ?? {
      id: actor.id,
      name: '',
      posyanduName: post?.name ?? '',
      mothersFollowed: 0,
      visitsInMonth: 0,
      lastVisit: null,
      noVisit30Days: true,
      windows: { onTime: 0, late: 0, missed: 0 },
    },
  };
}

export type ReportRow = { id: string | null; name: string; villageId: string; villageName: string; totals: IndicatorTotals; previous: IndicatorTotals };
export type ReportVillage = { id: string; name: string; totals: IndicatorTotals; previous: IndicatorTotals };

/**
 * The F1 section O report of a period (a month, quarter or year) for the district: per posyandu,
 * per village and for the puskesmas (the sum of its villages), each beside the period before;
 * both coverages; sessions held and certificates issued. Optionally one village (`villageId`;
 * an id not of this puskesmas is dropped and `village` is null). Staff and admin of the
 * puskesmas only ('export'). Counts and place names only, no personal data.
 */
export async function monthlyReport(actor: Actor, when: YearMonth | Period, opts: { villageId?: string | null } = {}) {
  assertCan(actor, 'export', 'coverage');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const period = toPeriod(when);
  const prev = previousPeriod(period);
  const places = await placesOf(db, actor.puskesmasId);
  const village = opts.villageId ? (places.villages.find((v) => v.id === opts.villageId) ?? null) : null;
  const scope = coverageScope(actor, 'export', { villageId: village?.id ?? null });
  const first = monthBounds(period.from.year, period.from.month).first;
  const last = monthBounds(period.to.year, period.to.month).last;
  const villageNames = new Map(places.villages.map((v) => [v.id, v.name]));
  const [posyanduRows, villageRows, sessions, [certs], target] = await Promise.all([
    indicatorsForMonthsStored(db, prev.from, period.to, scope, 'posyandu'),
    indicatorsForMonthsStored(db, prev.from, period.to, scope, 'village'),
    groupSessionCounts(db, actor, first, last, p.timeZone, { villageId: village?.id ?? null }),
    db
      .execute(
        sql`
      select count(*) filter (where c.revoked_at is null)::int as issued
      from certificates c
      where c.puskesmas_id = ${actor.puskesmasId} and (c.issued_at at time zone ${p.timeZone})::date between ${first}::date and ${last}::date
        ${village ? sql`and c.baby_id in (select b.id from babies b join mothers m on m.id = b.mother_id where m.village_id = ${village.id})` : sql``}`,
      )
      .then((r) => rowsOf<{ issued: number }>(r)),
    targetFor(db, actor.puskesmasId, period.year, village?.id ?? null),
  ]);
  const of = (rows: IndicatorMonthGroupRow[], id: string, q: Period) =>
    periodTotals(
      rows.filter((r) => r.groupId === id),
      q.from,
      q.to,
    ) ?? EMPTY_TOTALS;
  const perPosyandu: ReportRow[] = places.posyandu
    .filter((x) => !village || x.villageId === village.id)
    .map((x) => ({
      id: x.id,
      name: x.name,
      villageId: x.villageId,
      villageName: villageNames.get(x.villageId) ?? '',
      totals: of(posyanduRows, x.id, period),
      previous: of(posyanduRows, x.id, prev),
    }));
  perPosyandu.sort((a, b) => a.villageName.localeCompare(b.villageName, 'id') || a.name.localeCompare(b.name, 'id'));
  const perVillage: ReportVillage[] = places.villages
    .filter((v) => !village || v.id === village.id)
    .map((v) => ({ id: v.id, name: v.name, totals: of(villageRows, v.id, period), previous: of(villageRows, v.id, prev) }));
  return {
    puskesmas: { name: p.name, code: p.code },
    /** The period's first month (the files' creation date). */
    month: period.from,
    period,
    previousPeriod: prev,
    /** The village the report is narrowed to, or null (the whole puskesmas). */
    village: village ? { id: village.id, name: village.name } : null,
    /** Every village (for the filter). */
    villageChoices: places.villages,
    rows: perPosyandu,
    villages: perVillage,
    /** The puskesmas (or the chosen village): the sum of the villages. */
    total: sumIndicators(perVillage.map((v) => v.totals)),
    previousTotal: sumIndicators(perVillage.map((v) => v.previous)),
    sessions,
    certificatesIssued: Number(certs?.issued ?? 0),
    /** The target % for the period's year (the village's own when narrowed to one that has it); null = not set. */
    target,
  };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;

/** The report as lib/reports builds its CSV and XLSX: the period and village named, village sums, the period before. */
export function reportFileInput(r: MonthlyReport): ReportInput {
  return {
    puskesmas: r.puskesmas,
    month: r.month,
    rows: r.rows,
    villages: r.villages,
    total: r.total,
    previous: { label: periodNameId(r.previousPeriod), total: r.previousTotal },
    villageName: r.village?.name ?? null,
    periodLabel: periodNameId(r.period),
    periodParam: r.period.param,
    sessions: r.sessions,
    certificatesIssued: r.certificatesIssued,
    target: r.target,
  };
}
export type { Coverage };
export { coverage };
