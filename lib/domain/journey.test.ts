import { describe, expect, it } from 'vitest';
import { firstBreak, followedOn, followedUntil, journeyStatus, visitBreakDate, type BabyFacts, type JourneyStatus, type VisitFacts } from './journey';
import { baby, visit } from './testkit';

describe('visitBreakDate', () => {
  it.each<[string, VisitFacts, string | null]>([
    ['exclusive, nothing since', visit('2024-03-10'), null],
    ['medicine/ORS/vitamins only', visit('2024-03-10', { recallItems: ['medicine', 'ors', 'vitamins'] }), null],
    ['formula yesterday', visit('2024-03-10', { recallItems: ['formula'] }), '2024-03-10'],
    ['not breastfed', visit('2024-03-10', { breastfed: false }), '2024-03-10'],
    ['given since last, with date', visit('2024-03-10', { givenSinceLast: true, givenSinceLastDate: '2024-02-20' }), '2024-02-20'],
    ['given since last, no date', visit('2024-03-10', { givenSinceLast: true }), '2024-03-10'],
    ['both: the earlier date', visit('2024-03-10', { recallItems: ['water'], givenSinceLast: true, givenSinceLastDate: '2024-03-01' }), '2024-03-01'],
    ['first date after the visit is capped', visit('2024-03-10', { givenSinceLast: true, givenSinceLastDate: '2024-03-15' }), '2024-03-10'],
    ['date given but answer no', visit('2024-03-10', { givenSinceLast: false, givenSinceLastDate: '2024-03-01' }), null],
  ])('%s', (_name, v, expected) => {
    expect(visitBreakDate(v)).toBe(expected);
  });
});

describe('firstBreak', () => {
  it('a break reported at a later visit with an earlier first date wins', () => {
    const b = baby('2024-01-05', [
      visit('2024-02-10', { recallItems: ['water'], breakReason: 'baby_ill' }),
      visit('2024-03-10', { givenSinceLast: true, givenSinceLastDate: '2024-02-01', breakReason: 'family_pressure' }),
    ]);
    expect(firstBreak(b)).toEqual({ date: '2024-02-01', reason: 'family_pressure' });
  });

  it('keeps the visit id', () => {
    const b = baby('2024-01-05', [visit('2024-02-10', { id: 'v2', recallItems: ['water'], breakReason: 'other' })]);
    expect(firstBreak(b)).toEqual({ date: '2024-02-10', reason: 'other', visitId: 'v2' });
  });

  it.each([
    // born 31 Aug 2023 → 6-month date 29 Feb 2024
    ['food recalled at a visit the day before the 6-month date counts', '2024-02-28', { date: '2024-02-28', reason: null }],
    ['food recalled at a visit on the 6-month date does not count', '2024-02-29', null],
    ['food after 6 months does not count', '2024-03-15', null],
  ])('%s', (_name, visitDate, expected) => {
    const b = baby('2023-08-31', [visit(visitDate, { recallItems: ['food'] })]);
    expect(firstBreak(b)).toEqual(expected);
  });

  it('a visit after 6 months reporting a first date before 6 months counts', () => {
    const b = baby('2023-08-31', [visit('2024-03-05', { givenSinceLast: true, givenSinceLastDate: '2024-02-20' })]);
    expect(firstBreak(b)?.date).toBe('2024-02-20');
  });

  it('a first date before birth is raised to the birth date', () => {
    const b = baby('2024-01-05', [visit('2024-01-10', { givenSinceLast: true, givenSinceLastDate: '2024-01-01' })]);
    expect(firstBreak(b)?.date).toBe('2024-01-05');
  });

  it('same date from two visits: the one with a reason', () => {
    const b = baby('2024-01-05', [
      visit('2024-02-10', { givenSinceLast: true, givenSinceLastDate: '2024-02-01' }),
      visit('2024-03-10', { givenSinceLast: true, givenSinceLastDate: '2024-02-01', breakReason: 'low_supply' }),
    ]);
    expect(firstBreak(b)).toEqual({ date: '2024-02-01', reason: 'low_supply' });
  });

  it('no visits → no break', () => {
    expect(firstBreak(baby('2024-01-05'))).toBeNull();
  });
});

// Born 31 Aug 2023: 5-month date 31 Jan 2024, 6-month date 29 Feb 2024.
const B = '2023-08-31';
const confirmed = (date: string) => visit(date, { confirmedExclusive: true });

