import type { getTranslations } from 'next-intl/server';
import type { VisitFormLessons } from '@/components/forms/visit-form';
import type { VisitLessonOptions } from '@/lib/data/counselling';
import { becauseText } from './because';

/** The visit form's lesson props from the page's data: plain slugs, titles, addresses and translated reasons. */
export function visitFormLessons(t: Awaited<ReturnType<typeof getTranslations>>, o: VisitLessonOptions): VisitFormLessons {
  return {
    list: o.lessons,
    materials: o.materials.map((m) => ({ slug: m.lesson.slug, because: becauseText(t, m.because) })),
    byTopic: o.byTopic,
  };
}
