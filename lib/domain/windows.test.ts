import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  closedBefore,
  DEFAULT_VISIT_WINDOWS,
  datedWindows,
  dueList,
  periodWindowColumn,
  programEntry,
  registeredLate,
  validateWindows,
  windowForVisit,
  windowsInForce,
  windowStates,
  type DueBaby,
  type VisitWindow,
  type VisitWindowChange,
  type WindowStateName,
} from './windows';

// Born 1 Jan 2024 (leap year): 6-month date 1 Jul 2024.
const B = '2024-01-01';
const day = (n: number) => addDays(B, n);

describe('datedWindows', () => {
  it('default windows for a baby born 1 Jan 2024', () => {
    expect(datedWindows(B)).toEqual([
      { index: 0, from: '2024-01-04', to: '2024-01-08' },
      { index: 1, from: '2024-01-09', to: '2024-01-29' },
      { index: 2, from: '2024-01-30', to: '2024-02-29' },
      { index: 3, from: '2024-03-01', to: '2024-03-30' },
      { index: 4, from: '2024-03-31', to: '2024-04-29' },
      { index: 5, from: '2024-04-30', to: '2024-05-29' },
      { index: 6, from: '2024-05-30', to: '2024-06-30' },
    ]);
  });

  it.each([
    ['2023-08-31', '2024-02-28'], // 6-month date 29 Feb (leap)
    ['2022-08-31', '2023-02-27'], // 6-month date 28 Feb
    ['2023-07-31', '2024-01-30'], // crosses the year
  ])('born %s: last window ends %s (day before the 6-month date)', (birth, lastDay) => {
    expect(datedWindows(birth).at(-1)?.to).toBe(lastDay);
  });
});

const S = (s: string): WindowStateName[] =>
  s.split(' ').map((c) => ({ u: 'upcoming', o: 'open', d: 'done_on_time', l: 'done_late', m: 'missed', b: 'before_registration' })[c] as WindowStateName);

describe('windowStates', () => {
  it.each<[string, string[], string, string]>([
    ['before the first window', [], day(2), 'u u u u u u u'],
    ['first day of window 1', [], day(3), 'o u u u u u u'],
    ['last day of window 1', [], day(7), 'o u u u u u u'],
    ['window 1 closed unvisited', [], day(8), 'm o u u u u u'],
    ['visited on time', [day(5)], day(8), 'd o u u u u u'],
    ['visits on the last day of one window and the first of the next', [day(7), day(8)], day(8), 'd d u u u u u'],
    ['second visit in the same window fills the missed earlier window late', [day(12), day(20)], day(20), 'l d u u u u u'],
    ['visit on day 1 is outside every window and fills nothing', [day(1)], day(10), 'm o u u u u u'],
    ['visit on day 1, window 1 still open', [day(1)], day(5), 'o u u u u u u'],
    ['two visits the same day: the second is extra', [day(5), day(5)], day(5), 'd u u u u u u'],
    ['catch-up visits fill missed windows late, oldest first', [day(40), day(45), day(50)], day(50), 'l l d u u u u'],
    ['visits in any input order', [day(50), day(40), day(45)], day(50), 'l l d u u u u'],
    ['day before the 6-month date is in the last window', [], '2024-06-30', 'm m m m m m o'],
    ['6-month date: everything unvisited is missed', [], '2024-07-01', 'm m m m m m m'],
    ['a visit after 6 months fills the first missed window late', ['2024-07-10'], '2024-07-10', 'l m m m m m m'],
  ])('%s', (_name, visits, today, expected) => {
    expect(windowStates(B, visits, today).map((w) => w.state)).toEqual(S(expected));
  });

  it('reports the visit that filled each window', () => {
    const states = windowStates(B, [day(12), day(20)], day(20));
    expect(states[0]).toEqual({ index: 0, from: '2024-01-04', to: '2024-01-08', state: 'done_late', visitDate: day(20) });
    expect(states[1]).toMatchObject({ state: 'done_on_time', visitDate: day(12) });
    expect(states[2]).not.toHaveProperty('visitDate');
  });

  it('custom windows', () => {
    const windows: VisitWindow[] = [
      { fromDay: 0, toDay: 30 },
      { fromDay: 31, toDay: null },
    ];
    expect(windowStates(B, [day(0)], day(31), windows).map((w) => w.state)).toEqual(['done_on_time', 'open']);
  });
});

