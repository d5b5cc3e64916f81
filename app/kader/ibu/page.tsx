import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { KaderBabyList } from '@/components/kader/baby-list';
import { MotherFilter } from '@/components/kader/mother-filter';
import { Shell } from '@/components/layout/shell';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { certificatesByBaby } from '@/lib/data/certificates';
import { kaderMothersPage } from '@/lib/data/overview';
import { searchParam } from '@/lib/search-params';

/** All the kader's mothers and babies, by name, KADER_PAGE_SIZE at a time (the home page lists only those followed). */
export default async function KaderAllMothers({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['kader']);
  const sp = await searchParams;
  const data = await kaderMothersPage(user, searchParam(sp.hal));
  const certs = await certificatesByBaby(
    user,
    data.mothers.map((m) => m.babyId),
  );
  const t = await getTranslations();
  return (
    <Shell user={user} current="/kader">
      <h1 className="text-2xl font-bold text-ink">{t('kader.allTitle')}</h1>
      <p className="mt-1 text-muted">{t('kader.count', { count: data.total })}</p>
      {data.total === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('kader.empty')} />
        </div>
      ) : (
        <>
          <MotherFilter label={t('kader.search')} hint={data.pages > 1 ? t('kader.searchThisPage') : undefined} countText={t('kader.searchFound')} />
          <KaderBabyList items={data.mothers} certs={certs} />
        </>
      )}
      {data.pages > 1 ? (
        <nav aria-label={t('registry.pages')} className="mt-4 flex items-center justify-between gap-2">
          {data.page > 1 ? (
            <Link href={`/kader/ibu?hal=${data.page - 1}`} className={buttonClass('secondary')}>
              {t('registry.prev')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted">{t('registry.pageOf', { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages ? (
            <Link href={`/kader/ibu?hal=${data.page + 1}`} className={buttonClass('secondary')}>
              {t('registry.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Shell>
  );
}
