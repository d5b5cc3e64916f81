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
      {/* Issue #29: someone who cannot see the server log learns where the code is. */}
      <details className="mb-4 rounded-lg border border-line bg-canvas p-3 text-sm text-ink" data-testid="setup-where">
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand">{t('where.title')}</summary>
        <p className="mt-2">{t('where.intro')}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t('where.terminal')}</li>
          <li>
            <code className="break-all">{t('where.docker')}</code>
          </li>
          <li>
            <code className="break-all">{t('where.systemd')}</code>
          </li>
          <li>{t('where.shell')}</li>
        </ul>
        <p className="mt-2 text-muted">{t('where.ask')}</p>
      </details>
      <SetupForm texts={texts} year={Number(isoToday().slice(0, 4))} />
    </PublicCard>
  );
}
