/**
 * The database is down (docs/decisions/037-database-outage.md): the visit action answers its
 * clear message instead of throwing an opaque 500, other errors still throw, and the pool
 * neither makes requests wait many seconds for its next connect attempt nor comes back late.
 * A closed port stands for the stopped server, so this runs without any PostgreSQL;
 * `npm run bench:faults` stops a real one under load.
 */
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDbHandle, openDatabase, reconnectDelaySeconds, replaceDatabase, setDbForTesting, type DbHandle } from '@/db/client';
import { isDatabaseUnavailable } from '@/lib/data/db-unavailable';

vi.mock('@/lib/auth/session', () => ({ requireUser: vi.fn() }));
const { requireUser } = await import('@/lib/auth/session');
const { recordVisitAction } = await import('@/lib/actions/visits');

const kader = {
  id: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a01',
  role: 'kader' as const,
  name: 'Kader Uji',
  puskesmasId: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a02',
  posyanduId: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a03',
  villageId: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a04',
  motherId: null,
  sessionId: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a05',
  locale: 'id' as const,
};
const visit = {
  id: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a06',
  babyId: '6f1c2a52-93a4-4a53-9a5e-1f7d0b6c0a07',
  visitDate: '2026-11-15',
  breastfed: 'yes',
  givenSinceLast: 'no',
};

/** A port nobody listens on: what an instance sees while its PostgreSQL is stopped. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

let port: number;
let handle: DbHandle;
beforeAll(async () => {
  port = await closedPort();
  // Two connections, so that the twelve queries below go through each several times (postgres.js
  // waits per connection; with ten, each would try only once or twice).
  const pool = process.env.DATABASE_POOL_SIZE;
  process.env.DATABASE_POOL_SIZE = '2';
  handle = await openDatabase({ url: `postgres://kekasihku@127.0.0.1:${port}/kekasihku` });
  if (pool === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = pool;
  setDbForTesting(handle);
});
afterAll(async () => {
  setDbForTesting(undefined);
  await handle.close().catch(() => {});
});

async function failure(): Promise<unknown> {
  try {
    await handle.db.execute(sql`select 1`);
  } catch (err) {
    return err;
  }
  throw new Error('the query did not fail');
}

describe('the visit action while the database is down', () => {
  it('answers the clear message (visit.unavailable) when the write cannot reach the database', async () => {
    vi.mocked(requireUser).mockResolvedValue(kader);
    await expect(recordVisitAction(visit)).resolves.toEqual({ formError: 'visit.unavailable' });
  });

  it('answers it too when checking the session is what fails', async () => {
    vi.mocked(requireUser).mockRejectedValue(await failure());
    await expect(recordVisitAction(visit)).resolves.toEqual({ formError: 'visit.unavailable' });
  });

  it('still throws any other error (no bug is dressed up as an outage)', async () => {
    vi.mocked(requireUser).mockRejectedValue(new Error('a bug'));
    await expect(recordVisitAction(visit)).rejects.toThrow('a bug');
    vi.mocked(requireUser).mockRejectedValue(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await expect(recordVisitAction(visit)).rejects.toThrow('duplicate key');
  });
});

describe('the pool while the database is down and when it is back', () => {
  it('fails every query within 1.5 s, again and again, with an error recognised as an outage', async () => {
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      const err = await failure();
      expect(performance.now() - t, `query ${i + 1}`).toBeLessThan(1500);
      expect(isDatabaseUnavailable(err), `query ${i + 1}: ${String(err)}`).toBe(true);
    }
  });

  it('tries to connect again within about a second of the database listening again', async () => {
    // After the failures above postgres.js's own backoff would wait 10–20 s.
    expect(reconnectDelaySeconds(50)).toBeLessThanOrEqual(1);
    const server = net.createServer();
    const connected = new Promise<number>((resolve) => server.once('connection', (socket) => (resolve(performance.now()), socket.destroy())));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const t = performance.now();
    const query = handle.db.execute(sql`select 1`).catch(() => undefined);
    const at = await Promise.race([connected, new Promise<number>((r) => setTimeout(() => r(Infinity), 5000))]);
    server.close();
    await query;
    expect(at - t).toBeLessThan(1500);
  });
});

describe('replacing the pool (after the driver broke one of its connections)', () => {
  it('ends the old pool once for a burst of reports; the next getDb() opens a new one', async () => {
    const saved = process.env.DATABASE_URL;
    const url = `postgres://kekasihku@127.0.0.1:${port}/kekasihku`;
    process.env.DATABASE_URL = url;
    try {
      const real = await openDatabase({ url });
      const close = vi.fn(() => real.close());
      const old = { ...real, close };
      setDbForTesting(old);
      expect(await getDbHandle()).toBe(old);
      await Promise.all([replaceDatabase(), replaceDatabase(), replaceDatabase()]);
      expect(close).toHaveBeenCalledTimes(1);
      // A new pool is opened (and, the database being down, fails as an outage, to be tried again).
      const err = await getDbHandle().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      setDbForTesting(handle);
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
