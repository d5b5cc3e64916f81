/**
 * Sending the outbox (docs/decisions/036): one record per request to /api/kader/outbox.
 * stored/duplicate → deleted from the phone; refused (400/403/404/409/422) → kept as
 * "rejected" with the server's message and field errors, until the kader corrects or discards
 * it; signed out (401) → kept, and the kader is asked to sign in; network error, timeout or 5xx
 * → kept waiting, tried again later. Pure over its store and fetch, so it is unit-tested.
 */
import type { OutboxRecord } from './store';

export type SendResult = 'sent' | 'rejected' | 'retry' | 'signedOut';

export type SyncDeps = {
  list: () => Promise<OutboxRecord[]>;
  put: (rec: OutboxRecord) => Promise<void>;
  remove: (id: string) => Promise<void>;
  fetch: typeof fetch;
  timeoutMs?: number;
};

export const OUTBOX_URL = '/api/kader/outbox';

export async function sendRecord(rec: OutboxRecord, deps: SyncDeps): Promise<SendResult> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), deps.timeoutMs ?? 20_000);
  let res: Response;
  try {
    res = await deps.fetch(OUTBOX_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: rec.kind, id: rec.id, payload: rec.payload, recordedAt: rec.recordedAt }),
      signal: ctl.signal,
    });
  } catch {
    return 'retry';
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 401) return 'signedOut';
  if (res.status >= 500 || res.status === 429) return 'retry';
  let body: { status?: string; message?: string; fieldErrors?: Record<string, string>; fieldErrorKeys?: Record<string, string> } = {};
  try {
    body = await res.json();
  } catch {
    // A proxy's page instead of our JSON: try again later.
    return 'retry';
  }
  if (res.ok && (body.status === 'stored' || body.status === 'duplicate')) {
    await deps.remove(rec.id);
    return 'sent';
  }
  if (res.status >= 400 && res.status < 500) {
    await deps.put({ ...rec, status: 'rejected', message: body.message ?? '', fieldErrors: body.fieldErrors, fieldErrorKeys: body.fieldErrorKeys });
    return 'rejected';
  }
  return 'retry';
}

/** Sends every waiting record, oldest first; stops at the first network failure or 401. */
export async function syncOutbox(deps: SyncDeps): Promise<{ sent: number; rejected: number; stopped: 'retry' | 'signedOut' | null }> {
  let sent = 0;
  let rejected = 0;
  for (const rec of await deps.list()) {
    if (rec.status !== 'waiting') continue;
    const r = await sendRecord(rec, deps);
    if (r === 'sent') sent++;
    else if (r === 'rejected') rejected++;
    else return { sent, rejected, stopped: r };
  }
  return { sent, rejected, stopped: null };
}
