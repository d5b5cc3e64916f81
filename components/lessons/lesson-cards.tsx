import { getTranslations } from 'next-intl/server';
import { mothersLessons, type LessonMeta, type VisitFindingFacts } from '@/lib/domain/lessons';
import { whatsappShareLink } from '@/lib/domain/whatsapp';
import { becauseText } from './because';

type Lesson = LessonMeta & { title: string; summary: string; href: string };

export type MotherLessonBaby = { id: string; name: string; birthDate: string; ageDays: number; latestVisit: VisitFindingFacts | null };

/**
 * /ibu, after her baby (issue #28): the lesson for her baby's age this week, one for what the last
 * visit found, and the family's lessons with a WhatsApp link to send them on. A server component.
 * `origin`: the portal's public address, so a shared link opens on the family's phone.
 */
export async function LessonCards({
  babies,
  lessons,
  today,
  origin,
}: {
  babies: readonly MotherLessonBaby[];
  lessons: readonly Lesson[];
  today: string;
  origin: string;
}) {
  const t = await getTranslations();
  const cards = babies
    .map((b) => ({ baby: b, chosen: mothersLessons(lessons, { birthDate: b.birthDate, today, latestVisit: b.latestVisit }) }))
    .filter((c) => c.chosen.week || c.chosen.forVisit);
  if (cards.length === 0) return null;
  // Twins share their age: the family lessons once.
  const family = cards.flatMap((c) => c.chosen.family).filter((l, i, all) => all.findIndex((x) => x.slug === l.slug) === i);
  return (
    <section aria-labelledby="ibu-lessons-title" className="mt-4 rounded-xl border border-line bg-surface p-4 shadow-sm" data-testid="ibu-lessons">
      <h2 id="ibu-lessons-title" className="text-lg font-semibold text-ink">
        {t('lessonCards.ibuTitle')}
      </h2>
      {cards.map(({ baby, chosen }) => (
        <div key={baby.id} className="mt-3 flex flex-col gap-3">
          {chosen.week ? (
            <LessonLink
              lesson={chosen.week}
              note={t('lessonCards.ibuWeekFor', { baby: baby.name, days: baby.ageDays })}
              read={t('lessonCards.read')}
              testId="week-lesson"
            />
          ) : null}
          {chosen.forVisit ? (
            <LessonLink
              lesson={chosen.forVisit.lesson}
              note={`${t('lessonCards.ibuVisitTitle')} · ${becauseText(t, chosen.forVisit.because)}`}
              read={t('lessonCards.read')}
              testId="visit-lesson"
            />
          ) : null}
        </div>
      ))}
      {family.length ? (
        <div className="mt-4 border-t border-line pt-3" data-testid="family-lessons">
          <h3 className="font-semibold text-ink">{t('lessonCards.familyTitle')}</h3>
          <p className="text-sm text-muted">{t('lessonCards.familyIntro')}</p>
          <ul className="mt-2 flex flex-col gap-2">
            {family.map((l) => (
              <li key={l.slug} className="flex flex-wrap items-center justify-between gap-2">
                <a href={l.href} className="inline-flex min-h-11 items-center text-brand underline-offset-4 hover:underline">
                  {l.title}
                </a>
                <a
                  href={whatsappShareLink(`${l.title}\n${origin}${l.href}`)}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex min-h-11 items-center rounded-lg border border-ok px-3 text-sm font-semibold text-ok"
                  aria-label={`${t('lessonCards.familySend')}: ${l.title}`}
                >
                  {t('lessonCards.familySend')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function LessonLink({ lesson, note, read, testId }: { lesson: Lesson; note: string; read: string; testId: string }) {
  return (
    <article className="rounded-lg bg-brand-soft p-3" data-testid={testId} data-lesson={lesson.slug}>
      <p className="text-sm text-ink">{note}</p>
      <h3 className="mt-1 font-semibold text-ink">{lesson.title}</h3>
      <p className="mt-1 text-sm text-ink">{lesson.summary}</p>
      <a href={lesson.href} className="mt-1 inline-flex min-h-11 items-center font-semibold text-brand underline">
        {read}
        <span className="sr-only">: {lesson.title}</span>
      </a>
    </article>
  );
}
