import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { EditAccountForm, ReissueCodeForm } from '@/components/accounts/account-forms';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { orDenied, requireUser } from '@/lib/auth/session';
import { getAccount } from '@/lib/data/accounts';
import { formatDateTime, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';
import { ACCOUNT_NAME_MAX, ACCOUNT_PHONE_MAX } from '@/lib/validation/account';

export async function generateMetadata(): Promise<Metadata> {
  // No name in the title: it would end up in the browser's history.
  const t = await getTranslations('accountsNew.account');
  return { title: t('details') };
}

/**
 * One account the actor may manage (staff: a kader; admin: anyone of the puskesmas; any other
 * id is a 404): rename, move a kader to other posyandu, and a new one-time activation code.
 */
export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(['staff', 'admin']);
  const { id } = await params;
  const a = await orDenied(getAccount(user, id));
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['accountsNew', 'accountsNew.errors', 'accountsNew.account', 'validation']);
  const names = new Map(a.villages.flatMap((v) => v.posyandu.map((p) => [p.id, p.name] as const)));
  return (
    <Shell user={user} current="/staff/pengguna">
      <p>
        <Link href="/staff/pengguna" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('accountsNew.back')}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold text-ink">{a.name}</h1>
      <p className="mt-1 text-muted">
        {t(`roles.${a.role}`)}
        {a.posyanduIds.length
          ? ` · ${a.posyanduIds
              .map((p) => names.get(p))
              .filter(Boolean)
              .join(', ')}`
          : ''}
      </p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2 lg:items-start">
        <Card title={t('accountsNew.account.details')}>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold text-ink">{t('accountsNew.account.phone')}</dt>
            <dd className="text-ink">{a.phone}</dd>
            <dt className="font-semibold text-ink">{t('accountsNew.account.state')}</dt>
            <dd>
              <Badge tone={a.active ? 'ok' : 'danger'}>{a.active ? t('accounts.active') : t('accounts.inactive')}</Badge>
            </dd>
            <dt className="font-semibold text-ink">{t('accountsNew.account.activated')}</dt>
            <dd className="text-ink">
              {a.activated ? t('accountsNew.account.activatedYes') : t('accountsNew.account.activatedNo')}
              {a.codeExpiresAt ? (
                <span className="block text-sm text-muted">{t('accountsNew.account.codePending', { date: formatDateTime(a.codeExpiresAt, a.timeZone, locale) })}</span>
              ) : null}
            </dd>
            <dt className="font-semibold text-ink">{t('accountsNew.account.lastLogin')}</dt>
            <dd className="text-ink">{a.lastLoginAt ? formatDateTime(a.lastLoginAt, a.timeZone, locale) : t('accounts.never')}</dd>
          </dl>
          <p className="mt-3 text-sm text-muted">{t('accountsNew.account.manageInList')}</p>
        </Card>
        <Card title={a.role === 'kader' ? t('accountsNew.account.editKader') : t('accountsNew.account.edit')}>
          {a.role === 'ibu' ? (
            <p className="text-muted">{t('accountsNew.account.motherName')}</p>
          ) : (
            <EditAccountForm
              userId={a.id}
              name={a.name}
              kader={a.role === 'kader'}
              villages={a.villages}
              posyanduIds={a.posyanduIds}
              homePosyanduId={a.homePosyanduId}
              texts={texts}
              limits={{ name: ACCOUNT_NAME_MAX, phone: ACCOUNT_PHONE_MAX }}
            />
          )}
        </Card>
        <Card title={t('accountsNew.account.reissue')} className="lg:col-span-2">
          {a.self ? (
            <p className="text-muted">{t('accountsNew.account.reissueSelf')}</p>
          ) : !a.active ? (
            <p className="text-muted">{t('accountsNew.account.reissueInactive')}</p>
          ) : (
            <>
              <p className="mb-3 max-w-2xl text-sm text-muted">{t('accountsNew.account.reissueHint')}</p>
              <div className="max-w-xl">
                <ReissueCodeForm userId={a.id} activated={a.activated} texts={texts} />
              </div>
            </>
          )}
        </Card>
      </div>
    </Shell>
  );
}
