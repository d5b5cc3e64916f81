/**
 * Real databases for integration tests — never a mock. Always an in-memory PGlite (the
 * embedded path); also a fresh PostgreSQL database when DATABASE_URL is set (CI sets it),
 * dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, rowsOf, setDbForTesting, type DbHandle } from '@/db/client';
import { mothers, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { normalizePhone } from '@/lib/domain';

export type Backend = { name: 'pglite' | 'postgres'; open: () => Promise<TestDb> };
/** `url`: the PostgreSQL database's address, for a test that opens a second pool on it. */
export type TestDb = DbHandle & { dispose: () => Promise<void>; url?: string };

function adminUrl(url: string, dbName: string) {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function openPostgres(): Promise<TestDb> {
  const base = process.env.DATABASE_URL!;
  const name = `kekasihku_it_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(base, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = adminUrl(base, name);
  const handle = await openDatabase({ url });
  return {
    ...handle,
    url,
    dispose: async () => {
      await handle.close();
      const a = postgres(adminUrl(base, 'postgres'), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

async function openPglite(): Promise<TestDb> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  return { ...handle, dispose: () => handle.close() };
}

export const BACKENDS: Backend[] = [{ name: 'pglite', open: openPglite }, ...(process.env.DATABASE_URL ? [{ name: 'postgres' as const, open: openPostgres }] : [])];

/** Opens, migrates and installs a database as the process-wide one for the data layer. */
export async function useDatabase(backend: Backend, opts: { seed?: boolean } = {}): Promise<TestDb> {
  const db = await backend.open();
  await migrateDatabase(db);
  if (opts.seed) {
    const { seedDemo } = await import('@/db/seed');
    await seedDemo(db.db, { today: SEED_TODAY });
  }
  setDbForTesting(db);
  return db;
}

/** A fixed "today" for the seed, so that integration tests see the same data every day. */
export const SEED_TODAY = '2026-11-15';

/** Row counts of every table, to prove that rejected input wrote nothing (one statement). */
const tableNames = new WeakMap<object, string[]>();
export async function rowCounts(db: TestDb): Promise<Record<string, number>> {
  const { sql } = await import('drizzle-orm');
  let tables = tableNames.get(db);
  if (!tables) {
    tables = rowsOf<{ table_name: string }>(
      await db.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
    ).map((r) => r.table_name);
    tableNames.set(db, tables);
  }
  const [row] = rowsOf<Record<string, number>>(await db.db.execute(sql.raw(`select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`)));
  return Object.fromEntries(tables.map((t) => [t, Number(row![t])]));
}

/**
 * Every table of the public and drizzle schemas → its row count and a hash of all its rows:
 * equal fingerprints mean nothing was written, not even an update.
 */
export async function fingerprint(db: Pick<DbHandle, 'db'>): Promise<Record<string, string>> {
  const { sql } = await import('drizzle-orm');
  const tables = rowsOf<{ s: string; t: string }>(
    await db.db.execute(
      sql`select table_schema as s, table_name as t from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
    ),
  );
  const out: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [r] = rowsOf<{ n: number; h: string | null }>(
      await db.db.execute(sql.raw(`select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${s}"."${t}" x`)),
    );
    out[`${s}.${t}`] = `${r!.n}:${r!.h ?? ''}`;
  }
  return out;
}

/**
 * The first-run setup form (lib/data/setup.ts setupFromCli) of a test puskesmas in Kabupaten
 * Bogor, WIB, target 50 %: its name, short code and the first admin's phone; `over` for any other
 * field (e.g. another admin's name). For tests that start from an EMPTY database.
 */
export function puskesmasSetupForm(name: string, shortCode: string, adminPhone: string, over: Record<string, string> = {}) {
  return {
    name,
    shortCode,
    district: 'Kabupaten Bogor',
    subdistrict: 'Gunung Putri',
    province: 'Jawa Barat',
    timeZone: 'WIB',
    target: '50',
    adminName: 'Siti Rahmawati',
    adminPhone,
    ...over,
  };
}

/** The Actor of a user, found by phone, as lib/auth/session.ts would build it. */
export async function actorFor(db: TestDb, phone: string): Promise<Actor> {
  const { eq, sql } = await import('drizzle-orm');
  const [u] = await db.db
    .select({
      id: users.id,
      role: users.role,
      puskesmasId: sql<string>`coalesce(${users.puskesmasId}::text, '')`,
      kabupatenId: users.kabupatenId,
      posyanduId: users.posyanduId,
      villageId: users.villageId,
      motherId: mothers.id,
    })
    .from(users)
    .leftJoin(mothers, eq(mothers.userId, users.id))
    .where(eq(users.phone, normalizePhone(phone)!));
  if (!u) throw new Error(`no user ${phone}`);
  if (u.role !== 'kader') return u;
  const { kaderPlaces } = await import('@/lib/auth/kader-places');
  return { ...u, ...(await kaderPlaces(db.db, u)) };
}

/** The demo's first admin, staff, kader and ibu of Puskesmas Bojong Nangka, and the staff member of the other puskesmas. */
export async function demoActors(db: TestDb): Promise<Record<'admin' | 'staff' | 'kader' | 'ibu' | 'otherStaff', Actor>> {
  const { DEMO_LOGINS } = await import('@/db/seed');
  const first = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.phone;
  return {
    admin: await actorFor(db, first('admin')),
    staff: await actorFor(db, first('staff')),
    kader: await actorFor(db, first('kader')),
    ibu: await actorFor(db, first('ibu')),
    otherStaff: await actorFor(db, '0811-1000-0101'),
  };
}
