import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, quarterMonths, toEpochDay, yearMonthRange } from './dates';
import {
  coverage,
  coverageByAttendance,
  indicatorsForMonth,
  indicatorsForPeriod,
  monthFacts,
  sumIndicators,
  type BabyMonthFacts,
  type IndicatorTotals,
  babiesFollowed,
} from './indicators';
import type { BabyFacts, VisitFacts } from './journey';
import { RECALL_ITEMS } from './recall';
import { baby, visit } from './testkit';

/** Compact view of the rows a baby counts in: 'out', 'O1'…'O5', 'rd' (recall denominator), 'rn' (numerator). */
function rows(f: BabyMonthFacts): string {
  const out: string[] = [];
  if (f.leftOut) out.push('out');
  for (const k of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) if (f[k]) out.push(k);
  if (f.recallDenominator) out.push('rd');
  if (f.recallNumerator) out.push('rn');
  return out.join(' ');
}

// Born 31 Aug 2023: 5-month date 31 Jan 2024, 6-month date 29 Feb 2024 (leap year).
const B = '2023-08-31';
const yes = { confirmedExclusive: true };

describe('monthFacts', () => {
  it.each<[string, BabyFacts, number, number, string]>([
    // A baby with no visits
    ['no visits, birth month (born on its last day)', baby(B), 2023, 8, 'O3'],
    ['no visits, before birth', baby(B), 2023, 7, ''],
    ['no visits, month of the 6-month date', baby(B), 2024, 2, 'O3 O4'],
    ['no visits, month after', baby(B), 2024, 3, ''],
    // The 6-month date itself and the day before
    ['visit on the 6-month date is no recall', baby(B, [visit('2024-02-29')]), 2024, 2, 'O3 O4'],
    ['visit the day before the 6-month date', baby(B, [visit('2024-02-28')]), 2024, 2, 'O1 O4 rd rn'],
    ['… with the confirmation: graduated', baby(B, [visit('2024-02-28', yes)]), 2024, 2, 'O1 O4 O5 rd rn'],
    ['… with food: broken that day', baby(B, [visit('2024-02-28', { recallItems: ['food'] })]), 2024, 2, 'O2 O4 rd'],
    ['confirmed on 6-month date (no recall) still graduates', baby(B, [visit('2024-02-29', yes)]), 2024, 2, 'O3 O4 O5'],
    // 31 Aug 2022 → 28 Feb 2023 (common year)
    ['common year: 6-month date 28 Feb', baby('2022-08-31'), 2023, 2, 'O3 O4'],
    ['common year: not in March', baby('2022-08-31'), 2023, 3, ''],
    // December → January
    ['born 31 Jul: December', baby('2023-07-31'), 2023, 12, 'O3'],
    ['born 31 Jul: 6-month date 31 Jan', baby('2023-07-31'), 2024, 1, 'O3 O4'],
    ['born 30 Jun: 6-month date 30 Dec', baby('2023-06-30'), 2023, 12, 'O3 O4'],
    ['born 30 Jun: nothing in January', baby('2023-06-30'), 2024, 1, ''],
    ['born 1 Jul: 6-month date 1 Jan is in O4 but never under 6 months in January', baby('2023-07-01'), 2024, 1, 'O4'],
    ['born 1 Jul: December is O3', baby('2023-07-01'), 2023, 12, 'O3'],
    ['born 1 Aug: 6-month date on the first day of February', baby('2023-08-01'), 2024, 2, 'O4'],
    ['born 30 Jun: recall 29 Dec + confirmation', baby('2023-06-30', [visit('2023-12-29', yes)]), 2023, 12, 'O1 O4 O5 rd rn'],
    ['born 30 Jun: visit on 30 Dec is no recall', baby('2023-06-30', [visit('2023-12-30', yes)]), 2023, 12, 'O3 O4 O5'],
    // Exits
    ['exit before 6 months: month before the exit', baby(B, [visit('2023-11-10')], { exitDate: '2023-12-15' }), 2023, 11, 'O1 rd rn'],
    ['exit before 6 months: exit month', baby(B, [visit('2023-12-10')], { exitDate: '2023-12-15' }), 2023, 12, 'out'],
    ['exit before 6 months: 6-month-date month', baby(B, [], { exitDate: '2023-12-15' }), 2024, 2, 'out'],
    ['exit on the last day of M', baby(B, [visit('2023-11-10')], { exitDate: '2023-11-30' }), 2023, 11, 'out'],
    ['exit on the first day of M+1', baby(B, [visit('2023-11-10')], { exitDate: '2023-12-01' }), 2023, 11, 'O1 rd rn'],
    ['exit after 6 months: still counted', baby(B, [visit('2024-02-10', yes)], { exitDate: '2024-02-29' }), 2024, 2, 'O1 O4 O5 rd rn'],
    ['exit after 6 months: month after', baby(B, [visit('2024-02-10', yes)], { exitDate: '2024-03-05' }), 2024, 3, ''],
    // Latest recall of the month decides
    ['latest recall exclusive, earlier one not', baby(B, [visit('2023-11-02', { recallItems: ['water'] }), visit('2023-11-20')]), 2023, 11, 'O2 rd rn'],
    ['latest recall not exclusive', baby(B, [visit('2023-11-02'), visit('2023-11-20', { recallItems: ['sweet_drink'] })]), 2023, 11, 'O2 rd'],
    ['medicine/ORS/vitamins only', baby(B, [visit('2023-11-20', { recallItems: ['medicine', 'ors', 'vitamins'] })]), 2023, 11, 'O1 rd rn'],
    [
      'same-day visits: the greater id is the latest',
      baby(B, [visit('2023-11-20', { id: 'v2', recallItems: ['formula'] }), visit('2023-11-20', { id: 'v1' })]),
      2023,
      11,
      'O2 rd',
    ],
  ])('%s (%i-%i)', (_name, b, year, month, expected) => {
    expect(rows(monthFacts(b, year, month))).toBe(expected);
  });

  describe('a break reported at a later visit with an earlier first date', () => {
    const b = baby(B, [visit('2023-12-10'), visit('2024-01-15', { givenSinceLast: true, givenSinceLastDate: '2023-12-05' })]);
    it.each([
      [2023, 11, 'O3'],
      [2023, 12, 'O2 rd rn'], // status on 10 Dec is broken as known now; yesterday was breast milk only
      [2024, 1, 'O2 rd rn'],
      [2024, 2, 'O3 O4'],
    ])('%i-%i → %s', (year, month, expected) => {
      expect(rows(monthFacts(b, year, month))).toBe(expected);
    });

    it('the same December without the later report is O1', () => {
      expect(rows(monthFacts(baby(B, [visit('2023-12-10')]), 2023, 12))).toBe('O1 rd rn');
    });
  });

  describe('formula in week one, then breast milk only', () => {
    // Born 10 Jan 2024: 5-month date 10 Jun, 6-month date 10 Jul.
    const b = baby('2024-01-10', [visit('2024-01-15', { recallItems: ['formula'], breakReason: 'low_supply' }), visit('2024-02-10'), visit('2024-06-20', yes)]);
    it.each([
      [2024, 1, 'O2 rd'],
      [2024, 2, 'O2 rd rn'], // exclusive by recall, broken for the cohort
      [2024, 6, 'O2 rd rn'],
      [2024, 7, 'O3 O4'], // reaches 6 months but is not graduated
    ])('%i-%i → %s', (year, month, expected) => {
      expect(rows(monthFacts(b, year, month))).toBe(expected);
    });
  });
});

