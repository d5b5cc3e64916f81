import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from './store';
import { syncOutbox, type SyncDeps } from './sync';

/** An in-memory outbox and a scripted server: what the phone keeps after each kind of answer. */
function setup(answers: ((rec: OutboxRecord) => Response | Promise<Response>)[]) {
  const box = new Map<string, OutboxRecord>();
  const sent: string[] = [];
  let i = 0;
  const deps: SyncDeps = {
    list: async () => [...box.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
    put: async (r) => void box.set(r.id, r),
    remove: async (id) => void box.delete(id),
    fetch: (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as OutboxRecord;
      sent.push(body.id);
      const answer = answers[i++] ?? (() => Response.json({ status: 'stored', id: body.id }));
      return answer(box.get(body.id)!);
    }) as typeof fetch,
  };
  const add = (id: string, at: string) => box.set(id, { id, kind: 'visit', payload: { babyId: 'b' }, recordedAt: at, status: 'waiting', label: id });
  return { box, sent, deps, add };
}

describe('syncing the outbox', () => {
  it('stored and duplicate answers empty the outbox, oldest first', async () => {
    const s = setup([(r) => Response.json({ status: 'stored', id: r.id }), (r) => Response.json({ status: 'duplicate', id: r.id })]);
    s.add('b', '2026-12-01T02:00:00Z');
    s.add('a', '2026-12-01T01:00:00Z');
    expect(await syncOutbox(s.deps)).toEqual({ sent: 2, rejected: 0, stopped: null });
    expect(s.sent).toEqual(['a', 'b']);
    expect(s.box.size).toBe(0);
  });

  it('a refused record stays, rejected, with the server message and field errors; the next is still sent', async () => {
    const s = setup([
      () => Response.json({ status: 'refused', message: 'Anda tidak boleh…' }, { status: 404 }),
      () =>
        Response.json(
          { status: 'invalid', message: 'Ada isian…', fieldErrors: { weightGrams: 'Berat…' }, fieldErrorKeys: { weightGrams: 'validation.weightRange' } },
          { status: 422 },
        ),
    ]);
    s.add('a', '1');
    s.add('b', '2');
    s.add('c', '3');
    expect(await syncOutbox(s.deps)).toEqual({ sent: 1, rejected: 2, stopped: null });
    expect(s.box.get('a')).toMatchObject({ status: 'rejected', message: 'Anda tidak boleh…' });
    expect(s.box.get('b')).toMatchObject({ status: 'rejected', fieldErrors: { weightGrams: 'Berat…' }, fieldErrorKeys: { weightGrams: 'validation.weightRange' } });
    expect(s.box.has('c')).toBe(false);
    // A rejected record is not sent again by itself.
    s.sent.length = 0;
    await syncOutbox(s.deps);
    expect(s.sent).toEqual([]);
  });

  it('a network error, a 5xx or a non-JSON answer keeps the record waiting and stops; 401 asks to sign in', async () => {
    for (const answer of [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => new Response('busy', { status: 503 }),
      () => new Response('<html>portal wifi</html>', { status: 200 }),
    ]) {
      const s = setup([answer as () => Response]);
      s.add('a', '1');
      s.add('b', '2');
      expect(await syncOutbox(s.deps)).toEqual({ sent: 0, rejected: 0, stopped: 'retry' });
      expect(s.sent).toEqual(['a']);
      expect([...s.box.values()].map((r) => r.status)).toEqual(['waiting', 'waiting']);
    }
    const s = setup([() => Response.json({ status: 'signedOut' }, { status: 401 })]);
    s.add('a', '1');
    expect(await syncOutbox(s.deps)).toEqual({ sent: 0, rejected: 0, stopped: 'signedOut' });
    expect(s.box.get('a')?.status).toBe('waiting');
  });
});
