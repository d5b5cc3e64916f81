/**
 * The rules of lib/domain (journey status, first break, indicators O1–O5 and coverages) as SQL,
 * so that dashboards and reports at district scale count in the database instead of loading
 * every visit. Built from lib/domain's constants; tests/integration/indicators-sql.test.ts
 * holds it equal to lib/domain on a generated population, month by month and village by village.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { coverage, monthBounds, NON_BREAKING_ITEMS, type Coverage, type IndicatorTotals, type SexCounts, type YearMonth } from '@/lib/domain';

/** A recall is exclusive when breastfed and every item given is one that does not break it. */
const nonBreaking = sql.raw(`array[${NON_BREAKING_ITEMS.map((i) => `'${i}'`).join(',')}]::text[]`);
export const exclusiveRecallSql = (v: string) => sql.raw(`(${v}.breastfed and ${v}.recall_items <@ `).append(nonBreaking).append(sql.raw(')'));

/** Break date a visit records (DESIGN "Breaks"), before raising to the birth date. */
export const visitBreakSql = (v: string) =>
  sql`least(
    case when not ${exclusiveRecallSql(v)} then ${sql.raw(v)}.visit_date end,
    case when ${sql.raw(v)}.given_since_last
      then least(coalesce(${sql.raw(v)}.given_since_last_date, ${sql.raw(v)}.visit_date), ${sql.raw(v)}.visit_date) end
  )`;

/**
 * Per-baby facts needed by the status rule, as one CTE `st`: six- and five-month dates, first
 * break before the 6-month date, confirmation. `where` filters babies (aliased b, mothers m).
 *
 * The first break and the confirmation are the columns babies.state_first_break and
 * babies.state_confirmed, which triggers on visits and babies keep equal to what
 * `babyStateFromVisitsSql` computes from all the visits (migration 0003_coverage). Reading them
 * instead of aggregating every visit on each query keeps the dashboard linear in the babies
 * it counts (docs/performance.md).
 */
export function babyStateCte(where: SQL): SQL {
  return sql`
    st as (
      select b.id, b.mother_id, b.sex, b.birth_date, b.exit_date, m.village_id, m.posyandu_id,
        (b.birth_date + interval '6 months')::date as six,
        (b.birth_date + interval '5 months')::date as five,
        b.state_first_break as first_break, b.state_confirmed as confirmed
      from babies b join mothers m on m.id = b.mother_id
      where ${where}
    )`;
}

/**
 * The same facts aggregated from the visits themselves (the rule the triggers apply), for the
 * test that holds the stored columns equal to it and to lib/domain.
 */
export function babyStateFromVisitsSql(where: SQL): SQL {
  return sql`
    select b.id::text as id, va.first_break::text as first_break, coalesce(va.confirmed, false) as confirmed
    from babies b join mothers m on m.id = b.mother_id
    left join lateral (
      -- greatest() skips nulls in PostgreSQL: raise to the birth date only a real break.
      select
        min(x.brk) filter (where x.brk < (b.birth_date + interval '6 months')::date) as first_break,
        bool_or(x.confirms) as confirmed
      from (
        select
          case when ${visitBreakSql('v')} is null then null
            else greatest(b.birth_date, ${visitBreakSql('v')}) end as brk,
          (v.confirmed_exclusive is true and v.visit_date >= (b.birth_date + interval '5 months')::date) as confirms
        from visits v where v.baby_id = b.id
      ) x
    ) va on true
    where ${where}`;
}

/** Journey status on `day` (a SQL date expression) of a row of `st`, in DESIGN precedence. */
export function statusOnSql(day: SQL): SQL {
  return sql`case
    when st.exit_date is not null and st.exit_date <= ${day} and st.exit_date < st.six then 'exited'
    when st.first_break is not null and st.first_break <= ${day} then 'broken'
    when ${day} < st.six then 'ongoing'
    when st.confirmed then 'graduated'
    else 'unrecorded' end`;
}

function monthsOf(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((m = 1), y++) : m++) out.push({ year: y, month: m });
  return out;
}

export type IndicatorGroupRow = { groupId: string | null; totals: IndicatorTotals };
export type IndicatorMonthGroupRow = IndicatorGroupRow & { year: number; month: number };
export type IndicatorGrouping = 'none' | 'village' | 'posyandu';

/**
 * Indicators of one month, computed in the database, for the babies matched by `where`
 * (babies aliased b, mothers m), grouped by `groupBy` ('none' | 'village' | 'posyandu').
 */
export async function indicatorsForMonthSql(db: DbOrTx, year: number, month: number, where: SQL, groupBy: IndicatorGrouping = 'none'): Promise<IndicatorGroupRow[]> {
  const rows = await indicatorsForMonthsSql(db, { year, month }, { year, month }, where, groupBy);
  return rows.map(({ groupId, totals }) => ({ groupId, totals }));
}

