import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateAccountForm } from '@/components/accounts/account-forms';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { newAccountContext } from '@/lib/data/accounts';
import { flatTexts } from '@/lib/i18n/texts';
import { ACCOUNT_NAME_MAX, ACCOUNT_PHONE_MAX } from '@/lib/validation/account';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accountsNew');
  return { title: t('title') };
}

/** "Tambah akun": staff add kaders, the admin also admin and staff accounts. */
export default async function NewAccountPage() {
  const user = await requireUser(['staff', 'admin']);
  const ctx = await orDenied(newAccountContext(user));
  const t = await getTranslations();
  const texts = await flatTexts(['accountsNew', 'accountsNew.errors', 'validation']);
  return (
    <Shell user={user} current="/staff/pengguna">
      <p>
        <Link href="/staff/pengguna" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('accountsNew.back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('accountsNew.title')}</h1>
      <p className="mb-4 mt-1 max-w-2xl text-muted">
        {t('accountsNew.intro')} {user.role === 'admin' ? null : t('accountsNew.introStaff')}
      </p>
      <div className="max-w-xl">
        <CreateAccountForm
          roles={ctx.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          villages={ctx.villages}
          texts={texts}
          limits={{ name: ACCOUNT_NAME_MAX, phone: ACCOUNT_PHONE_MAX }}
        />
      </div>
    </Shell>
  );
}
