import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { RegisterMotherForm } from '@/components/forms/register-mother-form';
import type { CurrentUser } from '@/lib/auth/session';
import { registrationContext } from '@/lib/data/mothers';
import { flatTexts } from '@/lib/i18n/texts';

/** Registering a mother and her baby (or twins): the same page for kader and staff. */
export async function RegisterMotherPage({ user, babyBase }: { user: CurrentUser; babyBase: string }) {
  const ctx = await registrationContext(user);
  const t = await getTranslations();
  const texts = {
    ...(await flatTexts(['register', 'validation', 'places.refuse'])),
    'visit.yes': t('visit.yes'),
    'visit.no': t('visit.no'),
    'visit.fixErrors': t('visit.fixErrors'),
    'sex.L': t('sex.L'),
    'sex.P': t('sex.P'),
  };
  return (
    <>
      <h1 className="text-2xl font-bold text-ink">{t('register.title')}</h1>
      <p className="mb-4 mt-1 text-muted">{t('register.intro')}</p>
      <div className="max-w-xl">
        <RegisterMotherForm formKey={randomUUID()} today={ctx.today} posyandu={ctx.posyandu} babyBase={babyBase} texts={texts} />
      </div>
    </>
  );
}
