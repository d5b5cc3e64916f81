'use client';
/**
 * The kader's offline bar (docs/decisions/036): registers the service worker, says when she is
 * offline and from when the page's data is, how many records wait in the outbox (with "Kirim
 * sekarang"), which were refused and why (correct or discard), and sends them by itself at
 * load, when the network returns and every so often while some wait. Kept small: it is on
 * every kader page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { clearOffline, deleteRecord, listRecords, OUTBOX_EVENT, putRecord, type OutboxRecord } from './store';
import { syncOutbox } from './sync';

export type OfflineTexts = Record<
  'offline' | 'stale' | 'waiting' | 'sendNow' | 'sending' | 'signIn' | 'signInLink' | 'rejected' | 'fix' | 'discard' | 'discardConfirm' | 'logoutWaiting' | 'visit' | 'attendance' | 'listLabel',
  string
>;

const fill = (s: string, n: number) => s.replace('{n}', String(n));
const PRECACHE_EVERY_MS = 10 * 60_000;

export function OfflineBar({ userId, syncedAt, syncedText, texts }: { userId: string; syncedAt: number; syncedText: string; texts: OfflineTexts }) {
  const [records, setRecords] = useState<OutboxRecord[]>([]);
  const [online, setOnline] = useState(true);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const backoff = useRef(15_000);
  const running = useRef(false);

  const refresh = useCallback(() => {
    listRecords().then(setRecords, () => setRecords([]));
  }, []);

  const send = useCallback(async () => {
    if (running.current || !navigator.onLine) return;
    running.current = true;
    setBusy(true);
    try {
      const r = await syncOutbox({ list: listRecords, put: putRecord, remove: deleteRecord, fetch: window.fetch.bind(window) });
      setSignedOut(r.stopped === 'signedOut');
      backoff.current = r.stopped === 'retry' ? Math.min(backoff.current * 2, 300_000) : 15_000;
    } finally {
      running.current = false;
      setBusy(false);
      refresh();
    }
  }, [refresh]);

  useEffect(() => {
    // Another user signed in on this phone: nothing of the previous one stays.
    const prev = localStorage.getItem('kk-user');
    const ready = prev && prev !== userId ? clearOffline() : Promise.resolve();
    localStorage.setItem('kk-user', userId);
    setOnline(navigator.onLine);
    // A page older than two minutes at load came from the phone's copy (weak or no signal).
    setStale(Date.now() - syncedAt > 120_000);

    if ('serviceWorker' in navigator) {
      navigator.serviceWorker
        .register('/sw.js', { scope: '/' })
        .then(() => navigator.serviceWorker.ready)
        .then((reg) => {
          const last = Number(localStorage.getItem('kk-precached') ?? 0);
          if (navigator.onLine && Date.now() - last > PRECACHE_EVERY_MS) {
            localStorage.setItem('kk-precached', String(Date.now()));
            reg.active?.postMessage({ type: 'precache' });
          }
        })
        .catch(() => undefined);
    }

    ready.then(() => {
      refresh();
      void send();
    });
    const up = () => {
      setOnline(true);
      void send();
    };
    const down = () => setOnline(false);
    window.addEventListener(OUTBOX_EVENT, refresh);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);

    // Logout: warn about records not sent, then empty the outbox and the offline pages.
    let leaving = false;
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target as HTMLFormElement;
      if (leaving || !form.hasAttribute('data-logout')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      void listRecords().then(async (all) => {
        if (all.length && !window.confirm(fill(texts.logoutWaiting, all.length))) return;
        await clearOffline().catch(() => undefined);
        leaving = true;
        form.requestSubmit();
      });
    };
    document.addEventListener('submit', onSubmit, true);
    return () => {
      window.removeEventListener(OUTBOX_EVENT, refresh);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      document.removeEventListener('submit', onSubmit, true);
    };
  }, [userId, syncedAt, refresh, send, texts.logoutWaiting]);

  const waiting = records.filter((r) => r.status === 'waiting').length;
  const rejected = records.filter((r) => r.status === 'rejected');

  // While records wait: try again, less often after each failure.
  useEffect(() => {
    if (!waiting || !online) return;
    const t = setTimeout(() => void send(), backoff.current);
    return () => clearTimeout(t);
  }, [waiting, online, busy, send]);

  if (online && !stale && !waiting && !rejected.length && !signedOut) return null;
  return (
    <section aria-label={texts.listLabel} data-testid="offline-bar" className="flex flex-col gap-2 border-b border-line bg-warn-soft px-4 py-2 text-sm text-ink">
      {!online || stale ? (
        <p data-testid="offline-since" role="status">
          {(online ? texts.stale : texts.offline).replace('{time}', syncedText)}
        </p>
      ) : null}
      {waiting ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p data-testid="outbox-waiting" role="status" className="font-semibold">
            {fill(texts.waiting, waiting)}
          </p>
          <button
            type="button"
            onClick={() => void send()}
            disabled={busy || !online}
            className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60"
          >
            {busy ? texts.sending : texts.sendNow}
          </button>
        </div>
      ) : null}
      {signedOut ? (
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
                      if (window.confirm(texts.discardConfirm)) void deleteRecord(r.id);
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
