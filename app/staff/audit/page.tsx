import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterControl as control } from '@/components/ui/filter-select';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { listAudit } from '@/lib/data/accounts';
import { formatDateTime, type UiLocale } from '@/lib/format';
import { searchParam } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('audit');
  return { title: t('title') };
}

type Search = Record<string, string | string[] | undefined>;
const KEYS = ['user', 'entity', 'record', 'from', 'to'] as const;

/** Admin only (docs/access.md): the audit log with filters by user, record and date, in the URL. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const data = await orDenied(listAudit(user, Object.fromEntries(['page', ...KEYS].map((k) => [k, searchParam(sp[k])]))));
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const f = data.filter;
  const pageHref = (p: number) => {
    const q = new URLSearchParams();
    for (const k of KEYS) if (f[k]) q.set(k, String(f[k]));
    if (p > 1) q.set('page', String(p));
    return `/staff/audit${q.size ? `?${q}` : ''}`;
  };
  return (
    <Shell user={user} current="/staff/audit">
      <h1 className="text-2xl font-bold text-ink">{t('audit.title')}</h1>
      <p className="mt-1 max-w-3xl text-muted">{t('audit.intro')}</p>
      <form method="get" action="/staff/audit" role="search" className="mt-4 grid gap-3 md:grid-cols-6 md:items-end">
        <FilterSelect
          id="user"
          className="md:col-span-2"
          label={t('audit.user')}
          value={f.user}
          all={t('audit.all')}
          options={data.people.map((p) => ({ value: p.id, label: `${p.name} (${t(`roles.${p.role}`)})` }))}
        />
        <FilterSelect id="entity" label={t('audit.entity')} value={f.entity} all={t('audit.all')} options={data.entities.map((e) => ({ value: e, label: e }))} />
        <div className="flex flex-col gap-1">
          <label htmlFor="record" className="text-sm font-semibold text-ink">
            {t('audit.record')}
          </label>
          <input id="record" name="record" defaultValue={f.record ?? ''} maxLength={64} className={control} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="from" className="text-sm font-semibold text-ink">
            {t('audit.from')}
          </label>
          <input id="from" name="from" type="date" defaultValue={f.from ?? ''} className={control} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="to" className="text-sm font-semibold text-ink">
            {t('audit.to')}
          </label>
          <input id="to" name="to" type="date" defaultValue={f.to ?? ''} className={control} />
        </div>
        <button type="submit" className={buttonClass('secondary', 'md:col-start-6')}>
          {t('audit.filter')}
        </button>
      </form>
      <Table caption={t('audit.caption')} className="mt-4">
        <thead>
          <tr>
            <Th>{t('audit.at')}</Th>
            <Th>{t('audit.who')}</Th>
            <Th>{t('audit.action')}</Th>
            <Th>{t('audit.what')}</Th>
            <Th>{t('audit.changed')}</Th>
            <Th>{t('audit.reason')}</Th>
          </tr>
        </thead>
        <tbody data-testid="audit-rows">
          {data.rows.length === 0 ? (
            <tr>
              <Td colSpan={6} className="text-muted">
                {t('audit.empty')}
              </Td>
            </tr>
          ) : null}
          {data.rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap">{formatDateTime(r.at, data.timeZone, locale)}</Td>
              <Td>
                {r.userName ?? t('audit.system')}
                {r.userRole ? <p className="text-sm text-muted">{t(`roles.${r.userRole}`)}</p> : null}
              </Td>
              <Td>
                <code className="text-sm">{r.action}</code>
              </Td>
              <Td>
                {r.entity}
                {r.entityId ? (
                  <p>
                    <Link
                      href={`/staff/audit?entity=${encodeURIComponent(r.entity)}&record=${encodeURIComponent(r.entityId)}`}
                      className="break-all text-sm text-brand underline-offset-4 hover:underline"
                    >
                      {r.entityId}
                    </Link>
                  </p>
                ) : null}
              </Td>
              <Td className="text-sm">{r.changed.join(', ') || '–'}</Td>
              <Td className="max-w-72 text-sm">{r.reason ?? '–'}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label={t('audit.pages')} className="mt-4 flex items-center justify-between gap-2">
        {f.page > 1 ? (
          <Link href={pageHref(f.page - 1)} className={buttonClass('secondary')}>
            {t('audit.prev')}
          </Link>
        ) : (
          <span />
        )}
        {data.hasNext ? (
          <Link href={pageHref(f.page + 1)} className={buttonClass('secondary')}>
            {t('audit.next')}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </Shell>
  );
}
