import { describe, expect, it } from 'vitest';
import { exclusiveDays } from './progress';
import type { BabyFacts, VisitFacts } from './journey';
import { baby as makeBaby, visit } from './testkit';

const baby = (visits: VisitFacts[], exitDate: string | null = null): BabyFacts => makeBaby('2026-01-31', visits, { exitDate });

describe('exclusiveDays', () => {
  it.each([
    ['no visits, 10 days old', baby([]), '2026-02-10', 10],
    ['on the birth date', baby([]), '2026-01-31', 0],
    ['stops at the 6-month date (31 Jan → 31 Jul)', baby([]), '2026-09-01', 181],
    ['stops at the first break', baby([visit('2026-02-20', { givenSinceLast: true, givenSinceLastDate: '2026-02-05' })]), '2026-03-01', 5],
    ['stops at an exit', baby([], '2026-02-15'), '2026-03-01', 15],
    ['medicine does not stop it', baby([visit('2026-02-20', { recallItems: ['medicine', 'ors'] })]), '2026-03-01', 29],
  ])('%s', (_name, b, on, expected) => {
    expect(exclusiveDays(b, on)).toBe(expected);
  });
});
