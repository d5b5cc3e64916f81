/**
 * `npm run db:backup` / `db:restore`: back up a seeded database, wipe it, restore it, and find
 * every row of every table again (same count and same content hash), on the embedded database
 * and on PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type DbHandle } from '@/db/client';
import { backupDatabase, restoreDatabase } from '@/db/backup';
import { fingerprint, SEED_TODAY } from './support';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kekasihku-backup-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function seeded(h: DbHandle) {
  await migrateDatabase(h);
  const { seedDemo } = await import('@/db/seed');
  await seedDemo(h.db, { today: SEED_TODAY });
}

function nonEmptyTables(fp: Record<string, string>) {
  return Object.values(fp).filter((v) => !v.startsWith('0:')).length;
}

describe('backup and restore: embedded database', () => {
  it('backs up, wipes, restores and finds every row again (also through the npm scripts)', async () => {
    const dataDir = path.join(work, 'pglite', 'data');
    let h = await openDatabase({ dataDir });
    await seeded(h);
    const before = await fingerprint(h);
    await h.close();
    expect(nonEmptyTables(before)).toBeGreaterThan(15);

    const file = path.join(work, 'embedded.tar.gz');
    const { bytes } = await backupDatabase({ dataDir }, file);
    expect(bytes).toBeGreaterThan(10_000);
    expect(fs.statSync(file).mode & 0o077).toBe(0); // owner only

    fs.rmSync(dataDir, { recursive: true, force: true });
    h = await openDatabase({ dataDir });
    await migrateDatabase(h);
    const wiped = await fingerprint(h);
    await h.close();
    expect(wiped['public.mothers']).toMatch(/^0:/);

    await restoreDatabase({ dataDir }, file);
    h = await openDatabase({ dataDir });
    expect(await fingerprint(h)).toEqual(before);
    await h.close();

    // The npm scripts: restore refuses without --yes, then restores.
    const env = { ...process.env, PGLITE_DIR: dataDir } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const cli = (args: string[]) => spawnSync('npx', ['tsx', 'db/backup-cli.ts', ...args], { env, encoding: 'utf8' });
    const file2 = path.join(work, 'embedded-cli.tar.gz');
    expect(cli(['backup', file2]).status).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const refused = cli(['restore', file2]);
    expect(refused.status).toBe(2);
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(cli(['restore', file2, '--yes']).status).toBe(0);
    h = await openDatabase({ dataDir });
    expect(await fingerprint(h)).toEqual(before);
    await h.close();
  }, 300_000);
});

// PostgreSQL only when DATABASE_URL is set (registered only then, so nothing shows as skipped).
if (process.env.DATABASE_URL)
  describe('backup and restore: PostgreSQL', () => {
    it('backs up, wipes, restores and finds every row again', async () => {
      const base = process.env.DATABASE_URL!;
      const name = `kekasihku_it_${randomBytes(6).toString('hex')}`;
      const urlOf = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
      const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const url = urlOf(name);
      try {
        let h = await openDatabase({ url });
        await seeded(h);
        const before = await fingerprint(h);
        expect(nonEmptyTables(before)).toBeGreaterThan(15);
        const file = path.join(work, 'pg.dump');
        await backupDatabase({ url }, file);
        expect(fs.statSync(file).mode & 0o077).toBe(0);

        await h.db.execute(sql`drop schema public cascade`);
        await h.db.execute(sql`drop schema drizzle cascade`);
        await h.db.execute(sql`create schema public`);
        await h.close();

        await restoreDatabase({ url }, file);
        h = await openDatabase({ url });
        expect(await fingerprint(h)).toEqual(before);
        await h.close();
      } finally {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    }, 300_000);
  });
