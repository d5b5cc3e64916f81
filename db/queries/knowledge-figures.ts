/**
 * The counts behind the knowledge figures (issue #28 point 6; lib/domain/knowledge-figures.ts says
 * which checks and babies count). Rule-free: the baseline/endline occasion and `rose` of each check,
 * and each baby's baseline level and counselled topics, are derived by lib/domain babyKnowledge and
 * stored by db/coverage.ts refreshCoverage, which also counts each baby's O4/O5 per baseline level
 * and counselled topic in its coverage_baby_months rows (lib/domain babyCoverage: o4_kb_*, o4_c_*);
 * the triggers sum those into coverage_months. Here they are only filtered by date and scope,
 * counted and summed: the cohort splits from the monthly sums per posyandu (their cost does not
 * grow with the number of babies), the checks from the checks taken in the period.
 * tests/integration/knowledge-figures.test.ts holds the result equal to lib/domain
 * knowledgeCountsForPeriod computed from the records read back.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import type { CoverageScope } from '@/db/queries/coverage-months';
import { COUNSELLING_CODES, monthBounds, type YearMonth } from '@/lib/domain';
import { emptyKnowledgeCounts, type CheckSums, type KnowledgeCounts } from '@/lib/domain/knowledge-figures';
import { KNOWLEDGE_STATEMENT_IDS } from '@/lib/domain/knowledge';

/** The scope on knowledge_checks k: the mother's village and posyandu now (m joined only when filtered). */
function onChecks(s: CoverageScope): { join: SQL; where: SQL } {
  const parts: SQL[] = [sql`k.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`m.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`m.posyandu_id = ${s.posyanduId}`);
  return { join: s.villageId || s.posyanduId ? sql`join mothers m on m.id = k.mother_id` : sql``, where: sql.join(parts, sql` and `) };
}

/** The scope on coverage_months c (the mothers' village and posyandu the sums are kept per). */
function onSums(s: CoverageScope): SQL {
  const parts: SQL[] = [sql`c.puskesmas_id = ${s.puskesmasId}`];
  if (s.villageId) parts.push(sql`c.village_id = ${s.villageId}`);
  if (s.posyanduId) parts.push(sql`c.posyandu_id = ${s.posyanduId}`);
  return sql.join(parts, sql` and `);
}

/** The cohort columns of coverage_months summed: O4/O5, per baseline level, per counselling topic. */
const COHORT_SUMS = sql.raw(
  [
    'sum(c.o4_l + c.o4_p)::int as o4',
    'sum(c.o5_l + c.o5_p)::int as o5',
    ...['o4_kb_high', 'o5_kb_high', 'o4_kb_low', 'o5_kb_low', ...COUNSELLING_CODES.flatMap((t) => [`o4_c_${t}`, `o5_c_${t}`])].map((c) => `sum(c.${c})::int as ${c}`),
  ].join(', '),
);

/**
 * The counts of the months `from`–`to` for a scope: baseline and endline checks taken in the
 * period (count, sums of score and total, per statement right; endlines compared with a baseline
 * and risen), and the O4 cohort of the period split by baseline level and by counselling topic.
 * Two statements, run at once: the checks one reads the baseline and endline checks taken in the
 * period (index knowledge_checks_occasion_idx), so it grows with the checks taken in the period,
 * not with the babies; the cohort one reads the period's coverage_months rows (posyandu × months).
 */
export async function knowledgeCountsStored(db: DbOrTx, scope: CoverageScope, from: YearMonth, to: YearMonth): Promise<KnowledgeCounts> {
  const first = monthBounds(from.year, from.month).first;
  const last = monthBounds(to.year, to.month).last;
  const monthTo = monthBounds(to.year, to.month).first;
  const c = onChecks(scope);
  // One pass over the checks: counts, sums and, per statement, how many got it right.
  const perStatement = sql.join(
    KNOWLEDGE_STATEMENT_IDS.map((id, i) => sql`count(*) filter (where ${id} = any(k.correct))::int as ${sql.raw(`s${i}`)}`),
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
      select ${COHORT_SUMS}
      from coverage_months c
      where ${onSums(scope)} and c.month between ${first}::date and ${monthTo}::date`,
      )
      .then((x) => rowsOf<Record<string, number | null>>(x)),
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
  const r = cohort[0];
  if (r) {
    const n = (col: string) => Number(r[col] ?? 0);
    out.cohort = { o4: n('o4'), o5: n('o5') };
    for (const level of ['high', 'low'] as const) out.byBaseline[level] = { o4: n(`o4_kb_${level}`), o5: n(`o5_kb_${level}`) };
    for (const t of COUNSELLING_CODES) out.byTopic[t] = { o4: n(`o4_c_${t}`), o5: n(`o5_c_${t}`) };
  }
  return out;
}
