import { emptyVisit, type VisitFormValues } from '@/lib/validation/visit';

/**
 * A visit form as a kader sends it after answering the recall (the form starts unanswered,
 * decision 053): breastfed yesterday, nothing else since the last visit; and, for tests that
 * store several visits of one baby on one day, the "simpan lagi?" confirmation ticked.
 * Tests of those rules themselves start from emptyVisit.
 */
export function answeredVisit(id: string, babyId: string, today: string, over: Partial<VisitFormValues> = {}): VisitFormValues {
  return { ...emptyVisit(id, babyId, today), breastfed: 'yes', givenSinceLast: 'no', sameDayConfirmed: true, ...over };
}
