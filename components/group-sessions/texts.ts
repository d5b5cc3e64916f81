import 'server-only';
import { getTranslations } from 'next-intl/server';
import { SESSION_TOPIC_CODES } from '@/lib/domain';

/** The "sessions" texts flattened without the prefix ("fields.title", "role.family"…), for client forms. */
export async function groupSessionTexts(): Promise<Record<string, string>> {
  const t = await getTranslations();
  const out: Record<string, string> = {};
  const walk = (prefix: string, obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string') out[`${prefix}${k}`] = v;
      else if (v && typeof v === 'object') walk(`${prefix}${k}.`, v as Record<string, unknown>);
    }
  };
  walk('', t.raw('sessions') as Record<string, unknown>);
  out['fields.timeHint'] = t('sessions.fields.timeHint', { zone: t('sessions.zone') });
  out['fields.lessons'] = t('lessonCards.sessionLessons');
  out['fields.lessonsHint'] = t('lessonCards.sessionLessonsHint');
  return out;
}

/** Topic options of the schedule form: the catalogue, then "other". */
export async function topicOptions() {
  const t = await getTranslations();
  return [...SESSION_TOPIC_CODES, 'other' as const].map((code) => ({ code, label: t(`sessionTopic.${code}`) }));
}
