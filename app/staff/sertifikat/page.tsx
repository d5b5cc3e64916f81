import { getLocale, getTranslations } from 'next-intl/server';
import { IssueAllForm, IssueForm, RevokeForm } from '@/components/forms/certificate-forms';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { certificateOverview } from '@/lib/data/certificates';
import { formatDate, formatNumber, type UiLocale } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('certificates');
  return { title: t('title') };
}

export default async function StaffCertificates({ searchParams }: { searchParams: Promise<{ terbit?: string | string[] }> }) {
  const user = await requireUser(['staff', 'admin']);
  const data = await orDenied(certificateOverview(user));
  const { terbit } = await searchParams;
  const justIssued = typeof terbit === 'string' ? data.issued.find((c) => c.id === terbit && !c.revokedOn) : undefined;
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const d = (iso: string) => formatDate(iso, locale);
  const babyLabel = (name: string | null, sex: 'L' | 'P') => name ?? t('ibu.unnamed', { sex: t(`sex.${sex}`) });
  return (
    <Shell user={user} current="/staff/sertifikat">
      <h1 className="text-2xl font-bold text-ink">{t('certificates.title')}</h1>
      <p className="mt-1 max-w-3xl text-muted">{t('certificates.intro')}</p>
      {justIssued ? (
        <p role="status" className="mt-4 rounded-lg border border-ok bg-ok-soft px-4 py-3 font-medium text-ok">
          {t('certificates.issuedOne', { serial: justIssued.serial })}
        </p>
      ) : null}

      <div className="mt-6 flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-xl font-semibold text-ink">{t('certificates.eligibleTitle', { count: formatNumber(data.eligible.length, locale) })}</h2>
        <IssueAllForm
          label={t('certificates.issueAll', { count: formatNumber(data.eligible.length, locale) })}
          pendingLabel={t('certificates.issuing')}
          disabled={data.eligible.length === 0}
        />
      </div>
      {data.eligible.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('certificates.eligibleEmpty')} />
        </div>
      ) : (
        <Table caption={t('certificates.eligibleTitle', { count: formatNumber(data.eligible.length, locale) })} className="mt-3">
          <thead>
            <tr>
              <Th>{t('certificates.mother')}</Th>
              <Th>{t('certificates.baby')}</Th>
              <Th>{t('certificates.posyandu')}</Th>
              <Th>{t('certificates.birthDate')}</Th>
              <Th>{t('certificates.sixMonthDate')}</Th>
              <Th>{t('certificates.evidence')}</Th>
              <Th>{t('certificates.actions')}</Th>
            </tr>
          </thead>
          <tbody data-testid="eligible-babies">
            {data.eligible.map((e) => (
              <tr key={e.babyId} data-baby={e.babyId}>
                <Td className="font-medium">{e.motherName}</Td>
                <Td>{babyLabel(e.babyName, e.sex)}</Td>
                <Td>{e.posyanduName}</Td>
                <Td>{d(e.birthDate)}</Td>
                <Td>{d(e.sixMonthDate)}</Td>
                <Td>{t('certificates.evidenceText', { visits: e.visitCount, date: e.confirmedOn ? d(e.confirmedOn) : '—' })}</Td>
                <Td>
                  <IssueForm
                    babyId={e.babyId}
                    label={t('certificates.issue')}
                    accessibleLabel={t('certificates.issueFor', { name: e.motherName })}
                    pendingLabel={t('certificates.issuing')}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2 className="mt-8 text-xl font-semibold text-ink">{t('certificates.issuedTitle', { count: formatNumber(data.issued.length, locale) })}</h2>
      {data.issued.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('certificates.issuedEmpty')} />
        </div>
      ) : (
        <Table caption={t('certificates.issuedTitle', { count: formatNumber(data.issued.length, locale) })} className="mt-3">
          <thead>
            <tr>
              <Th>{t('certificates.serial')}</Th>
              <Th>{t('certificates.mother')}</Th>
              <Th>{t('certificates.baby')}</Th>
              <Th>{t('certificates.issuedOn')}</Th>
              <Th>{t('certificates.status')}</Th>
              <Th>{t('certificates.actions')}</Th>
            </tr>
          </thead>
          <tbody data-testid="issued-certificates">
            {data.issued.map((c) => (
              <tr key={c.id} data-serial={c.serial}>
                <Td className="whitespace-nowrap font-mono">{c.serial}</Td>
                <Td>{c.motherName}</Td>
                <Td>{babyLabel(c.babyName, c.sex)}</Td>
                <Td>{d(c.issuedOn)}</Td>
                <Td>
                  {c.revokedOn ? (
                    <div className="flex flex-col gap-1">
                      <Badge tone="danger">{t('certificates.revoked')}</Badge>
                      <span className="text-sm text-muted">{t('certificates.revokedOn', { date: d(c.revokedOn), reason: c.revokeReason ?? '' })}</span>
                    </div>
                  ) : (
                    <Badge tone="ok">{t('certificates.valid')}</Badge>
                  )}
                </Td>
                <Td>
                  <div className="flex flex-col items-start gap-2">
                    <a href={`/api/sertifikat/${c.id}/pdf`} className={buttonClass('secondary')} aria-label={t('certificates.downloadFor', { serial: c.serial })}>
                      {t('certificates.download')}
                    </a>
                    <a href={`/verifikasi/${c.verificationCode}`} className={buttonClass('ghost', 'px-0')}>
                      {t('certificates.verifyLink')}
                    </a>
                    {c.revokedOn ? null : (
                      <details className="w-64">
                        <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-danger">{t('certificates.revoke')}</summary>
                        <div className="mt-2">
                          <RevokeForm
                            certificateId={c.id}
                            texts={{
                              reason: t('certificates.revokeReason'),
                              hint: t('certificates.revokeReasonHint'),
                              submit: t('certificates.revoke'),
                              accessibleSubmit: t('certificates.revokeFor', { serial: c.serial }),
                              pending: t('certificates.revoking'),
                            }}
                          />
                        </div>
                      </details>
                    )}
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Shell>
  );
}
