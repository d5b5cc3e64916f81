/**
 * Issue 12: instances that start together migrate the database once (advisory lock in
 * db/client.ts), and the step run under the same lock (the demo seed) runs one at a time.
 * Two connections pools play the two instances.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, rowsOf, type DbHandle } from '@/db/client';
import { BACKENDS, type TestDb } from './support';

const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};
const N = journal.entries.length;

describe.each(BACKENDS)('start-up migrations on $name', (backend) => {
  let first: TestDb | undefined;
  const others: DbHandle[] = [];
  let dropLater: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const h of others) await h.close();
    await first?.dispose();
    await dropLater?.();
  });

  it('a fresh database gets every migration once; a second run applies none', async () => {
    first = await backend.open();
    expect(await migrateDatabase(first)).toBe(N);
    expect(await migrateDatabase(first)).toBe(0);
    const [r] = rowsOf<{ n: number }>(await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(Number(r!.n)).toBe(N);
  });

  // PostgreSQL only (PGlite is one process): registered only there, so nothing shows as skipped.
  if (backend.name === 'postgres')
    it('two instances at once: one applies all, the other waits and applies none; the locked step never overlaps', async () => {
      // A new, empty database and two pools on it, as two instances would have.
      const base = new URL(process.env.DATABASE_URL!);
      const name = `kekasihku_it_${randomBytes(6).toString('hex')}`;
      const admin = postgres(new URL('/postgres', base).toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      dropLater = async () => {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      };
      const url = new URL(`/${name}`, base).toString();
      const db = await openDatabase({ url });
      const second = await openDatabase({ url });
      others.push(db, second);
      let inside = 0;
      let overlapped = false;
      const step = async () => {
        inside += 1;
        if (inside > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 200));
        inside -= 1;
      };
      const applied = await Promise.all([migrateDatabase(db, step), migrateDatabase(second, step)]);
      expect(applied.sort()).toEqual([0, N]);
      expect(overlapped).toBe(false);
      const [r] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(Number(r!.n)).toBe(N);
    });
});
