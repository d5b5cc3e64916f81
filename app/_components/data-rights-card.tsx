import { randomUUID } from 'node:crypto';
import { getLocale, getTranslations } from 'next-intl/server';
import { WithdrawalForm } from '@/components/forms/data-rights-forms';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { CurrentUser } from '@/lib/auth/session';
import { withdrawalContext } from '@/lib/data/data-rights';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

/**
 * Staff baby page (issue #30): the mother's copy as JSON or PDF (audited), and recording her
 * withdrawal. Fetches its own data: a route body in app/_components (decision 056).
 */
export async function DataRightsCard({ user, motherId, babyId, withdrawn }: { user: CurrentUser; motherId: string; babyId: string; withdrawn: boolean }) {
  const ctx = await withdrawalContext(user, motherId);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['dataRights', 'dataRights.channels', 'dataRights.errors', 'validation']);
  return (
    <div className="mt-4">
      <Card title={t('dataRights.cardTitle')}>
        <div className="grid gap-6 md:grid-cols-2" data-testid="data-rights-card">
          <section aria-labelledby="copy-title" className="flex flex-col gap-2">
            <h3 id="copy-title" className="font-semibold text-ink">
              {t('dataRights.title')}
            </h3>
            <p className="text-sm text-muted">{t('dataRights.cardIntro')}</p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <a href={`/api/data-ibu/${ctx.motherId}/json`} download className={buttonClass('secondary')} data-testid="staff-download-json">
                {t('dataRights.downloadJson')}
              </a>
              <a href={`/api/data-ibu/${ctx.motherId}/pdf`} download className={buttonClass('secondary')} data-testid="staff-download-pdf">
                {t('dataRights.downloadPdf')}
              </a>
            </div>
          </section>
          <section aria-labelledby="withdraw-title" className="flex flex-col gap-2">
            <h3 id="withdraw-title" className="font-semibold text-ink">
              {t('dataRights.withdrawTitle')}
            </h3>
            {withdrawn ? (
              <p role="status" className="rounded-lg bg-ok-soft p-3 text-sm text-ink" data-testid="withdrawn-notice">
                {t('dataRights.withdrawn')}
              </p>
            ) : null}
            {ctx.erased ? (
              <p className="text-sm text-muted" data-testid="erased-note">
                {t('dataRights.erasedNote', { kind: t(`dataRights.kinds.${ctx.erased.kind}`), date: formatDate(ctx.erased.on, locale) })}
              </p>
            ) : (
              <>
                <p className="text-sm text-muted">{t('dataRights.withdrawIntro')}</p>
                <WithdrawalForm formKey={randomUUID()} motherId={ctx.motherId} babyId={babyId} today={ctx.today} texts={texts} />
              </>
            )}
          </section>
        </div>
      </Card>
    </div>
  );
}
