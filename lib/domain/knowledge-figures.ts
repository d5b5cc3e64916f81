/**
 * "Does knowing matter" (issue #28 point 6; DESIGN §3 "Lessons and knowledge"): the knowledge
 * figures of a period, from counts. The database only counts and sums (lib/data/knowledge-figures.ts);
 * every share is made here, once, from the sums, with decision 050's period semantics:
 *
 * - a period is a run of months; its counts are the months' counts added, never percentages averaged;
 * - a past period uses what is known now: which check is a baby's baseline or endline, the level of
 *   its baseline, the topics it was counselled on and its status are derived from every record as
 *   stored today (lib/domain babyKnowledge, monthFacts);
 * - **checks** count in the period they were taken in: the baseline checks taken in the period
 *   (mean score, share correct per statement), likewise the endline checks, and of the endline
 *   checks taken in the period those whose baby has a baseline (compared), the ones that rose;
 *   a mother's own checks (source 'self') are never baseline or endline and never count here;
 * - **six-month coverage splits** are over the O4 cohort of the period (babies whose 6-month date
 *   falls in one of its months and that are not left out of that month, DESIGN §3): O5/O4 of those
 *   whose mother's baseline was high, low, or missing; and per counselling topic, of those
 *   counselled on it (on a visit before the 6-month date) against those not;
 * - a zero denominator is "no data" (percent null), never 0 %.
 */
import { COUNSELLING_CODES, type CounsellingCode } from './catalogue';
import { compareIsoDates, monthBounds, yearMonthRange } from './dates';
import { coverage, monthFacts, type Coverage } from './indicators';
import type { BabyFacts } from './journey';
import { babyKnowledge, KNOWLEDGE_STATEMENT_IDS, type BabyKnowledgeInput, type KnowledgeCheckFacts, type KnowledgeStatementId } from './knowledge';
import type { YearMonth } from './types';

/** Sums over the checks of one occasion taken in a period. */
export interface CheckSums {
  checks: number;
  /** Sum of the checks' scores (statements right). */
  scoreSum: number;
  /** Sum of the checks' totals (statements asked). */
  totalSum: number;
  /** Per statement: the number of these checks that answered it correctly. */
  correct: Record<KnowledgeStatementId, number>;
}

/** O4 and O5 of a group of babies over a period. */
export interface CohortCounts {
  o4: number;
  o5: number;
}

/** What the database counts for a scope and a period (or what knowledgeCountsForPeriod counts from records). */
export interface KnowledgeCounts {
  baseline: CheckSums;
  endline: CheckSums;
  /** Endline checks taken in the period whose baby has a baseline. */
  compared: number;
  /** Of those, the ones whose score rose above the baseline's. */
  rose: number;
  /** The O4 cohort of the period. */
  cohort: CohortCounts;
  /** Of the cohort: babies whose mother's baseline was high / low (the rest had none). */
  byBaseline: { high: CohortCounts; low: CohortCounts };
  /** Of the cohort: babies counselled on each topic before the 6-month date. */
  byTopic: Record<CounsellingCode, CohortCounts>;
}

const zeroCohort = (): CohortCounts => ({ o4: 0, o5: 0 });

export function emptyCheckSums(): CheckSums {
  return { checks: 0, scoreSum: 0, totalSum: 0, correct: Object.fromEntries(KNOWLEDGE_STATEMENT_IDS.map((id) => [id, 0])) as Record<KnowledgeStatementId, number> };
}

export function emptyKnowledgeCounts(): KnowledgeCounts {
  return {
    baseline: emptyCheckSums(),
    endline: emptyCheckSums(),
    compared: 0,
    rose: 0,
    cohort: zeroCohort(),
    byBaseline: { high: zeroCohort(), low: zeroCohort() },
    byTopic: Object.fromEntries(COUNSELLING_CODES.map((t) => [t, zeroCohort()])) as Record<CounsellingCode, CohortCounts>,
  };
}

function addChecks(a: CheckSums, b: CheckSums): CheckSums {
  return {
    checks: a.checks + b.checks,
    scoreSum: a.scoreSum + b.scoreSum,
    totalSum: a.totalSum + b.totalSum,
    correct: Object.fromEntries(KNOWLEDGE_STATEMENT_IDS.map((id) => [id, a.correct[id] + b.correct[id]])) as Record<KnowledgeStatementId, number>,
  };
}

const addCohort = (a: CohortCounts, b: CohortCounts): CohortCounts => ({ o4: a.o4 + b.o4, o5: a.o5 + b.o5 });

/** Counts added (months of a period, puskesmas of a kabupaten): sums, never averages. */
export function sumKnowledgeCounts(list: readonly KnowledgeCounts[]): KnowledgeCounts {
  return list.reduce(
    (a, b) => ({
      baseline: addChecks(a.baseline, b.baseline),
      endline: addChecks(a.endline, b.endline),
      compared: a.compared + b.compared,
      rose: a.rose + b.rose,
      cohort: addCohort(a.cohort, b.cohort),
      byBaseline: { high: addCohort(a.byBaseline.high, b.byBaseline.high), low: addCohort(a.byBaseline.low, b.byBaseline.low) },
      byTopic: Object.fromEntries(COUNSELLING_CODES.map((t) => [t, addCohort(a.byTopic[t], b.byTopic[t])])) as Record<CounsellingCode, CohortCounts>,
    }),
    emptyKnowledgeCounts(),
  );
}

