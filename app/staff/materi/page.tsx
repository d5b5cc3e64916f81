import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { FilterSelect } from '@/components/ui/filter-select';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { zonedParts } from '@/lib/domain/group-sessions';
import { staffLessons, type StaffLessonRow } from '@/lib/data/lessons';
import { formatDate, type UiLocale } from '@/lib/format';
import { stageWords } from '@/lib/lessons/words';
import { searchParam, type SearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('lessons.staff');
  return { title: t('title') };
}

const KINDS = ['own', 'builtin'] as const;
const STATUSES = ['draft', 'published', 'hidden'] as const;
const REVIEWS = ['yes', 'no'] as const;
const pick = <T extends string>(list: readonly T[], v: string | undefined): T | null => ((list as readonly string[]).includes(v ?? '') ? (v as T) : null);

function statusOf(r: StaffLessonRow): (typeof STATUSES)[number] {
  return r.hidden ? 'hidden' : r.status;
}

/** Staff (issue #28): every lesson of the puskesmas — its own (drafts too) and the built-in ones with their state here. */
export default async function StaffLessonsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const f = { jenis: pick(KINDS, searchParam(sp.jenis)), status: pick(STATUSES, searchParam(sp.status)), tinjau: pick(REVIEWS, searchParam(sp.tinjau)) };
  const rows = (await orDenied(staffLessons(user))).filter(
    (r) =>
      (!f.jenis || (f.jenis === 'builtin') === r.builtin) && (!f.status || statusOf(r) === f.status) && (!f.tinjau || (f.tinjau === 'yes') === (r.reviewed !== null)),
  );
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const statusTone = { draft: 'warn', published: 'ok', hidden: 'neutral' } as const;
  const statusText = { draft: t('lessons.staff.statusDraft'), published: t('lessons.staff.statusPublished'), hidden: t('lessons.staff.statusHidden') };
  return (
    <Shell user={user} current="/staff/materi">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-ink">{t('lessons.staff.title')}</h1>
          <p className="mt-1 max-w-3xl text-muted">{t('lessons.staff.intro')}</p>
        </div>
        <ButtonLink href="/staff/materi/baru">{t('lessons.staff.new')}</ButtonLink>
      </div>
      <form method="get" action="/staff/materi" role="search" className="mt-4 grid gap-3 md:grid-cols-4 md:items-end">
        <FilterSelect
          id="jenis"
          label={t('lessons.staff.kind')}
          value={f.jenis ?? undefined}
          all={t('lessons.filterAll')}
          options={[
            { value: 'own', label: t('lessons.staff.kindOwn') },
            { value: 'builtin', label: t('lessons.staff.kindBuiltin') },
          ]}
        />
        <FilterSelect
          id="status"
          label={t('lessons.staff.status')}
          value={f.status ?? undefined}
          all={t('lessons.filterAll')}
          options={STATUSES.map((s) => ({ value: s, label: statusText[s] }))}
        />
        <FilterSelect
          id="tinjau"
          label={t('lessons.staff.reviewed')}
          value={f.tinjau ?? undefined}
          all={t('lessons.filterAll')}
          options={[
            { value: 'yes', label: t('lessons.staff.reviewedYes') },
            { value: 'no', label: t('lessons.staff.reviewedNo') },
          ]}
        />
        <button type="submit" className={buttonClass('secondary')}>
          {t('lessons.staff.filter')}
        </button>
      </form>
      <Table caption={t('lessons.staff.caption')} className="mt-4">
        <thead>
          <tr>
            <Th>{t('lessons.staff.colTitle')}</Th>
            <Th>{t('lessons.staff.kind')}</Th>
            <Th>{t('lessons.staff.status')}</Th>
            <Th>{t('lessons.staff.reviewed')}</Th>
            <Th>{t('lessons.staff.colAudience')}</Th>
            <Th>{t('lessons.staff.colStage')}</Th>
          </tr>
        </thead>
        <tbody data-testid="lesson-rows">
          {rows.length === 0 ? (
            <tr>
              <Td colSpan={6} className="text-muted">
                {t('lessons.staff.empty')}
              </Td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.slug} data-slug={r.slug}>
              <Td>
                <Link href={`/staff/materi/${r.slug}`} className="font-semibold text-brand underline-offset-4 hover:underline">
                  {r.title}
                </Link>
              </Td>
              <Td>{r.builtin ? t('lessons.staff.kindBuiltin') : t('lessons.staff.kindOwn')}</Td>
              <Td>
                <Badge tone={statusTone[statusOf(r)]}>{statusText[statusOf(r)]}</Badge>
              </Td>
              <Td className="text-sm">
                {r.reviewed
                  ? t('lessons.staff.reviewedOn', { name: r.reviewed.by, date: formatDate(zonedParts(new Date(r.reviewed.at), 'Asia/Jakarta').date, locale) })
                  : r.reviewStale
                    ? t('lessons.staff.reviewStale')
                    : t('lessons.staff.reviewedNo')}
              </Td>
              <Td className="text-sm">{t(`lessons.audience.${r.audience}`)}</Td>
              <Td className="text-sm">{stageWords(r.stage, t)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Shell>
  );
}
