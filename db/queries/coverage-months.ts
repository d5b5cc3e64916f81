/**
 * The dashboard's counts read from the per-posyandu monthly sums (coverage_months, summed by the
 * triggers of migration 0005 from coverage_baby_months, whose rows lib/domain computes:
 * db/coverage.ts) instead of counting every baby: about 100 posyandu × 12 months rows whatever
 * the number of babies. tests/integration/coverage-months.test.ts and coverage-writes.test.ts
 * hold every function here equal to lib/domain.
 *
 * Nothing stored depends on today. The counts that do — the exclusivity curve (ages reached by
 * today) and the status on a day — take every month before that day's month from the sums and
 * count the month in progress from what lib/domain stored per baby: the day of the month of each
 * k-month date (coverage_baby_months.curve_day_k) and the status timeline (babies.status_*).
 * No rule is applied here; the SQL only looks up, filters by date and sums.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { COVERAGE_COUNT_COLUMNS, type CoverageCountColumn } from '@/db/schema';
import {
  addMonths,
  closedBefore,
  coverage,
  CURVE_MONTHS,
  monthBounds,
  monthOf,
  STOP_REASONS,
  type Coverage,
  type CurvePoint,
  type IndicatorTotals,
  type StopReason,
  type YearMonth,
} from '@/lib/domain';

export type IndicatorGroupRow = { groupId: string | null; totals: IndicatorTotals };
export type IndicatorMonthGroupRow = IndicatorGroupRow & { year: number; month: number };
export type IndicatorGrouping = 'none' | 'village' | 'posyandu';
export type CoverageMonthRow = { year: number; month: number; recallCoverage: Coverage; sixMonthCoverage: Coverage };

/**
 * The journey status on `day` of a baby row `b`, looked up in its stored timeline
 * (lib/domain statusTimeline: the status before any change, then up to two changes).
 */
export function statusAtSql(day: SQL): SQL {
  return sql`case when b.status_change_2 <= ${day} then b.status_2 when b.status_change_1 <= ${day} then b.status_1 else b.status_initial end`;
}

/** Which babies to count: a puskesmas, optionally one village and/or one posyandu (their mothers'). */
export type CoverageScope = { puskesmasId: string; villageId?: string | null; posyanduId?: string | null };

/** The scope as a condition on coverage_months c. */
function onSums(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`c.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`c.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`c.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

/** The scope as a condition on babies b and mothers m. */
export function scopeOnBabies(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`b.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`m.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`m.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

const first = (ym: YearMonth) => monthBounds(ym.year, ym.month).first;
const sums = (cols: readonly CoverageCountColumn[]) => sql.raw(cols.map((c) => `sum(c.${c})::int as ${c}`).join(', '));
type Sums = Record<CoverageCountColumn, number>;

/**
 * = lib/domain indicatorsForMonth of every month from `from` to `to`, per group. Rows only
 * for months and groups that have babies (every baby not left out of a month is in O1–O4).
 */
export async function indicatorsForMonthsStored(
  db: DbOrTx,
  from: YearMonth,
  to: YearMonth,
  scope: CoverageScope,
  groupBy: IndicatorGrouping = 'none',
): Promise<IndicatorMonthGroupRow[]> {
  const group = groupBy === 'village' ? sql.raw('c.village_id') : groupBy === 'posyandu' ? sql.raw('c.posyandu_id') : sql.raw('null::uuid');
  const cols = COVERAGE_COUNT_COLUMNS.filter((c) => /^o[1-5]_[lp]$|^recall_/.test(c));
  const rows = rowsOf<Sums & { ym: string; group_id: string | null }>(
    await db.execute(sql`
      select to_char(c.month, 'YYYY-MM') as ym, ${group}::text as group_id, ${sums(cols)}
      from coverage_months c
      where ${onSums(scope)} and c.month between ${first(from)}::date and ${first(to)}::date
      group by 1, 2
      having sum(c.o1_l + c.o1_p + c.o2_l + c.o2_p + c.o3_l + c.o3_p + c.o4_l + c.o4_p) > 0
      order by 1, 2`),
  );
  const sex = (r: Sums, o: 'o1' | 'o2' | 'o3' | 'o4' | 'o5') => {
    const L = Number(r[`${o}_l`]);
    const P = Number(r[`${o}_p`]);
    return { L, P, total: L + P };
  };
  return rows.map((r) => {
    const totals: IndicatorTotals = {
      O1: sex(r, 'o1'),
      O2: sex(r, 'o2'),
      O3: sex(r, 'o3'),
      O4: sex(r, 'o4'),
      O5: sex(r, 'o5'),
      recallCoverage: coverage(Number(r.recall_num), Number(r.recall_den)),
      sixMonthCoverage: coverage(Number(r.o5_l) + Number(r.o5_p), Number(r.o4_l) + Number(r.o4_p)),
    };
    return { year: Number(r.ym.slice(0, 4)), month: Number(r.ym.slice(5, 7)), groupId: r.group_id, totals };
  });
}

function monthsOf(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((m = 1), y++) : m++) out.push({ year: y, month: m });
  return out;
}

