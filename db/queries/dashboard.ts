/**
 * The dashboard's rules of lib/domain/dashboard.ts as SQL (exclusivity curve by month of age,
 * reasons mothers stopped, six-month coverage by session attendance), built on the per-baby
 * state of db/queries/indicators.ts. tests/integration/dashboard-sql.test.ts holds them equal
 * to lib/domain on a generated population.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { coverage, CURVE_MONTHS, STOP_REASONS, type Coverage, type CurvePoint, type StopReason, type YearMonth, monthBounds } from '@/lib/domain';
import { babyStateCte, statusOnSql, visitBreakSql } from './indicators';

/** lib/domain exclusivityCurve: share still exclusive at each month of age 0–6, as known on `today`. */
export async function exclusivityCurveSql(db: DbOrTx, today: string, where: SQL): Promise<CurvePoint[]> {
  const T = sql`${today}::date`;
  const ks = sql.raw(CURVE_MONTHS.map((k) => `(${k})`).join(','));
  const day = sql`(st.birth_date + make_interval(months => k.k))::date`;
  const query = sql`
    with ${babyStateCte(sql`${where} and b.birth_date <= ${T}`)}
    select x.k, count(*) filter (where x.status = case when x.k < 6 then 'ongoing' else 'graduated' end)::int as num, count(*)::int as den
    from (
      select k.k, ${day} as day, ${statusOnSql(day)} as status
      from st cross join (values ${ks}) as k(k)
    ) x
    where x.day <= ${T} and x.status <> 'exited'
    group by x.k`;
  const rows = rowsOf<{ k: number; num: number; den: number }>(await db.execute(query));
  return CURVE_MONTHS.map((month) => {
    const r = rows.find((x) => Number(x.k) === month);
    return { month, share: coverage(Number(r?.num ?? 0), Number(r?.den ?? 0)) };
  });
}

export type StopReasonRow = { groupId: string | null; reason: StopReason; n: number };

/**
 * lib/domain stopReasonCounts: babies whose first break is in [from, to], by the reason of the
 * visit that gave it (ties: a visit with a reason, then the earliest visit, then the smaller id),
 * per village (or in total).
 */
export async function stopReasonsSql(db: DbOrTx, from: string, to: string, where: SQL, groupBy: 'none' | 'village' = 'village'): Promise<StopReasonRow[]> {
  const F = sql`${from}::date`;
  const T = sql`${to}::date`;
  const group = groupBy === 'village' ? sql.raw('st.village_id') : sql.raw('null::uuid');
  const query = sql`
    with ${babyStateCte(sql`${where} and b.birth_date <= ${T} and (b.birth_date + interval '6 months')::date > ${F}`)}
    select ${group}::text as group_id, coalesce(r.break_reason::text, 'unknown') as reason, count(*)::int as n
    from st
    cross join lateral (
      select v.break_reason from visits v
      where v.baby_id = st.id and ${visitBreakSql('v')} is not null
        and greatest(st.birth_date, ${visitBreakSql('v')}) = st.first_break
      order by (v.break_reason is null), v.visit_date, v.id
      limit 1
    ) r
    where st.first_break between ${F} and ${T}
    group by 1, 2`;
  return rowsOf<{ group_id: string | null; reason: string; n: number }>(await db.execute(query))
    .filter((r) => (STOP_REASONS as readonly string[]).includes(r.reason))
    .map((r) => ({ groupId: r.group_id, reason: r.reason as StopReason, n: Number(r.n) }));
}

/**
 * A baby counts as "attended" when its mother was present at a group session (not cancelled)
 * that started before the baby's 6-month date (in the puskesmas's time zone).
 */
export function attendedSql(timeZone: string): SQL {
  return sql`exists (
    select 1 from attendance a join group_sessions gs on gs.id = a.session_id
    where a.mother_id = b.mother_id and a.status = 'present' and gs.status <> 'cancelled'
      and (gs.starts_at at time zone ${timeZone})::date < (b.birth_date + interval '6 months')::date
  )`;
}

/**
 * lib/domain coverageByAttendance: six-month coverage (O5/O4 summed over the months) of babies
 * whose mothers attended a session against the others. Only O4/O5 matter: babies whose 6-month
 * date is in the period, not exited on the last day of that month, graduated on it.
 */
export async function coverageByAttendanceSql(
  db: DbOrTx,
  from: YearMonth,
  to: YearMonth,
  where: SQL,
  timeZone: string,
): Promise<{ attended: Coverage; notAttended: Coverage }> {
  const F = monthBounds(from.year, from.month).first;
  const L = monthBounds(to.year, to.month).last;
  const lastOfSixMonth = sql`(date_trunc('month', st.six) + interval '1 month' - interval '1 day')::date`;
  const query = sql`
    with ${babyStateCte(sql`${where} and (b.birth_date + interval '6 months')::date between ${F}::date and ${L}::date`)}
    select x.attended,
      count(*) filter (where x.status_last <> 'exited')::int as o4,
      count(*) filter (where x.status_last = 'graduated')::int as o5
    from (
      select ${statusOnSql(lastOfSixMonth)} as status_last,
        exists (
          select 1 from attendance a join group_sessions gs on gs.id = a.session_id
          where a.mother_id = st.mother_id and a.status = 'present' and gs.status <> 'cancelled'
            and (gs.starts_at at time zone ${timeZone})::date < st.six
        ) as attended
      from st
    ) x
    group by x.attended`;
  const rows = rowsOf<{ attended: boolean; o4: number; o5: number }>(await db.execute(query));
  const of = (a: boolean) => rows.find((r) => r.attended === a);
  return {
    attended: coverage(Number(of(true)?.o5 ?? 0), Number(of(true)?.o4 ?? 0)),
    notAttended: coverage(Number(of(false)?.o5 ?? 0), Number(of(false)?.o4 ?? 0)),
  };
}
