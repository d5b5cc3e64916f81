/**
 * Benchmark: the coverage queries (journey status counts, indicators O1–O5 per month in total
 * and per village) at 1/10 and full district scale, on PostgreSQL. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   BENCH_SCALES=5000,50000 BENCH_RUNS=20 …   (defaults)
 *
 * Each scale gets its own fresh database (dropped afterwards), filled with the synthetic
 * population of tests/support/population.ts (100 posyandu in 25 villages).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '@/db/client';
import { indicatorsForMonthSql, statusCountsSql } from '@/db/queries/indicators';
import { generatePopulation, insertPopulation } from '@/tests/support/population';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a database is created and dropped per scale).');
  process.exit(2);
}
const scales = (process.env.BENCH_SCALES ?? '5000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const TODAY = '2026-09-30';

const urlFor = (name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { label, p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function main() {
  const rows: { scale: number; visits: number; label: string; p50: number; p95: number }[] = [];
  for (const n of scales) {
    const name = `kekasihku_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(urlFor('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const handle = await openDatabase({ url: urlFor(name) });
    try {
      await migrateDatabase(handle);
      const gen = generatePopulation({ babies: n, seed: 42, start: '2025-01-01', spanDays: 700, today: TODAY, villages: 25, posyanduPerVillage: 4 });
      const visits = gen.reduce((a, g) => a + g.baby.visits.length, 0);
      const t0 = performance.now();
      const { puskesmasId } = await insertPopulation(handle.db, gen, { code: `B${n}`, villages: 25, posyanduPerVillage: 4 });
      await handle.db.execute(sql`analyze`);
      console.log(`scale ${n} babies, ${visits} visits: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const where = sql`b.puskesmas_id = ${puskesmasId}`;
      for (const r of [
        await time('status counts today', () => statusCountsSql(handle.db, TODAY, where)),
        await time('indicators, one month, total', () => indicatorsForMonthSql(handle.db, 2026, 6, where)),
        await time('indicators, one month, per village', () => indicatorsForMonthSql(handle.db, 2026, 6, where, 'village')),
        await time('indicators, one month, per posyandu', () => indicatorsForMonthSql(handle.db, 2026, 6, where, 'posyandu')),
      ])
        rows.push({ scale: n, visits, ...r });
    } finally {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
  console.log('\n| babies | visits | query | p50 ms | p95 ms |\n|---:|---:|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.scale} | ${r.visits} | ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  if (scales.length >= 2) {
    const [small, big] = [scales[0], scales[scales.length - 1]];
    console.log(`\nGrowth from ${small} to ${big} babies (p95 ratio):`);
    for (const label of new Set(rows.map((r) => r.label))) {
      const a = rows.find((r) => r.scale === small && r.label === label)!;
      const b = rows.find((r) => r.scale === big && r.label === label)!;
      console.log(`  ${label}: ×${(b.p95 / a.p95).toFixed(2)}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
