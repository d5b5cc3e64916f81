import { getLocale, getTranslations } from 'next-intl/server';
import { UnreadCard } from '@/components/forum/unread-card';
import { NextVisitCard } from '@/components/ibu/next-visit-card';
import { NextSessionCard } from '@/components/ibu/next-session-card';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { certificatesByBaby } from '@/lib/data/certificates';
import { ibuOverview } from '@/lib/data/overview';
import { formatDate, type UiLocale } from '@/lib/format';

export default async function IbuHome() {
  const user = await requireUser(['ibu']);
  const [data, certs] = await Promise.all([ibuOverview(user), certificatesByBaby(user)]);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/ibu">
      <h1 className="text-2xl font-bold text-ink">{t('ibu.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('ibu.intro')}</p>
      <UnreadCard user={user} />
      <NextSessionCard user={user} />
      {data.babies.length === 0 ? (
        <div className="mt-4">
          <EmptyState title={t('ibu.empty')} />
        </div>
      ) : (
        <div className="mt-4 flex flex-col gap-4">
          {data.babies.map((b) => (
            <Card key={b.id} title={b.name ?? t('ibu.unnamed', { sex: t(`sex.${b.sex}`) })} actions={<StatusBadge status={b.status} />}>
              <p className="text-4xl font-bold text-brand" data-testid="exclusive-days">
                {t('ibu.daysExclusive', { days: b.exclusiveDays })}
              </p>
              <dl className="mt-3 grid gap-1 text-sm text-ink">
                <div>
                  <dt className="sr-only">{t('ibu.babyName')}</dt>
                  <dd>{t('ibu.born', { date: formatDate(b.birthDate, locale) })}</dd>
                </div>
                <div>
                  <dd>{t('ibu.ageDays', { days: b.ageDays, months: b.ageMonths })}</dd>
                </div>
                <div>
                  <dd>{t('ibu.sixMonth', { date: formatDate(b.sixMonthDate, locale) })}</dd>
                </div>
                <div>
                  <dd>{b.lastVisit ? t('ibu.lastVisit', { date: formatDate(b.lastVisit, locale) }) : t('ibu.noVisit')}</dd>
                </div>
              </dl>
              {b.status === 'graduated' ? (
                <CertificateNews cert={certs.get(b.id)} locale={locale} t={t} />
              ) : null}
            </Card>
          ))}
        </div>
      )}
      <NextVisitCard user={user} />
    </Shell>
  );
}

/** News on a graduated baby's card: the certificate to download, or that it is being prepared. */
function CertificateNews({
  cert,
  locale,
  t,
}: {
  cert: { id: string; serial: string; issuedOn: string } | undefined;
  locale: UiLocale;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  if (!cert) {
    return (
      <p className="mt-4 rounded-lg bg-brand-soft p-3 text-sm text-ink" data-testid="certificate-pending">
        {t('certificates.ibuPending')}
      </p>
    );
  }
  return (
    <div className="mt-4 rounded-lg border border-ok bg-ok-soft p-3" data-testid="certificate-ready">
      <p className="font-semibold text-ink">{t('certificates.ibuReadyTitle')}</p>
      <p className="mt-1 text-sm text-ink">{t('certificates.ibuReadyBody', { serial: cert.serial, date: formatDate(cert.issuedOn, locale) })}</p>
      <a href={`/api/sertifikat/${cert.id}/pdf`} className={buttonClass('primary', 'mt-3 w-full')} download>
        {t('certificates.download')}
      </a>
    </div>
  );
}