describe('indicatorsForMonth', () => {
  it.each([
    [2024, 2],
    [2023, 12],
    [2024, 1],
  ])('a month with no babies has no data, not 0%% (%i-%i)', (year, month) => {
    const r = indicatorsForMonth([], year, month);
    for (const k of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) expect(r[k]).toEqual({ L: 0, P: 0, total: 0 });
    expect(r.recallCoverage).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(r.sixMonthCoverage).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(r).toMatchObject({ year, month });
  });

  it('babies but no recall: recall coverage is no data, six-month coverage 0 of 1', () => {
    const r = indicatorsForMonth([baby(B)], 2024, 2);
    expect(r.recallCoverage.percent).toBeNull();
    expect(r.sixMonthCoverage).toEqual({ numerator: 0, denominator: 1, percent: 0 });
  });

  it('twins and a cohort of February 2024, split by sex; the recall figure exceeds the six-month one', () => {
    const babies: BabyFacts[] = [
      // twins (same mother, same birth date) are two babies
      baby(B, [visit('2024-02-10', yes)], { id: 't1', sex: 'L' }),
      baby(B, [visit('2024-02-10', { recallItems: ['formula'] })], { id: 't2', sex: 'P' }),
      // formula in week one, breast milk only since
      baby(B, [visit('2023-09-05', { recallItems: ['formula'] }), visit('2024-02-10', yes)], { id: 'f', sex: 'P' }),
      baby('2023-11-15', [], { id: 'n', sex: 'L' }),
      baby('2023-09-20', [visit('2023-10-01')], { id: 'x', sex: 'L', exitDate: '2024-01-10', exitReason: 'moved' }),
    ];
    const r = indicatorsForMonth(babies, 2024, 2);
    expect(r.O1).toEqual({ L: 1, P: 0, total: 1 });
    expect(r.O2).toEqual({ L: 0, P: 2, total: 2 });
    expect(r.O3).toEqual({ L: 1, P: 0, total: 1 });
    expect(r.O4).toEqual({ L: 1, P: 2, total: 3 });
    expect(r.O5).toEqual({ L: 1, P: 0, total: 1 });
    expect(r.recallCoverage).toEqual({ numerator: 2, denominator: 3, percent: (2 / 3) * 100 });
    expect(r.sixMonthCoverage).toEqual({ numerator: 1, denominator: 3, percent: (1 / 3) * 100 });
  });

  it('twins with identical facts are counted twice', () => {
    const twin = (sex: 'L' | 'P') => baby(B, [visit('2024-02-10', yes)], { sex });
    const r = indicatorsForMonth([twin('L'), twin('P')], 2024, 2);
    expect(r.O4).toEqual({ L: 1, P: 1, total: 2 });
    expect(r.O5.total).toBe(2);
  });

  it('O1 + O2 always equals the recall-coverage denominator (random cohorts)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const start = toEpochDay('2023-01-01');
    const babies: BabyFacts[] = Array.from({ length: 300 }, (_, i) => {
      const birthDate = fromEpochDay(start + Math.floor(rand() * 365));
      const visits: VisitFacts[] = Array.from({ length: Math.floor(rand() * 9) }, () => {
        const visitDate = addDays(birthDate, Math.floor(rand() * 220));
        return visit(visitDate, {
          breastfed: rand() > 0.05,
          recallItems: rand() > 0.8 ? [pick(RECALL_ITEMS)] : [],
          givenSinceLast: rand() > 0.9,
          givenSinceLastDate: rand() > 0.5 ? addDays(visitDate, -Math.floor(rand() * 30)) : null,
          confirmedExclusive: rand() > 0.5 ? rand() > 0.2 : null,
        });
      });
      const exitDate = rand() > 0.85 ? addDays(birthDate, Math.floor(rand() * 250)) : null;
      return baby(birthDate, visits, { id: `b${i}`, sex: rand() > 0.5 ? 'L' : 'P', exitDate });
    });
    let seen = 0;
    for (const { year, month } of yearMonthRange({ year: 2022, month: 12 }, { year: 2024, month: 10 })) {
      const r = indicatorsForMonth(babies, year, month);
      expect(r.recallCoverage.denominator).toBe(r.O1.total + r.O2.total);
      expect(r.O5.total).toBeLessThanOrEqual(r.O4.total);
      for (const k of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) expect(r[k].L + r[k].P).toBe(r[k].total);
      for (const c of [r.recallCoverage, r.sixMonthCoverage]) {
        expect(c.percent === null ? c.denominator === 0 : !Number.isNaN(c.percent)).toBe(true);
      }
      seen += r.recallCoverage.denominator;
    }
    expect(seen).toBeGreaterThan(100); // the generator really produced recalls
  });
});

