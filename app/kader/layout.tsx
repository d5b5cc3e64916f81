import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { OfflineBar, type OfflineTexts } from '@/components/offline/offline-bar';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, type UiLocale } from '@/lib/format';

/** The kader's pages are the installable app (docs/decisions/036-offline-kader.md). */
export const metadata: Metadata = {
  manifest: '/manifest.webmanifest',
  appleWebApp: { capable: true, title: 'KEKASIHKU', statusBarStyle: 'default' },
  icons: { apple: '/icons/apple-touch-icon.png' },
};

const TEXT_KEYS = [
  'offline',
  'stale',
  'waiting',
  'sendNow',
  'sending',
  'signIn',
  'signInLink',
  'rejected',
  'fix',
  'discard',
  'discardConfirm',
  'logoutWaiting',
  'visit',
  'attendance',
  'listLabel',
] as const;

export default async function KaderLayout({ children }: { children: ReactNode }) {
  const user = await requireUser(['kader']);
  const t = await getTranslations('offline');
  const locale = (await getLocale()) as UiLocale;
  // The time this page was made: shown as "data per …" when it is read from the phone's copy.
  const now = new Date();
  const texts = Object.fromEntries(TEXT_KEYS.map((k) => [k, t.raw(`bar.${k}`) as string])) as OfflineTexts;
  return (
    <>
      <OfflineBar userId={user.id} syncedAt={now.getTime()} syncedText={formatDateTime(now, 'Asia/Jakarta', locale)} texts={texts} />
      {children}
    </>
  );
}