describe('windowForVisit', () => {
  it.each<[string, string[], string, { index: number; late: boolean } | null]>([
    ['first visit on time', [], day(5), { index: 0, late: false }],
    ['second visit in a filled window, nothing missed', [day(5)], day(6), null],
    ['first visit in window 2', [], day(20), { index: 1, late: false }],
    ['another visit in window 2 covers missed window 1, late', [day(20)], day(25), { index: 0, late: true }],
    ['paper record dated before the existing visit', [day(20)], day(6), { index: 0, late: false }],
    ['visit after 6 months is still accepted, late', [], '2024-07-10', { index: 0, late: true }],
    ['visit on day 1', [], day(1), null],
  ])('%s', (_name, existing, newDate, expected) => {
    const r = windowForVisit(B, existing, newDate);
    expect(r === null ? null : { index: r.index, late: r.late }).toEqual(expected);
  });

  it('gives the window dates', () => {
    expect(windowForVisit(B, [], day(20))).toEqual({ index: 1, from: '2024-01-09', to: '2024-01-29', late: false });
  });
});

describe('validateWindows', () => {
  it.each<[string, VisitWindow[], boolean]>([
    ['defaults', [...DEFAULT_VISIT_WINDOWS], true],
    ['empty', [], false],
    [
      'overlap',
      [
        { fromDay: 3, toDay: 10 },
        { fromDay: 10, toDay: 20 },
      ],
      false,
    ],
    [
      'open-ended not last',
      [
        { fromDay: 3, toDay: null },
        { fromDay: 10, toDay: 20 },
      ],
      false,
    ],
    ['beyond day 180', [{ fromDay: 3, toDay: 181 }], false],
    ['from after to', [{ fromDay: 10, toDay: 5 }], false],
    ['negative', [{ fromDay: -1, toDay: 5 }], false],
    [
      'gap is fine',
      [
        { fromDay: 3, toDay: 7 },
        { fromDay: 14, toDay: null },
      ],
      true,
    ],
  ])('%s → valid %s', (_name, windows, valid) => {
    expect(validateWindows(windows).length === 0).toBe(valid);
  });
});

