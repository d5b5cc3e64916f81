/**
 * A lesson's age stage and reader in words (messages/*.json `lessons.*`). Pure: the page passes
 * its translator.
 */
import type { LessonStage } from '@/lib/domain/lessons';

type Tr = (key: string, values?: Record<string, string | number>) => string;

/** An age in days as a reader says it: "3 hari", "6 minggu", "6 bulan". */
export function ageWords(days: number, t: Tr): string {
  if (days >= 60) return t('lessons.age.months', { n: Math.round(days / 30.44) });
  if (days >= 14 && days % 7 === 0) return t('lessons.age.weeks', { n: days / 7 });
  return t('lessons.age.days', { n: days });
}

export function stageWords(stage: LessonStage, t: Tr): string {
  if (stage.kind === 'pregnancy') return t('lessons.stage.pregnancy');
  if (stage.toDay === null) return stage.fromDay === 0 ? t('lessons.stage.all') : t('lessons.stage.from', { from: ageWords(stage.fromDay, t) });
  if (stage.fromDay === 0) return t('lessons.stage.upTo', { to: ageWords(stage.toDay, t) });
  return t('lessons.stage.range', { from: ageWords(stage.fromDay, t), to: ageWords(stage.toDay, t) });
}
