/**
 * Builders for domain tests (not exported from index.ts).
 */
import type { BabyFacts, VisitFacts } from './journey';
import type { IsoDate, Sex } from './types';

/** An exclusive visit on `visitDate`, with overrides. */
export function visit(visitDate: IsoDate, over: Partial<VisitFacts> = {}): VisitFacts {
  return {
    visitDate,
    breastfed: true,
    recallItems: [],
    givenSinceLast: false,
    givenSinceLastDate: null,
    confirmedExclusive: null,
    breakReason: null,
    ...over,
  };
}

/** A baby born on `birthDate` with the given visits. */
export function baby(birthDate: IsoDate, visits: VisitFacts[] = [], over: Partial<BabyFacts> = {}): BabyFacts {
  return { sex: 'P' as Sex, birthDate, exitDate: null, visits, ...over };
}
