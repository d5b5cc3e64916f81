import { getTranslations } from 'next-intl/server';
import { ActivationForm } from '@/components/forms/activation-form';
import { PublicCard } from '@/components/layout/public-card';
import { flatTexts } from '@/lib/i18n/texts';

export async function generateMetadata() {
  const t = await getTranslations('activation');
  return { title: t('title') };
}

/**
 * Public: whoever got a one-time code — a mother from her kader, a kader or staff member from the
 * puskesmas, a district officer — sets her password with it (issue #29: the page speaks to all).
 */
export default async function ActivationPage() {
  const t = await getTranslations();
  const texts = { ...(await flatTexts(['activation', 'activationLimit', 'validation'])), 'login.phone': t('login.phone'), 'login.phoneHint': t('login.phoneHint') };
  return (
    <PublicCard title={t('activation.title')} intro={t('activation.intro')} back="/aktivasi">
      <ActivationForm texts={texts} />
    </PublicCard>
  );
}
