import { randomUUID } from 'node:crypto';
import { getLocale, getTranslations } from 'next-intl/server';
import { DataCopyView } from '@/components/data-rights/data-copy-view';
import { CorrectionForm } from '@/components/forms/data-rights-forms';
import { Shell } from '@/components/layout/shell';
import { buttonClass } from '@/components/ui/button';
import { orDenied, requireUser } from '@/lib/auth/session';
import { dataCopy } from '@/lib/data/data-rights';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

/** "Data saya" (issue #30): everything held about her and her babies, her copies, her correction requests. */
export default async function DataSayaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['ibu']);
  const sp = await searchParams;
  const copy = await orDenied(dataCopy(user));
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['dataRights', 'dataRights.errors', 'validation']);
  return (
    <Shell user={user} current="/ibu">
      <h1 className="text-2xl font-bold text-ink">{t('dataRights.title')}</h1>
      <p className="mt-1 text-muted">{t('dataRights.intro')}</p>
      <div className="no-print mt-4 flex flex-col gap-2 sm:flex-row">
        <a href="/api/data-saya/json" download className={buttonClass('primary', 'w-full sm:w-auto')} data-testid="download-json">
          {t('dataRights.downloadJson')}
        </a>
        <a href="/api/data-saya/pdf" download className={buttonClass('secondary', 'w-full sm:w-auto')} data-testid="download-pdf">
          {t('dataRights.downloadPdf')}
        </a>
      </div>
      <p className="mt-2 text-sm text-muted">{t('dataRights.nothingElse')}</p>
      <div className="mt-4">
        <DataCopyView copy={copy} t={t as never} locale={locale} showNik />
      </div>

      <section id="permintaan" aria-labelledby="dr-requests" className="mt-4 rounded-xl border border-line bg-surface p-4" data-testid="correction-requests">
        <h2 id="dr-requests" className="text-lg font-bold text-ink">
          {t('dataRights.requests')}
        </h2>
        {sp.n === 'sent' ? (
          <p role="status" className="mt-2 rounded-lg bg-ok-soft p-3 text-sm text-ink">
            {t('dataRights.sent')}
          </p>
        ) : null}
        {copy.correctionRequests.length === 0 ? <p className="mt-2 text-sm text-muted">{t('dataRights.noRequests')}</p> : null}
        <ul className="mt-2 flex flex-col gap-3">
          {copy.correctionRequests.map((r) => (
            <li key={r.id} className="rounded-lg bg-canvas p-3 text-sm" data-testid="correction-request" data-state={r.status}>
              <p className="font-semibold text-ink">
                {r.status === 'open' ? t('dataRights.requestOpen') : t('dataRights.requestClosed')} · {t('dataRights.askedOn', { date: formatDate(r.askedOn, locale) })}
              </p>
              <p className="mt-1 whitespace-pre-line break-words text-ink">{r.body}</p>
              {r.status === 'closed' ? (
                <p className="mt-1 whitespace-pre-line break-words text-muted">
                  {t('dataRights.closedOn', { date: r.closedOn ? formatDate(r.closedOn, locale) : '' })}: {r.closeNote}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="no-print mt-4">
          <h3 className="font-semibold text-ink">{t('dataRights.correctionTitle')}</h3>
          <div className="mt-2">
            <CorrectionForm formKey={randomUUID()} texts={texts} />
          </div>
        </div>
      </section>
    </Shell>
  );
}