describe('dueList', () => {
  const T = '2024-03-15';
  const babies: DueBaby[] = [
    // window 2 (days 8–28) closed 10 days ago (5 Mar), window 3 open
    { id: 'A', birthDate: '2024-02-06', exitDate: null, visitDates: ['2024-02-11'] },
    // window 2 closed 3 days ago
    { id: 'B', birthDate: '2024-02-13', exitDate: null, visitDates: ['2024-02-18'] },
    // window 3 (days 29–59) ends 17 Mar: 2 days left; also a referral
    { id: 'C', birthDate: '2024-01-18', exitDate: null, visitDates: ['2024-01-23', '2024-02-02'], openReferral: true },
    // window 4 (days 60–89) ends 25 Mar: 10 days left
    { id: 'D', birthDate: addDays('2024-03-25', -89), exitDate: null, visitDates: [] },
    // exited: nothing, not even the referral
    { id: 'E', birthDate: '2024-02-01', exitDate: '2024-03-01', visitDates: [], openReferral: true },
    // 6 months on 10 Mar: nothing
    { id: 'F', birthDate: '2023-09-10', exitDate: null, visitDates: [], openReferral: true },
    // all windows so far visited, referral only
    { id: 'G', birthDate: '2024-02-20', exitDate: null, visitDates: ['2024-02-25', '2024-03-11'], openReferral: true },
    // window 2 closed 20 days ago (too old to be overdue); window 3 ends 26 Mar: 11 days left
    { id: 'H', birthDate: '2024-01-27', exitDate: null, visitDates: ['2024-02-01'] },
    // window 2 missed but visited since (12 Mar, on time in window 3): nothing
    { id: 'I', birthDate: '2024-02-11', exitDate: null, visitDates: ['2024-02-16', '2024-03-12'] },
    // window 2 closed exactly 14 days ago: still overdue
    { id: 'J', birthDate: '2024-02-02', exitDate: null, visitDates: ['2024-02-07'] },
    // window 2 closed 15 days ago: not overdue; window 3 ends 31 Mar: 16 days left
    { id: 'K', birthDate: '2024-02-01', exitDate: null, visitDates: ['2024-02-06'] },
    // born today: no window open yet
    { id: 'L', birthDate: T, exitDate: null, visitDates: [] },
    // exit date in the future: still listed; window 2 ends 19 Mar: 4 days left
    { id: 'M', birthDate: '2024-02-20', exitDate: '2024-04-01', visitDates: ['2024-02-25'] },
  ];

  it('orders overdue (oldest first), open (fewest days left), then referrals', () => {
    const list = dueList(babies, T).map((i) => [i.babyId, i.kind, i.window?.index ?? null, i.daysOverdue ?? i.daysLeft ?? null]);
    expect(list).toEqual([
      ['J', 'overdue', 1, 14],
      ['A', 'overdue', 1, 10],
      ['B', 'overdue', 1, 3],
      ['C', 'open', 2, 2],
      ['M', 'open', 1, 4],
      ['D', 'open', 3, 10], // no visits: older windows are missed long ago, window 4 is open
      ['H', 'open', 2, 11],
      ['K', 'open', 2, 16],
      ['C', 'referral', null, null],
      ['G', 'referral', null, null],
    ]);
  });

  // Issue #23: the list and the visit form name the same window (windowForVisit): an overdue
  // window stays missed when today's visit falls in the open window, which it fills on time.
  it.each([
    ['A: window 2 missed, window 3 open → today fills 3, on time', 'A', { index: 2, late: false }],
    ['B: window 2 missed, window 3 open', 'B', { index: 2, late: false }],
    ['C: window 3 open', 'C', { index: 2, late: false }],
    ['D: no visits, window 4 open', 'D', { index: 3, late: false }],
    ['J: window 2 missed 14 days ago', 'J', { index: 2, late: false }],
  ])('%s', (_name, id, fills) => {
    const item = dueList(babies, T).find((i) => i.babyId === id && i.kind !== 'referral')!;
    expect(item.visitFills).toEqual(fills);
    const baby = babies.find((b) => b.id === id)!;
    expect(windowForVisit(baby.birthDate, baby.visitDates, T)).toMatchObject(fills);
  });

  it('a visit today in a gap between windows fills the missed window, late', () => {
    const gap: VisitWindow[] = [
      { fromDay: 3, toDay: 7 },
      { fromDay: 20, toDay: null },
    ];
    // Born 5 Mar: window 1 closed 12 Mar, window 2 opens 25 Mar; on 15 Mar a visit is late for window 1.
    const [item] = dueList([{ id: 'P', birthDate: '2024-03-05', exitDate: null, visitDates: [], windows: gap }], T);
    expect(item).toMatchObject({ kind: 'overdue', window: { index: 0 }, visitFills: { index: 0, late: true } });
  });

  it('no babies → empty list', () => {
    expect(dueList([], T)).toEqual([]);
  });

  it("a baby's own windows win over the list's windows", () => {
    // Born 10 Mar: on 15 Mar (day 5) the default window 1 (days 3–7) is open with 2 days left;
    // its own setting's first window, days 0–4, closed yesterday (overdue by 1 day).
    const own: VisitWindow[] = [
      { fromDay: 0, toDay: 4 },
      { fromDay: 20, toDay: null },
    ];
    const list = dueList(
      [
        { id: 'N', birthDate: '2024-03-10', exitDate: null, visitDates: [], windows: own },
        { id: 'O', birthDate: '2024-03-10', exitDate: null, visitDates: [] },
      ],
      T,
    );
    expect(list.map((i) => [i.babyId, i.kind, i.window?.index, i.daysOverdue ?? i.daysLeft])).toEqual([
      ['N', 'overdue', 0, 1],
      ['O', 'open', 0, 2],
    ]);
  });
});