/**
 * Indicators of every month from `from` to `to` (inclusive) in one query: each baby's state is
 * computed once, then counted in each month it can count in. Rows only for months and groups
 * that have babies; a missing month means "no data".
 */
export async function indicatorsForMonthsSql(
  db: DbOrTx,
  from: YearMonth,
  to: YearMonth,
  where: SQL,
  groupBy: IndicatorGrouping = 'none',
): Promise<IndicatorMonthGroupRow[]> {
  const F = sql`${monthBounds(from.year, from.month).first}::date`;
  const L = sql`${monthBounds(to.year, to.month).last}::date`;
  const group = groupBy === 'village' ? sql.raw('st.village_id') : groupBy === 'posyandu' ? sql.raw('st.posyandu_id') : sql.raw('null::uuid');
  // Only babies that can count in the range: born by its last day, 6-month date on or after its first.
  const relevant = sql`${where} and b.birth_date <= ${L} and (b.birth_date + interval '6 months')::date >= ${F}`;
  const query = sql`
    with ${babyStateCte(relevant)},
    mo as (
      select v.first::date as first, (v.first::date + interval '1 month' - interval '1 day')::date as last
      from (values ${sql.join(
        monthsOf(from, to).map((ym) => sql`(${monthBounds(ym.year, ym.month).first})`),
        sql`, `,
      )}) as v(first)
    ),
    lr as (
      -- Latest recall per baby and month without sorting: the greatest "date, id, exclusive" key
      -- (ISO dates and lower-case uuids order as text as they do as values; lib/domain breaks a
      -- same-day tie by the greater id too).
      select v.baby_id, date_trunc('month', v.visit_date)::date as month_first,
        max(to_char(v.visit_date, 'YYYY-MM-DD') || v.id::text || case when ${exclusiveRecallSql('v')} then '1' else '0' end) as k
      from visits v join st on st.id = v.baby_id
      where v.visit_date between ${F} and ${L} and v.visit_date < st.six
      group by 1, 2
    ),
    facts as (
      select mo.first as month_first, ${group} as group_id, st.sex, st.six, left(lr.k, 10)::date as latest, right(lr.k, 1) = '1' as exclusive,
        ${statusOnSql(sql`mo.last`)} as status_last,
        case when lr.k is null then null else ${statusOnSql(sql`left(lr.k, 10)::date`)} end as status_latest,
        mo.first as f, mo.last as l
      from st join mo on st.birth_date <= mo.last and st.six >= mo.first
      left join lr on lr.baby_id = st.id and lr.month_first = mo.first
    )
    select to_char(month_first, 'YYYY-MM') as ym, group_id::text as group_id, sex::text as sex,
      count(*) filter (where status_latest = 'ongoing')::int as o1,
      count(*) filter (where status_latest = 'broken')::int as o2,
      count(*) filter (where latest is null and six > f)::int as o3,
      count(*) filter (where six between f and l)::int as o4,
      count(*) filter (where six between f and l and status_last = 'graduated')::int as o5,
      count(*) filter (where latest is not null and exclusive)::int as recall_num,
      count(*) filter (where latest is not null)::int as recall_den
    from facts
    where status_last <> 'exited'
    group by month_first, group_id, sex`;
  const rows = rowsOf<{
    ym: string;
    group_id: string | null;
    sex: 'L' | 'P';
    o1: number;
    o2: number;
    o3: number;
    o4: number;
    o5: number;
    recall_num: number;
    recall_den: number;
  }>(await db.execute(query));
  type Acc = { O1: SexCounts; O2: SexCounts; O3: SexCounts; O4: SexCounts; O5: SexCounts; rn: number; rd: number };
  const byKey = new Map<string, { ym: string; groupId: string | null; acc: Acc }>();
  const zero = (): SexCounts => ({ L: 0, P: 0, total: 0 });
  for (const r of rows) {
    const key = `${r.ym}|${r.group_id ?? ''}`;
    const entry = byKey.get(key) ?? { ym: r.ym, groupId: r.group_id, acc: { O1: zero(), O2: zero(), O3: zero(), O4: zero(), O5: zero(), rn: 0, rd: 0 } };
    const g = entry.acc;
    const add = (c: SexCounts, n: number) => {
      c[r.sex] += Number(n);
      c.total += Number(n);
    };
    add(g.O1, r.o1);
    add(g.O2, r.o2);
    add(g.O3, r.o3);
    add(g.O4, r.o4);
    add(g.O5, r.o5);
    g.rn += Number(r.recall_num);
    g.rd += Number(r.recall_den);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.ym < b.ym ? -1 : a.ym > b.ym ? 1 : 0))
    .map(({ ym, groupId, acc: g }) => ({
      year: Number(ym.slice(0, 4)),
      month: Number(ym.slice(5, 7)),
      groupId,
      totals: {
        O1: g.O1,
        O2: g.O2,
        O3: g.O3,
        O4: g.O4,
        O5: g.O5,
        recallCoverage: coverage(g.rn, g.rd),
        sixMonthCoverage: coverage(g.O5.total, g.O4.total),
      },
    }));
}