describe('sums over quarters and years', () => {
  const month = (o: Partial<IndicatorTotals>): IndicatorTotals => ({
    O1: { L: 0, P: 0, total: 0 },
    O2: { L: 0, P: 0, total: 0 },
    O3: { L: 0, P: 0, total: 0 },
    O4: { L: 0, P: 0, total: 0 },
    O5: { L: 0, P: 0, total: 0 },
    recallCoverage: coverage(0, 0),
    sixMonthCoverage: coverage(0, 0),
    ...o,
  });

  it.each<[string, [number, number][], number, number, number | null]>([
    [
      'adds numerators and denominators, never averages (1/2, none, 3/3 → 4/5)',
      [
        [1, 2],
        [0, 0],
        [3, 3],
      ],
      4,
      5,
      80,
    ],
    [
      'one month with data',
      [
        [0, 0],
        [1, 4],
        [0, 0],
      ],
      1,
      4,
      25,
    ],
    [
      'no data in any month',
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      0,
      0,
      null,
    ],
    [
      'zero of some is 0%, not no data',
      [
        [0, 3],
        [0, 0],
        [0, 1],
      ],
      0,
      4,
      0,
    ],
  ])('quarter: %s', (_name, months, num, den, percent) => {
    const sum = sumIndicators(months.map(([n, d]) => month({ recallCoverage: coverage(n, d), sixMonthCoverage: coverage(n, d) })));
    expect(sum.recallCoverage).toEqual({ numerator: num, denominator: den, percent });
    expect(sum.sixMonthCoverage).toEqual({ numerator: num, denominator: den, percent });
  });

  it('adds counts by sex', () => {
    const sum = sumIndicators([
      month({ O1: { L: 1, P: 2, total: 3 }, O4: { L: 1, P: 0, total: 1 } }),
      month({ O1: { L: 0, P: 1, total: 1 }, O4: { L: 2, P: 2, total: 4 } }),
    ]);
    expect(sum.O1).toEqual({ L: 1, P: 3, total: 4 });
    expect(sum.O4).toEqual({ L: 3, P: 2, total: 5 });
    expect(sumIndicators([]).recallCoverage.percent).toBeNull();
  });

  it('indicatorsForPeriod of a quarter equals the sum of its months', () => {
    const babies = [
      baby('2023-07-31', [visit('2024-01-20', yes)], { sex: 'L' }), // 6-month date 31 Jan: graduated
      baby(B, [visit('2024-02-10', { recallItems: ['water'] })], { sex: 'P' }), // 29 Feb: broken
      baby('2023-09-15', [visit('2024-01-10'), visit('2024-03-10', yes)], { sex: 'P' }), // 15 Mar: graduated
    ];
    const q1 = indicatorsForPeriod(babies, { from: { year: 2024, month: 1 }, to: { year: 2024, month: 3 } });
    const byMonth = sumIndicators(quarterMonths(2024, 1).map((m) => indicatorsForMonth(babies, m.year, m.month)));
    expect(q1).toEqual(byMonth);
    expect(q1.sixMonthCoverage).toEqual({ numerator: 2, denominator: 3, percent: (2 / 3) * 100 });
    expect(q1.O4).toEqual({ L: 1, P: 2, total: 3 });
  });

  it('a period across December → January', () => {
    const babies = [baby('2023-06-30', [visit('2023-12-29', yes)]), baby('2023-07-31', [])];
    const r = indicatorsForPeriod(babies, { from: { year: 2023, month: 12 }, to: { year: 2024, month: 1 } });
    expect(r.sixMonthCoverage).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(indicatorsForPeriod(babies, { year: 2024, month: 1 }).sixMonthCoverage).toEqual({ numerator: 0, denominator: 1, percent: 0 });
  });
});

