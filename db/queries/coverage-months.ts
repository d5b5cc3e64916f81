/**
 * The dashboard's counts read from the per-posyandu monthly sums of migration 0005_coverage_months
 * (coverage_months, kept by triggers from coverage_baby_months) instead of counting every baby:
 * about 100 posyandu × 12 months rows whatever the number of babies. The per-baby rows follow
 * lib/domain's rules (DESIGN §3); tests/integration/coverage-months.test.ts holds every function
 * here equal to lib/domain, also after the data changes.
 *
 * Nothing stored depends on today. The two counts that do — the exclusivity curve (ages reached
 * by today) and the status today — take every month before today's month from the sums and
 * count only today's month live, with the SQL of indicators.ts / dashboard.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { COVERAGE_COUNT_COLUMNS, type CoverageCountColumn } from '@/db/schema';
import {
  addMonths,
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
import { statusOnSql, type CoverageMonthRow, type IndicatorGrouping, type IndicatorMonthGroupRow } from './indicators';

/** Which babies to count: a puskesmas, optionally one village and/or one posyandu (their mothers'). */
export type CoverageScope = { puskesmasId: string; villageId?: string | null; posyanduId?: string | null };

/** The scope as a condition on coverage_months c. */
function onSums(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`c.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`c.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`c.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

/** The scope as a condition on babies b and mothers m (the live SQL of indicators.ts). */
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
 * = indicatorsForMonthsSql: indicators of every month from `from` to `to`, per group. Rows only
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

/** = coverageTrendSql: both coverages of every month from `from` to `to`. */
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
 * = stopReasonsSql over whole months: babies whose first break is in the months `from`–`to`,
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

/** = coverageByAttendanceSql: six-month coverage of babies whose mothers attended a session against the others. */
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
 * The per-baby facts of indicators.ts babyStateCte (as CTE `st`) for the babies in scope matched
 * by `extra` (babies b), without joining every mother: only a village or posyandu filter reads mothers.
 */
function liveBabiesCte(scope: CoverageScope, extra: SQL): SQL {
  const mothers: SQL[] = [];
  if (scope.villageId) mothers.push(sql`m.village_id = ${scope.villageId}`);
  if (scope.posyanduId) mothers.push(sql`m.posyandu_id = ${scope.posyanduId}`);
  return sql`st as (
    select b.id, b.sex, b.birth_date, b.exit_date, (b.birth_date + interval '6 months')::date as six,
      b.state_first_break as first_break, b.state_confirmed as confirmed
    from babies b
    where b.puskesmas_id = ${scope.puskesmasId} and ${extra}
      ${mothers.length ? sql`and b.mother_id in (select m.id from mothers m where ${sql.join(mothers, sql` and `)})` : sql``}
  )`;
}

/**
 * = exclusivityCurveSql on `today`: the k-month dates before today's month from the sums, those
 * from its first day to today counted live (for each k, only the babies born in the month k
 * months earlier, give or take the clamping of month ends).
 */
export async function exclusivityCurveStored(db: DbOrTx, today: string, scope: CoverageScope): Promise<CurvePoint[]> {
  const F = first(monthOf(today));
  const T = sql`${today}::date`;
  const cols = CURVE_MONTHS.flatMap((k) => [`curve_num_${k}`, `curve_den_${k}`] as CoverageCountColumn[]);
  const ks = sql.raw(CURVE_MONTHS.map((k) => `(${k})`).join(','));
  const [stored, live] = await Promise.all([
    db.execute(sql`select ${sums(cols)} from coverage_months c where ${onSums(scope)} and c.month < ${F}::date`).then((x) => rowsOf<Sums>(x)[0]),
    db
      .execute(
        sql`with ${liveBabiesCte(scope, sql`b.birth_date >= ${addMonths(F, -6)}::date and b.birth_date <= ${T}`)}
          select k.k, count(*) filter (where x.status = case when k.k < 6 then 'ongoing' else 'graduated' end)::int as num, count(*)::int as den
          from (values ${ks}) as k(k)
          cross join lateral (
            select ${statusOnSql(sql`st.day`)} as status
            from (
              select s.*, (s.birth_date + make_interval(months => k.k))::date as day from st s
              where s.birth_date >= (${F}::date - make_interval(months => k.k))::date
                and s.birth_date <= (${T} - make_interval(months => k.k))::date + 3
            ) st
            where st.day between ${F}::date and ${T}
          ) x
          where x.status <> 'exited'
          group by k.k`,
      )
      .then((x) => rowsOf<{ k: number; num: number; den: number }>(x)),
  ]);
  return CURVE_MONTHS.map((k) => {
    const l = live.find((r) => Number(r.k) === k);
    return {
      month: k,
      share: coverage(Number(stored?.[`curve_num_${k}`] ?? 0) + Number(l?.num ?? 0), Number(stored?.[`curve_den_${k}`] ?? 0) + Number(l?.den ?? 0)),
    };
  });
}

/**
 * = statusCountsSql on `day`: babies whose 6-month date is before `day`'s month keep their
 * status for ever after it (final_* of the sums); the others are counted live.
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
        sql`with ${liveBabiesCte(scope, sql`b.birth_date >= ${addMonths(F, -6)}::date`)}
          select ${statusOnSql(sql`${day}::date`)} as status, count(*)::int as n from st group by 1`,
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

/**
 * Per posyandu, the visit windows that closed in `month` (their last day in it; or in a range of
 * months) of babies not exited by its last day, in their state on `asOf` (lib/domain windowStates over the visits
 * dated on or before `asOf`): filled by then on time / late, or missed (`asOf` after the last day).
 * Assigning visits in date order means the visits after `asOf` never change which earlier visit
 * filled a window, so the stored assignment over all visits gives the state on any day.
 */
export async function windowOutcomesStored(
  db: DbOrTx,
  scope: CoverageScope,
  month: YearMonth | { from: YearMonth; to: YearMonth },
  asOf: string,
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
        count(*) filter (where (w.filled_on is null or w.filled_on > ${A}) and ${A} > w.window_to)::int as missed
      from coverage_baby_windows w
      where ${sql.join(parts, sql` and `)} and w.window_to between ${F}::date and ${L}::date
        -- not exited by the last day of the month the window closed in (= L for one month)
        and (w.exit_date is null or w.exit_date > (date_trunc('month', w.window_to) + interval '1 month' - interval '1 day')::date)
      group by 1`),
  );
  return new Map(rows.map((r) => [r.posyandu_id, { onTime: Number(r.on_time), late: Number(r.late), missed: Number(r.missed) }]));
}
