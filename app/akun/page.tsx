import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/forms/change-password-form';
import { Shell } from '@/components/layout/shell';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { endOwnSessionsAction } from '@/lib/actions/accounts';
import { requireUser, IDLE_TIMEOUT_MINUTES } from '@/lib/auth/session';
import { flatTexts } from '@/lib/i18n/texts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('title') };
}

/** Every role: change one's password, sign out of every device. */
export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations();
  const texts = await flatTexts(['account', 'validation']);
  return (
    <Shell user={user} current="/akun">
      <h1 className="text-2xl font-bold text-ink">{t('account.title')}</h1>
      <p className="mt-1 text-muted">{t('account.who', { name: user.name, role: t(`roles.${user.role}`) })}</p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t('account.passwordTitle')}>
          <p className="mb-4 text-sm text-muted">{t('account.passwordIntro')}</p>
          <ChangePasswordForm texts={texts} />
        </Card>
        <Card title={t('account.sessionsTitle')}>
          <p className="text-sm text-muted">{t('account.sessionsIntro')}</p>
          <p className="mt-2 text-sm text-muted">{t('account.idle', { minutes: IDLE_TIMEOUT_MINUTES })}</p>
          <form action={endOwnSessionsAction} className="mt-4">
            <button type="submit" className={buttonClass('secondary')}>
              {t('account.endAll')}
            </button>
          </form>
        </Card>
      </div>
    </Shell>
  );
}
