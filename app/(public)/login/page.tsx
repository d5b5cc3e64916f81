import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/forms/login-form';
import { PublicCard } from '@/components/layout/public-card';
import { afterSignIn, RETURN_PARAM, safeReturnPath } from '@/lib/auth/return-to';
import { getCurrentUser } from '@/lib/auth/session';
import { searchParam } from '@/lib/search-params';

export async function generateMetadata() {
  const t = await getTranslations('login');
  return { title: t('title') };
}

/** ?n= → the notice shown above the form. */
const NOTICES: Record<string, string> = {
  passwordChanged: 'login.notice.passwordChanged',
  signedOutEverywhere: 'login.notice.signedOutEverywhere',
  setupDone: 'setup.loginNotice',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const n = searchParam(sp.n);
  // ?ke=<path>: the page that was asked for (issue #23 item 4), a same-origin path or nothing.
  const returnTo = safeReturnPath(searchParam(sp[RETURN_PARAM])) ?? undefined;
  const user = await getCurrentUser();
  if (user) redirect(afterSignIn(user.role, returnTo));
  const t = await getTranslations();
  const keys = [
    'login.invalid',
    'login.locked',
    'login.slowed',
    'login.error',
    'validation.required',
    'validation.phoneInvalid',
    'validation.passwordTooLong',
    'validation.invalid',
  ];
  return (
    <PublicCard title={t('login.title')} intro={t('login.intro')} back="/login" footer={<p className="text-center text-sm text-muted">{t('login.privacy')}</p>}>
      {returnTo && !n ? (
        <p role="status" id="return-notice" className="mb-4 rounded-lg border border-line bg-surface px-3 py-2 text-sm font-medium text-ink">
          {t('login.returnNotice')}
        </p>
      ) : null}
      {typeof n === 'string' && Object.hasOwn(NOTICES, n) ? (
        <p role="status" id="notice" className="mb-4 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {t(NOTICES[n]!)}
        </p>
      ) : null}
      <LoginForm
        texts={{
          phone: t('login.phone'),
          phoneHint: t('login.phoneHint'),
          password: t('login.password'),
          submit: t('login.submit'),
          submitting: t('login.submitting'),
          messages: Object.fromEntries(keys.map((k) => [k, t(k)])),
        }}
        returnTo={returnTo}
      />
    </PublicCard>
  );
}
