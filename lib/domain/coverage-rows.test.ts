import { describe, expect, it } from 'vitest';
import { sixMonthDate } from './age';
import { attendedBeforeSixMonths, babyCoverage, COVERAGE_COUNTS, type AttendanceFacts, type CoverageCount } from './coverage-rows';
import { addDays, monthBounds, monthOf } from './dates';
import { CURVE_MONTHS, exclusivityCurve, stopReasonCounts, STOP_REASONS } from './dashboard';
import { indicatorsForMonth } from './indicators';
import { COUNSELLING_CODES } from './catalogue';
import { babyKnowledge } from './knowledge';
import { knowledgeCountsForPeriod, type KnowledgeBabyRecord } from './knowledge-figures';
import { journeyStatus, statusFromTimeline, statusTimeline, type BabyFacts, type JourneyStatus } from './journey';
import { baby, visit } from './testkit';
import { DEFAULT_VISIT_WINDOWS } from './windows';

// Born 31 Aug 2023: 5-month date 31 Jan 2024, 6-month date 29 Feb 2024 (clamped).
const B = '2023-08-31';
const CASES: [string, BabyFacts][] = [
  ['no visit', baby(B)],
  ['exclusive, confirmed at 5 months', baby(B, [visit('2023-10-01'), visit('2024-02-05', { confirmedExclusive: true })])],
  ['exclusive, never confirmed', baby(B, [visit('2023-10-01')])],
  ['formula at 2 months, with a reason', baby(B, [visit('2023-10-31', { recallItems: ['formula'], breakReason: 'back_to_work' })], { sex: 'L' })],
  ['given since birth, date before birth raised to it', baby(B, [visit('2023-09-20', { givenSinceLast: true, givenSinceLastDate: '2023-08-01' })])],
  ['break, then exit', baby(B, [visit('2023-10-10', { breastfed: false })], { exitDate: '2023-12-15', exitReason: 'moved' })],
  ['exit, then a later break', baby(B, [visit('2024-01-10', { recallItems: ['water'] })], { exitDate: '2023-11-02', exitReason: 'moved' })],
  ['exit after the 6-month date does not count', baby(B, [visit('2024-02-05', { confirmedExclusive: true })], { exitDate: '2024-03-10' })],
  ['break on the day before the 6-month date', baby(B, [visit('2024-02-28', { recallItems: ['formula'] })])],
  ['food on the 6-month date does not count', baby(B, [visit('2024-02-29', { recallItems: ['formula'] }), visit('2024-02-01', { confirmedExclusive: true })])],
];

const everyDay = (b: BabyFacts) => {
  const out: string[] = [];
  for (let d = addDays(b.birthDate, -3); d <= addDays(sixMonthDate(b.birthDate), 5); d = addDays(d, 1)) out.push(d);
  return out;
};

describe('statusTimeline', () => {
  it.each(CASES)('%s: the status looked up on every day is journeyStatus', (_name, b) => {
    const t = statusTimeline(b);
    expect(t.changes.length).toBeLessThanOrEqual(2);
    for (const day of everyDay(b)) expect(statusFromTimeline(t, day), day).toBe(journeyStatus(b, day).status);
  });

  it.each<[string, BabyFacts, JourneyStatus, [string, JourneyStatus][]]>([
    ['graduated on the 6-month date', CASES[1]![1], 'ongoing', [['2024-02-29', 'graduated']]],
    ['unrecorded on the 6-month date', CASES[2]![1], 'ongoing', [['2024-02-29', 'unrecorded']]],
    [
      'broken, then exited',
      CASES[5]![1],
      'ongoing',
      [
        ['2023-10-10', 'broken'],
        ['2023-12-15', 'exited'],
      ],
    ],
    ['exited before the break: exited only', CASES[6]![1], 'ongoing', [['2023-11-02', 'exited']]],
    ['broken from the birth date', CASES[4]![1], 'ongoing', [['2023-08-31', 'broken']]],
  ])('%s', (_name, b, initial, changes) => {
    expect(statusTimeline(b)).toEqual({ initial, changes: changes.map(([from, status]) => ({ from, status })) });
  });
});

