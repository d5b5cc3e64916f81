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
import { COUNSELLING_CODES, monthBounds, type CounsellingCode, type YearMonth } from '@/lib/domain';
import { emptyKnowledgeCounts, type CheckSums, type KnowledgeCounts } from '@/lib/domain/knowledge-figures';
import { KNOWLEDGE_STATEMENT_IDS, type KnowledgeStatementId } from '@/lib/domain/knowledge';

/** The scope on knowledge_checks k joined with its mother m (the mother's village and posyandu now). */
function onChecks(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`k.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`m.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`m.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

/** The scope on coverage_baby_months c (the baby's mother's village and posyandu, stored with the row). */
function onBabyMonths(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`c.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`c.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`c.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

const isStatement = (id: string): id is KnowledgeStatementId => (KNOWLEDGE_STATEMENT_IDS as readonly string[]).includes(id);
const isTopic = (t: string): t is CounsellingCode => (COUNSELLING_CODES as readonly string[]).includes(t);

/**
 * The counts of the months `from`–`to` for a scope: baseline and endline checks taken in the
 * period (count, sums of score and total, per statement right; endlines compared with a baseline
 * and risen), and the O4 cohort of the period split by baseline level and by counselling topic.
 * Three statements, run at once.
 */
export async function knowledgeCountsStored(db: DbOrTx, scope: CoverageScope, from: YearMonth, to: YearMonth): Promise<KnowledgeCounts> {
  const first = monthBounds(from.year, from.month).first;
  const last = monthBounds(to.year, to.month).last;
  const monthFrom = first;
  const monthTo = monthBounds(to.year, to.month).first;
  const checksIn = sql`${onChecks(scope)} and k.occasion in ('baseline', 'endline') and k.taken_on between ${first}::date and ${last}::date`;
  const [checks, statements, cohort] = await Promise.all([
    db
      .execute(
        sql`
      select k.occasion, count(*)::int as n, coalesce(sum(k.score), 0)::int as score, coalesce(sum(k.total), 0)::int as total,
        count(*) filter (where k.rose is not null)::int as compared, count(*) filter (where k.rose)::int as rose
      from knowledge_checks k join mothers m on m.id = k.mother_id
      where ${checksIn}
      group by k.occasion`,
      )
      .then((x) => rowsOf<{ occasion: string; n: number; score: number; total: number; compared: number; rose: number }>(x)),
    db
      .execute(
        sql`
      select k.occasion, s.id as statement, count(*)::int as n
      from knowledge_checks k join mothers m on m.id = k.mother_id cross join unnest(k.correct) as s(id)
      where ${checksIn}
      group by k.occasion, s.id`,
      )
      .then((x) => rowsOf<{ occasion: string; statement: string; n: number }>(x)),
    db
      .execute(
        sql`
      with cohort as (
        select b.knowledge_baseline as level, b.counselled_topics as topics, (c.o4_l + c.o4_p)::int as o4, (c.o5_l + c.o5_p)::int as o5
        from coverage_baby_months c join babies b on b.id = c.baby_id
        where ${onBabyMonths(scope)} and c.month between ${monthFrom}::date and ${monthTo}::date and c.o4_l + c.o4_p > 0)
      select 'level' as kind, coalesce(level, '') as key, sum(o4)::int as o4, sum(o5)::int as o5 from cohort group by level
      union all
      select 'topic', t, sum(o4)::int, sum(o5)::int from cohort cross join unnest(topics) as t group by t`,
      )
      .then((x) => rowsOf<{ kind: string; key: string; o4: number; o5: number }>(x)),
  ]);
  const out = emptyKnowledgeCounts();
  const sums = (occasion: string): CheckSums | null => (occasion === 'baseline' ? out.baseline : occasion === 'endline' ? out.endline : null);
  for (const r of checks) {
    const s = sums(r.occasion);
    if (!s) continue;
    s.checks = Number(r.n);
    s.scoreSum = Number(r.score);
    s.totalSum = Number(r.total);
    if (r.occasion === 'endline') {
      out.compared = Number(r.compared);
      out.rose = Number(r.rose);
    }
  }
  for (const r of statements) {
    const s = sums(r.occasion);
    if (s && isStatement(r.statement)) s.correct[r.statement] = Number(r.n);
  }
  for (const r of cohort) {
    const c = { o4: Number(r.o4), o5: Number(r.o5) };
    if (r.kind === 'level') {
      out.cohort.o4 += c.o4;
      out.cohort.o5 += c.o5;
      if (r.key === 'high' || r.key === 'low') out.byBaseline[r.key] = c;
    } else if (isTopic(r.key)) out.byTopic[r.key] = c;
  }
  return out;
}
