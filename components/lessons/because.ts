import type { getTranslations } from 'next-intl/server';
import { RECALL_ITEMS } from '@/lib/domain/recall';
import { PROBLEM_CODES } from '@/lib/domain/catalogue';
import type { LessonBecause, LessonFinding } from '@/lib/domain/lessons';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** A visit finding in words: the recall item's or problem's own label, else the lesson cards' words. */
export function findingText(t: T, f: LessonFinding): string {
  if ((RECALL_ITEMS as readonly string[]).includes(f)) return t(`recallItem.${f}`).toLowerCase();
  if ((PROBLEM_CODES as readonly string[]).includes(f)) return t(`problem.${f}`).toLowerCase();
  if (f === 'given_since_last') return t('lessonCards.findingGivenSinceLast');
  if (f === 'danger_sign') return t('lessonCards.findingDangerSign');
  return t('lessonCards.findingReferral');
}

/** Why a lesson was chosen: "untuk umur 5 hari", "karena kunjungan terakhir: susu formula". */
export function becauseText(t: T, b: LessonBecause): string {
  if (b.kind === 'age') return t('lessonCards.becauseAge', { days: b.ageDay });
  if (b.kind === 'finding') return t('lessonCards.becauseFinding', { finding: findingText(t, b.finding) });
  return t('lessonCards.becauseReason', { reason: t(`breakReason.${b.reason}`).toLowerCase() });
}
