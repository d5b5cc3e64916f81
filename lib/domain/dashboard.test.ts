import { describe, expect, it } from 'vitest';
import { exclusiveAtAgeMonth, exclusivityCurve, stopReasonCounts } from './dashboard';
import { baby, visit } from './testkit';

// Born 31 Aug 2023: 1-month date 30 Sep, 5-month date 31 Jan 2024, 6-month date 29 Feb 2024.
const B = '2023-08-31';
const TODAY = '2024-06-01';

describe('exclusiveAtAgeMonth', () => {
  const cases: { name: string; b: ReturnType<typeof baby>; k: number; today?: string; want: boolean | null }[] = [
    { name: 'no visits, month 0: ongoing', b: baby(B), k: 0, want: true },
    { name: 'no visits, month 3: ongoing', b: baby(B), k: 3, want: true },
    { name: 'no visits, month 6: unrecorded, not exclusive', b: baby(B), k: 6, want: false },
    { name: 'confirmed after 5 months, month 6: graduated', b: baby(B, [visit('2024-02-01', { confirmedExclusive: true })]), k: 6, want: true },
    { name: 'break on the 2-month date counts at month 2', b: baby(B, [visit('2023-10-31', { recallItems: ['formula'] })]), k: 2, want: false },
    { name: 'break the day after the 2-month date: still exclusive at 2', b: baby(B, [visit('2023-11-01', { recallItems: ['formula'] })]), k: 2, want: true },
    {
      name: 'break reported late with an earlier date counts back',
      b: baby(B, [visit('2024-01-10', { givenSinceLast: true, givenSinceLastDate: '2023-09-05' })]),
      k: 1,
      want: false,
    },
    { name: 'month date after today: not counted', b: baby(B), k: 6, today: '2024-02-28', want: null },
    { name: 'month date equal to today: counted', b: baby(B), k: 6, today: '2024-02-29', want: false },
    { name: 'exited before the month date: not counted', b: baby(B, [], { exitDate: '2023-12-01' }), k: 4, want: null },
    { name: 'exited after the month date: counted', b: baby(B, [], { exitDate: '2023-12-01' }), k: 2, want: true },
    {
      name: 'exit after the 6-month date changes nothing',
      b: baby(B, [visit('2024-02-01', { confirmedExclusive: true })], { exitDate: '2024-03-05' }),
      k: 6,
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => expect(exclusiveAtAgeMonth(c.b, c.k, c.today ?? TODAY)).toBe(c.want));
});

describe('exclusivityCurve', () => {
  it('counts each month over the babies that reached it; no babies is no data, never 0%', () => {
    const babies = [
      baby(B, [visit('2024-02-01', { confirmedExclusive: true })]),
      baby(B, [visit('2023-11-15', { recallItems: ['water'] })]),
      baby('2024-04-15'), // reached month 1 only
    ];
    const curve = exclusivityCurve(babies, TODAY);
    expect(curve.map((p) => [p.month, p.share.numerator, p.share.denominator])).toEqual([
      [0, 3, 3],
      [1, 3, 3],
      [2, 2, 2],
      [3, 1, 2],
      [4, 1, 2],
      [5, 1, 2],
      [6, 1, 2],
    ]);
    expect(exclusivityCurve([], TODAY).every((p) => p.share.percent === null)).toBe(true);
  });
});

describe('stopReasonCounts', () => {
  it('counts first breaks in the period by the reason of the break', () => {
    const babies = [
      baby(B, [visit('2023-10-10', { recallItems: ['formula'], breakReason: 'low_supply' })]),
      baby(B, [visit('2023-10-20', { recallItems: ['formula'] })]),
      // first break in September (outside), a later reason does not count
      baby(B, [
        visit('2023-09-20', { recallItems: ['water'], breakReason: 'family_pressure' }),
        visit('2023-10-05', { recallItems: ['formula'], breakReason: 'back_to_work' }),
      ]),
      // same break date from two visits: the one with a reason wins
      baby(B, [
        visit('2023-10-15', { givenSinceLast: true, givenSinceLastDate: '2023-10-01' }),
        visit('2023-10-01', { recallItems: ['formula'], breakReason: 'baby_ill' }),
      ]),
      baby(B), // never broke
    ];
    const got = stopReasonCounts(babies, '2023-10-01', '2023-10-31');
    expect(got).toMatchObject({ low_supply: 1, unknown: 1, baby_ill: 1, back_to_work: 0, family_pressure: 0 });
    expect(Object.values(got).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
