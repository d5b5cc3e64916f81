'use client';

import { useSyncExternalStore } from 'react';

type Texts = { title: string; body: string; retry: string };

/**
 * The texts come from the root layout (`#error-texts`, messages "errors.*" in the user's
 * language) rather than from a next-intl client provider: that provider and its formatter
 * would be sent to every page for this one screen (issue #11, page weight). On the server the
 * Indonesian texts (the default language) stand in until hydration reads the layout's.
 */
const FALLBACK: Texts = { title: 'Terjadi gangguan', body: 'Maaf, terjadi kesalahan. Silakan coba lagi.', retry: 'Coba lagi' };
let cached: Texts | null = null;
function readTexts(): Texts {
  if (cached) return cached;
  const d = document.getElementById('error-texts')?.dataset;
  cached = d?.title ? { title: d.title, body: d.body ?? FALLBACK.body, retry: d.retry ?? FALLBACK.retry } : FALLBACK;
  return cached;
}
const subscribe = () => () => {};

/** Shown when a page fails: no details of the error reach the screen. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useSyncExternalStore(subscribe, readTexts, () => FALLBACK);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-bold text-ink">{t.title}</h1>
      <p className="text-muted">{t.body}</p>
      <button type="button" onClick={reset} className="mx-auto mt-2 inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white">
        {t.retry}
      </button>
    </main>
  );
}
