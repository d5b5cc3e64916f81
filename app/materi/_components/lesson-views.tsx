/**
 * The public lesson pages (issue #28): the library (/materi, /materi/pkm/<kode>) and one lesson
 * (/materi/<slug>, /materi/pkm/<kode>/<slug>). Server components only: no client JavaScript of
 * their own (the language switcher and the filters are plain forms, links are plain anchors, not
 * next/link), no personal data, and a
 * lesson prints on one A4 page (the print rules below; the browser's own "Cetak").
 */
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/layout/language-switcher';
import { buttonClass } from '@/components/ui/button';
import { LESSON_AUDIENCES } from '@/lib/domain/lessons';
import { zonedParts } from '@/lib/domain/group-sessions';
import { whatsappShareLink } from '@/lib/domain/whatsapp';
import type { LessonCard, LessonPage } from '@/lib/data/lessons';
import { formatDate, type UiLocale } from '@/lib/format';
import { AGE_GROUPS, type LibraryFilter } from '@/lib/lessons/filter';
import { renderLesson } from '@/lib/lessons/render';
import { stageWords } from '@/lib/lessons/words';

const AGE_GROUP_KEYS: Record<keyof typeof AGE_GROUPS, string> = { hamil: 'hamil', 'baru-lahir': 'newborn', '1-6-bulan': 'months1to6', '6-bulan': 'from6' };

const control = 'min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink';

/** One A4 portrait page; the site's other print rules (the report) are landscape. The screen rules of .lesson-body are in app/globals.css. */
const PRINT_CSS = `@media print {
  @page { size: A4 portrait; margin: 14mm; }
  .lesson-page { max-width: none !important; padding: 0 !important; font-size: 10.5pt; }
  .lesson-page h1 { font-size: 17pt; }
  .lesson-page .lesson-body h2 { font-size: 12pt; margin-top: 6pt; }
  .lesson-page .lesson-body p, .lesson-page .lesson-body li { margin-top: 2pt; }
  .lesson-page section, .lesson-page aside { break-inside: avoid; }
}`;

function Frame({ children, back, wide = false }: { children: React.ReactNode; back: string; wide?: boolean }) {
  return (
    <main id="main" className={`lesson-page mx-auto flex min-h-screen flex-col gap-5 px-4 py-6 ${wide ? 'max-w-4xl' : 'max-w-2xl'}`}>
      {children}
      <div className="no-print flex justify-center pt-4">
        <LanguageSwitcher back={back} />
      </div>
    </main>
  );
}

function Brand({ href, name }: { href: string; name: string }) {
  return (
    <p className="no-print">
      <a href={href} className="text-xl font-bold tracking-tight text-brand underline-offset-4 hover:underline">
        {name}
      </a>
    </p>
  );
}

