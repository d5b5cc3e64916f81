/**
 * Database connection. `DATABASE_URL` set: postgres.js against PostgreSQL. Unset: embedded
 * PGlite in a git-ignored folder (`PGLITE_DIR`, default `.data/pglite`). PGlite allows one
 * process only, so migrations (and the demo seed, when asked for) run inside the server
 * process at start-up, through `getDb()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; kind: 'postgres' | 'pglite'; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
/** Arbitrary but fixed key: only one instance migrates at a time (see docs/deploy.md). */
const MIGRATION_LOCK_KEY = 7_420_611;

/** postgres.js `debug` hook of the profiling bench: one line per query, its text only. */
function queryLogger(file: string) {
  return (_connection: number, query: string) => fs.appendFileSync(/* turbopackIgnore: true */ file, query.replace(/\s+/g, ' ').trim() + '\n');
}

/** Seconds before postgres.js's next connect attempt after `retries` failed ones: 0.05, 0.1, 0.2 … at most 1. */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

/** Queries with at most this many parameters are kept as prepared statements (see `preparing`). */
export const PREPARED_MAX_PARAMETERS = 32;

/**
 * Every query of drizzle as a named prepared statement of its connection (decision 065).
 * drizzle passes `prepare: false` to postgres.js for every query not made with `.prepare()`, and
 * postgres.js then sends each query with parameters in two round trips (parse and describe,
 * then bind and execute): 17 writes and reads for the kader home's 9 queries. Prepared, a
 * connection parses a statement once and later sends only bind and execute. Only statements of
 * up to PREPARED_MAX_PARAMETERS parameters, so that an `in (…)` list does not keep one statement
 * per length; and `plan_cache_mode = force_custom_plan`, so that PostgreSQL still plans every
 * execution with its values, as before (no generic plan for a district's skewed data).
 * postgres.js re-prepares a statement that a migration made stale. Transactions are wrapped too.
 * `DATABASE_PREPARE=0` turns it off (a pooler in transaction mode keeps no statements).
 */
function preparing<S extends import('postgres').Sql>(client: S): S {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, params?: unknown[], options?: object) =>
    unsafe(query, params as never, { ...options, prepare: (params?.length ?? 0) <= PREPARED_MAX_PARAMETERS })) as S['unsafe'];
  // A transaction's handle has no `begin` of its own (drizzle's nested transactions are savepoints).
  if (typeof client.begin !== 'function') return client;
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const fn = args.pop() as (tx: import('postgres').TransactionSql) => unknown;
    return begin(...args, (tx: import('postgres').TransactionSql) => fn(preparing(tx as never)));
  }) as S['begin'];
  return client;
}