export interface ScoreFigures {
  /** Number of checks. */
  checks: number;
  /** Mean score (statements right per check): scoreSum / checks; null without checks. */
  meanScore: number | null;
  /** Mean number of statements asked per check (the "dari 10"); null without checks. */
  meanTotal: number | null;
  /** Statements right over statements asked, as a coverage ("62 dari 80"). */
  shareCorrect: Coverage;
  /** Per statement, in KNOWLEDGE_STATEMENTS order: checks that answered it right / checks. */
  perStatement: { id: KnowledgeStatementId; correct: Coverage }[];
}

export interface KnowledgeFigures {
  baseline: ScoreFigures;
  endline: ScoreFigures;
  /** Mothers whose endline score rose above the baseline: rose / compared. */
  rose: Coverage;
  /** Six-month coverage of the period's whole O4 cohort (equals the dashboard's). */
  sixMonth: Coverage;
  /** Six-month coverage by the mother's baseline knowledge. */
  byBaseline: { high: Coverage; low: Coverage; none: Coverage };
  /** Six-month coverage of babies counselled on a topic vs not, in COUNSELLING_CODES order. */
  byTopic: { topic: CounsellingCode; counselled: Coverage; notCounselled: Coverage }[];
  /** Nothing at all to show: no check and no baby in the cohort. */
  empty: boolean;
}

function scoreFigures(s: CheckSums): ScoreFigures {
  return {
    checks: s.checks,
    meanScore: s.checks === 0 ? null : s.scoreSum / s.checks,
    meanTotal: s.checks === 0 ? null : s.totalSum / s.checks,
    shareCorrect: coverage(s.scoreSum, s.totalSum),
    perStatement: KNOWLEDGE_STATEMENT_IDS.map((id) => ({ id, correct: coverage(s.correct[id], s.checks) })),
  };
}

const six = (c: CohortCounts) => coverage(c.o5, c.o4);

/** The figures from the counts; every percentage computed once from summed numerators and denominators. */
export function knowledgeFigures(c: KnowledgeCounts): KnowledgeFigures {
  const { high, low } = c.byBaseline;
  return {
    baseline: scoreFigures(c.baseline),
    endline: scoreFigures(c.endline),
    rose: coverage(c.rose, c.compared),
    sixMonth: six(c.cohort),
    byBaseline: {
      high: six(high),
      low: six(low),
      none: six({ o4: c.cohort.o4 - high.o4 - low.o4, o5: c.cohort.o5 - high.o5 - low.o5 }),
    },
    byTopic: COUNSELLING_CODES.map((topic) => ({
      topic,
      counselled: six(c.byTopic[topic]),
      notCounselled: six({ o4: c.cohort.o4 - c.byTopic[topic].o4, o5: c.cohort.o5 - c.byTopic[topic].o5 }),
    })),
    empty: c.baseline.checks === 0 && c.endline.checks === 0 && c.cohort.o4 === 0,
  };
}

/** A check as the figures need it: its facts and the statements it got right. */
export interface KnowledgeCheckRecord extends KnowledgeCheckFacts {
  correct: readonly string[];
}

/** One baby with everything its knowledge figures depend on. */
export interface KnowledgeBabyRecord {
  facts: BabyFacts;
  counselling: BabyKnowledgeInput['counselling'];
  checks: readonly KnowledgeCheckRecord[];
}

/**
 * The counts of a period (months `from`–`to`) computed from the records themselves, with the rules
 * of DESIGN §3 (babyKnowledge for baseline/endline and the baseline's level, monthFacts for O4/O5).
 * The reference the database's counts are held equal to; also the definition of which checks and
 * babies count (see the module comment).
 */
export function knowledgeCountsForPeriod(babies: readonly KnowledgeBabyRecord[], from: YearMonth, to: YearMonth): KnowledgeCounts {
  const first = monthBounds(from.year, from.month).first;
  const last = monthBounds(to.year, to.month).last;
  const inPeriod = (d: string) => compareIsoDates(d, first) >= 0 && compareIsoDates(d, last) <= 0;
  const months = yearMonthRange(from, to);
  const out = emptyKnowledgeCounts();
  const addCheck = (s: CheckSums, c: KnowledgeCheckRecord) => {
    s.checks += 1;
    s.scoreSum += c.score;
    s.totalSum += c.total;
    for (const id of c.correct) if (id in s.correct) s.correct[id as KnowledgeStatementId] += 1;
  };
  for (const b of babies) {
    const k = babyKnowledge({ birthDate: b.facts.birthDate, visitDates: b.facts.visits.map((v) => v.visitDate), counselling: b.counselling, checks: b.checks });
    const baseline = b.checks.find((c) => c.id === k.baselineId);
    const endline = b.checks.find((c) => c.id === k.endlineId);
    if (baseline && inPeriod(baseline.takenOn)) addCheck(out.baseline, baseline);
    if (endline && inPeriod(endline.takenOn)) {
      addCheck(out.endline, endline);
      if (k.rose !== null) {
        out.compared += 1;
        if (k.rose) out.rose += 1;
      }
    }
    for (const ym of months) {
      const f = monthFacts(b.facts, ym.year, ym.month);
      if (!f.O4) continue;
      const add = (c: CohortCounts) => {
        c.o4 += 1;
        if (f.O5) c.o5 += 1;
      };
      add(out.cohort);
      if (k.baselineLevel) add(out.byBaseline[k.baselineLevel]);
      for (const t of k.counselledTopics) add(out.byTopic[t]);
    }
  }
  return out;
}
