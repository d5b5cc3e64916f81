/**
 * Issue #20: the one rounding of percentages, period totals summed from the months'
 * numerators and denominators (never averaged), and the target colour rule of issue #23.
 */
import { describe, expect, it } from 'vitest';
import { targetState } from './dashboard';
import { coverage, periodTotals, roundPercent, sumIndicators, type IndicatorTotals } from './indicators';

describe('roundPercent (one decimal, half away from zero)', () => {
  it.each([
    [null, null],
    [Number.NaN, null],
    [0, 0],
    [100, 100],
    [200 / 3, 66.7],
    [100 / 3, 33.3],
    [11.97, 12],
    [11.95, 12],
    [11.94, 11.9],
    [12.25, 12.3],
    [0.05, 0.1],
    [49.96, 50],
    [49.94, 49.9],
  ])('%s → %s', (input, want) => {
    expect(roundPercent(input)).toBe(want);
  });
});

const counts = (L: number, P: number) => ({ L, P, total: L + P });
function month(year: number, m: number, recall: [number, number], six: [number, number]) {
  const totals: IndicatorTotals = {
    O1: counts(recall[0], 0),
    O2: counts(recall[1] - recall[0], 0),
    O3: counts(1, 1),
    O4: counts(six[1], 0),
    O5: counts(six[0], 0),
    recallCoverage: coverage(...recall),
    sixMonthCoverage: coverage(...six),
  };
  return { year, month: m, totals };
}

describe('periodTotals', () => {
  // January 1 of 1 (100%), February 1 of 9 (11.1%), March 0 of 0 (no data).
  const rows = [
    month(2025, 12, [5, 5], [5, 5]),
    month(2026, 1, [1, 1], [1, 1]),
    month(2026, 2, [1, 9], [1, 9]),
    month(2026, 3, [0, 0], [0, 0]),
    month(2026, 4, [3, 3], [3, 3]),
  ];

  it.each([
    ['Q1 2026', { year: 2026, month: 1 }, { year: 2026, month: 3 }, 2, 10, 20],
    ['2026', { year: 2026, month: 1 }, { year: 2026, month: 12 }, 5, 13, (5 / 13) * 100],
    ['one month', { year: 2026, month: 2 }, { year: 2026, month: 2 }, 1, 9, 100 / 9],
    ['across a new year', { year: 2025, month: 12 }, { year: 2026, month: 1 }, 6, 6, 100],
  ])('%s: numerators and denominators added', (_l, from, to, num, den, pct) => {
    const t = periodTotals(rows, from, to)!;
    expect(t.recallCoverage).toEqual({ numerator: num, denominator: den, percent: pct });
    expect(t.sixMonthCoverage).toEqual({ numerator: num, denominator: den, percent: pct });
  });

  it('is not the average of the months’ percentages', () => {
    const q1 = periodTotals(rows, { year: 2026, month: 1 }, { year: 2026, month: 3 })!;
    const average = (100 + 100 / 9) / 2; // 55.6%: what averaging January and February would say
    expect(roundPercent(q1.recallCoverage.percent)).toBe(20);
    expect(roundPercent(average)).not.toBe(20);
  });

  it('counts O1–O5 over the months (baby-months, as the paper recap) and is the sumIndicators of the months', () => {
    const inQ1 = rows.filter((r) => r.year === 2026 && r.month <= 3);
    expect(periodTotals(rows, { year: 2026, month: 1 }, { year: 2026, month: 3 })).toEqual(sumIndicators(inQ1.map((r) => r.totals)));
  });

  it('a period with no month of data is null ("belum ada data")', () => {
    expect(periodTotals(rows, { year: 2027, month: 1 }, { year: 2027, month: 12 })).toBeNull();
  });
});

describe('targetState (issue #23: the target line is red only when not met)', () => {
  it.each([
    [coverage(10, 20), 50, 'met'],
    [coverage(11, 20), 50, 'met'],
    [coverage(9, 20), 50, 'notMet'],
    // 49.96% is shown as "50%": compared as shown.
    [coverage(1249, 2500), 50, 'met'],
    [coverage(1248, 2500), 50, 'notMet'],
    [coverage(0, 0), 50, 'noData'],
    [null, 50, 'noData'],
    [coverage(3, 4), null, 'noTarget'],
  ] as const)('%o against %s → %s', (c, target, want) => {
    expect(targetState(c, target)).toBe(want);
  });
});
