/**
 * What the offline bar runs once the page has loaded (imported then, so that reading pages do
 * not wait for it): the service worker, the outbox store, sending with backoff, and the logout
 * guard. Reports its state to the bar through `onState` (docs/decisions/036-offline-kader.md).
 */
import { clearOffline, deleteRecord, listRecords, OUTBOX_EVENT, putRecord, type OutboxRecord } from './store';
import { syncOutbox } from './sync';

export type OfflineState = { records: OutboxRecord[]; online: boolean; busy: boolean; signedOut: boolean };
export type OfflineApi = { send: () => void; discard: (id: string) => void; stop: () => void };

const PRECACHE_EVERY_MS = 10 * 60_000;

export function startOffline(userId: string, logoutWaiting: string, onState: (s: OfflineState) => void): OfflineApi {
  const state: OfflineState = { records: [], online: navigator.onLine, busy: false, signedOut: false };
  const emit = () => onState({ ...state });
  let backoff = 15_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const refresh = () =>
    listRecords().then(
      (r) => {
        state.records = r;
        emit();
        schedule();
      },
      () => undefined,
    );

  // While records wait: try again, less often after each failure.
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && state.online && state.records.some((r) => r.status === 'waiting')) timer = setTimeout(send, backoff);
  };

  async function send() {
    if (state.busy || stopped || !navigator.onLine) return;
    state.busy = true;
    emit();
    try {
      const r = await syncOutbox({ list: listRecords, put: putRecord, remove: deleteRecord, fetch: window.fetch.bind(window) });
      state.signedOut = r.stopped === 'signedOut';
      backoff = r.stopped === 'retry' ? Math.min(backoff * 2, 300_000) : 15_000;
    } finally {
      state.busy = false;
      await refresh();
    }
  }

  // Another user signed in on this phone: nothing of the previous one stays.
  const prev = localStorage.getItem('kk-user');
  const ready = prev && prev !== userId ? clearOffline() : Promise.resolve();
  localStorage.setItem('kk-user', userId);

  navigator.serviceWorker
    ?.register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      // Online: the worker asks the server whether the sign-in still stands (issue #22).
      if (navigator.onLine) reg.active?.postMessage({ type: 'check' });
      const last = Number(localStorage.getItem('kk-precached') ?? 0);
      if (navigator.onLine && Date.now() - last > PRECACHE_EVERY_MS) {
        localStorage.setItem('kk-precached', String(Date.now()));
        reg.active?.postMessage({ type: 'precache' });
      }
    })
    .catch(() => undefined);

  ready.then(refresh).then(send, () => undefined);

  const up = () => {
    state.online = true;
    emit();
    navigator.serviceWorker?.controller?.postMessage({ type: 'check' });
    void send();
  };
  // The worker found the sign-in ended: its copies are gone and the outbox is locked (names
  // removed); the bar asks her to sign in again to send what waits.
  const onWorkerMessage = (e: MessageEvent) => {
    if ((e.data as { type?: string } | null)?.type !== 'session-ended') return;
    state.signedOut = true;
    void refresh();
  };
  navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
  const down = () => {
    state.online = false;
    emit();
  };

  // Logout: warn about records not sent, then empty the outbox and the offline pages.
  let leaving = false;
  const onSubmit = (e: SubmitEvent) => {
    const form = e.target as HTMLFormElement;
    if (leaving || !form.hasAttribute('data-logout')) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void listRecords().then(async (all) => {
      if (all.length && !window.confirm(logoutWaiting.replace('{n}', String(all.length)))) return;
      await clearOffline().catch(() => undefined);
      leaving = true;
      form.requestSubmit();
    });
  };

  window.addEventListener(OUTBOX_EVENT, refresh);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  document.addEventListener('submit', onSubmit, true);
  return {
    send: () => void send(),
    discard: (id) => void deleteRecord(id),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener(OUTBOX_EVENT, refresh);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
      document.removeEventListener('submit', onSubmit, true);
    },
  };
}
