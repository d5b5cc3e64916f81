import 'server-only';
import { getMessages, getTranslations } from 'next-intl/server';
import type { LessonFormLimits, LessonFormOptions } from '@/components/lessons/lesson-form';
import { COUNSELLING_CODES } from '@/lib/domain/catalogue';
import { LESSON_AUDIENCES, LESSON_FINDINGS } from '@/lib/domain/lessons';
import { BREAK_REASONS, BREAKING_ITEMS } from '@/lib/domain/recall';
import { LESSON_LIMITS } from '@/lib/validation/lesson';

function flatten(obj: unknown, prefix: string, out: Record<string, string>): Record<string, string> {
  if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, `${prefix}.${k}`, out);
  else if (typeof obj === 'string') out[prefix] = obj;
  return out;
}

/** What the lesson form needs from the server: its texts, the code lists with their labels, the limits. */
export async function lessonFormProps(): Promise<{ texts: Record<string, string>; options: LessonFormOptions; limits: LessonFormLimits }> {
  const messages = (await getMessages()) as Record<string, Record<string, unknown>>;
  const texts: Record<string, string> = {};
  flatten(messages.lessons?.staff, 'lessons.staff', texts);
  flatten(messages.lessons?.errors, 'lessons.errors', texts);
  flatten(messages.validation, 'validation', texts);
  const t = await getTranslations();
  texts['lessons.keyPoints'] = t('lessons.keyPoints');
  texts['lessons.sources'] = t('lessons.sources');
  const finding = (f: string) =>
    (BREAKING_ITEMS as readonly string[]).includes(f)
      ? t(`recallItem.${f}`)
      : ['given_since_last', 'danger_sign', 'referral'].includes(f)
        ? t(`lessons.findings.${f}`)
        : t(`problem.${f}`);
  return {
    texts,
    options: {
      audiences: LESSON_AUDIENCES.map((a) => ({ value: a, label: t(`lessons.audience.${a}`) })),
      counselling: COUNSELLING_CODES.map((c) => ({ value: c, label: t(`counsel.${c}`) })),
      breakReasons: BREAK_REASONS.map((r) => ({ value: r, label: t(`breakReason.${r}`) })),
      findings: LESSON_FINDINGS.map((f) => ({ value: f, label: finding(f) })),
    },
    limits: {
      slugMax: LESSON_LIMITS.slugMax,
      titleMax: LESSON_LIMITS.titleMax,
      summaryMax: LESSON_LIMITS.summaryMax,
      bodyMax: LESSON_LIMITS.bodyMax,
      keyPointMax: LESSON_LIMITS.keyPointMax,
      sourcesMax: LESSON_LIMITS.sourcesMax,
    },
  };
}
