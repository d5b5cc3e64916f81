/**
 * Benchmark: the coverage dashboard at 1/10 and full district scale on PostgreSQL. Not part of
 * `npm test`. For each scale, a fresh database (dropped afterwards) is filled with the synthetic
 * population of tests/support/population.ts (100 posyandu in 25 villages, one kader each,
 * monthly sessions with attendance), then it times:
 *  - each query the dashboard reads from the stored sums of migration 0005_coverage_months
 *    (db/queries/coverage-months.ts: status counts, indicators per village / posyandu, the
 *    12-month trend, exclusivity curve, stop reasons, coverage by attendance, kader windows);
 *  - the knowledge figures (db/queries/knowledge-figures.ts, issue #28: the population has
 *    counselling on its visits and baseline/endline checks) for a month and 12 months;
 *  - the dashboard's data: coverageDashboard() as /staff calls it (all its queries), and with the
 *    knowledge figures beside it, as /staff reads them since issue #28;
 *  - a kader saving a visit, then correcting it: BENCH_SAVES calls each of lib/data recordVisit
 *    and correctVisit, one at a time, each for another baby under 6 months (bench/visit-save.ts);
 *  - the /staff page itself over HTTP, when a production build exists (.next/BUILD_ID; run
 *    `npm run build` first), served by the standalone server (else `next start`) on BENCH_PORT against the same database.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   BENCH_SCALES=5000,50000 BENCH_RUNS=20 BENCH_SAVES=60 BENCH_PAGE=1 BENCH_PORT=3132   (defaults)
 *
 * Nothing here depends on how the stored sums are kept (PL/pgSQL triggers before issue #21,
 * lib/domain + db/coverage.ts since): the population loader and the data layer keep them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchDatabase, loadedFacts, markLoaded, releaseDatabase } from './pg';
import { timeVisitSaves } from './visit-save';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rowsOf, setDbForTesting, type DbHandle } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { users } from '@/db/schema';
import {
  coverageByAttendanceStored,
  coverageTrendStored,
  exclusivityCurveStored,
  indicatorsForMonthsStored,
  statusCountsStored,
  stopReasonsStored,
  windowOutcomesStored,
} from '@/db/queries/coverage-months';
import { knowledgeCountsStored } from '@/db/queries/knowledge-figures';
import { hashPassword } from '@/lib/auth/password';
import type { Actor } from '@/lib/auth/policy';
import { coverageDashboard } from '@/lib/data/coverage';
import { knowledgeFiguresFor } from '@/lib/data/knowledge-figures';
import { monthPeriod, periodParamSchema } from '@/lib/validation/district';
import { generatePopulation, insertPopulation } from '@/tests/support/population';

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a database is created and dropped per scale).');
  process.exit(2);
}
const scales = (process.env.BENCH_SCALES ?? '5000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const saves = Number(process.env.BENCH_SAVES ?? 60);
// Checked when the page is timed (a build may finish while the data is loading).
const pageWanted = process.env.BENCH_PAGE !== '0';
let withPage = false;
const port = Number(process.env.BENCH_PORT ?? 3132);
const TODAY = '2026-09-30';
const MONTH = { year: 2026, month: 6 };
const PASSWORD = 'BenchKekasihku!2026';

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

/** Kaders (one per posyandu, who made its visits), monthly sessions per village, attendance of a third of the mothers. */
async function addProgramData(handle: DbHandle, puskesmasId: string) {
  const db = handle.db;
  await db.execute(sql`
    insert into users (puskesmas_id, role, name, phone, posyandu_id, village_id)
    select p.puskesmas_id, 'kader', 'Kader ' || p.name, '+628129' || lpad((row_number() over (order by p.name))::text, 7, '0'), p.id, p.village_id
    from posyandu p where p.puskesmas_id = ${puskesmasId}`);
  await db.execute(sql`
    update visits v set kader_id = u.id
    from babies b join mothers m on m.id = b.mother_id join users u on u.posyandu_id = m.posyandu_id and u.role = 'kader'
    where v.baby_id = b.id and b.puskesmas_id = ${puskesmasId}`);
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.puskesmasId, puskesmasId)).limit(1);
  await db.execute(sql`
    insert into group_sessions (puskesmas_id, village_id, title, starts_at, ends_at, place, status, created_by)
    select ${puskesmasId}, v.id, 'Pertemuan KP-ASI', d + interval '2 hours', d + interval '4 hours', 'Balai desa', 'closed', ${staff!.id}
    from villages v cross join generate_series('2024-08-10'::timestamptz, '2026-09-10'::timestamptz, interval '1 month') d
    where v.puskesmas_id = ${puskesmasId}`);
  await db.execute(sql`
    insert into attendance (puskesmas_id, session_id, mother_id, attendee_role, status, recorded_by)
    select distinct on (m.id) ${puskesmasId}, gs.id, m.id, 'mother', 'present', ${staff!.id}
    from mothers m join babies b on b.mother_id = m.id
    join group_sessions gs on gs.village_id = m.village_id and gs.starts_at::date between b.birth_date and b.birth_date + 200
    where m.puskesmas_id = ${puskesmasId} and abs(hashtext(m.id::text)) % 3 = 0
    order by m.id, gs.starts_at`);
  // Attendance written here directly: its mothers' babies count as attended once recomputed, as
  // lib/data's attendance writes do in their transaction (db/coverage.ts).
  const attending = await db.execute(
    sql`select distinct b.id::text as id from attendance a join babies b on b.mother_id = a.mother_id where a.puskesmas_id = ${puskesmasId}`,
  );
  await refreshCoverage(
    db,
    rowsOf<{ id: string }>(attending).map((r) => r.id),
  );
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, staff!.id));
  const [u] = await db.select().from(users).where(eq(users.id, staff!.id));
  return { id: u!.id, role: 'staff', puskesmasId, posyanduId: null, villageId: null, motherId: null, phone: u!.phone } as Actor & { phone: string };
}