/** Both coverages of every month from `from` to `to`. */
export async function coverageTrendStored(db: DbOrTx, from: YearMonth, to: YearMonth, scope: CoverageScope): Promise<CoverageMonthRow[]> {
  const rows = rowsOf<Sums & { ym: string }>(
    await db.execute(sql`
      select to_char(c.month, 'YYYY-MM') as ym, ${sums(['recall_num', 'recall_den', 'o4_l', 'o4_p', 'o5_l', 'o5_p'])}
      from coverage_months c
      where ${onSums(scope)} and c.month between ${first(from)}::date and ${first(to)}::date
      group by 1`),
  );
  return monthsOf(from, to).map((ym) => {
    const r = rows.find((x) => x.ym === `${ym.year}-${String(ym.month).padStart(2, '0')}`);
    return {
      ...ym,
      recallCoverage: coverage(Number(r?.recall_num ?? 0), Number(r?.recall_den ?? 0)),
      sixMonthCoverage: coverage(Number(r?.o5_l ?? 0) + Number(r?.o5_p ?? 0), Number(r?.o4_l ?? 0) + Number(r?.o4_p ?? 0)),
    };
  });
}

/**
 * = lib/domain stopReasonCounts over whole months: babies whose first break is in the months `from`–`to`,
 * by its reason, per village (or in total).
 */
export async function stopReasonsStored(
  db: DbOrTx,
  from: YearMonth,
  to: YearMonth,
  scope: CoverageScope,
  groupBy: 'none' | 'village' = 'village',
): Promise<{ groupId: string | null; reason: StopReason; n: number }[]> {
  const group = groupBy === 'village' ? sql.raw('c.village_id') : sql.raw('null::uuid');
  const cols = STOP_REASONS.map((r) => `stop_${r}` as CoverageCountColumn);
  const rows = rowsOf<Sums & { group_id: string | null }>(
    await db.execute(sql`
      select ${group}::text as group_id, ${sums(cols)}
      from coverage_months c
      where ${onSums(scope)} and c.month between ${first(from)}::date and ${first(to)}::date
      group by 1`),
  );
  return rows.flatMap((r) =>
    STOP_REASONS.map((reason) => ({ groupId: r.group_id, reason, n: Number(r[`stop_${reason}` as CoverageCountColumn]) })).filter((x) => x.n > 0),
  );
}