export async function openDatabase(opts: { url?: string; dataDir?: string } = {}): Promise<DbHandle> {
  const url = opts.url ?? (opts.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      // JIT off: the coverage queries are short but their cost estimates cross jit_above_cost
      // at district scale, and compiling then costs 0.5–5 s per query. work_mem 16 MB: their
      // hash aggregates over a district's baby-months fit in memory (docs/performance.md).
      // plan_cache_mode: see preparing() below: statements are kept, plans are not.
      connection: { application_name: 'kekasihku', jit: 'off', work_mem: '16MB', plan_cache_mode: 'force_custom_plan' },
      // After failed connects postgres.js waits up to 20 s before the next attempt, and queries
      // wait with it: during an outage pages hung instead of failing, and after it the pool
      // came back up to 20 s late. At most 1 s apart (docs/decisions/037-database-outage.md).
      backoff: reconnectDelaySeconds,
      // bench/profile.ts counts the queries per page: with DB_QUERY_LOG set, the text of every
      // query (never its parameters) is appended to that file. Unset in production.
      ...(process.env.DB_QUERY_LOG ? { debug: queryLogger(process.env.DB_QUERY_LOG) } : {}),
    });
    const db = drizzle({ client: process.env.DATABASE_PREPARE === '0' ? client : preparing(client), schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = opts.dataDir ?? process.env.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
  let client;
  if (dataDir === 'memory://') {
    client = new PGlite();
  } else {
    const dir = path.resolve(/* turbopackIgnore: true */ dataDir);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Number of applied migrations in drizzle's bookkeeping table (0 before the first). */
async function appliedMigrations(handle: DbHandle): Promise<number> {
  // Two statements: PostgreSQL resolves table names before running, even in a branch not taken.
  const [exists] = rowsOf<{ t: string | null }>(await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!exists?.t) return 0;
  const [row] = rowsOf<{ n: number | string }>(await handle.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
  return Number(row?.n ?? 0);
}

/**
 * Applies the committed drizzle-kit migrations and returns how many this call applied (0 when
 * another instance had already done it). On PostgreSQL under an advisory lock, so that
 * instances starting together migrate once; `andThen` (the demo seed) runs under the same
 * lock, so that two instances do not both seed an empty database.
 */
export async function migrateDatabase(handle: DbHandle, andThen?: () => Promise<void>): Promise<number> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // The lock is per connection: take it on a reserved connection so that it is released
    // on the same one. postgres.js `reserve()` gives us that.
    const db = handle.db as unknown as { $client: import('postgres').Sql };
    const reserved = await db.$client.reserve();
    try {
      await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      const before = await appliedMigrations(handle);
      await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      const applied = (await appliedMigrations(handle)) - before;
      await (await import('./coverage')).completeCoverage(handle.db);
      if (andThen) await andThen();
      return applied;
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
      reserved.release();
    }
  }
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const before = await appliedMigrations(handle);
  await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  const applied = (await appliedMigrations(handle)) - before;
  // Derived rows a migration left to be computed (db/coverage.ts).
  await (await import('./coverage')).completeCoverage(handle.db);
  if (andThen) await andThen();
  return applied;
}

type GlobalDb = { promise?: Promise<DbHandle> };
const g = globalThis as unknown as { __kekasihkuDb?: GlobalDb };
const state: GlobalDb = (g.__kekasihkuDb ??= {});

/**
 * The process-wide database, migrated (and seeded with demo data when DEMO_DATA=1 and the
 * database is empty). Kept on globalThis so that every bundle of the Next.js server shares
 * one PGlite instance.
 */
export function getDbHandle(): Promise<DbHandle> {
  state.promise ??= (async () => {
    const handle = await openDatabase();
    const started = Date.now();
    const applied = await migrateDatabase(handle, async () => {
      if (process.env.DEMO_DATA === '1') {
        const { seedIfEmpty } = await import('./seed');
        await seedIfEmpty(handle.db);
      }
    });
    const { getLogger } = await import('@/lib/server/log-core.mjs');
    getLogger().info({ database: handle.kind, migrationsApplied: applied, ms: Date.now() - started }, 'database ready');
    return handle;
  })().catch((err) => {
    state.promise = undefined;
    throw err;
  });
  return state.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests inject their own database. */
export function setDbForTesting(handle: DbHandle | undefined): void {
  state.promise = handle ? Promise.resolve(handle) : undefined;
}

/** Rows of a raw `db.execute()` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A json/json_agg column: postgres.js and PGlite parse it; a string only if a driver leaves it as text. */
export function jsonColumn<T>(v: T | string | null): T | null {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

/** True when the database answers within `timeoutMs` (readiness endpoint). */
export async function pingDatabase(timeoutMs = 3000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = (async () => {
    try {
      const db = await getDb();
      await db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let replacing: Promise<void> | undefined;

/**
 * A new pool for the process: the next getDb() opens one (its migrations find nothing to
 * apply) and the old one is ended (queries still on it fail within 5 s). After postgres.js's
 * write-after-close bug one of the old pool's connections can never write again
 * (lib/server/lifecycle.mjs). Reports that come while the old pool is being ended (one burst)
 * replace it once.
 */
export function replaceDatabase(): Promise<void> {
  if (replacing) return replacing;
  const old = state.promise;
  state.promise = undefined;
  replacing = (async () => {
    const handle = await old?.catch(() => undefined);
    await handle?.close().catch(() => {});
  })().finally(() => {
    replacing = undefined;
  });
  return replacing;
}

/** Closes the process's database (graceful shutdown of scripts/server.mjs). */
export async function closeDatabase(): Promise<void> {
  const p = state.promise;
  state.promise = undefined;
  if (p) await (await p.catch(() => undefined))?.close();
}
