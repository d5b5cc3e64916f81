import { describe, expect, it } from 'vitest';
import { COUNSELLING_CODES } from './catalogue';
import {
  emptyKnowledgeCounts,
  knowledgeCountsForPeriod,
  knowledgeFigures,
  sumKnowledgeCounts,
  type KnowledgeBabyRecord,
  type KnowledgeCheckRecord,
  type KnowledgeCounts,
} from './knowledge-figures';
import { KNOWLEDGE_STATEMENT_IDS } from './knowledge';
import { baby, visit } from './testkit';

const [S0, S1, S2] = KNOWLEDGE_STATEMENT_IDS;

function check(id: string, takenOn: string, correct: string[], over: Partial<KnowledgeCheckRecord> = {}): KnowledgeCheckRecord {
  return { id, source: 'kader', takenOn, score: correct.length, total: 10, correct, ...over };
}

function counts(over: (c: KnowledgeCounts) => void): KnowledgeCounts {
  const c = emptyKnowledgeCounts();
  over(c);
  return c;
}

describe('knowledgeFigures', () => {
  it('is "no data" everywhere for zero denominators, never 0 %', () => {
    const f = knowledgeFigures(emptyKnowledgeCounts());
    expect(f.empty).toBe(true);
    expect(f.baseline.meanScore).toBeNull();
    expect(f.baseline.shareCorrect.percent).toBeNull();
    expect(f.baseline.perStatement.every((s) => s.correct.percent === null)).toBe(true);
    expect(f.rose.percent).toBeNull();
    expect(f.sixMonth.percent).toBeNull();
    expect(f.byBaseline.high.percent).toBeNull();
    expect(f.byTopic.map((t) => t.topic)).toEqual([...COUNSELLING_CODES]);
    expect(f.byTopic.every((t) => t.counselled.percent === null && t.notCounselled.percent === null)).toBe(true);
  });

  it.each<[string, (c: KnowledgeCounts) => void, (f: ReturnType<typeof knowledgeFigures>) => void]>([
    [
      'mean score = sum of scores / checks; share correct per statement = right / checks',
      (c) => {
        c.baseline = { checks: 4, scoreSum: 26, totalSum: 40, correct: { ...c.baseline.correct, [S0!]: 3, [S1!]: 1 } };
      },
      (f) => {
        expect(f.baseline.meanScore).toBe(6.5);
        expect(f.baseline.meanTotal).toBe(10);
        expect(f.baseline.shareCorrect).toEqual({ numerator: 26, denominator: 40, percent: 65 });
        expect(f.baseline.perStatement[0]).toEqual({ id: S0, correct: { numerator: 3, denominator: 4, percent: 75 } });
        expect(f.baseline.perStatement[1]!.correct.percent).toBe(25);
        expect(f.baseline.perStatement[2]!.correct).toEqual({ numerator: 0, denominator: 4, percent: 0 });
        expect(f.endline.meanScore).toBeNull();
        expect(f.empty).toBe(false);
      },
    ],
    [
      'rose over endlines compared with a baseline',
      (c) => {
        c.compared = 3;
        c.rose = 2;
      },
      (f) => expect(f.rose.numerator / f.rose.denominator).toBeCloseTo(2 / 3),
    ],
    [
      'the baby without a baseline is the cohort minus high and low',
      (c) => {
        c.cohort = { o4: 10, o5: 5 };
        c.byBaseline = { high: { o4: 4, o5: 3 }, low: { o4: 4, o5: 1 } };
      },
      (f) => {
        expect(f.sixMonth.percent).toBe(50);
        expect(f.byBaseline.high).toEqual({ numerator: 3, denominator: 4, percent: 75 });
        expect(f.byBaseline.low).toEqual({ numerator: 1, denominator: 4, percent: 25 });
        expect(f.byBaseline.none).toEqual({ numerator: 1, denominator: 2, percent: 50 });
      },
    ],
    [
      'counselled vs not per topic; everyone counselled leaves "not" without data',
      (c) => {
        c.cohort = { o4: 5, o5: 2 };
        c.byTopic.exclusive_bf = { o4: 5, o5: 2 };
        c.byTopic.family_support = { o4: 2, o5: 2 };
      },
      (f) => {
        const t = (code: string) => f.byTopic.find((x) => x.topic === code)!;
        expect(t('exclusive_bf').counselled.percent).toBe(40);
        expect(t('exclusive_bf').notCounselled.percent).toBeNull();
        expect(t('family_support').counselled.percent).toBe(100);
        expect(t('family_support').notCounselled).toEqual({ numerator: 0, denominator: 3, percent: 0 });
        expect(t('back_to_work').counselled.percent).toBeNull();
        expect(t('back_to_work').notCounselled.percent).toBe(40);
      },
    ],
  ])('%s', (_, build, expectations) => expectations(knowledgeFigures(counts(build))));

  it('adds counts, never averages percentages', () => {
    const a = counts((c) => {
      c.cohort = { o4: 1, o5: 1 };
      c.baseline = { ...c.baseline, checks: 1, scoreSum: 10, totalSum: 10 };
    });
    const b = counts((c) => {
      c.cohort = { o4: 9, o5: 0 };
      c.baseline = { ...c.baseline, checks: 3, scoreSum: 6, totalSum: 30 };
    });
    const f = knowledgeFigures(sumKnowledgeCounts([a, b]));
    expect(f.sixMonth.percent).toBe(10); // not (100 + 0) / 2
    expect(f.baseline.meanScore).toBe(4); // (10 + 6) / 4, not (10 + 2) / 2
  });
});

