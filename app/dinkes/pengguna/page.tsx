import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { DistrictAccountForm } from '@/components/district/account-form';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { listDistrictAccounts } from '@/lib/data/district';
import { formatDateTime, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';
import { DISTRICT_NAME_MAX, DISTRICT_PHONE_MAX } from '@/lib/validation/district';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('district.accounts');
  return { title: t('title') };
}

/** The district office's accounts (issue #19): the list, and a form to add one with an activation code. */
export default async function DistrictAccountsPage() {
  const user = await requireUser(['dinkes']);
  const data = await orDenied(listDistrictAccounts(user));
  const t = await getTranslations('district.accounts');
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['district.accounts', 'district.errors', 'accountsNew.errors', 'validation']);
  return (
    <Shell user={user} current="/dinkes/pengguna">
      <p>
        <Link href="/dinkes" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('title')}</h1>
      <p className="mb-4 mt-1 max-w-2xl text-muted">{t('intro', { kabupaten: data.kabupaten.name })}</p>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Table caption={t('listCaption', { count: data.rows.length })} className="self-start">
          <thead>
            <tr>
              <Th>{t('name')}</Th>
              <Th>{t('phone')}</Th>
              <Th>{t('state')}</Th>
              <Th>{t('lastLogin')}</Th>
            </tr>
          </thead>
          <tbody data-testid="district-accounts">
            {data.rows.map((r) => (
              <tr key={r.id}>
                <Td className="min-w-48 font-semibold">
                  {r.name} {r.self ? <Badge tone="info">{t('you')}</Badge> : null}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{r.phone}</Td>
                <Td>
                  {!r.active ? (
                    <Badge tone="neutral">{t('inactive')}</Badge>
                  ) : r.activated ? (
                    <Badge tone="ok">{t('active')}</Badge>
                  ) : (
                    <Badge tone="warn">{t('notActivated')}</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap">{r.lastLoginAt ? formatDateTime(r.lastLoginAt, 'Asia/Jakarta', locale) : t('never')}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Card title={t('addTitle')}>
          <p className="mb-4 text-sm text-muted">{t('addIntro')}</p>
          <DistrictAccountForm texts={texts} limits={{ name: DISTRICT_NAME_MAX, phone: DISTRICT_PHONE_MAX }} />
        </Card>
      </div>
    </Shell>
  );
}
