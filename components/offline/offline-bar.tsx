'use client';
/**
 * The kader's offline bar (docs/decisions/036): says when she is offline and from when the
 * page's data is, how many records wait in the outbox (with "Kirim sekarang"), which were
 * refused and why (correct or discard). It is on every kader page, so it stays small: the
 * service worker, the outbox and the sending (./runtime) are loaded after the page's load event.
 */
import { useEffect, useRef, useState } from 'react';
import type { OfflineApi, OfflineState } from './runtime';

export type OfflineTexts = Record<
  | 'offline'
  | 'stale'
  | 'waiting'
  | 'sendNow'
  | 'sending'
  | 'signIn'
  | 'signInLink'
  | 'rejected'
  | 'fix'
  | 'discard'
  | 'discardConfirm'
  | 'logoutWaiting'
  | 'visit'
  | 'attendance'
  | 'listLabel',
  string
>;

const fill = (s: string, n: number) => s.replace('{n}', String(n));

export function OfflineBar({ userId, syncedAt, syncedText, texts }: { userId: string; syncedAt: number; syncedText: string; texts: OfflineTexts }) {
  const [s, setS] = useState<OfflineState>({ records: [], online: true, busy: false, signedOut: false });
  const [stale, setStale] = useState(false);
  const api = useRef<OfflineApi | null>(null);

  useEffect(() => {
    // A page older than two minutes at load came from the phone's copy (weak or no signal).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the clock and navigator.onLine are read once after hydration, so the server's HTML and the first render agree
    setStale(Date.now() - syncedAt > 120_000);
    setS((x) => ({ ...x, online: navigator.onLine }));
    let gone = false;
    // Shortly after the load event, off the page's critical path.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      timer = setTimeout(() => {
        import('./runtime').then((m) => {
          if (!gone) api.current = m.startOffline(userId, texts.logoutWaiting, setS);
        });
      }, 1000);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    return () => {
      gone = true;
      clearTimeout(timer);
      window.removeEventListener('load', start);
      api.current?.stop();
    };
  }, [userId, syncedAt, texts.logoutWaiting]);

  const waiting = s.records.filter((r) => r.status === 'waiting').length;
  const rejected = s.records.filter((r) => r.status === 'rejected');
  if (s.online && !stale && !waiting && !rejected.length && !s.signedOut) return null;
  return (
    <section aria-label={texts.listLabel} data-testid="offline-bar" className="flex flex-col gap-2 border-b border-line bg-warn-soft px-4 py-2 text-sm text-ink">
      {!s.online || stale ? (
        <p data-testid="offline-since" role="status">
          {(s.online ? texts.stale : texts.offline).replace('{time}', syncedText)}
        </p>
      ) : null}
      {waiting ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p data-testid="outbox-waiting" role="status" className="font-semibold">
            {fill(texts.waiting, waiting)}
          </p>
          <button
            type="button"
            onClick={() => api.current?.send()}
            disabled={s.busy || !s.online}
            className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60"
          >
            {s.busy ? texts.sending : texts.sendNow}
          </button>
        </div>
      ) : null}
      {s.signedOut ? (
        <p role="alert">
          {texts.signIn}{' '}
          <a href="/login" className="font-semibold text-brand underline">
            {texts.signInLink}
          </a>
        </p>
      ) : null}
      {rejected.length ? (
        <div data-testid="outbox-rejected">
          <p className="font-semibold text-danger">{fill(texts.rejected, rejected.length)}</p>
          <ul className="mt-1 flex flex-col gap-2">
            {rejected.map((r) => (
              <li key={r.id} className="rounded-lg border border-danger bg-surface p-2">
                <p>
                  <strong>{r.kind === 'visit' ? texts.visit : texts.attendance}</strong> · {r.label}
                </p>
                <p className="text-danger">{r.message}</p>
                <div className="mt-1 flex gap-2">
                  {r.href ? (
                    <a href={`${r.href}?outbox=${r.id}`} className="inline-flex min-h-11 items-center rounded-lg border border-line px-3 font-semibold text-brand">
                      {texts.fix}
                    </a>
                  ) : null}
                  <button
                    type="button"
                    className="min-h-11 rounded-lg border border-line px-3 font-semibold text-ink"
                    onClick={() => {
                      if (window.confirm(texts.discardConfirm)) api.current?.discard(r.id);
                    }}
                  >
                    {texts.discard}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
