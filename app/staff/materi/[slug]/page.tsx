import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Table, Td, Th } from '@/components/ui/table';
import { hideLessonAction, publishLessonAction, reviewLessonAction, unpublishLessonAction } from '@/lib/actions/lessons';
import { orDenied, requireUser } from '@/lib/auth/session';
import { zonedParts } from '@/lib/domain/group-sessions';
import { lessonHistory, staffLesson } from '@/lib/data/lessons';
import { formatDate, formatDateTime, type UiLocale } from '@/lib/format';
import { renderLesson } from '@/lib/lessons/render';
import { stageWords } from '@/lib/lessons/words';
import { searchParam, type SearchParams } from '@/lib/search-params';

type Params = Promise<{ slug: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('lessons.staff');
  return { title: t('title') };
}

const NOTICES = ['saved', 'published', 'unpublished', 'reviewed', 'hidden', 'shown'] as const;
const ERRORS = ['blocked', 'notBuiltin'] as const;
const ACTIONS = ['create', 'update', 'publish', 'unpublish', 'review', 'hide', 'unhide'];

function Step({
  action,
  slug,
  label,
  hidden,
  variant = 'secondary',
  testId,
}: {
  action: (fd: FormData) => Promise<void>;
  slug: string;
  label: string;
  hidden?: '0' | '1';
  variant?: 'primary' | 'secondary' | 'danger';
  testId: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      {hidden ? <input type="hidden" name="hidden" value={hidden} /> : null}
      <button type="submit" className={buttonClass(variant)} data-testid={testId}>
        {label}
      </button>
    </form>
  );
}