/** Starts `next start` on the bench database, signs in as its staff user and returns a timed GET of /staff. */
async function startPage(dbUrl: string, phone: string) {
  // The standalone production server (what `npm start` runs), else `next start`.
  const standalone = '.next/standalone/scripts/server.mjs';
  const [cmd, args] = fs.existsSync(standalone) ? [process.execPath, [standalone]] : ['npx', ['next', 'start', '-p', String(port)]];
  const child = spawn(cmd, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      DEMO_DATA: '0',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
    },
    stdio: 'ignore',
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/login`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, phone: phone, password: PASSWORD }),
  });
  keep(login);
  const get = async () => {
    const res = await fetch(`${origin}/staff?bulan=2026-06`, { headers: { cookie: cookie() }, redirect: 'manual' });
    const body = await res.text();
    if (res.status !== 200 || !body.includes('six-month-coverage')) throw new Error(`/staff answered ${res.status}`);
  };
  return {
    get,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

async function main() {
  const rows: { scale: number; visits: number; label: string; p50: number; p95: number }[] = [];
  for (const n of scales) {
    // BENCH_KEEP=1 keeps the loaded database for the next run (bench/pg.ts).
    // 'k': the population has counselling on its visits and knowledge checks (issue #28); a database kept before does not.
    const { name, url, loaded } = await benchDatabase(base!, `sql_k_${n}_${TODAY}`);
    const handle = await openDatabase({ url });
    let page: Awaited<ReturnType<typeof startPage>> | undefined;
    try {
      await migrateDatabase(handle);
      let staff: Actor & { phone: string };
      let visits: number;
      let puskesmasId: string;
      if (loaded) {
        ({ staff, visits, puskesmasId } = await loadedFacts<{ staff: Actor & { phone: string }; visits: number; puskesmasId: string }>(url));
        console.log(`scale ${n}: using the kept database ${name} (${visits} visits)`);
      } else {
        const gen = generatePopulation({
          babies: n,
          seed: 42,
          start: '2025-01-01',
          spanDays: 700,
          today: TODAY,
          villages: 25,
          posyanduPerVillage: 4,
          maxVisits: 15,
          knowledge: true,
        });
        visits = gen.reduce((a, g) => a + g.baby.visits.length, 0);
        const t0 = performance.now();
        ({ puskesmasId } = await insertPopulation(handle.db, gen, { code: `B${n}`, villages: 25, posyanduPerVillage: 4 }));
        staff = await addProgramData(handle, puskesmasId);
        // What autovacuum does on a live database after a bulk load: the visibility map lets
        // PostgreSQL answer from the covering indexes alone (migration 0007).
        await handle.db.execute(sql`vacuum analyze`);
        console.log(
          `scale ${n} babies, ${visits} visits: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (load average ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' ')})`,
        );
        await markLoaded(url, { staff, visits, puskesmasId });
      }
      setDbForTesting(handle);
      const y = { from: { year: 2025, month: 7 }, to: MONTH };
      const scope = { puskesmasId };
      const prev = { year: MONTH.year, month: MONTH.month - 1 };
      const timed = [
        await time('stored: status counts today', () => statusCountsStored(handle.db, TODAY, scope)),
        await time('stored: indicators, this and last month, per village', () => indicatorsForMonthsStored(handle.db, prev, MONTH, scope, 'village')),
        await time('stored: indicators, this and last month, per posyandu', () => indicatorsForMonthsStored(handle.db, prev, MONTH, scope, 'posyandu')),
        await time('stored: indicators O1-O5, 12 months, total', () => indicatorsForMonthsStored(handle.db, y.from, y.to, scope)),
        await time('stored: coverage trend, 12 months', () => coverageTrendStored(handle.db, y.from, y.to, scope)),
        await time('stored: exclusivity curve 0-6 months', () => exclusivityCurveStored(handle.db, '2026-06-30', scope)),
        await time('stored: stop reasons per village, 12 months', () => stopReasonsStored(handle.db, y.from, y.to, scope)),
        await time('stored: six-month coverage by attendance, 12 months', () => coverageByAttendanceStored(handle.db, y.from, y.to, scope)),
        await time('stored: kader windows closed in the month', () => windowOutcomesStored(handle.db, scope, MONTH, '2026-07-30')),
        await time('stored: knowledge figures, one month', () => knowledgeCountsStored(handle.db, scope, MONTH, MONTH)),
        await time('stored: knowledge figures, 12 months', () => knowledgeCountsStored(handle.db, scope, y.from, y.to)),
        await time('DASHBOARD DATA (coverageDashboard, all queries)', () => coverageDashboard(staff, { month: MONTH, villageId: null, posyanduId: null })),
        // What /staff reads since issue #28: the dashboard and the knowledge figures, at once.
        await time('DASHBOARD DATA + knowledge figures (as /staff reads them)', () =>
          Promise.all([coverageDashboard(staff, { month: MONTH, villageId: null, posyanduId: null }), knowledgeFiguresFor(staff, { period: monthPeriod(MONTH) })]),
        ),
        await time('knowledge figures, year (knowledgeFiguresFor)', () => knowledgeFiguresFor(staff, { period: periodParamSchema.parse('2026') })),
      ];
      // Writes last: the reads above time the loaded population as it is.
      timed.push(...(await timeVisitSaves(handle, puskesmasId, TODAY, saves, pct)));
      withPage = pageWanted && fs.existsSync('.next/BUILD_ID');
      if (withPage) {
        page = await startPage(url, staff.phone);
        timed.push(await time('DASHBOARD PAGE (GET /staff over HTTP)', page.get));
      }
      console.log(
        `scale ${n}: timed (load average ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')})`,
      );
      for (const r of timed) rows.push({ scale: n, visits, ...r });
    } finally {
      page?.stop();
      setDbForTesting(undefined);
      await handle.close();
      await new Promise((r) => setTimeout(r, 1000));
      await releaseDatabase(base!, name);
    }
  }
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `\n${runs} runs after one warm-up (visit save and correction: ${saves} calls after one warm-up, each another baby); ${withPage ? 'page timed over HTTP (production server)' : 'page not timed (no production build, or BENCH_PAGE=0)'}`,
  );
  console.log('\n| babies | visits | query | p50 ms | p95 ms |\n|---:|---:|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.scale} | ${r.visits} | ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  if (scales.length >= 2) {
    const [small, big] = [scales[0], scales[scales.length - 1]];
    console.log(`\nGrowth from ${small} to ${big} babies (p50 and p95 ratios):`);
    for (const label of new Set(rows.map((r) => r.label))) {
      const a = rows.find((r) => r.scale === small && r.label === label);
      const b = rows.find((r) => r.scale === big && r.label === label);
      if (a && b) console.log(`  ${label}: p50 ×${(b.p50 / a.p50).toFixed(2)}, p95 ×${(b.p95 / a.p95).toFixed(2)}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
