import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '@/components/forms/setup-form';
import { PublicCard } from '@/components/layout/public-card';
import { isInstalled } from '@/lib/data/setup';
import { isoToday } from '@/lib/domain/today';
import { flatTexts } from '@/lib/i18n/texts';

export async function generateMetadata() {
  const t = await getTranslations('setup');
  return { title: t('title') };
}

/**
 * First-run setup (issue #18): public, only while the database holds no puskesmas (every
 * other page leads here meanwhile: app/layout.tsx); afterwards a 404.
 */
export default async function SetupPage() {
  if (await isInstalled()) notFound();
  const t = await getTranslations('setup');
  const texts = await flatTexts(['setup', 'validation']);
  return (
    <PublicCard title={t('title')} intro={t('intro')} back="/pasang">
      <SetupForm texts={texts} year={Number(isoToday().slice(0, 4))} />
    </PublicCard>
  );
}