describe('coverageByAttendance', () => {
  const babies: BabyFacts[] = [
    baby(B, [visit('2024-02-10', yes)], { id: 'a1' }),
    baby(B, [], { id: 'a2' }),
    baby(B, [visit('2023-10-01', { recallItems: ['formula'] }), visit('2024-02-10', yes)], { id: 'n1' }),
    baby(B, [visit('2024-02-10', yes)], { id: 'n2' }),
    baby(B, [visit('2024-02-10', yes)]), // no id: counts as not attended
    baby('2023-09-30', [visit('2024-03-10', yes)], { id: 'a3' }), // 6-month date 30 Mar
  ];

  it.each([
    ['February', { year: 2024, month: 2 }, [1, 2], [2, 3]],
    ['March', { year: 2024, month: 3 }, [1, 1], [0, 0]],
    ['Q1', { from: { year: 2024, month: 1 }, to: { year: 2024, month: 3 } }, [2, 3], [2, 3]],
  ] as const)('%s', (_name, period, [an, ad], [nn, nd]) => {
    const r = coverageByAttendance(babies, new Set(['a1', 'a2', 'a3']), period);
    expect(r.attended).toEqual(coverage(an, ad));
    expect(r.notAttended).toEqual(coverage(nn, nd));
  });

  it('nobody attended: attended coverage is no data', () => {
    expect(coverageByAttendance(babies, new Set(), { year: 2024, month: 2 }).attended.percent).toBeNull();
  });
});

describe('babiesFollowed (issue #29: how many babies a place follows, beside its coverage)', () => {
  const sc = (total: number) => ({ L: total, P: 0, total });
  const totals = (o1: number, o2: number, o3: number, o4: number): IndicatorTotals => ({
    O1: sc(o1),
    O2: sc(o2),
    O3: sc(o3),
    O4: sc(o4),
    O5: sc(0),
    recallCoverage: { numerator: 0, denominator: 0, percent: null },
    sixMonthCoverage: { numerator: 0, denominator: 0, percent: null },
  });
  it.each([
    ['no row for the month', null, 0],
    ['recalled and not recalled babies', totals(3, 2, 4, 1), 9],
    ['O4 is not added (a baby reaching 6 months in the month is already O1, O2 or O3)', totals(0, 0, 1, 1), 1],
  ])('%s', (_label, month, want) => {
    expect(babiesFollowed(month)).toBe(want);
  });
});