describe('windowsInForce', () => {
  const FOUR: VisitWindow[] = [
    { fromDay: 3, toDay: 14 },
    { fromDay: 15, toDay: 60 },
    { fromDay: 61, toDay: 120 },
    { fromDay: 121, toDay: null },
  ];
  const THREE: VisitWindow[] = [
    { fromDay: 2, toDay: 30 },
    { fromDay: 31, toDay: 90 },
    { fromDay: 91, toDay: null },
  ];
  const BASE: VisitWindow[] = [
    { fromDay: 0, toDay: 10 },
    { fromDay: 11, toDay: null },
  ];
  const changes: VisitWindowChange[] = [
    // Out of order on purpose: the rule is by date, not by list position.
    { effectiveFrom: '2026-03-01', windows: THREE },
    { effectiveFrom: '2025-07-15', windows: FOUR },
  ];
  it.each<[string, VisitWindowChange[], VisitWindow[] | null, string, readonly VisitWindow[]]>([
    ['no change, no base: DESIGN defaults', [], null, '2025-01-01', DEFAULT_VISIT_WINDOWS],
    ['no change, empty base: defaults', [], [], '2025-01-01', DEFAULT_VISIT_WINDOWS],
    ['no change: the base setting', [], BASE, '2025-01-01', BASE],
    ['born before every change: base', changes, BASE, '2025-07-14', BASE],
    ['born before every change, no base: defaults', changes, null, '2025-07-14', DEFAULT_VISIT_WINDOWS],
    ['born on the day of a change: that change', changes, BASE, '2025-07-15', FOUR],
    ['born between two changes: the earlier one', changes, BASE, '2026-02-28', FOUR],
    ['born on the day of the later change', changes, BASE, '2026-03-01', THREE],
    ['born long after: the latest change', changes, null, '2026-12-31', THREE],
    ['latest change on or before birth is empty: base, not an older change', [...changes, { effectiveFrom: '2026-06-01', windows: [] }], BASE, '2026-06-02', BASE],
    ['a change dated after the birth never applies', [{ effectiveFrom: '2027-01-01', windows: THREE }], null, '2026-12-31', DEFAULT_VISIT_WINDOWS],
  ])('%s', (_name, settings, base, birth, expected) => {
    expect(windowsInForce(settings, base, birth)).toEqual(expected);
  });
});

// Decision 060: windows that closed before the baby entered the program are not owed.
describe('programEntry', () => {
  it.each<[string, string | null, string[], string | null]>([
    ['registration day unknown: from birth (nothing excluded)', null, [day(5)], null],
    ['registered, no visit', day(40), [], day(40)],
    ['registered before the first visit', day(2), [day(5)], day(2)],
    ['a paper visit dated before registration is entry', day(40), [day(20), day(45)], day(20)],
  ])('%s', (_n, registered, visits, want) => {
    expect(programEntry(registered, visits)).toBe(want);
  });
});

