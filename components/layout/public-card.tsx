import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from './language-switcher';

/** The frame of the public form pages (sign-in, activation): brand, one card, language. */
export async function PublicCard({ title, intro, back, children, footer }: { title: string; intro: string; back: string; children: ReactNode; footer?: ReactNode }) {
  const t = await getTranslations('app');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-8">
      <header className="text-center">
        <p className="text-3xl font-bold tracking-tight text-brand">{t('name')}</p>
        <p className="mt-1 text-sm text-muted">{t('tagline')}</p>
      </header>
      <section className="rounded-xl border border-line bg-surface p-5 shadow-sm">
        <h1 className="text-2xl font-bold text-ink">{title}</h1>
        <p className="mb-4 mt-1 text-sm text-muted">{intro}</p>
        {children}
      </section>
      {footer}
      <div className="flex justify-center">
        <LanguageSwitcher back={back} />
      </div>
    </main>
  );
}