/** = lib/domain coverageByAttendance: six-month coverage of babies whose mothers attended a session against the others. */
export async function coverageByAttendanceStored(
  db: DbOrTx,
  from: YearMonth,
  to: YearMonth,
  scope: CoverageScope,
): Promise<{ attended: Coverage; notAttended: Coverage }> {
  const [r] = rowsOf<Sums>(
    await db.execute(sql`
      select ${sums(['o4_l', 'o4_p', 'o5_l', 'o5_p', 'o4_attended', 'o5_attended'])}
      from coverage_months c
      where ${onSums(scope)} and c.month between ${first(from)}::date and ${first(to)}::date`),
  );
  const o4 = Number(r?.o4_l ?? 0) + Number(r?.o4_p ?? 0);
  const o5 = Number(r?.o5_l ?? 0) + Number(r?.o5_p ?? 0);
  const a4 = Number(r?.o4_attended ?? 0);
  const a5 = Number(r?.o5_attended ?? 0);
  return { attended: coverage(a5, a4), notAttended: coverage(o5 - a5, o4 - a4) };
}

/**
 * = lib/domain exclusivityCurve on `today`: the k-month dates before today's month from the
 * sums, those of today's month up to today from its per-baby rows (curve_day_k: the day of the
 * month the k-month date falls on).
 */
export async function exclusivityCurveStored(db: DbOrTx, today: string, scope: CoverageScope): Promise<CurvePoint[]> {
  const F = first(monthOf(today));
  const cols = CURVE_MONTHS.flatMap((k) => [`curve_num_${k}`, `curve_den_${k}`] as CoverageCountColumn[]);
  const dayOfMonth = Number(today.slice(8, 10));
  const live = sql.raw(
    CURVE_MONTHS.flatMap((k) => [
      `coalesce(sum(c.curve_num_${k}) filter (where c.curve_day_${k} <= ${dayOfMonth}), 0)::int as curve_num_${k}`,
      `coalesce(sum(c.curve_den_${k}) filter (where c.curve_day_${k} <= ${dayOfMonth}), 0)::int as curve_den_${k}`,
    ]).join(', '),
  );
  const [stored, month] = await Promise.all([
    db.execute(sql`select ${sums(cols)} from coverage_months c where ${onSums(scope)} and c.month < ${F}::date`).then((x) => rowsOf<Sums>(x)[0]),
    db.execute(sql`select ${live} from coverage_baby_months c where ${onSums(scope)} and c.month = ${F}::date`).then((x) => rowsOf<Sums>(x)[0]),
  ]);
  const n = (r: Sums | undefined, c: CoverageCountColumn) => Number(r?.[c] ?? 0);
  return CURVE_MONTHS.map((k) => ({
    month: k,
    share: coverage(n(stored, `curve_num_${k}`) + n(month, `curve_num_${k}`), n(stored, `curve_den_${k}`) + n(month, `curve_den_${k}`)),
  }));
}

/** The babies in scope matched by `extra` (babies b); only a village or posyandu filter reads mothers. */
function babiesInScope(scope: CoverageScope, extra: SQL): SQL {
  const mothers: SQL[] = [];
  if (scope.villageId) mothers.push(sql`m.village_id = ${scope.villageId}`);
  if (scope.posyanduId) mothers.push(sql`m.posyandu_id = ${scope.posyanduId}`);
  return sql`b.puskesmas_id = ${scope.puskesmasId} and ${extra}
    ${mothers.length ? sql`and b.mother_id in (select m.id from mothers m where ${sql.join(mothers, sql` and `)})` : sql``}`;
}

/**
 * = lib/domain statusCountsOn `day` (babies born by then), counted: babies whose 6-month date is before `day`'s
 * month keep their status for ever after it (final_* of the sums); the others are looked up in
 * their status timeline on `day`.
 */