describe('journeyStatus', () => {
  it.each<[string, BabyFacts, string, JourneyStatus]>([
    ['no visits, under 6 months', baby(B), '2024-01-10', 'ongoing'],
    ['no visits, day before 6-month date', baby(B), '2024-02-28', 'ongoing'],
    ['no visits, on 6-month date', baby(B), '2024-02-29', 'unrecorded'],
    ['exclusive visits, never confirmed', baby(B, [visit('2023-10-01'), visit('2024-02-10')]), '2024-03-01', 'unrecorded'],
    ['confirmed on the 5-month date', baby(B, [confirmed('2024-01-31')]), '2024-02-29', 'graduated'],
    ['confirmed the day before the 5-month date does not count', baby(B, [confirmed('2024-01-30')]), '2024-02-29', 'unrecorded'],
    ['confirmed after 6 months counts (as known now)', baby(B, [confirmed('2024-03-10')]), '2024-02-29', 'graduated'],
    ['confirmation answered no', baby(B, [visit('2024-02-10', { confirmedExclusive: false })]), '2024-03-01', 'unrecorded'],
    ['confirmed but under 6 months', baby(B, [confirmed('2024-02-10')]), '2024-02-28', 'ongoing'],
    ['break before D', baby(B, [visit('2023-10-01', { recallItems: ['water'] })]), '2023-10-01', 'broken'],
    ['break after D', baby(B, [visit('2023-10-01', { recallItems: ['water'] })]), '2023-09-30', 'ongoing'],
    ['break wins over confirmation', baby(B, [visit('2023-10-01', { recallItems: ['water'] }), confirmed('2024-02-10')]), '2024-03-01', 'broken'],
    ['break on the day before 6 months', baby(B, [visit('2024-02-28', { recallItems: ['food'] }), confirmed('2024-02-10')]), '2024-03-01', 'broken'],
    ['food on the 6-month date: not a break', baby(B, [confirmed('2024-02-10'), visit('2024-02-29', { recallItems: ['food'] })]), '2024-03-01', 'graduated'],
    ['exit before 6 months, on D', baby(B, [], { exitDate: '2023-12-01', exitReason: 'moved' }), '2023-12-01', 'exited'],
    ['exit before 6 months, before D', baby(B, [confirmed('2024-02-10')], { exitDate: '2023-12-01' }), '2024-03-01', 'exited'],
    ['exit before 6 months, after D', baby(B, [], { exitDate: '2023-12-01' }), '2023-11-30', 'ongoing'],
    ['exit wins over break', baby(B, [visit('2023-10-01', { recallItems: ['water'] })], { exitDate: '2023-12-01' }), '2024-01-01', 'exited'],
    ['exit on the 6-month date changes nothing', baby(B, [confirmed('2024-02-10')], { exitDate: '2024-02-29' }), '2024-03-01', 'graduated'],
    ['exit after the 6-month date changes nothing', baby(B, [confirmed('2024-02-10')], { exitDate: '2024-04-01' }), '2024-05-01', 'graduated'],
    ['exit after 6 months, unconfirmed', baby(B, [], { exitDate: '2024-04-01', exitReason: 'died' }), '2024-05-01', 'unrecorded'],
  ])('%s', (_name, b, on, expected) => {
    expect(journeyStatus(b, on).status).toBe(expected);
  });

  it('carries break and exit details', () => {
    const broken = baby(B, [visit('2023-10-01', { recallItems: ['water'], breakReason: 'back_to_work' })]);
    expect(journeyStatus(broken, '2023-11-01')).toEqual({ status: 'broken', breakDate: '2023-10-01', breakReason: 'back_to_work' });
    const exited = baby(B, [], { exitDate: '2023-12-01', exitReason: 'transferred' });
    expect(journeyStatus(exited, '2023-12-05')).toEqual({ status: 'exited', exitDate: '2023-12-01', exitReason: 'transferred' });
  });

  it('a break reported later changes the status of earlier days', () => {
    const before = baby(B, [visit('2023-10-10')]);
    const after = baby(B, [visit('2023-10-10'), visit('2023-11-10', { givenSinceLast: true, givenSinceLastDate: '2023-10-01' })]);
    expect(journeyStatus(before, '2023-10-05').status).toBe('ongoing');
    expect(journeyStatus(after, '2023-10-05').status).toBe('broken');
    expect(journeyStatus(after, '2023-09-30').status).toBe('ongoing');
  });

  it('formula in week one, then breast milk only: broken for the cohort', () => {
    const b = baby('2024-01-10', [
      visit('2024-01-15', { recallItems: ['formula'], breakReason: 'low_supply' }),
      visit('2024-03-01'),
      visit('2024-06-15', { confirmedExclusive: true }),
    ]);
    expect(journeyStatus(b, '2024-01-14').status).toBe('ongoing');
    expect(journeyStatus(b, '2024-03-01').status).toBe('broken');
    expect(journeyStatus(b, '2024-07-10').status).toBe('broken');
  });

  it('twins are two babies with their own status', () => {
    const twinA = baby('2024-01-10', [visit('2024-02-01')], { sex: 'L' });
    const twinB = baby('2024-01-10', [visit('2024-02-01', { recallItems: ['formula'] })], { sex: 'P' });
    expect(journeyStatus(twinA, '2024-02-15').status).toBe('ongoing');
    expect(journeyStatus(twinB, '2024-02-15').status).toBe('broken');
  });
});

describe('followedUntil / followedOn', () => {
  // Born 31 Aug 2023: 6-month date 29 Feb 2024.
  it.each<[string, string | null, string, boolean, string]>([
    ['the day of birth', null, '2023-08-31', true, '2024-02-29'],
    ['the day before birth', null, '2023-08-30', false, '2024-02-29'],
    ['the day before the 6-month date', null, '2024-02-28', true, '2024-02-29'],
    ['the 6-month date', null, '2024-02-29', false, '2024-02-29'],
    ['the day before the exit', '2023-12-01', '2023-11-30', true, '2023-12-01'],
    ['the exit date', '2023-12-01', '2023-12-01', false, '2023-12-01'],
    ['an exit after the 6-month date changes nothing', '2024-03-10', '2024-02-29', false, '2024-02-29'],
  ])('%s', (_name, exitDate, day, followed, until) => {
    const b = baby('2023-08-31', [], { exitDate });
    expect(followedUntil(b)).toBe(until);
    expect(followedOn(b, day)).toBe(followed);
  });
});