/** The library: filters (a GET form) and the lessons as cards. */
export async function LibraryView({
  lessons,
  filter,
  action,
  title,
  intro,
}: {
  lessons: LessonCard[];
  filter: LibraryFilter;
  /** The page's own path (the form's target). */
  action: string;
  title: string;
  intro: string;
}) {
  const t = await getTranslations();
  const filtered = filter.usia || filter.untuk || filter.q;
  return (
    <Frame back={action} wide>
      <header>
        <Brand href={action} name={t('app.name')} />
        <h1 className="mt-2 text-3xl font-bold text-ink">{title}</h1>
        <p className="mt-1 text-muted">{intro}</p>
      </header>
      <form method="get" action={action} role="search" className="no-print grid gap-3 rounded-xl border border-line bg-surface p-4 sm:grid-cols-4 sm:items-end">
        <div className="flex flex-col gap-1">
          <label htmlFor="usia" className="text-sm font-semibold text-ink">
            {t('lessons.filterAge')}
          </label>
          <select id="usia" name="usia" defaultValue={filter.usia ?? ''} className={control}>
            <option value="">{t('lessons.filterAll')}</option>
            {Object.keys(AGE_GROUPS).map((g) => (
              <option key={g} value={g}>
                {t(`lessons.ageGroups.${AGE_GROUP_KEYS[g as keyof typeof AGE_GROUPS]}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="untuk" className="text-sm font-semibold text-ink">
            {t('lessons.filterAudience')}
          </label>
          <select id="untuk" name="untuk" defaultValue={filter.untuk ?? ''} className={control}>
            <option value="">{t('lessons.filterAll')}</option>
            {LESSON_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`lessons.audience.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-sm font-semibold text-ink">
            {t('lessons.filterQ')}
          </label>
          <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={100} className={control} />
        </div>
        <button type="submit" className={buttonClass('primary')}>
          {t('lessons.filterSubmit')}
        </button>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-semibold text-muted" role="status">
          {t('lessons.count', { count: lessons.length })}
        </p>
        {filtered ? (
          <a href={action} className="no-print inline-flex min-h-11 items-center text-brand underline underline-offset-4">
            {t('lessons.filterReset')}
          </a>
        ) : null}
      </div>
      {lessons.length === 0 ? <p className="rounded-xl border border-line bg-surface p-4 text-ink">{t('lessons.empty')}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="lesson-list">
        {lessons.map((l) => (
          <li key={l.slug} className="rounded-xl border border-line bg-surface p-4">
            <h2 className="text-lg font-bold leading-snug">
              <a href={l.href} className="text-brand underline-offset-4 hover:underline">
                {l.title}
              </a>
            </h2>
            <p className="mt-1 text-ink">{l.summary}</p>
            <p className="mt-2 text-sm text-muted">
              {t(`lessons.audience.${l.audience}`)} · {stageWords(l.stage, t)}
            </p>
          </li>
        ))}
      </ul>
    </Frame>
  );
}

/** One lesson: everything a family member needs on one page, shareable and printable. */
export async function LessonView({ lesson, origin, libraryPath }: { lesson: LessonPage; origin: string; libraryPath: string }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const html = renderLesson(lesson.body, { lessonBase: lesson.puskesmas ? `/materi/pkm/${encodeURIComponent(lesson.puskesmas.code)}` : null });
  const url = `${origin}${lesson.path}`;
  const share = whatsappShareLink(t('lessons.shareText', { title: lesson.title, url }));
  const pkm = lesson.puskesmas;
  let provenance: string;
  if (lesson.reviewed && pkm) {
    provenance = t('lessons.reviewedBy', {
      name: lesson.reviewed.by,
      puskesmas: pkm.name,
      date: formatDate(zonedParts(new Date(lesson.reviewed.at), 'Asia/Jakarta').date, locale),
    });
  } else if (!lesson.builtin && pkm) provenance = `${t('lessons.ownOf', { puskesmas: pkm.name })} ${t('lessons.notReviewedHere')}`;
  else provenance = `${t('lessons.builtinNote')} ${pkm ? t('lessons.notReviewedHere') : t('lessons.notReviewed')}`;
  return (
    <Frame back={lesson.path}>
      <style>{PRINT_CSS}</style>
      <nav className="no-print flex flex-wrap items-center justify-between gap-2" aria-label={t('lessons.allLessons')}>
        <Brand href={libraryPath} name={t('app.name')} />
        <a href={libraryPath} className="inline-flex min-h-11 items-center text-brand underline underline-offset-4">
          {t('lessons.allLessons')}
        </a>
      </nav>
      <article className="flex flex-col gap-4" data-testid="lesson" data-builtin={lesson.builtin ? '1' : '0'}>
        <header>
          <h1 className="text-3xl font-bold leading-tight text-ink">{lesson.title}</h1>
          <p className="mt-2 text-lg text-ink">{lesson.summary}</p>
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted">
            <div className="flex gap-1">
              <dt className="font-semibold">{t('lessons.forAudience')}:</dt>
              <dd>{t(`lessons.audience.${lesson.audience}`)}</dd>
            </div>
            <div className="flex gap-1">
              <dt className="font-semibold">{t('lessons.forAge')}:</dt>
              <dd>{stageWords(lesson.stage, t)}</dd>
            </div>
          </dl>
          {!lesson.builtin && locale !== 'id' ? (
            <p className="mt-2 text-sm text-muted" lang="en">
              {t('lessons.ownLanguage')}
            </p>
          ) : null}
        </header>
        <div
          className="lesson-body flex flex-col gap-3 text-base leading-relaxed text-ink"
          lang={lesson.builtin ? locale : 'id'}
          dangerouslySetInnerHTML={{ __html: html }}
        />
        <aside className="rounded-xl border-2 border-brand bg-brand-soft p-4" aria-labelledby="key-points">
          <h2 id="key-points" className="text-lg font-bold text-brand">
            {t('lessons.keyPoints')}
          </h2>
          <ol className="mt-2 list-decimal space-y-1 pl-6 text-ink">
            {lesson.keyPoints.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        </aside>
        <p className="rounded-lg bg-warn-soft px-3 py-2 text-sm font-medium text-warn">{t('lessons.danger')}</p>
        <footer className="flex flex-col gap-1 text-sm text-muted">
          <p>
            <span className="font-semibold">{t('lessons.sources')}</span> {lesson.sources.join('; ')}
          </p>
          <p data-testid="provenance">{provenance}</p>
        </footer>
      </article>
      <section className="no-print flex flex-col gap-2 rounded-xl border border-line bg-surface p-4" aria-labelledby="share">
        <h2 id="share" className="sr-only">
          {t('lessons.share')}
        </h2>
        <a href={share} className={buttonClass('primary', 'self-start')} data-testid="share-whatsapp" rel="noopener noreferrer" target="_blank">
          {t('lessons.share')}
        </a>
        <p className="text-sm text-muted">{t('lessons.shareHint')}</p>
        <p className="text-sm text-muted">{t('lessons.print')}</p>
      </section>
      {lesson.related.length > 0 ? (
        <section className="no-print" aria-labelledby="related">
          <h2 id="related" className="text-lg font-bold text-ink">
            {t('lessons.related')}
          </h2>
          <ul className="mt-2 flex flex-col gap-2">
            {lesson.related.map((r) => (
              <li key={r.slug}>
                <a href={r.href} className="inline-flex min-h-11 items-center font-semibold text-brand underline underline-offset-4">
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Frame>
  );
}