export async function statusCountsStored(db: DbOrTx, day: string, scope: CoverageScope): Promise<Record<string, number>> {
  const F = first(monthOf(day));
  const [stored, live] = await Promise.all([
    db
      .execute(
        sql`select ${sums(['final_exited', 'final_broken', 'final_graduated', 'final_unrecorded'])} from coverage_months c where ${onSums(scope)} and c.month < ${F}::date`,
      )
      .then((x) => rowsOf<Sums>(x)[0]),
    // 6-month date on or after the first of the month <=> born on or after that day 6 months earlier.
    db
      .execute(
        sql`select ${statusAtSql(sql`${day}::date`)} as status, count(*)::int as n
          from babies b where ${babiesInScope(scope, sql`b.birth_date >= ${addMonths(F, -6)}::date and b.birth_date <= ${day}::date`)} group by 1`,
      )
      .then((x) => rowsOf<{ status: string; n: number }>(x)),
  ]);
  const out: Record<string, number> = {};
  for (const s of ['exited', 'broken', 'graduated', 'unrecorded'] as const) {
    const n = Number(stored?.[`final_${s}`] ?? 0);
    if (n > 0) out[s] = n;
  }
  for (const r of live) out[r.status] = (out[r.status] ?? 0) + Number(r.n);
  return out;
}

/** Number of babies in each journey status on `day`, per village, for the babies matched by `where` (babies b, mothers m). */
export async function statusCountsByVillage(db: DbOrTx, day: string, where: SQL): Promise<{ villageId: string; status: string; n: number }[]> {
  const rows = rowsOf<{ village_id: string; status: string; n: number }>(
    await db.execute(sql`
      select m.village_id::text as village_id, ${statusAtSql(sql`${day}::date`)} as status, count(*)::int as n
      from babies b join mothers m on m.id = b.mother_id
      where ${where}
      group by 1, 2`),
  );
  return rows.map((r) => ({ villageId: r.village_id, status: r.status, n: Number(r.n) }));
}

/**
 * Per posyandu, the visit windows that closed in `month` (their last day in it; or in a range of
 * months) of babies not exited by its last day (an exit before the 6-month date: the stored
 * exit_date is lib/domain's countedExit), each in its column as of `asOf` = lib/domain
 * periodWindowColumn: filled by then on time / late, or missed once closed (its last day before
 * lib/domain closedBefore(asOf, periodOver), decision 050). Windows not owed (closed before
 * the baby entered the program, decision 060) have no row. Assigning visits in date order means
 * the visits after `asOf` never change which earlier visit filled a window, so the stored
 * assignment over all visits gives the state on any day.
 */
export async function windowOutcomesStored(
  db: DbOrTx,
  scope: CoverageScope,
  month: YearMonth | { from: YearMonth; to: YearMonth },
  asOf: string,
  periodOver = false,
): Promise<Map<string, { onTime: number; late: number; missed: number }>> {
  // A month, or every month of a period (quarter, year): windows whose last day is in it.
  const range = 'from' in month ? month : { from: month, to: month };
  const F = monthBounds(range.from.year, range.from.month).first;
  const L = monthBounds(range.to.year, range.to.month).last;
  const parts: SQL[] = [sql`w.puskesmas_id = ${scope.puskesmasId}`];
  if (scope.villageId) parts.push(sql`w.village_id = ${scope.villageId}`);
  if (scope.posyanduId) parts.push(sql`w.posyandu_id = ${scope.posyanduId}`);
  const A = sql`${asOf}::date`;
  const rows = rowsOf<{ posyandu_id: string; on_time: number; late: number; missed: number }>(
    await db.execute(sql`
      select w.posyandu_id::text as posyandu_id,
        count(*) filter (where w.filled_on <= ${A} and not w.late)::int as on_time,
        count(*) filter (where w.filled_on <= ${A} and w.late)::int as late,
        count(*) filter (where (w.filled_on is null or w.filled_on > ${A}) and w.window_to < ${closedBefore(asOf, periodOver)}::date)::int as missed
      from coverage_baby_windows w
      where ${sql.join(parts, sql` and `)} and w.window_to between ${F}::date and ${L}::date
        -- not exited by the last day of the month the window closed in (= L for one month)
        and (w.exit_date is null or w.exit_date > (date_trunc('month', w.window_to) + interval '1 month' - interval '1 day')::date)
      group by 1`),
  );
  return new Map(rows.map((r) => [r.posyandu_id, { onTime: Number(r.on_time), late: Number(r.late), missed: Number(r.missed) }]));
}