// Born 2026-01-10: 5-month date 2026-06-10, 6-month date 2026-07-10.
const B = '2026-01-10';
const yes = { confirmedExclusive: true };

function rec(
  birth: string,
  visits: ReturnType<typeof visit>[],
  checks: KnowledgeCheckRecord[],
  topics: string[] = [],
  over: Partial<KnowledgeBabyRecord['facts']> = {},
): KnowledgeBabyRecord {
  return { facts: baby(birth, visits, over), counselling: visits.map((v) => ({ visitDate: v.visitDate, topics })), checks };
}

describe('knowledgeCountsForPeriod', () => {
  const jan = { year: 2026, month: 1 };
  const jun = { year: 2026, month: 6 };
  const jul = { year: 2026, month: 7 };
  const q3 = { from: jul, to: { year: 2026, month: 9 } };

  it.each<[string, KnowledgeBabyRecord[], { year: number; month: number }, { year: number; month: number }, Partial<Record<string, unknown>>]>([
    [
      'a baseline counts in the month it was taken, not in the cohort month',
      [rec(B, [visit('2026-01-15'), visit('2026-06-20', yes)], [check('a', '2026-01-15', [S0!, S1!]), check('b', '2026-06-20', [S0!, S1!, S2!])])],
      jan,
      jan,
      { baseline: 1, baselineScore: 2, endline: 0, o4: 0 },
    ],
    [
      'the endline counts in its month with rose; the cohort is the 6-month month',
      [rec(B, [visit('2026-01-15'), visit('2026-06-20', yes)], [check('a', '2026-01-15', [S0!, S1!]), check('b', '2026-06-20', [S0!, S1!, S2!])])],
      jun,
      jun,
      { baseline: 0, endline: 1, endlineScore: 3, compared: 1, rose: 1, o4: 0 },
    ],
    [
      'July: the cohort, graduated, high/low split by the baseline level (2 of 10 is low)',
      [rec(B, [visit('2026-01-15'), visit('2026-06-20', yes)], [check('a', '2026-01-15', [S0!, S1!]), check('b', '2026-06-20', [S0!])], ['exclusive_bf'])],
      jul,
      jul,
      { baseline: 0, endline: 0, o4: 1, o5: 1, lowO4: 1, lowO5: 1, highO4: 0, topicO4: 1 },
    ],
    [
      'an endline that did not rise is compared but not risen',
      [rec(B, [visit('2026-01-15'), visit('2026-06-20', yes)], [check('a', '2026-01-15', [S0!, S1!]), check('b', '2026-06-20', [S0!])])],
      jan,
      jun,
      { baseline: 1, endline: 1, compared: 1, rose: 0 },
    ],
    [
      'a self check is neither baseline nor endline; an endline without baseline is not compared',
      [rec(B, [visit('2026-01-15'), visit('2026-06-20', yes)], [check('s', '2026-01-12', [S0!], { source: 'self' }), check('b', '2026-06-20', [S0!])])],
      jan,
      jun,
      { baseline: 0, endline: 1, compared: 0, rose: 0 },
    ],
    [
      'a broken baby is in O4, not O5; counselling after the 6-month date does not count',
      [
        rec(
          '2026-02-10',
          [visit('2026-02-15'), visit('2026-04-01', { recallItems: ['formula'] })],
          [check('a', '2026-02-15', KNOWLEDGE_STATEMENT_IDS.slice(0, 8))],
          ['family_support'],
        ),
        rec('2026-03-05', [visit('2026-09-20')], [], ['back_to_work']),
      ],
      q3.from,
      q3.to,
      { o4: 2, o5: 0, highO4: 1, highO5: 0, lowO4: 0, topicO4: 0, familyO4: 1, workO4: 0 },
    ],
    [
      'a baby exited before its 6-month date is left out of the cohort',
      [rec(B, [visit('2026-01-15')], [check('a', '2026-01-15', [S0!])], [], { exitDate: '2026-03-01', exitReason: 'moved' })],
      jan,
      jul,
      { baseline: 1, o4: 0 },
    ],
  ])('%s', (_, babies, from, to, want) => {
    const c = knowledgeCountsForPeriod(babies, from, to);
    const got: Record<string, unknown> = {
      baseline: c.baseline.checks,
      baselineScore: c.baseline.scoreSum,
      endline: c.endline.checks,
      endlineScore: c.endline.scoreSum,
      compared: c.compared,
      rose: c.rose,
      o4: c.cohort.o4,
      o5: c.cohort.o5,
      highO4: c.byBaseline.high.o4,
      highO5: c.byBaseline.high.o5,
      lowO4: c.byBaseline.low.o4,
      lowO5: c.byBaseline.low.o5,
      topicO4: c.byTopic.exclusive_bf.o4,
      familyO4: c.byTopic.family_support.o4,
      workO4: c.byTopic.back_to_work.o4,
    };
    for (const [k, v] of Object.entries(want)) expect(got[k], k).toBe(v);
  });

  it('per statement: counts the checks that got each statement right', () => {
    const c = knowledgeCountsForPeriod(
      [rec(B, [visit('2026-01-15')], [check('a', '2026-01-15', [S0!, S1!])]), rec('2026-01-20', [visit('2026-01-25')], [check('b', '2026-01-22', [S0!])])],
      jan,
      jan,
    );
    expect(c.baseline.correct[S0!]).toBe(2);
    expect(c.baseline.correct[S1!]).toBe(1);
    expect(c.baseline.correct[S2!]).toBe(0);
  });
});
