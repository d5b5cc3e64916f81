import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ManageAccountForm } from '@/components/accounts/manage-form';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { FilterSelect, filterControl as control } from '@/components/ui/filter-select';
import { Table, Td, Th } from '@/components/ui/table';
import { searchAccountsAction } from '@/lib/actions/accounts';
import { searchOf } from '@/lib/search-terms';
import { orDenied, requireUser } from '@/lib/auth/session';
import { listAccounts } from '@/lib/data/accounts';
import { formatDateTime, type UiLocale } from '@/lib/format';
import { searchParam } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accounts');
  return { title: t('title') };
}

const NOTICES = new Set(['disable', 'enable', 'endSessions']);
const ERRORS = new Set(['notAllowed', 'gone']);

type Search = Record<string, string | string[] | undefined>;

/** Staff: the kader accounts; admin: every account of the puskesmas. Each row's form keeps a refused reason (useActionState). */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const data = await orDenied(listAccounts(user, { role: searchParam(sp.role), q: await searchOf('accounts'), page: searchParam(sp.page) }));
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const f = data.filter;
  const query = new URLSearchParams();
  if (f.role) query.set('role', f.role);
  const pageHref = (p: number) => {
    const q = new URLSearchParams(query);
    if (p > 1) q.set('page', String(p));
    return `/staff/pengguna${q.size ? `?${q}` : ''}`;
  };
  const back = pageHref(f.page);
  const n = searchParam(sp.n);
  const e = searchParam(sp.e);
  return (
    <Shell user={user} current="/staff/pengguna">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-ink">{t('accounts.title')}</h1>
        <Link href="/staff/pengguna/baru" className={buttonClass('primary')}>
          {t('accountsNew.add')}
        </Link>
      </div>
      <p className="mt-1 max-w-3xl text-muted">{user.role === 'admin' ? t('accounts.intro') : t('accounts.introStaff')}</p>
      {n && NOTICES.has(n) ? (
        <p role="status" id="notice" className="mt-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {t(`accounts.notice.${n}`)}
        </p>
      ) : null}
      {e ? (
        <p role="alert" id="form-error" className="mt-3 rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {ERRORS.has(e) ? t(`accounts.errors.${e}`) : t('accounts.errors.generic')}
        </p>
      ) : null}
      <form action={searchAccountsAction} role="search" className="mt-4 grid gap-3 md:grid-cols-4 md:items-end">
        <div className="flex flex-col gap-1 md:col-span-2">
          <label htmlFor="q" className="text-sm font-semibold text-ink">
            {t('accounts.search')}
          </label>
          <input id="q" name="q" defaultValue={f.q ?? ''} maxLength={64} className={control} />
        </div>
        {data.roles.length > 1 ? (
          <FilterSelect
            id="role"
            label={t('accounts.role')}
            value={f.role}
            all={t('accounts.all')}
            options={data.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        ) : null}
        <button type="submit" className={buttonClass('secondary', 'md:col-start-4')}>
          {t('accounts.filter')}
        </button>
      </form>
      <Table caption={t('accounts.caption', { count: data.total })} className="mt-4">
        <thead>
          <tr>
            <Th>{t('accounts.name')}</Th>
            <Th>{t('accounts.phone')}</Th>
            <Th>{t('accounts.state')}</Th>
            <Th>{t('accounts.lastLogin')}</Th>
            <Th>{t('accounts.actions')}</Th>
          </tr>
        </thead>
        <tbody data-testid="account-rows">
          {data.rows.length === 0 ? (
            <tr>
              <Td colSpan={5} className="text-muted">
                {t('accounts.empty')}
              </Td>
            </tr>
          ) : null}
          {data.rows.map((r) => {
            return (
              <tr key={r.id} data-account={r.name}>
                <Td>
                  <Link href={`/staff/pengguna/${r.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
                    {r.name}
                  </Link>
                  {r.self ? <span className="ml-2 text-sm text-muted">({t('accounts.you')})</span> : null}
                  <p className="text-muted">
                    {t(`roles.${r.role}`)}
                    {r.posyandu ? ` · ${r.posyandu}` : ''}
                    {r.morePosyandu > 0 ? ` +${r.morePosyandu}` : ''}
                  </p>
                </Td>
                <Td className="whitespace-nowrap">{r.phone}</Td>
                <Td>
                  <Badge tone={r.active ? 'ok' : 'danger'}>{r.active ? t('accounts.active') : t('accounts.inactive')}</Badge>
                  <p className="mt-1 text-sm text-muted">{t('accounts.sessions', { count: r.openSessions })}</p>
                </Td>
                <Td className="whitespace-nowrap">{r.lastLoginAt ? formatDateTime(r.lastLoginAt, data.timeZone, locale) : t('accounts.never')}</Td>
                <Td>
                  {r.self ? null : (
                    <ManageAccountForm
                      userId={r.id}
                      back={back}
                      active={r.active}
                      openSessions={r.openSessions}
                      texts={{
                        manage: t('accounts.manage'),
                        reason: t('accounts.reason'),
                        reasonHint: t('accounts.reasonHint'),
                        endSessions: t('accounts.endSessions'),
                        disable: t('accounts.disable'),
                        enable: t('accounts.enable'),
                      }}
                    />
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <nav aria-label={t('accounts.pages')} className="mt-4 flex items-center justify-between gap-2">
        {f.page > 1 ? (
          <Link href={pageHref(f.page - 1)} className={buttonClass('secondary')}>
            {t('accounts.prev')}
          </Link>
        ) : (
          <span />
        )}
        {data.hasNext ? (
          <Link href={pageHref(f.page + 1)} className={buttonClass('secondary')}>
            {t('accounts.next')}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </Shell>
  );
}
