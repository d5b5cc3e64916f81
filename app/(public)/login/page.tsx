import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/forms/login-form';
import { LanguageSwitcher } from '@/components/layout/language-switcher';
import { getCurrentUser, homeOf } from '@/lib/auth/session';

export async function generateMetadata() {
  const t = await getTranslations('login');
  return { title: t('title') };
}

export default async function LoginPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeOf(user.role));
  const t = await getTranslations();
  const keys = ['login.invalid', 'login.locked', 'login.error', 'validation.required', 'validation.phoneInvalid', 'validation.passwordTooLong', 'validation.invalid'];
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-8">
      <header className="text-center">
        <p className="text-3xl font-bold tracking-tight text-brand">{t('app.name')}</p>
        <p className="mt-1 text-sm text-muted">{t('app.tagline')}</p>
      </header>
      <section className="rounded-xl border border-line bg-surface p-5 shadow-sm">
        <h1 className="text-2xl font-bold text-ink">{t('login.title')}</h1>
        <p className="mb-4 mt-1 text-sm text-muted">{t('login.intro')}</p>
        <LoginForm
          texts={{
            phone: t('login.phone'),
            phoneHint: t('login.phoneHint'),
            password: t('login.password'),
            submit: t('login.submit'),
            submitting: t('login.submitting'),
            messages: Object.fromEntries(keys.map((k) => [k, t(k)])),
          }}
        />
      </section>
      <p className="text-center text-sm text-muted">{t('login.privacy')}</p>
      <div className="flex justify-center">
        <LanguageSwitcher back="/login" />
      </div>
    </main>
  );
}
