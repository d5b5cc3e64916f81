/**
 * Server time at district scale: the synthetic population of the coverage benchmark
 * (tests/support/population.ts: 100 posyandu in 25 villages; 50,000 babies ≈ 350,000 visits at
 * full scale) in a fresh PostgreSQL database per scale (kekasihku_bench11_*, dropped
 * afterwards), plus what the population lacks to sign in and read: the default visit windows,
 * a kader of the first posyandu and the staff user with the demo password, forum categories
 * and one thread per 25 babies with 4 replies each. The production server runs on it
 * (DATABASE_URL, no demo data); sequential GETs, server time = time to the full response body.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import type { Browser } from '@playwright/test';
import { migrateDatabase, openDatabase } from '@/db/client';
import { forumCategories, forumComments, forumPosts, puskesmas, users } from '@/db/schema';
import { DEFAULT_WINDOWS } from '@/db/seed/catalogue';
import { DEMO_PASSWORD, demoPasswordHash } from '@/db/seed';
import { addDays, isoToday } from '@/lib/domain';
import { generatePopulation, insertPopulation } from '@/tests/support/population';
import { benchDatabase, loadedFacts, markLoaded, releaseDatabase } from './pg';
import { log, pct, ROOT, signIn, startServer } from './support';

export type ServerTimeRow = { babies: number; visits: number; page: string; path: string; p50: number; p95: number; status: number; bytes: number };

const KADER_PHONE = '+6281299990001';
const STAFF_PHONE = '+6281199990001';
const local = (e164: string) => '0' + e164.slice(3);

export async function fill(url: string, babies: number): Promise<{ visits: number; threadId: string }> {
  const handle = await openDatabase({ url });
  try {
    await migrateDatabase(handle);
    const today = isoToday('Asia/Jakarta');
    // Births from 700 days ago until today, so that the kader's list has open windows.
    const gen = generatePopulation({ babies, seed: 42, start: addDays(today, 180 - 700), spanDays: 700, today, villages: 25, posyanduPerVillage: 4 });
    const visits = gen.reduce((a, g) => a + g.baby.visits.length, 0);
    const t0 = performance.now();
    const { puskesmasId, villageIds, posyanduIds } = await insertPopulation(handle.db, gen, { code: `B${babies}`, villages: 25, posyanduPerVillage: 4 });
    const db = handle.db;
    const hash = demoPasswordHash();
    await db.update(puskesmas).set({ visitWindows: DEFAULT_WINDOWS }).where(eq(puskesmas.id, puskesmasId));
    const [staff] = await db.update(users).set({ phone: STAFF_PHONE, passwordHash: hash }).where(eq(users.puskesmasId, puskesmasId)).returning();
    const [kader] = await db
      .insert(users)
      .values({ puskesmasId, role: 'kader', name: 'Kader Bench', phone: KADER_PHONE, passwordHash: hash, posyanduId: posyanduIds[0]!, villageId: villageIds[0]! })
      .returning();
    const cats = await db
      .insert(forumCategories)
      .values(['menyusui', 'mpasi', 'kesehatan'].map((slug, i) => ({ puskesmasId, slug, name: slug, sortOrder: i + 1 })))
      .returning();
    const threads = Math.max(1, Math.round(babies / 25));
    let threadId = '';
    for (let i = 0; i < threads; i += 500) {
      const n = Math.min(500, threads - i);
      const posts = await db
        .insert(forumPosts)
        .values(
          Array.from({ length: n }, (_, k) => ({
            puskesmasId,
            categoryId: cats[(i + k) % cats.length]!.id,
            authorId: (i + k) % 2 ? kader!.id : staff!.id,
            title: `Pertanyaan tentang ASI nomor ${i + k}`,
            body: `Bayi saya berumur ${(i + k) % 6} bulan. Apakah normal kalau ia menyusu setiap dua jam? Terima kasih atas sarannya.`,
            lastActivityAt: new Date(Date.now() - (i + k) * 3_600_000),
          })),
        )
        .returning({ id: forumPosts.id });
      if (!threadId) threadId = posts[0]!.id;
      await db.insert(forumComments).values(
        posts.flatMap((p, k) =>
          Array.from({ length: 4 }, (_, c) => ({
            puskesmasId,
            postId: p.id,
            authorId: (k + c) % 2 ? staff!.id : kader!.id,
            body: `Balasan ${c + 1}: itu normal, teruskan menyusui sesuai keinginan bayi.`,
          })),
        ),
      );
    }
    // What autovacuum does on a live database after a bulk load (index-only scans, migration 0007).
    await db.execute(sql`vacuum analyze`);
    log(`scale ${babies} babies, ${visits} visits, ${threads} threads: loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return { visits, threadId };
  } finally {
    await handle.close();
  }
}

async function migrateKept(url: string): Promise<void> {
  const handle = await openDatabase({ url });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
}

async function timeGet(url: string, cookie: string, runs: number): Promise<{ p50: number; p95: number; status: number; bytes: number }> {
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers: { cookie }, redirect: 'manual' })).arrayBuffer();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    bytes = (await r.arrayBuffer()).byteLength;
    ms.push(performance.now() - t);
    status = r.status;
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), status, bytes };
}

export async function measureServerTime(
  browser: Browser,
  base: string,
  scales: number[],
  port: (i: number) => number,
  runs = Number(process.env.BENCH_RUNS ?? 30),
): Promise<ServerTimeRow[]> {
  const rows: ServerTimeRow[] = [];
  for (const [i, babies] of scales.entries()) {
    // BENCH_KEEP=1 keeps the loaded database for the next run of the same day (bench/pg.ts).
    const { name, url, loaded } = await benchDatabase(base, `pages_${babies}_${isoToday('Asia/Jakarta')}`);
    try {
      let facts: { visits: number; threadId: string };
      if (loaded) {
        await migrateKept(url);
        facts = await loadedFacts<{ visits: number; threadId: string }>(url);
        log(`scale ${babies}: using the kept database ${name}`);
      } else {
        facts = await fill(url, babies);
        await markLoaded(url, facts);
      }
      const { visits, threadId } = facts;
      const server = await startServer(ROOT, port(i), { DATABASE_URL: url, DEMO_DATA: '', AUTH_SECRET: randomBytes(32).toString('base64url'), PGLITE_DIR: '' }, '/login');
      try {
        const kader = await signIn(browser, server.url, local(KADER_PHONE), DEMO_PASSWORD);
        const staff = await signIn(browser, server.url, local(STAFF_PHONE), DEMO_PASSWORD);
        const pages: [string, string, string][] = [
          ["kader's today list", '/kader', kader.cookie],
          ['forum list', '/forum', kader.cookie],
          ['forum thread', `/forum/t/${threadId}`, kader.cookie],
          ['staff dashboard', '/staff', staff.cookie],
        ];
        for (const [page, path, cookie] of pages) {
          const r = await timeGet(server.url + path, cookie, runs);
          rows.push({ babies, visits, page, path: path.replace(threadId, '<id>'), ...r });
          log(`scale ${babies}: ${page.padEnd(20)} p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  (HTTP ${r.status}, ${(r.bytes / 1024).toFixed(0)} KB)`);
        }
        await kader.context.close();
        await staff.context.close();
      } finally {
        await server.stop();
      }
    } finally {
      await releaseDatabase(base, name);
    }
  }
  return rows;
}