/** Staff (issue #28): one lesson as readers see it, its state here, the steps (publish, review, hide) and its history. */
export default async function StaffLessonPage({ params, searchParams }: { params: Params; searchParams: Promise<SearchParams> }) {
  const user = await requireUser(['staff', 'admin']);
  const { slug } = await params;
  const sp = await searchParams;
  const [lesson, history] = await orDenied(Promise.all([staffLesson(user, slug), lessonHistory(user, slug)]));
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const notice = NOTICES.find((n) => n === searchParam(sp.n));
  const error = ERRORS.find((e) => e === searchParam(sp.e));
  const shown = lesson.status === 'published' && !lesson.hidden;
  // The audit's field keys in the reader's words (a key without a name is shown as it is).
  const fieldName = (f: string) =>
    t.has(`lessons.staff.historyFieldNames.${f}`) ? t(`lessons.staff.historyFieldNames.${f}` as 'lessons.staff.historyFieldNames.slug') : f;
  const dateOf = (iso: string) => formatDate(zonedParts(new Date(iso), 'Asia/Jakarta').date, locale);
  return (
    <Shell user={user} current="/staff/materi">
      <p>
        <Link href="/staff/materi" className="inline-flex min-h-11 items-center text-brand underline underline-offset-4">
          {t('lessons.staff.back')}
        </Link>
      </p>
      {notice ? (
        <p role="status" className="mb-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 font-medium text-ok" data-testid="lesson-notice">
          {t(`lessons.staff.notices.${notice}`)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mb-3 rounded-lg border border-danger bg-danger-soft px-3 py-2 font-medium text-danger" data-testid="lesson-error">
          {t(`lessons.errors.${error}`, { terms: lesson.blockedTerms.join(', ') })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="info">{lesson.builtin ? t('lessons.staff.kindBuiltin') : t('lessons.staff.kindOwn')}</Badge>
        <Badge tone={lesson.hidden ? 'neutral' : lesson.status === 'published' ? 'ok' : 'warn'}>
          {lesson.hidden ? t('lessons.staff.statusHidden') : lesson.status === 'published' ? t('lessons.staff.statusPublished') : t('lessons.staff.statusDraft')}
        </Badge>
        <Badge tone={lesson.reviewed ? 'ok' : 'warn'}>
          {lesson.reviewed
            ? `${t('lessons.staff.reviewedYes')}: ${t('lessons.staff.reviewedOn', { name: lesson.reviewed.by, date: dateOf(lesson.reviewed.at) })}`
            : lesson.reviewStale
              ? t('lessons.staff.reviewStale')
              : t('lessons.staff.reviewedNo')}
        </Badge>
      </div>
      <p className="mt-3 max-w-3xl text-muted">{lesson.builtin ? t('lessons.staff.builtinHelp') : lesson.status === 'draft' ? t('lessons.staff.draftHelp') : null}</p>
      <div className="mt-3 flex flex-wrap gap-2" data-testid="lesson-steps">
        {!lesson.builtin && lesson.status === 'draft' ? (
          <Step action={publishLessonAction} slug={lesson.slug} label={t('lessons.staff.publish')} variant="primary" testId="lesson-publish" />
        ) : null}
        {!lesson.reviewed ? <Step action={reviewLessonAction} slug={lesson.slug} label={t('lessons.staff.review')} testId="lesson-review" /> : null}
        {!lesson.builtin ? (
          <ButtonLink href={`/staff/materi/${lesson.slug}/ubah`} variant="secondary">
            {t('lessons.staff.edit')}
          </ButtonLink>
        ) : null}
        {!lesson.builtin && lesson.status === 'published' ? (
          <Step action={unpublishLessonAction} slug={lesson.slug} label={t('lessons.staff.unpublish')} testId="lesson-unpublish" />
        ) : null}
        {lesson.builtin ? (
          <Step
            action={hideLessonAction}
            slug={lesson.slug}
            hidden={lesson.hidden ? '0' : '1'}
            label={lesson.hidden ? t('lessons.staff.unhide') : t('lessons.staff.hide')}
            variant={lesson.hidden ? 'secondary' : 'danger'}
            testId="lesson-hide"
          />
        ) : null}
      </div>
      <p className="mt-3 text-sm">
        {shown ? (
          <a href={lesson.publicPath} className="text-brand underline underline-offset-4" data-testid="lesson-public-link">
            {t('lessons.staff.publicPage')}: {lesson.publicPath}
          </a>
        ) : (
          <span className="text-muted">{t('lessons.staff.publicNone')}</span>
        )}
      </p>
      <section className="mt-4 max-w-3xl rounded-xl border border-line bg-surface p-5" aria-labelledby="as-readers">
        <h2 id="as-readers" className="text-sm font-bold uppercase tracking-wide text-muted">
          {t('lessons.staff.previewHeading')}
        </h2>
        <h1 className="mt-2 text-2xl font-bold text-ink">{lesson.title}</h1>
        <p className="mt-1 text-ink">{lesson.summary}</p>
        <p className="mt-2 text-sm text-muted">
          {t(`lessons.audience.${lesson.audience}`)} · {stageWords(lesson.stage, t)}
        </p>
        {/* Rendered and sanitised on the server (lib/lessons/render.ts). */}
        <div className="lesson-body mt-3 flex flex-col gap-3 text-ink" dangerouslySetInnerHTML={{ __html: renderLesson(lesson.body) }} />
        <div className="mt-3 rounded-xl border-2 border-brand bg-brand-soft p-3">
          <p className="font-bold text-brand">{t('lessons.keyPoints')}</p>
          <ol className="mt-1 list-decimal pl-6 text-ink">
            {lesson.keyPoints.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        </div>
        <p className="mt-2 text-sm text-muted">
          {t('lessons.sources')} {lesson.sources.join('; ')}
        </p>
      </section>
      {/* The table's caption names it: no heading repeating it above (it read twice). */}
      <Table caption={t('lessons.staff.history')} className="mt-6">
        <thead>
          <tr>
            <Th>{t('lessons.staff.historyAt')}</Th>
            <Th>{t('lessons.staff.historyBy')}</Th>
            <Th>{t('lessons.staff.historyWhat')}</Th>
            <Th>{t('lessons.staff.historyFields')}</Th>
          </tr>
        </thead>
        <tbody data-testid="lesson-history">
          {history.length === 0 ? (
            <tr>
              <Td colSpan={4} className="text-muted">
                {t('lessons.staff.historyEmpty')}
              </Td>
            </tr>
          ) : null}
          {history.map((h, i) => (
            <tr key={i}>
              <Td className="whitespace-nowrap">{formatDateTime(new Date(h.at), 'Asia/Jakarta', locale)}</Td>
              <Td>{h.by}</Td>
              <Td>{ACTIONS.includes(h.action.replace(/^lesson\./, '')) ? t(`lessons.staff.actions.${h.action.replace(/^lesson\./, '')}`) : h.action}</Td>
              <Td className="text-sm">
                {h.fields
                  .map(fieldName)
                  .filter((f, j, all) => all.indexOf(f) === j)
                  .join(', ') || '–'}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Shell>
  );
}
