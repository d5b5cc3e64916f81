'use client';

import { useTranslations } from 'next-intl';

/** Shown when a page fails: no details of the error reach the screen. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-bold text-ink">{t('genericTitle')}</h1>
      <p className="text-muted">{t('genericBody')}</p>
      <button
        type="button"
        onClick={reset}
        className="mx-auto mt-2 inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white"
      >
        {t('retry')}
      </button>
    </main>
  );
}
