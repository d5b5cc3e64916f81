/**
 * The counts behind the knowledge figures (issue #28 point 6; lib/domain/knowledge-figures.ts says
 * which checks and babies count). Rule-free: the baseline/endline occasion and `rose` of each check,
 * and each baby's baseline level and counselled topics, are derived by lib/domain babyKnowledge and
 * stored by db/coverage.ts refreshCoverage; the O4/O5 membership of a baby in a month is its stored
 * coverage_baby_months row. Here they are only filtered by date and scope, counted and summed.
 * tests/integration/knowledge-figures.test.ts holds the result equal to lib/domain
 * knowledgeCountsForPeriod computed from the records read back.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import type { CoverageScope } from '@/db/queries/coverage-months';
import { addToYearMonth, COUNSELLING_CODES, monthBounds, type YearMonth } from '@/lib/domain';
import { emptyKnowledgeCounts, type CheckSums, type KnowledgeCounts } from '@/lib/domain/knowledge-figures';
import { KNOWLEDGE_STATEMENT_IDS } from '@/lib/domain/knowledge';

/** The scope on knowledge_checks k: the mother's village and posyandu now (m joined only when filtered). */
function onChecks(s: CoverageScope): { join: SQL; where: SQL } {
  const parts: SQL[] = [sql`k.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`m.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`m.posyandu_id = ${s.posyanduId}`);
  return { join: s.villageId || s.posyanduId ? sql`join mothers m on m.id = k.mother_id` : sql``, where: sql.join(parts, sql` and `) };
}

/** The scope on coverage_baby_months c (the baby's mother's village and posyandu, stored with the row). */
function onBabyMonths(s: CoverageScope): SQL {
  const parts: SQL[] = [];
  if (s.villageId) parts.push(sql`c.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`c.posyandu_id = ${s.posyanduId}`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

/**
 * The counts of the months `from`–`to` for a scope: baseline and endline checks taken in the
 * period (count, sums of score and total, per statement right; endlines compared with a baseline
 * and risen), and the O4 cohort of the period split by baseline level and by counselling topic.
 * Two statements, run at once.
 */
export async function knowledgeCountsStored(db: DbOrTx, scope: CoverageScope, from: YearMonth, to: YearMonth): Promise<KnowledgeCounts> {
  const first = monthBounds(from.year, from.month).first;
  const last = monthBounds(to.year, to.month).last;
  const monthTo = monthBounds(to.year, to.month).first;
  // Babies born from 7 months before the period to 5 months before its end: a wider range than
  // the cohort (whose 6-month dates fall in the period), said so that the babies' birth index
  // narrows the per-baby rows read; the stored o4 decides who is in it.
  const bornFrom = monthBounds(addToYearMonth(from, -7).year, addToYearMonth(from, -7).month).first;
  const bornTo = monthBounds(addToYearMonth(to, -5).year, addToYearMonth(to, -5).month).last;
  const c = onChecks(scope);
  // One pass over the checks: counts, sums and, per statement, how many got it right.
  const perStatement = sql.join(
    KNOWLEDGE_STATEMENT_IDS.map((id, i) => sql`count(*) filter (where ${id} = any(k.correct))::int as ${sql.raw(`s${i}`)}`),
    sql`, `,
  );
  // One pass over the cohort: per baseline level, and per counselling topic as filtered sums.
  const perTopic = sql.join(
    COUNSELLING_CODES.map(
      (t, i) =>
        sql`coalesce(sum(c.o4_l + c.o4_p) filter (where ${t} = any(b.counselled_topics)), 0)::int as ${sql.raw(`t${i}_o4`)}, coalesce(sum(c.o5_l + c.o5_p) filter (where ${t} = any(b.counselled_topics)), 0)::int as ${sql.raw(`t${i}_o5`)}`,
    ),
    sql`, `,
  );
  const [checks, cohort] = await Promise.all([
    db
      .execute(
        sql`
      select k.occasion, count(*)::int as n, coalesce(sum(k.score), 0)::int as score, coalesce(sum(k.total), 0)::int as total,
        count(*) filter (where k.rose is not null)::int as compared, count(*) filter (where k.rose)::int as rose, ${perStatement}
      from knowledge_checks k ${c.join}
      where ${c.where} and k.occasion in ('baseline', 'endline') and k.taken_on between ${first}::date and ${last}::date
      group by k.occasion`,
      )
      .then((x) => rowsOf<Record<string, number> & { occasion: string }>(x)),
    db
      .execute(
        sql`
      select coalesce(b.knowledge_baseline, '') as level, sum(c.o4_l + c.o4_p)::int as o4, sum(c.o5_l + c.o5_p)::int as o5, ${perTopic}
      from babies b join coverage_baby_months c on c.baby_id = b.id and c.month between ${first}::date and ${monthTo}::date
      where b.puskesmas_id = ${scope.puskesmasId} and b.birth_date between ${bornFrom}::date and ${bornTo}::date
        and c.puskesmas_id = ${scope.puskesmasId} and c.o4_l + c.o4_p > 0${onBabyMonths(scope)}
      group by 1`,
      )
      .then((x) => rowsOf<Record<string, number> & { level: string }>(x)),
  ]);
  const out = emptyKnowledgeCounts();
  const sums = (occasion: string): CheckSums | null => (occasion === 'baseline' ? out.baseline : occasion === 'endline' ? out.endline : null);
  for (const r of checks) {
    const s = sums(r.occasion);
    if (!s) continue;
    s.checks = Number(r.n);
    s.scoreSum = Number(r.score);
    s.totalSum = Number(r.total);
    KNOWLEDGE_STATEMENT_IDS.forEach((id, i) => (s.correct[id] = Number(r[`s${i}`] ?? 0)));
    if (r.occasion === 'endline') {
      out.compared = Number(r.compared);
      out.rose = Number(r.rose);
    }
  }
  for (const r of cohort) {
    const o4 = Number(r.o4);
    const o5 = Number(r.o5);
    out.cohort.o4 += o4;
    out.cohort.o5 += o5;
    if (r.level === 'high' || r.level === 'low') out.byBaseline[r.level] = { o4, o5 };
    COUNSELLING_CODES.forEach((t, i) => {
      out.byTopic[t].o4 += Number(r[`t${i}_o4`] ?? 0);
      out.byTopic[t].o5 += Number(r[`t${i}_o5`] ?? 0);
    });
  }
  return out;
}
