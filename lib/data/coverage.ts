/**
 * Coverage dashboard, kader summary and monthly report: counted in the database with the SQL
 * that tests hold equal to lib/domain (db/queries/indicators.ts, db/queries/dashboard.ts).
 * Every function checks the policy ('coverage') and scopes by puskesmas or the kader's posyandu.
 * No personal data leaves these functions: only counts, place names and kader names.
 */
import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { coverageTargets, posyandu, users, villages } from '@/db/schema';
import { type IndicatorMonthGroupRow } from '@/db/queries/indicators';
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
} from '@/db/queries/coverage-months';
import { assertCan, ForbiddenError, posyanduIdsOf, scopeOf, type Actor } from '@/lib/auth/policy';
import {
  addToYearMonth,
  coverage,
  isoToday,
  minDate,
  monthBounds,
  monthOf,
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
import { puskesmasOf } from './overview';

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

export type PlaceRow = { id: string; name: string; villageName?: string; current: IndicatorTotals | null; previous: IndicatorTotals | null };

function perPlace(rows: IndicatorMonthGroupRow[], places: { id: string; name: string; villageId?: string }[], cur: YearMonth, prev: YearMonth, villageNames?: Map<string, string>): PlaceRow[] {
  const pick = (id: string, ym: YearMonth) => rows.find((r) => r.groupId === id && r.year === ym.year && r.month === ym.month)?.totals ?? null;
  return places.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.villageId && villageNames ? { villageName: villageNames.get(p.villageId) ?? '' } : {}),
    current: pick(p.id, cur),
    previous: pick(p.id, prev),
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

async function kaderRows(db: DbOrTx, actor: Actor, scope: CoverageScope, month: YearMonth, today: string, onlyKaderId?: string): Promise<KaderRow[]> {
  const where = scopeOnBabies(scope);
  const { first, last } = monthBounds(month.year, month.month);
  const asOf = minDate(today, addDays(last, 30));
  const since = addDays(today, -30);
  // One row per kader, over every posyandu she works in (issue #18: her home posyandu and her
  // kader_posyandu rows), listed when one of them has a baby in the scope.
  const kaders = rowsOf<{ id: string; name: string; posyandu_ids: string[]; posyandu_names: string[]; visits: number; last_visit: string | null }>(
    await db.execute(sql`
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
        (select max(v.visit_date)::text from visits v where v.kader_id = u.id) as last_visit
      from kp join users u on u.id = kp.kader_id
      group by u.id, u.name, u.posyandu_id
      order by min(kp.posyandu_name), u.name`),
  );
  if (kaders.length === 0) return [];
  // Mothers followed today: a baby under 6 months, not exited.
  const followed = new Map(
    rowsOf<{ posyandu_id: string; n: number }>(
      await db.execute(sql`
        select m.posyandu_id::text as posyandu_id, count(distinct m.id)::int as n
        from babies b join mothers m on m.id = b.mother_id
        where ${where} and b.birth_date <= ${today}::date and (b.birth_date + interval '6 months')::date > ${today}::date
          -- the same babies (6-month date after today <=> born after today 6 months earlier), said so the index is used
          and b.birth_date > (${today}::date - interval '6 months')::date
          and (b.exit_date is null or b.exit_date > ${today}::date)
        group by 1`),
    ).map((r) => [r.posyandu_id, Number(r.n)]),
  );
  const perPosyandu = new Map<string, number>();
  for (const k of kaders) for (const p of k.posyandu_ids) perPosyandu.set(p, (perPosyandu.get(p) ?? 0) + 1);
  // Windows that closed in M, in their state on asOf (the puskesmas's window setting, stored per baby).
  const outcomes = await windowOutcomesStored(db, scope, month, asOf);
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

async function sessionCounts(db: DbOrTx, actor: Actor, from: string, to: string, timeZone: string, filters: { villageId?: string | null; posyanduId?: string | null }) {
  const conds: SQL[] = [sql`gs.puskesmas_id = ${actor.puskesmasId}`, sql`gs.status = 'closed'`, sql`(gs.starts_at at time zone ${timeZone})::date between ${from}::date and ${to}::date`];
  if (filters.villageId) conds.push(sql`gs.village_id = ${filters.villageId}`);
  if (filters.posyanduId) conds.push(sql`(gs.posyandu_id = ${filters.posyanduId} or (gs.posyandu_id is null and gs.village_id = (select village_id from posyandu where id = ${filters.posyanduId})))`);
  const [r] = rowsOf<{ held: number; present: number; mothers: number }>(
    await db.execute(sql`
      select count(distinct gs.id)::int as held,
        count(a.id) filter (where a.status = 'present')::int as present,
        count(distinct a.mother_id) filter (where a.status = 'present')::int as mothers
      from group_sessions gs left join attendance a on a.session_id = gs.id
      where ${sql.join(conds, sql` and `)}`),
  );
  return { held: Number(r?.held ?? 0), present: Number(r?.present ?? 0), mothers: Number(r?.mothers ?? 0) };
}

export type Dashboard = Awaited<ReturnType<typeof coverageDashboard>>;

/** The staff dashboard for month `month` (default: this month) with optional village/posyandu filters. */
export async function coverageDashboard(actor: Actor, params: { month: YearMonth | null; villageId: string | null; posyanduId: string | null }) {
  assertCan(actor, 'read', 'coverage');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const places = await placesOf(db, actor.puskesmasId);
  // Unknown ids (another puskesmas, deleted) are dropped, never trusted.
  const villageId = places.villages.some((v) => v.id === params.villageId) ? params.villageId : null;
  const posyanduId = places.posyandu.some((x) => x.id === params.posyanduId && (!villageId || x.villageId === villageId)) ? params.posyanduId : null;
  const month = params.month ?? monthOf(today);
  const prev = addToYearMonth(month, -1);
  const first12 = addToYearMonth(month, -11);
  const months = monthsBetween(first12, month);
  const scope = coverageScope(actor, 'read', { villageId, posyanduId });
  const range = { from: monthBounds(first12.year, first12.month).first, to: monthBounds(month.year, month.month).last };
  const curveDay = minDate(today, range.to);
  const villageNames = new Map(places.villages.map((v) => [v.id, v.name]));
  const shownPosyandu = places.posyandu.filter((x) => (!villageId || x.villageId === villageId) && (!posyanduId || x.id === posyanduId));
  const shownVillages = places.villages.filter((v) => !villageId || v.id === villageId);
  const [trendRows, villageRows, posyanduRows, curve, reasons, sessions, byAttendance, kaders, target, statusToday] = await Promise.all([
    coverageTrendStored(db, first12, month, scope),
    indicatorsForMonthsStored(db, prev, month, scope, 'village'),
    indicatorsForMonthsStored(db, prev, month, scope, 'posyandu'),
    exclusivityCurveStored(db, curveDay, scope),
    stopReasonsStored(db, first12, month, scope, 'village'),
    sessionCounts(db, actor, range.from, range.to, p.timeZone, { villageId, posyanduId }),
    coverageByAttendanceStored(db, first12, month, scope),
    kaderRows(db, actor, scope, month, today),
    targetFor(db, actor.puskesmasId, month.year, villageId),
    statusCountsStored(db, today, scope),
  ]);
  // The trend spans two years when it starts before January: each month shows its own year's target.
  const targetBefore = first12.year !== month.year ? await targetFor(db, actor.puskesmasId, first12.year, villageId) : target;
  // This month and last month in full (O1–O5): the sum of the villages (every mother has one).
  const totalOf = (ym: YearMonth) => {
    const list = villageRows.filter((r) => r.year === ym.year && r.month === ym.month).map((r) => r.totals);
    return list.length ? sumIndicators(list) : null;
  };
  const trend = months.map((ym) => {
    const r = trendRows.find((x) => x.year === ym.year && x.month === ym.month)!;
    return { ...ym, recallCoverage: r.recallCoverage, sixMonthCoverage: r.sixMonthCoverage, target: ym.year === month.year ? target : targetBefore };
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
    month,
    previousMonth: prev,
    filters: { villageId, posyanduId },
    places,
    target,
    trend,
    current: totalOf(month),
    previous: totalOf(prev),
    villages: perPlace(villageRows, shownVillages, month, prev),
    posyandu: perPlace(posyanduRows, shownPosyandu, month, prev, villageNames),
    curve: curve as CurvePoint[],
    curveDay,
    reasonsByVillage,
    sessions: { ...sessions, attended: byAttendance.attended, notAttended: byAttendance.notAttended },
    kaders,
    statusToday: Object.fromEntries(JOURNEY_STATUSES.map((st) => [st, statusToday[st] ?? 0])) as Record<JourneyStatus, number>,
  };
}

/** The kader's phone summary: her posyandu's coverage this month and last, and her own visit record. */
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
  const choices = hers.length > 1 ? await db.select({ id: posyandu.id, name: posyandu.name }).from(posyandu).where(inArray(posyandu.id, [...hers])).orderBy(posyandu.name) : [];
  const [post] = chosen ? await db.select({ name: posyandu.name }).from(posyandu).where(eq(posyandu.id, chosen)) : [];
  const [rows, me, target] = await Promise.all([
    indicatorsForMonthsStored(db, prev, month, scope),
    kaderRows(db, actor, scope, month, today, actor.id),
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
    month,
    previousMonth: prev,
    target,
    current: trend[1]!.totals,
    previous: trend[0]!.totals,
    me: mine ?? { id: actor.id, name: '', posyanduName: post?.name ?? '', mothersFollowed: 0, visitsInMonth: 0, lastVisit: null, noVisit30Days: true, windows: { onTime: 0, late: 0, missed: 0 } },
  };
}

export type ReportRow = { id: string | null; name: string; villageName: string; totals: IndicatorTotals };

/**
 * The monthly report (F1 section O per posyandu and in total, both coverages, sessions held and
 * certificates issued) for the district: staff and admin of the puskesmas only ('export').
 * Counts and place names only, no personal data.
 */
export async function monthlyReport(actor: Actor, month: YearMonth) {
  assertCan(actor, 'export', 'coverage');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const scope = coverageScope(actor, 'export');
  const { first, last } = monthBounds(month.year, month.month);
  const places = await placesOf(db, actor.puskesmasId);
  const villageNames = new Map(places.villages.map((v) => [v.id, v.name]));
  const [rows, sessions, [certs], target] = await Promise.all([
    indicatorsForMonthsStored(db, month, month, scope, 'posyandu'),
    sessionCounts(db, actor, first, last, p.timeZone, {}),
    db.execute(sql`
      select count(*) filter (where revoked_at is null)::int as issued, count(*)::int as all_issued
      from certificates
      where puskesmas_id = ${actor.puskesmasId} and (issued_at at time zone ${p.timeZone})::date between ${first}::date and ${last}::date`).then((r) =>
      rowsOf<{ issued: number; all_issued: number }>(r),
    ),
    targetFor(db, actor.puskesmasId, month.year, null),
  ]);
  const perPosyandu: ReportRow[] = places.posyandu.map((x) => ({
    id: x.id,
    name: x.name,
    villageName: villageNames.get(x.villageId) ?? '',
    totals: rows.find((r) => r.groupId === x.id)?.totals ?? EMPTY_TOTALS,
  }));
  perPosyandu.sort((a, b) => a.villageName.localeCompare(b.villageName, 'id') || a.name.localeCompare(b.name, 'id'));
  const total = sumIndicators(rows.map((r) => r.totals));
  return {
    puskesmas: { name: p.name, code: p.code },
    month,
    rows: perPosyandu,
    total,
    sessions,
    certificatesIssued: Number(certs?.issued ?? 0),
    /** The puskesmas's target % for the report's year; null = not set for that year. */
    target,
  };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;
export type { Coverage };
export { coverage };
