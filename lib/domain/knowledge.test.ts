import { describe, expect, it } from 'vitest';
import {
  babyKnowledge,
  highKnowledgeMin,
  isHighKnowledge,
  KNOWLEDGE_STATEMENT_IDS,
  KNOWLEDGE_STATEMENTS,
  knowledgeCheckDerived,
  knowledgePrompt,
  scoreKnowledge,
  unansweredStatements,
  type KnowledgeCheckFacts,
} from './knowledge';

/** Every statement answered right, then `over` applied. */
const answers = (over: Record<string, string> = {}) => ({ ...Object.fromEntries(KNOWLEDGE_STATEMENTS.map((s) => [s.id, s.correct])), ...over });
const wrong = (id: string) => (KNOWLEDGE_STATEMENTS.find((s) => s.id === id)!.correct === 'true' ? 'false' : 'true');
const [S0, S1, S2] = KNOWLEDGE_STATEMENT_IDS as [string, string, string];

describe('the statements', () => {
  it('are 8–10, with unique ids, each answered true or false and taught by a lesson', () => {
    expect(KNOWLEDGE_STATEMENTS.length).toBeGreaterThanOrEqual(8);
    expect(KNOWLEDGE_STATEMENTS.length).toBeLessThanOrEqual(10);
    expect(new Set(KNOWLEDGE_STATEMENT_IDS).size).toBe(KNOWLEDGE_STATEMENTS.length);
    for (const s of KNOWLEDGE_STATEMENTS) {
      expect(['true', 'false']).toContain(s.correct);
      expect(s.lesson).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('scoreKnowledge: correct answers over the number of statements', () => {
  it.each([
    ['all right', answers(), 10, []],
    ['one wrong', answers({ [S0]: wrong(S0) }), 9, [S0]],
    ['"tidak tahu" is never correct', answers({ [S0]: 'dont_know', [S1]: 'dont_know' }), 8, [S0, S1]],
    ['a missing answer is not correct', (({ [S2]: _, ...rest }) => rest)(answers()), 9, [S2]],
    ['an unknown answer is not correct', answers({ [S1]: 'ya' }), 9, [S1]],
    ['all "tidak tahu"', Object.fromEntries(KNOWLEDGE_STATEMENT_IDS.map((id) => [id, 'dont_know'])), 0, [...KNOWLEDGE_STATEMENT_IDS]],
    ['nothing answered', {}, 0, [...KNOWLEDGE_STATEMENT_IDS]],
  ] as const)('%s → %i', (_name, a, score, missed) => {
    const r = scoreKnowledge(a);
    expect(r.score).toBe(score);
    expect(r.total).toBe(KNOWLEDGE_STATEMENTS.length);
    expect(r.missed).toEqual(missed);
    expect(r.correct.length + r.missed.length).toBe(r.total);
  });
});

describe('unansweredStatements: a check is complete only with one of the three answers to each', () => {
  it.each([
    ['complete', answers(), []],
    ['"tidak tahu" is an answer', answers({ [S0]: 'dont_know' }), []],
    ['missing', (({ [S1]: _, ...rest }) => rest)(answers()), [S1]],
    ['unknown value', answers({ [S0]: 'maybe', [S2]: '' }), [S0, S2]],
  ] as const)('%s', (_name, a, expected) => {
    expect(unansweredStatements(a)).toEqual(expected);
  });
});

describe('highKnowledgeMin: the fewest right for 80%', () => {
  it.each([
    [10, 8],
    [5, 4],
    [9, 8],
    [1, 1],
  ])('of %i → %i', (total, min) => {
    expect(highKnowledgeMin(total)).toBe(min);
  });
});

describe('isHighKnowledge: at least 80% right', () => {
  it.each([
    [8, 10, true],
    [7, 10, false],
    [10, 10, true],
    [0, 10, false],
    [4, 5, true],
    [3, 5, false],
    [0, 0, false],
  ])('%i of %i → %s', (score, total, high) => {
    expect(isHighKnowledge(score, total)).toBe(high);
  });
});

const BIRTH = '2026-01-31'; // 5-month date 2026-06-30, 6-month date 2026-07-31
const check = (id: string, takenOn: string, score: number, over: Partial<KnowledgeCheckFacts> = {}): KnowledgeCheckFacts => ({
  id,
  source: 'kader',
  takenOn,
  score,
  total: 10,
  ...over,
});

describe('babyKnowledge: baseline, endline, rose, level, counselled topics', () => {
  it.each([
    ['no check: nothing', [], [], { baselineId: null, endlineId: null, rose: null, baselineLevel: null }],
    ['a check on the day of the first visit is the baseline', ['2026-02-05', '2026-03-01'], [check('a', '2026-02-05', 6)], { baselineId: 'a', baselineLevel: 'low' }],
    ['a check before the first visit is the baseline', ['2026-02-10'], [check('a', '2026-02-04', 8)], { baselineId: 'a', baselineLevel: 'high' }],
    ['no visit yet: a check counts as the baseline (the first visit is still to come)', [], [check('a', '2026-02-04', 8)], { baselineId: 'a' }],
    ['a check only after the first visit is no baseline', ['2026-02-05'], [check('a', '2026-02-06', 6)], { baselineId: null, baselineLevel: null }],
    ['of two checks before the first visit, the earlier', ['2026-02-10'], [check('b', '2026-02-08', 5), check('a', '2026-02-04', 7)], { baselineId: 'a' }],
    [
      'same day: the one stored first',
      ['2026-02-10'],
      [check('b', '2026-02-04', 5, { createdAt: '2026-02-04T10:00:00Z' }), check('a', '2026-02-04', 7, { createdAt: '2026-02-04T11:00:00Z' })],
      { baselineId: 'b' },
    ],
    ['a mother’s own check is never the baseline', ['2026-02-10'], [check('s', '2026-02-04', 9, { source: 'self' })], { baselineId: null }],
    [
      'a check the day before the 5-month date is no endline',
      ['2026-02-05'],
      [check('a', '2026-02-05', 6), check('e', '2026-06-29', 9)],
      { endlineId: null, rose: null },
    ],
    [
      'the first check from the 5-month date is the endline; it rose',
      ['2026-02-05'],
      [check('a', '2026-02-05', 6), check('e', '2026-06-30', 9), check('f', '2026-07-10', 10)],
      { endlineId: 'e', rose: true },
    ],
    ['an endline with the same score did not rise', ['2026-02-05'], [check('a', '2026-02-05', 6), check('e', '2026-07-01', 6)], { endlineId: 'e', rose: false }],
    ['an endline without a baseline: rose unknown', ['2026-02-05'], [check('e', '2026-07-01', 9)], { baselineId: null, endlineId: 'e', rose: null }],
    [
      'a self check from the 5-month date is no endline',
      ['2026-02-05'],
      [check('a', '2026-02-05', 6), check('s', '2026-07-01', 9, { source: 'self' })],
      { endlineId: null },
    ],
    [
      'first visit after the 5-month date: its check is the baseline, the next one the endline',
      ['2026-07-02'],
      [check('a', '2026-07-02', 5), check('e', '2026-07-20', 7)],
      { baselineId: 'a', endlineId: 'e', rose: true },
    ],
  ] as const)('%s', (_name, visitDates, checks, expected) => {
    expect(babyKnowledge({ birthDate: BIRTH, visitDates, counselling: [], checks })).toMatchObject(expected);
  });

  it('counselled topics: those recorded on visits before the 6-month date, once each, in catalogue order', () => {
    const k = babyKnowledge({
      birthDate: BIRTH,
      visitDates: [],
      checks: [],
      counselling: [
        { visitDate: '2026-02-05', topics: ['family_support', 'exclusive_bf'] },
        { visitDate: '2026-07-30', topics: ['exclusive_bf', 'back_to_work'] },
        { visitDate: '2026-07-31', topics: ['complementary_food'] },
      ],
    });
    expect(k.counselledTopics).toEqual(['exclusive_bf', 'back_to_work', 'family_support']);
  });

  it('knowledgeCheckDerived: what each check stores', () => {
    const k = { baselineId: 'a', endlineId: 'e', rose: true };
    expect(knowledgeCheckDerived('a', k)).toEqual({ occasion: 'baseline', rose: null });
    expect(knowledgeCheckDerived('e', k)).toEqual({ occasion: 'endline', rose: true });
    expect(knowledgeCheckDerived('x', k)).toEqual({ occasion: null, rose: null });
  });
});

describe('knowledgePrompt: which check to prompt for on a day (never blocking)', () => {
  it.each([
    ['no visit, no check: baseline', [], [], '2026-02-03', null, 'baseline'],
    ['the day of the first visit, no check: baseline', ['2026-02-05'], [], '2026-02-05', null, 'baseline'],
    ['after the first visit, no baseline: too late, nothing', ['2026-02-05'], [], '2026-03-01', null, null],
    ['baseline taken: nothing before the 5-month date', ['2026-02-05'], [check('a', '2026-02-05', 6)], '2026-06-29', null, null],
    ['from the 5-month date, no endline: endline', ['2026-02-05'], [check('a', '2026-02-05', 6)], '2026-06-30', null, 'endline'],
    ['endline taken: nothing', ['2026-02-05'], [check('a', '2026-02-05', 6), check('e', '2026-07-01', 8)], '2026-07-10', null, null],
    [
      'a self check does not stop the endline prompt',
      ['2026-02-05'],
      [check('a', '2026-02-05', 6), check('s', '2026-07-01', 8, { source: 'self' })],
      '2026-07-10',
      null,
      'endline',
    ],
    ['on the 6-month date: nothing (visits end)', ['2026-02-05'], [check('a', '2026-02-05', 6)], '2026-07-31', null, null],
    ['after an exit: nothing', [], [], '2026-03-01', '2026-02-20', null],
    ['first visit after the 5-month date: baseline first', ['2026-07-02'], [], '2026-07-02', null, 'baseline'],
    ['… and no endline prompt the same day once the baseline is taken', ['2026-07-02'], [check('a', '2026-07-02', 5)], '2026-07-02', null, null],
    ['… the endline at the next visit', ['2026-07-02', '2026-07-20'], [check('a', '2026-07-02', 5)], '2026-07-20', null, 'endline'],
  ] as const)('%s', (_name, visitDates, checks, day, exitDate, expected) => {
    expect(knowledgePrompt({ birthDate: BIRTH, exitDate, visitDates, checks }, day)).toBe(expected);
  });
});
