import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function Forbidden() {
  const t = await getTranslations('errors');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-3 px-4 text-center">
      <p className="text-5xl font-bold text-brand">403</p>
      <h1 className="text-2xl font-bold text-ink">{t('forbiddenTitle')}</h1>
      <p className="text-muted">{t('forbiddenBody')}</p>
      <Link href="/" className="mx-auto mt-2 inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white">
        {t('backHome')}
      </Link>
    </main>
  );
}