describe('attendedBeforeSixMonths', () => {
  const a = (sessionDay: string, over: Partial<AttendanceFacts> = {}): AttendanceFacts => ({ present: true, sessionStatus: 'closed', sessionDay, ...over });
  it.each<[string, AttendanceFacts[], boolean]>([
    ['none', [], false],
    ['present the day before the 6-month date', [a('2024-02-28')], true],
    ['present on the 6-month date: too late', [a('2024-02-29')], false],
    ['absent', [a('2023-12-01', { present: false })], false],
    ['present at a cancelled session', [a('2023-12-01', { sessionStatus: 'cancelled' })], false],
    ['present at a scheduled one (register open)', [a('2023-12-01', { sessionStatus: 'scheduled' })], true],
    ['one of several counts', [a('2024-03-01'), a('2023-12-01', { present: false }), a('2023-11-01')], true],
  ])('%s', (_name, list, expected) => {
    expect(attendedBeforeSixMonths(B, list)).toBe(expected);
  });
});

describe('babyCoverage', () => {
  const babies = CASES.map(([, b], i) => ({ ...b, id: `b${i}` }));
  const attended = new Set(['b1', 'b3']);
  const rows = babies.map((b) => ({ b, c: babyCoverage(b, attended.has(b.id), DEFAULT_VISIT_WINDOWS) }));
  const sumOf = (month: string, col: CoverageCount) => rows.reduce((n, r) => n + (r.c.months.find((m) => m.month === month)?.counts[col] ?? 0), 0);
  const months = [...new Set(rows.flatMap((r) => r.c.months.map((m) => m.month)))].sort();

  it('one row per month from the birth month to the month of the 6-month date', () => {
    expect(rows[0]!.c.months.map((m) => m.month)).toEqual(['2023-08-01', '2023-09-01', '2023-10-01', '2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01']);
    for (const r of rows) for (const m of r.c.months) for (const col of COVERAGE_COUNTS) expect([0, 1]).toContain(m.counts[col]);
  });

  it('the month rows add up to lib/domain indicatorsForMonth, month by month', () => {
    for (const month of months) {
      const { year, month: m } = monthOf(month);
      const want = indicatorsForMonth(babies, year, m);
      for (const o of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) {
        const key = o.toLowerCase() as 'o1';
        expect({ L: sumOf(month, `${key}_l`), P: sumOf(month, `${key}_p`) }, `${o} ${month}`).toEqual({ L: want[o].L, P: want[o].P });
      }
      expect([sumOf(month, 'recall_num'), sumOf(month, 'recall_den')], `recall ${month}`).toEqual([want.recallCoverage.numerator, want.recallCoverage.denominator]);
    }
    expect(months.reduce((n, m) => n + sumOf(m, 'o4_l') + sumOf(m, 'o4_p'), 0)).toBeGreaterThan(0);
  });

  it('stop reasons, the curve and the final status add up to lib/domain', () => {
    for (const month of months) {
      const { year, month: m } = monthOf(month);
      const { first, last } = monthBounds(year, m);
      const stops = stopReasonCounts(babies, first, last);
      for (const r of STOP_REASONS) expect(sumOf(month, `stop_${r}`), `stop ${r} ${month}`).toBe(stops[r]);
    }
    // Every k-month date is long past: the curve of all months together.
    const curve = exclusivityCurve(babies, '2030-01-01');
    for (const k of CURVE_MONTHS) {
      const num = months.reduce((n, m) => n + sumOf(m, `curve_num_${k}`), 0);
      const den = months.reduce((n, m) => n + sumOf(m, `curve_den_${k}`), 0);
      expect([num, den], `curve ${k}`).toEqual([curve[k]!.share.numerator, curve[k]!.share.denominator]);
    }
    const finals: Record<string, number> = {};
    for (const b of babies) {
      const s = journeyStatus(b, '2030-01-01').status;
      finals[s] = (finals[s] ?? 0) + 1;
    }
    for (const s of ['exited', 'broken', 'graduated', 'unrecorded'] as const) {
      expect(
        months.reduce((n, m) => n + sumOf(m, `final_${s}`), 0),
        s,
      ).toBe(finals[s] ?? 0);
    }
  });

  it('O4 / O5 of attending mothers only count for babies whose mothers attended', () => {
    const att = (id: string, col: 'o4_attended' | 'o5_attended') => rows.find((r) => r.b.id === id)!.c.months.reduce((n, m) => n + m.counts[col], 0);
    expect([att('b1', 'o4_attended'), att('b1', 'o5_attended')]).toEqual([1, 1]);
    expect([att('b2', 'o4_attended'), att('b2', 'o5_attended')]).toEqual([0, 0]);
  });

  it('curve days name the day of the month each k-month date falls on', () => {
    const r = rows[0]!.c.months;
    // k = 0 on 31 Aug, k = 1 on 30 Sep (clamped), k = 6 on 29 Feb.
    expect(r.find((m) => m.month === '2023-08-01')!.curveDays[0]).toBe(31);
    expect(r.find((m) => m.month === '2023-09-01')!.curveDays[1]).toBe(30);
    expect(r.find((m) => m.month === '2024-02-01')!.curveDays[6]).toBe(29);
    expect(r.find((m) => m.month === '2024-02-01')!.curveDays[0]).toBeNull();
  });

  it('the state and the windows: first break with its reason, confirmation, attendance, visits assigned to windows', () => {
    const c = rows[3]!.c;
    expect(c.state).toMatchObject({ firstBreak: '2023-10-31', breakReason: 'back_to_work', confirmed: false, attended: true });
    expect(rows[1]!.c.state).toMatchObject({ firstBreak: null, confirmed: true });
    const w = rows[1]!.c.windows;
    expect(w).toHaveLength(DEFAULT_VISIT_WINDOWS.length);
    // 1 Oct (day 31) is in the third window (days 29–59); 5 Feb (day 158) in the last (day 150 on).
    expect(w.filter((x) => x.filledOn).map((x) => [x.idx, x.filledOn, x.late])).toEqual([
      [2, '2023-10-01', false],
      [6, '2024-02-05', false],
    ]);
    expect(w[6]!.to).toBe('2024-02-28');
  });

  it.each<[string, BabyFacts, string | null]>([
    ['no exit', CASES[0]![1], null],
    ['an exit before the 6-month date leaves the windows out from it', CASES[5]![1], '2023-12-15'],
    ['an exit after the 6-month date changes nothing (journey rule, DESIGN §3)', CASES[7]![1], null],
  ])('the exit the windows follow: %s', (_n, b, want) => {
    expect(babyCoverage(b, false, DEFAULT_VISIT_WINDOWS).state.countedExit).toBe(want);
  });

  // Decision 060: a window that closed before the baby entered the program has no row (it is
  // nobody's miss); one it entered before the end of stays, and so do all of a baby registered at birth.
  it.each<[string, string | null, BabyFacts, number[]]>([
    ['registration day unknown', null, baby(B), [0, 1, 2, 3, 4, 5, 6]],
    ['registered on day 2', addDays(B, 2), baby(B), [0, 1, 2, 3, 4, 5, 6]],
    ['imported on day 40 (windows 1–2 closed)', addDays(B, 40), baby(B), [2, 3, 4, 5, 6]],
    ['imported on day 28, the last day of window 2', addDays(B, 28), baby(B), [1, 2, 3, 4, 5, 6]],
    ['imported on day 40 with a paper visit on day 5', addDays(B, 40), baby(B, [visit(addDays(B, 5))]), [0, 1, 2, 3, 4, 5, 6]],
  ])('windows owed: %s', (_n, registered, b, idx) => {
    expect(babyCoverage(b, false, DEFAULT_VISIT_WINDOWS, registered).windows.map((w) => w.idx)).toEqual(idx);
  });
});

