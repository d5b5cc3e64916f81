import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { logoutAction } from '@/lib/actions/auth';
import type { CurrentUser } from '@/lib/auth/session';
import { LanguageSwitcher } from './language-switcher';
import { NAV, type NavIcon } from './nav';

const ICONS: Record<NavIcon, ReactNode> = {
  award: (
    <>
      <circle cx="12" cy="9" r="6" />
      <path d="M8.5 14 7 22l5-3 5 3-1.5-8" />
    </>
  ),
  calendar: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="1" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </>
  ),
  home: <path d="M3 10.5 12 3l9 7.5V21a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z" />,
  chat: <path d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z" />,
  plus: <path d="M12 5v14M5 12h14" />,
  key: (
    <>
      <circle cx="8" cy="15" r="4" />
      <path d="m10.8 12.2 9.2-9.2M17 6l3 3M14 9l2 2" />
    </>
  ),
  map: (
    <>
      <path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21z" />
      <circle cx="12" cy="9.5" r="2.5" />
    </>
  ),
  gear: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1" />
    </>
  ),
  list: <path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" />,
  chart: <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />,
  people: <path d="M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M17 11a3 3 0 1 0 0-6M22 21v-1a5 5 0 0 0-4-4.9" />,
};

function Icon({ name }: { name: NavIcon }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round">
      {ICONS[name]}
    </svg>
  );
}

function AccountLink({ label }: { label: string }) {
  return (
    <Link href="/akun" className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-semibold text-brand underline-offset-4 hover:underline">
      {label}
    </Link>
  );
}

function LogoutButton({ label }: { label: string }) {
  return (
    <form action={logoutAction} data-logout="">
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-semibold text-brand underline-offset-4 hover:underline">
        {label}
      </button>
    </form>
  );
}

/**
 * Staff and admin: a desktop layout with side navigation (it stacks on a narrow screen).
 * Kader and ibu: a phone layout with a bottom bar of large targets.
 */
export async function Shell({ user, current, children }: { user: CurrentUser; current: string; children: ReactNode }) {
  const t = await getTranslations();
  const items = NAV[user.role];
  const desktop = user.role === 'staff' || user.role === 'admin' || user.role === 'dinkes';
  if (desktop) {
    return (
      <div className="min-h-screen md:flex">
        <aside className="no-print border-b border-line bg-surface md:min-h-screen md:w-64 md:border-b-0 md:border-r">
          <div className="px-5 py-4">
            <p className="text-xl font-bold text-brand">{t('app.name')}</p>
            <p className="text-sm text-muted">{t(`roles.${user.role}`)}</p>
          </div>
          <nav aria-label={t('app.mainNav')} className="px-3 pb-4">
            <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
              {items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current === item.href ? 'page' : undefined}
                    className="flex min-h-11 items-center gap-3 rounded-lg px-3 font-medium text-ink hover:bg-canvas aria-[current=page]:bg-brand-soft aria-[current=page]:text-brand"
                  >
                    <Icon name={item.icon} />
                    {t(`nav.${item.key}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <div className="flex-1">
          <header className="no-print flex flex-wrap items-center justify-end gap-3 border-b border-line bg-surface px-6 py-2">
            <span className="text-sm text-muted">{t('app.signedInAs', { name: user.name })}</span>
            <LanguageSwitcher back={current} />
            <AccountLink label={t('account.link')} />
            <LogoutButton label={t('app.logout')} />
          </header>
          <main id="main" className="mx-auto max-w-6xl px-6 py-6">
            {children}
          </main>
        </div>
      </div>
    );
  }
  return (
    <div className="min-h-screen pb-20">
      <header className="flex items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2">
        <p className="text-lg font-bold text-brand">{t('app.name')}</p>
        <div className="flex items-center">
          <AccountLink label={t('account.link')} />
          <LogoutButton label={t('app.logout')} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-xl px-4 py-4">
        {children}
        <div className="mt-8 flex justify-center">
          <LanguageSwitcher back={current} />
        </div>
      </main>
      <nav aria-label={t('app.mainNav')} className="fixed inset-x-0 bottom-0 border-t border-line bg-surface">
        <ul className="mx-auto flex max-w-xl">
          {items.map((item) => (
            <li key={item.href} className="flex-1">
              <Link
                href={item.href}
                aria-current={current === item.href ? 'page' : undefined}
                className="flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs font-semibold text-muted aria-[current=page]:text-brand"
              >
                <Icon name={item.icon} />
                {t(`nav.${item.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
