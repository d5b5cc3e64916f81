/** Throw-away PostgreSQL databases of the benchmarks (named kekasihku_bench11_*). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import postgres from 'postgres';

export function urlFor(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(base: string, name: string): Promise<string> {
  const admin = postgres(urlFor(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return urlFor(base, name);
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  const admin = postgres(urlFor(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * BENCH_KEEP=1: a loaded benchmark database is kept under a fixed name and used again by the
 * next run (its migrations brought up to date), so a change of a query can be timed without
 * loading 50,000 babies again. `key` names what the data depends on (scale, generator, day).
 * Without it, a fresh database is made and the caller drops it.
 */
export const KEEP = process.env.BENCH_KEEP === '1';

export async function benchDatabase(base: string, key: string): Promise<{ name: string; url: string; loaded: boolean }> {
  // The population's generator is part of the key: a changed generator loads anew (a change of
  // the loaders in bench/*.ts does not: drop the kekasihku_keep_* databases by hand then).
  key = `${key}_${generatorVersion()}`;
  const raw = KEEP ? `kekasihku_keep_${key}` : `kekasihku_bench_${key}_${Math.random().toString(16).slice(2, 8)}`;
  const name = raw.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = postgres(urlFor(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists) {
      const db = postgres(urlFor(base, name), { max: 1, onnotice: () => {} });
      try {
        const [ready] = await db`select 1 from pg_tables where tablename = 'bench_loaded'`;
        if (ready) return { name, url: urlFor(base, name), loaded: true };
      } finally {
        await db.end({ timeout: 5 });
      }
      await admin.unsafe(`drop database "${name}" with (force)`);
    }
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return { name, url: urlFor(base, name), loaded: false };
}

/** A short hash of the synthetic population's generator (tests/support/population.ts). */
function generatorVersion(): string {
  return createHash('sha256').update(fs.readFileSync('tests/support/population.ts')).digest('hex').slice(0, 6);
}

/** Marks a kept database as fully loaded (a run cut short while loading is loaded again). */
export async function markLoaded(url: string, facts: Record<string, unknown>): Promise<void> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await db`create table if not exists bench_loaded (facts jsonb not null)`;
    await db`insert into bench_loaded ${db({ facts: db.json(facts as never) })}`;
  } finally {
    await db.end({ timeout: 5 });
  }
}

export async function loadedFacts<T>(url: string): Promise<T> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await db`select facts from bench_loaded limit 1`;
    return r!.facts as T;
  } finally {
    await db.end({ timeout: 5 });
  }
}

/** Drops a benchmark database unless it is kept. */
export async function releaseDatabase(base: string, name: string): Promise<void> {
  if (!KEEP) await dropDatabase(base, name);
}
