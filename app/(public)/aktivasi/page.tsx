import { getTranslations } from 'next-intl/server';
import { ActivationForm } from '@/components/forms/activation-form';
import { LanguageSwitcher } from '@/components/layout/language-switcher';
import { flatTexts } from '@/lib/i18n/texts';

export async function generateMetadata() {
  const t = await getTranslations('activation');
  return { title: t('title') };
}

/** Public: a registered mother sets her password with the one-time code from her kader. */
export default async function ActivationPage() {
  const t = await getTranslations();
  const texts = { ...(await flatTexts(['activation', 'validation'])), 'login.phone': t('login.phone'), 'login.phoneHint': t('login.phoneHint') };
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-8">
      <header className="text-center">
        <p className="text-3xl font-bold tracking-tight text-brand">{t('app.name')}</p>
        <p className="mt-1 text-sm text-muted">{t('app.tagline')}</p>
      </header>
      <section className="rounded-xl border border-line bg-surface p-5 shadow-sm">
        <h1 className="text-2xl font-bold text-ink">{t('activation.title')}</h1>
        <p className="mb-4 mt-1 text-sm text-muted">{t('activation.intro')}</p>
        <ActivationForm texts={texts} />
      </section>
      <div className="flex justify-center">
        <LanguageSwitcher back="/aktivasi" />
      </div>
    </main>
  );
}
