/**
 * The outbox on the kader's phone (docs/decisions/036-offline-kader.md): records waiting to be
 * sent, in IndexedDB through idb-keyval (a few hundred bytes; plain promises over one object
 * store). It holds only what is waiting or was refused: a record sent is deleted, and the whole
 * outbox is cleared at logout and when another user signs in on the phone.
 */
import { clear, createStore, del, get, set, values, type UseStore } from 'idb-keyval';

export type OutboxKind = 'visit' | 'attendance';

export type OutboxRecord = {
  /** The id made on the phone; the server stores the record under it. */
  id: string;
  kind: OutboxKind;
  /** The form's values, as the server action would get them. */
  payload: Record<string, unknown>;
  /** The phone's time when the kader saved it (ISO). */
  recordedAt: string;
  status: 'waiting' | 'rejected';
  /** What the kader sees in the list: the baby's or mother's name and the date. */
  label: string;
  /** Where the record can be opened again to correct it (a visit form). */
  href?: string;
  /** The server's message and field errors when it refused the record. */
  message?: string;
  fieldErrors?: Record<string, string>;
  fieldErrorKeys?: Record<string, string>;
  /** The sign-in ended while it waited: names and links removed by the service worker (decision 036). */
  locked?: boolean;
};

export const OUTBOX_EVENT = 'kk-outbox';

let store: UseStore | null = null;
function db(): UseStore {
  store ??= createStore('kekasihku-outbox', 'records');
  return store;
}

function changed() {
  window.dispatchEvent(new Event(OUTBOX_EVENT));
}

export async function listRecords(): Promise<OutboxRecord[]> {
  const all = await values<OutboxRecord>(db());
  return all.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

export const getRecord = (id: string) => get<OutboxRecord>(id, db());

export async function putRecord(rec: OutboxRecord): Promise<void> {
  await set(rec.id, rec, db());
  changed();
}

export async function deleteRecord(id: string): Promise<void> {
  await del(id, db());
  changed();
}

/** Logout, or another user on this phone: the outbox and the offline copies of the pages. */
export async function clearOffline(): Promise<void> {
  await clear(db());
  if ('caches' in window) {
    for (const k of await caches.keys()) if (k.startsWith('kk-pages-')) await caches.delete(k);
  }
  changed();
}

/** A random UUID made on the phone (also outside secure contexts). */
export function deviceId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