describe('babyCoverage: the knowledge splits', () => {
  // The CASES babies with a kader's baseline check (high, low or none) and counselling on their
  // visits, some of it on or after the 6-month date (which does not count).
  const check = (id: string, takenOn: string, score: number) => ({ id, source: 'kader' as const, takenOn, score, total: 10, correct: [] });
  const records: KnowledgeBabyRecord[] = CASES.map(([, b], i) => {
    const facts = { ...b, id: `b${i}` };
    const checks = i % 3 === 0 ? [] : [check(`k${i}`, addDays(B, 2), i % 3 === 1 ? 9 : 3)];
    // A mother's own check is never a baseline.
    if (i === 0) checks.push({ ...check('self0', addDays(B, 1), 10), source: 'self' as const } as never);
    const counselling = [
      { visitDate: addDays(B, 20), topics: [COUNSELLING_CODES[i % COUNSELLING_CODES.length]!, 'exclusive_bf'] },
      { visitDate: sixMonthDate(B), topics: ['back_to_work'] },
    ];
    return { facts, counselling: i % 4 === 3 ? [] : counselling, checks };
  });
  const rows = records.map((r) => {
    const k = babyKnowledge({ birthDate: r.facts.birthDate, visitDates: r.facts.visits.map((v) => v.visitDate), counselling: r.counselling, checks: r.checks });
    return babyCoverage(r.facts, false, DEFAULT_VISIT_WINDOWS, null, k);
  });
  const total = (col: CoverageCount) => rows.reduce((n, c) => n + c.months.reduce((m, x) => m + x.counts[col], 0), 0);

  it('the rows add up to knowledgeCountsForPeriod: O4 / O5 by baseline level and per counselling topic', () => {
    const want = knowledgeCountsForPeriod(records, { year: 2023, month: 8 }, { year: 2024, month: 3 });
    expect(want.cohort.o4).toBeGreaterThan(0);
    expect(want.byBaseline.high.o4 + want.byBaseline.low.o4).toBeGreaterThan(0);
    expect(want.byBaseline.high.o4 + want.byBaseline.low.o4).toBeLessThan(want.cohort.o4);
    for (const l of ['high', 'low'] as const) expect([total(`o4_kb_${l}`), total(`o5_kb_${l}`)], l).toEqual([want.byBaseline[l].o4, want.byBaseline[l].o5]);
    for (const t of COUNSELLING_CODES) expect([total(`o4_c_${t}`), total(`o5_c_${t}`)], t).toEqual([want.byTopic[t].o4, want.byTopic[t].o5]);
    expect(want.byTopic.exclusive_bf.o4).toBeGreaterThan(0);
    expect(want.byTopic.exclusive_bf.o4).toBeLessThan(want.cohort.o4);
  });

  it.each<[string, Parameters<typeof babyCoverage>[4], Partial<Record<CoverageCount, number>>]>([
    ['no knowledge given', undefined, {}],
    [
      'high baseline, counselled on two topics',
      { baselineLevel: 'high', counselledTopics: ['exclusive_bf', 'danger_signs'] },
      { o4_kb_high: 1, o5_kb_high: 1, o4_c_exclusive_bf: 1, o5_c_exclusive_bf: 1, o4_c_danger_signs: 1, o5_c_danger_signs: 1 },
    ],
    ['low baseline, no counselling', { baselineLevel: 'low', counselledTopics: [] }, { o4_kb_low: 1, o5_kb_low: 1 }],
  ])('one exclusive, confirmed baby: %s', (_n, k, want) => {
    const c = babyCoverage(CASES[1]![1], false, DEFAULT_VISIT_WINDOWS, null, k);
    const split = COVERAGE_COUNTS.filter((x) => /_kb_|_c_/.test(x));
    const got = Object.fromEntries(split.map((x) => [x, c.months.reduce((n, m) => n + m.counts[x], 0)]).filter(([, n]) => n !== 0));
    expect(got).toEqual(want);
  });

  it('a baby broken before the 6-month date is in the O4 splits, not in O5', () => {
    const c = babyCoverage(CASES[3]![1], false, DEFAULT_VISIT_WINDOWS, null, { baselineLevel: 'high', counselledTopics: ['exclusive_bf'] });
    const sum = (x: CoverageCount) => c.months.reduce((n, m) => n + m.counts[x], 0);
    expect([sum('o4_kb_high'), sum('o5_kb_high'), sum('o4_c_exclusive_bf'), sum('o5_c_exclusive_bf'), sum('o4_kb_low')]).toEqual([1, 0, 1, 0, 0]);
  });
});
