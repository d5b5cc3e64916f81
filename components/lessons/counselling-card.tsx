import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { counsellingFor, type LessonMeta, type VisitFindingFacts } from '@/lib/domain/lessons';
import { becauseText } from './because';

type Lesson = LessonMeta & { title: string; summary: string; href: string };

/**
 * "Bahan konseling" on the kader's baby page (issue #28): the 2–3 lessons for this visit, from the
 * baby's age and what its latest visit found, each with why. A server component: no client code.
 * `lessons` are the lessons the kader may see (lib/data/lessons visibleLessons).
 */
export async function CounsellingCard({
  lessons,
  birthDate,
  today,
  latestVisit,
  allHref,
}: {
  lessons: readonly Lesson[];
  birthDate: string;
  today: string;
  latestVisit: VisitFindingFacts | null;
  /** The puskesmas's list of lessons. */
  allHref?: string;
}) {
  const t = await getTranslations();
  const chosen = counsellingFor(lessons, { birthDate, today, latestVisit });
  return (
    <Card title={t('lessonCards.materialsTitle')}>
      <div data-testid="counselling-card">
        <p className="text-sm text-muted">{t('lessonCards.cardIntro')}</p>
        {chosen.length === 0 ? (
          <p className="mt-2 text-sm text-muted">{t('lessonCards.none')}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {chosen.map(({ lesson, because }) => (
              <li key={lesson.slug} data-lesson={lesson.slug} className="rounded-lg border border-line p-2">
                <a href={lesson.href} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
                  {lesson.title}
                </a>
                <p className="text-sm text-muted" data-testid="because">
                  {becauseText(t, because)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {allHref ? (
          <a href={allHref} className="mt-2 inline-flex min-h-11 items-center text-sm font-semibold text-brand underline">
            {t('lessonCards.allLessons')}
          </a>
        ) : null}
      </div>
    </Card>
  );
}

/** The lessons gone through at a past visit: linked while visible, else by title (or slug) only. */
export async function VisitLessonsLine({ lessons }: { lessons: readonly { slug: string; title: string; href: string | null }[] }) {
  if (lessons.length === 0) return null;
  const t = await getTranslations();
  return (
    <p className="text-sm text-ink" data-testid="visit-lessons">
      {t('lessonCards.visitLessons')}:{' '}
      {lessons.map((l, i) => (
        <span key={l.slug}>
          {i > 0 ? ', ' : null}
          {l.href ? (
            <a href={l.href} className="text-brand underline">
              {l.title}
            </a>
          ) : (
            l.title
          )}
        </span>
      ))}
    </p>
  );
}