/** Number of babies in each journey status on `day`, per village, for the babies matched by `where`. */
export async function statusCountsByVillageSql(db: DbOrTx, day: string, where: SQL): Promise<{ villageId: string; status: string; n: number }[]> {
  const query = sql`with ${babyStateCte(where)}
    select st.village_id::text as village_id, ${statusOnSql(sql`${day}::date`)} as status, count(*)::int as n
    from st group by 1, 2`;
  return rowsOf<{ village_id: string; status: string; n: number }>(await db.execute(query)).map((r) => ({
    villageId: r.village_id,
    status: r.status,
    n: Number(r.n),
  }));
}

/** Number of babies in each journey status on `day`, for the babies matched by `where`. */
export async function statusCountsSql(db: DbOrTx, day: string, where: SQL): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await statusCountsByVillageSql(db, day, where)) out[r.status] = (out[r.status] ?? 0) + r.n;
  return out;
}

export type CoverageMonthRow = { year: number; month: number; recallCoverage: Coverage; sixMonthCoverage: Coverage };

/**
 * Only the two coverages of every month from `from` to `to`, for the dashboard's 12-month trend:
 * the same rules as indicatorsForMonthsSql without counting O1–O3 row by row, so the work is the
 * recalls of the period plus the babies reaching 6 months in it. Months without any recall or
 * any baby reaching 6 months have both coverages "no data".
 */
export async function coverageTrendSql(db: DbOrTx, from: YearMonth, to: YearMonth, where: SQL): Promise<CoverageMonthRow[]> {
  const F = sql`${monthBounds(from.year, from.month).first}::date`;
  const L = sql`${monthBounds(to.year, to.month).last}::date`;
  const relevant = sql`${where} and b.birth_date <= ${L} and (b.birth_date + interval '6 months')::date >= ${F}`;
  const monthLast = (d: SQL) => sql`(date_trunc('month', ${d}) + interval '1 month' - interval '1 day')::date`;
  const query = sql`
    with ${babyStateCte(relevant)},
    lr as (
      select v.baby_id, date_trunc('month', v.visit_date)::date as month_first,
        max(to_char(v.visit_date, 'YYYY-MM-DD') || v.id::text || case when ${exclusiveRecallSql('v')} then '1' else '0' end) as k
      from visits v join st on st.id = v.baby_id
      where v.visit_date between ${F} and ${L} and v.visit_date < st.six
      group by 1, 2
    ),
    rec as (
      select x.month_first as m, count(*)::int as den, count(*) filter (where x.exclusive)::int as num
      from (
        select lr.month_first, right(lr.k, 1) = '1' as exclusive, ${statusOnSql(monthLast(sql`lr.month_first`))} as status_last,
          st.birth_date, st.six
        from lr join st on st.id = lr.baby_id
      ) x
      where x.status_last <> 'exited' and x.birth_date <= ${monthLast(sql`x.month_first`)} and x.six >= x.month_first
      group by 1
    ),
    six as (
      select x.m, count(*) filter (where x.status_last <> 'exited')::int as o4, count(*) filter (where x.status_last = 'graduated')::int as o5
      from (select date_trunc('month', st.six)::date as m, ${statusOnSql(monthLast(sql`st.six`))} as status_last from st where st.six between ${F} and ${L}) x
      group by 1
    )
    select to_char(coalesce(rec.m, six.m), 'YYYY-MM') as ym, coalesce(rec.num, 0) as num, coalesce(rec.den, 0) as den, coalesce(six.o5, 0) as o5, coalesce(six.o4, 0) as o4
    from rec full join six on six.m = rec.m`;
  const rows = rowsOf<{ ym: string; num: number; den: number; o5: number; o4: number }>(await db.execute(query));
  return monthsOf(from, to).map((ym) => {
    const r = rows.find((x) => x.ym === `${ym.year}-${String(ym.month).padStart(2, '0')}`);
    return { ...ym, recallCoverage: coverage(Number(r?.num ?? 0), Number(r?.den ?? 0)), sixMonthCoverage: coverage(Number(r?.o5 ?? 0), Number(r?.o4 ?? 0)) };
  });
}
