import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { isInstalled } from '@/lib/data/setup';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: { default: `${t('name')} — ${t('tagline')}`, template: `%s · ${t('name')}` },
    description: t('tagline'),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#9f1239',
};

/**
 * First run (issue #18): while the database holds no puskesmas, every page leads to /pasang.
 * proxy.ts passes the page's path in `x-pathname`. When the database cannot say (an outage),
 * nothing is redirected: each page then answers as it does in an outage.
 */
let installedSeen = false;
async function toSetupWhileEmpty(): Promise<void> {
  // A puskesmas is never removed: once seen, pages never wait for the database here again.
  if (installedSeen) return;
  const path = (await headers()).get('x-pathname');
  if (!path || path === '/pasang' || path.startsWith('/pasang/')) return;
  const installed = await isInstalled().catch(() => null);
  if (installed === false) redirect('/pasang');
  if (installed) installedSeen = true;
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await toSetupWhileEmpty();
  const locale = await getLocale();
  const t = await getTranslations('app');
  // No next-intl client provider (its runtime would weigh on every page, issue #11): pages pass
  // their own texts to client components as props, and app/error.tsx reads its texts here.
  const errors = await getTranslations('errors');
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-4 focus:py-2">
          {t('skipToContent')}
        </a>
        <div hidden id="error-texts" data-title={errors('genericTitle')} data-body={errors('genericBody')} data-retry={errors('retry')} />
        {children}
      </body>
    </html>
  );
}