describe('windowStates with the registration day (decision 060)', () => {
  it.each<[string, string | null, string[], string, string]>([
    ['registered at birth: as before', day(1), [], day(31), 'm m o u u u u'],
    ['imported on day 40: windows 1–2 closed before, window 3 open', day(40), [], day(40), 'b b o u u u u'],
    ['registered on the last day of window 2: it is still owed (missed once closed)', day(28), [], day(29), 'b m o u u u u'],
    ['registered the day after window 2 closed: not owed', day(29), [], day(29), 'b b o u u u u'],
    ['a second visit never fills a window closed before registration late', day(40), [day(41), day(50)], day(50), 'b b d u u u u'],
    ['a second visit still fills an owed missed window late', day(20), [day(41), day(50)], day(50), 'b l d u u u u'],
    ['a paper visit typed later moves entry back: window 2 owed and on time', day(40), [day(20)], day(40), 'b d o u u u u'],
  ])('%s', (_name, registered, visits, today, expected) => {
    expect(windowStates(B, visits, today, DEFAULT_VISIT_WINDOWS, registered).map((w) => w.state)).toEqual(S(expected));
  });

  it('the visit form agrees: a late visit after an import fills nothing before registration', () => {
    expect(windowForVisit(B, [day(41)], day(50), DEFAULT_VISIT_WINDOWS, day(40))).toBeNull();
    expect(windowForVisit(B, [day(41)], day(50))).toMatchObject({ index: 0, late: true });
  });

  it("the kader's today list: an imported baby's closed windows are not overdue", () => {
    // Imported on day 30 (window 2, days 8–28, closed 2 days before): registered at birth it would be overdue.
    const baby = { id: 'Q', birthDate: B, exitDate: null, visitDates: [] };
    expect(dueList([baby], day(30)).map((i) => i.kind)).toEqual(['overdue']);
    expect(dueList([{ ...baby, registeredOn: day(30) }], day(30)).map((i) => [i.kind, i.window?.index, i.visitFills])).toEqual([['open', 2, { index: 2, late: false }]]);
  });
});

describe('periodWindowColumn (decision 050: a window closes in the period its last day is in)', () => {
  const L = '2026-01-31';
  it.each<[string, { to: string; filledOn: string | null; late: boolean }, string, boolean, string | null]>([
    ['ends on the last day, never visited, period over: missed', { to: L, filledOn: null, late: false }, L, true, 'missed'],
    ['ends on the last day, today is that day: still open, no column', { to: L, filledOn: null, late: false }, L, false, null],
    ['ends the day before the last day, never visited: missed either way', { to: '2026-01-30', filledOn: null, late: false }, L, false, 'missed'],
    ['ends on the last day, visited on it: on time', { to: L, filledOn: L, late: false }, L, true, 'onTime'],
    ['ends on the last day, filled late next month: missed in that period', { to: L, filledOn: '2026-02-03', late: true }, L, true, 'missed'],
    ['judged on a later day it is late (a period never is: its asOf is its last day)', { to: L, filledOn: '2026-02-03', late: true }, '2026-02-28', true, 'late'],
    ['still open mid-period', { to: '2026-01-20', filledOn: null, late: false }, '2026-01-15', false, null],
  ])('%s', (_n, w, asOf, over, want) => {
    expect(periodWindowColumn(w, asOf, over)).toBe(want);
  });
});

describe('closedBefore: the day before which a window has closed (as periodWindowColumn judges)', () => {
  it.each<[string, boolean, string]>([
    ['2026-01-15', false, '2026-01-15'],
    ['2026-01-31', true, '2026-02-01'],
    ['2026-12-31', true, '2027-01-01'],
  ])('asOf %s, period over %s → %s', (asOf, over, want) => {
    expect(closedBefore(asOf, over)).toBe(want);
  });
});

describe('registeredLate', () => {
  it.each<[string, string, boolean]>([
    ['registered at birth', B, false],
    ['registered on day 7, the last day of window 1', day(7), false],
    ['registered on day 8, window 1 closed', day(8), true],
    ['imported at 3 months', day(90), true],
  ])('%s → %s', (_n, registered, want) => {
    expect(registeredLate(B, registered)).toBe(want);
  });
});
