import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterControl } from '@/components/ui/filter-select';
import { Table, Td, Th } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { AGE_BANDS, motherRegistry, type RegistryFilter } from '@/lib/data/registry';
import { JOURNEY_STATUSES } from '@/lib/domain';
import { formatDateShort, type UiLocale } from '@/lib/format';
import { searchRegistryAction } from '@/lib/actions/registry';
import { searchOf } from '@/lib/search-terms';
import { searchParams as safeSearchParams } from '@/lib/search-params';

function pageHref(f: RegistryFilter, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, page })) if (v !== undefined && v !== '' && k !== 'q') q.set(k, String(v));
  return `/staff/ibu?${q.toString()}`;
}

/**
 * Staff registry of mothers and babies: a plain form (no client script) posted to an action
 * that keeps the search term out of the URL (lib/actions/registry.ts).
 */
export default async function StaffRegistry({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const raw = { ...safeSearchParams(sp), q: await searchOf('registry') };
  const data = await motherRegistry(user, raw);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const f = data.filter;
  return (
    <Shell user={user} current="/staff/ibu">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-ink">{t('registry.title')}</h1>
        <Link href="/staff/ibu/baru" className={buttonClass('primary')}>
          {t('nav.register')}
        </Link>
      </div>
      <form action={searchRegistryAction} className="mt-4 grid gap-3 md:grid-cols-5 md:items-end" role="search">
        <div className="flex flex-col gap-1 md:col-span-2">
          <label htmlFor="q" className="text-sm font-semibold text-ink">
            {t('registry.search')}
          </label>
          <input id="q" name="q" defaultValue={f.q ?? ''} maxLength={64} className={filterControl} />
        </div>
        <FilterSelect
          id="village"
          label={t('registry.village')}
          value={f.village}
          all={t('registry.all')}
          options={data.villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <FilterSelect
          id="posyandu"
          label={t('registry.posyandu')}
          value={f.posyandu}
          all={t('registry.all')}
          options={data.posyandu.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FilterSelect
          id="status"
          label={t('registry.status')}
          value={f.status}
          all={t('registry.all')}
          options={JOURNEY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          id="kader"
          label={t('registryMore.kader')}
          value={f.kader}
          all={t('registry.all')}
          options={data.kaders.map((k) => ({ value: k.id, label: k.name }))}
        />
        <FilterSelect
          id="age"
          label={t('registryMore.age')}
          value={f.age}
          all={t('registry.all')}
          options={AGE_BANDS.map((a) => ({ value: a, label: t(`registryMore.ages.${a}`) }))}
        />
        <button type="submit" className={buttonClass('secondary', 'md:col-start-5')}>
          {t('registry.filter')}
        </button>
      </form>
      <Table caption={t('registry.caption', { count: data.total })} className="mt-4">
        <thead>
          <tr>
            <Th>{t('registry.mother')}</Th>
            <Th>{t('registry.baby')}</Th>
            <Th>{t('registry.phone')}</Th>
            <Th>{t('registry.place')}</Th>
            <Th>{t('registry.status')}</Th>
          </tr>
        </thead>
        <tbody data-testid="registry-rows">
          {data.rows.length === 0 ? (
            // Issue #29: an empty result says so, naming what was searched or that filters apply.
            <tr>
              <Td colSpan={5} className="text-ink">
                <div data-testid="registry-none" role="status">
                  <p className="font-semibold">{f.q ? t('registry.notFoundFor', { q: f.q }) : t('registry.notFound')}</p>
                  <p className="text-sm text-muted">{t('registry.notFoundHint')}</p>
                </div>
              </Td>
            </tr>
          ) : null}
          {data.rows.map((r) => (
            <tr key={r.babyId}>
              <Td>
                <Link href={`/staff/bayi/${r.babyId}`} className="font-semibold text-brand underline-offset-4 hover:underline">
                  {r.motherName}
                </Link>
                {r.nik ? <p className="text-muted">{r.nik}</p> : null}
              </Td>
              <Td>
                {r.babyName ?? t('ibu.unnamed', { sex: t(`sex.${r.sex}`) })}
                <p className="text-muted">
                  {formatDateShort(r.birthDate, locale)} · {t('common.days', { count: r.ageDays })}
                </p>
              </Td>
              <Td>{r.phone ?? '–'}</Td>
              <Td>
                {r.village}
                <p className="text-muted">{r.posyandu}</p>
              </Td>
              <Td>
                <StatusBadge status={r.status} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label={t('registry.pages')} className="mt-4 flex items-center justify-between gap-2">
        {data.page > 1 ? (
          <Link href={pageHref(f, data.page - 1)} className={buttonClass('secondary')}>
            {t('registry.prev')}
          </Link>
        ) : (
          <span />
        )}
        <span className="text-sm text-muted">{t('registry.pageOf', { page: data.page, pages: data.pages })}</span>
        {data.page < data.pages ? (
          <Link href={pageHref(f, data.page + 1)} className={buttonClass('secondary')}>
            {t('registry.next')}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </Shell>
  );
}
