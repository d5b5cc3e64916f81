import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/layout/language-switcher';
import { clientIp } from '@/lib/auth';
import { verifyCertificate } from '@/lib/data/certificates';
import { formatDate, type UiLocale } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('certificates.verify');
  return { title: t('title'), robots: { index: false, follow: false } };
}

/** Public: no login. Shows validity, serial, issue date, puskesmas and the mother's initials only. */
export default async function VerifyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const result = await verifyCertificate(code, clientIp(await headers()));
  const t = await getTranslations('certificates.verify');
  const locale = (await getLocale()) as UiLocale;
  const tone =
    result.state === 'valid'
      ? 'border-ok bg-ok-soft text-ok'
      : result.state === 'revoked' || result.state === 'withdrawn'
        ? 'border-danger bg-danger-soft text-danger'
        : 'border-line bg-surface text-ink';
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col gap-6 px-4 py-8">
      <header className="text-center">
        <p className="text-3xl font-bold tracking-tight text-brand">KEKASIHKU</p>
        <h1 className="mt-2 text-2xl font-bold text-ink">{t('title')}</h1>
        <p className="mt-1 text-sm text-muted">{t('intro')}</p>
      </header>
      <section className={`rounded-xl border-2 p-5 ${tone}`} data-testid="verification" data-state={result.state}>
        <h2 className="text-xl font-bold">{t(result.state)}</h2>
        {result.state === 'unknown' ? <p className="mt-2 text-ink">{t('unknownBody')}</p> : null}
        {result.state === 'withdrawn' ? <p className="mt-2 text-ink">{t('withdrawnBody')}</p> : null}
        {result.state === 'throttled' ? <p className="mt-2 text-ink">{t('throttledBody')}</p> : null}
        {result.state === 'valid' || result.state === 'revoked' ? (
          <dl className="mt-4 grid grid-cols-1 gap-3 text-ink sm:grid-cols-[auto_1fr] sm:gap-x-6">
            <dt className="text-sm font-semibold text-muted">{t('serial')}</dt>
            <dd className="font-mono text-lg break-all" data-testid="serial">
              {result.serial}
            </dd>
            <dt className="text-sm font-semibold text-muted">{t('issuedOn')}</dt>
            <dd>{formatDate(result.issuedOn, locale)}</dd>
            {result.revokedOn ? (
              <>
                <dt className="text-sm font-semibold text-muted">{t('revokedOn')}</dt>
                <dd>{formatDate(result.revokedOn, locale)}</dd>
              </>
            ) : null}
            <dt className="text-sm font-semibold text-muted">{t('puskesmas')}</dt>
            <dd>{result.puskesmasName}</dd>
            <dt className="text-sm font-semibold text-muted">{t('mother')}</dt>
            <dd data-testid="initials">{result.motherInitials}</dd>
          </dl>
        ) : null}
      </section>
      <p className="text-center text-sm text-muted">{t('program')}</p>
      <div className="flex justify-center">
        <LanguageSwitcher back={`/verifikasi/${encodeURIComponent(code).slice(0, 80)}`} />
      </div>
    </main>
  );
}
