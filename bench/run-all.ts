/**
 * `npm run bench:pages`: page weight, Lighthouse, throughput (portal with demo data on the
 * embedded database, against a bare Next.js app built in the same run), then server time at
 * district scale on PostgreSQL (DATABASE_URL; skipped without it). Prints one table and writes
 * it to docs/performance-pages.md (and the raw figures to bench/results/pages.json).
 *
 *   BENCH_ONLY=weight,lighthouse,throughput,server   parts to run (default: all)
 *   BENCH_SKIP_BUILD=1     use the existing .next of the portal
 *   BENCH_SCALES=5000,50000  BENCH_RUNS=30  BENCH_LH_RUNS=1  BENCH_TP_SECONDS=15
 * Ports 3161–3164 (BENCH_PORT_BASE=3661 moves them to 3661–3664). Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import { buildBareApp } from './bare-app';
import { createDatabase, dropDatabase } from './pg';
import { runLighthouse, type LighthouseRow } from './lighthouse';
import { measurePageWeight, type WeightRow } from './page-weight';
import { measureServerTime, type ServerTimeRow } from './server-time';
import { gitCommit, hrefsOf, launchBrowser, log, nextBuild, PORTS, ROOT, signIn, startServer, stopAll, WORK } from './support';
import { memoryOf, oneConnectionP50, PAGES } from './profile';
import { throughput, type ThroughputRow } from './throughput';

const only = new Set((process.env.BENCH_ONLY ?? 'weight,lighthouse,throughput,server').split(','));
const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;

type Results = {
  date: string;
  machine: string;
  commit: string;
  load: string;
  demoDatabase?: string;
  bare?: { jsGzip: number; jsRaw: number; scripts: number };
  weight?: WeightRow[];
  lighthouse?: LighthouseRow[];
  throughput?: {
    bare: ThroughputRow;
    bareP50One?: number;
    memory?: { rssMb: number; peakMb: number } | null;
    rows: (ThroughputRow & { ratio: number; bareRps?: number; p50One?: number })[];
  };
  server?: ServerTimeRow[];
};

async function main() {
  const started = new Date();
  const res: Results = {
    date: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    commit: gitCommit(),
    load: '',
  };
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  const browser = await launchBrowser();
  let demoDb: string | undefined;
  try {
    if (only.has('weight') || only.has('lighthouse') || only.has('throughput')) {
      if (process.env.BENCH_SKIP_BUILD !== '1') {
        nextBuild(ROOT);
        // What `npm run build` does after next build: the standalone production server (decision 030).
        spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
      }
      const bareDir = buildBareApp();
      // The demo data on PostgreSQL when DATABASE_URL is set (how the portal is deployed), else on
      // the embedded PGlite (one connection: throughput is then the embedded database's).
      let dbEnv = { DATABASE_URL: '', PGLITE_DIR: path.join(WORK, `pglite-${Date.now()}`) };
      if (process.env.DATABASE_URL) {
        demoDb = `kekasihku_bench11_demo_${randomBytes(3).toString('hex')}`;
        dbEnv = { DATABASE_URL: await createDatabase(process.env.DATABASE_URL, demoDb), PGLITE_DIR: '' };
      }
      res.demoDatabase = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
      const portal = await startServer(ROOT, PORTS.portal, { DEMO_DATA: '1', ...dbEnv, AUTH_SECRET: randomBytes(32).toString('base64url') }, '/login');
      const bare = await startServer(bareDir, PORTS.bare, {}, '/');
      const logins = { staff: login('staff'), admin: login('admin'), kader: login('kader'), ibu: login('ibu') };

      if (only.has('weight')) {
        const w = await measurePageWeight(browser, portal.url, bare.url, logins, DEMO_PASSWORD);
        res.bare = w.bare;
        res.weight = w.rows;
      }

      const kader = await signIn(browser, portal.url, logins.kader, DEMO_PASSWORD);
      const ibu = await signIn(browser, portal.url, logins.ibu, DEMO_PASSWORD);
      const staff = await signIn(browser, portal.url, logins.staff, DEMO_PASSWORD);
      const kaderLinks = await hrefsOf(kader.context, '/kader');
      const babyId = kaderLinks.map((h) => h.match(/^\/kader\/bayi\/([^/?#]+)$/)?.[1]).find(Boolean);
      const forumLinks = await hrefsOf(ibu.context, '/forum');
      const thread = forumLinks.find((h) => /^\/forum\/t\/[^/?#]+$/.test(h));

      if (only.has('lighthouse')) {
        // The bare page first: what Lighthouse gives the lightest page Next.js serves, on this machine in this run.
        res.lighthouse = [
          ...runLighthouse(bare.url, [{ page: 'bare Next.js page (reference)', url: '/', role: '–', goal: false }]),
          ...runLighthouse(portal.url, [
            { page: 'sign-in', url: '/login', role: 'public', goal: true },
            { page: "kader's today list", url: '/kader', role: 'kader', cookie: kader.cookie, goal: true },
            { page: 'visit form', url: babyId ? `/kader/bayi/${babyId}/kunjungan` : '/kader', role: 'kader', cookie: kader.cookie, goal: true },
            { page: "mother's page", url: '/ibu', role: 'ibu', cookie: ibu.cookie, goal: true },
            { page: 'forum thread', url: thread ?? '/forum', role: 'ibu', cookie: ibu.cookie, goal: true },
            { page: 'staff dashboard', url: '/staff', role: 'staff', cookie: staff.cookie, goal: false },
          ]),
        ];
      }

      if (only.has('throughput')) {
        // Issue #31's table: each page right after the bare dynamic page (same seconds), so that
        // each ratio compares two figures taken within a minute of each other; then the server
        // time of the page at one connection and the portal's memory under this load.
        const cookieOf = { public: undefined, kader: kader.cookie, ibu: ibu.cookie, staff: staff.cookie } as const;
        const bareRows: ThroughputRow[] = [];
        const rows: (ThroughputRow & { ratio: number; bareRps: number; p50One: number })[] = [];
        for (const spec of PAGES) {
          const b = await throughput('bare dynamic page', `${bare.url}/dynamic`);
          const r = await throughput(spec.page, `${portal.url}${spec.path}`, cookieOf[spec.role]);
          const p50One = await oneConnectionP50(`${portal.url}${spec.path}`, cookieOf[spec.role]);
          bareRows.push(b);
          rows.push({ ...r, ratio: r.rps / b.rps, bareRps: b.rps, p50One });
        }
        if (thread) {
          const b = await throughput('bare dynamic page', `${bare.url}/dynamic`);
          const r = await throughput('forum thread', `${portal.url}${thread}`, ibu.cookie);
          bareRows.push(b);
          rows.push({ ...r, ratio: r.rps / b.rps, bareRps: b.rps, p50One: await oneConnectionP50(`${portal.url}${thread}`, ibu.cookie) });
        }
        // The floor for a page of the kader home's size (bench/bare-app.ts /list: the same markup
        // as plain JSX, no data, session or translation), in the same way: what Next.js and React
        // alone leave of the bare page's throughput for 40 KB of HTML.
        {
          const b = await throughput('bare dynamic page', `${bare.url}/dynamic`);
          const r = await throughput('bare page of the kader home’s size (floor)', `${bare.url}/list`);
          bareRows.push(b);
          rows.push({ ...r, ratio: r.rps / b.rps, bareRps: b.rps, p50One: await oneConnectionP50(`${bare.url}/list`) });
        }
        const mean = bareRows.reduce((a, b) => a + b.rps, 0) / bareRows.length;
        res.throughput = {
          bare: { ...bareRows[0]!, rps: mean },
          bareP50One: await oneConnectionP50(`${bare.url}/dynamic`),
          memory: memoryOf(portal.child.pid),
          rows,
        };
      }
      for (const c of [kader, ibu, staff]) await c.context.close();
      await portal.stop();
      await bare.stop();
      if (dbEnv.PGLITE_DIR) fs.rmSync(dbEnv.PGLITE_DIR, { recursive: true, force: true });
    }

    if (only.has('server')) {
      const base = process.env.DATABASE_URL;
      if (!base) log('server time skipped: set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
      else {
        const scales = (process.env.BENCH_SCALES ?? '5000,50000').split(',').map(Number);
        res.server = await measureServerTime(browser, base, scales, (i) => (i === 0 ? PORTS.scaleSmall : PORTS.scaleFull));
      }
    }
  } finally {
    await browser.close();
    await stopAll();
    if (demoDb) await dropDatabase(process.env.DATABASE_URL!, demoDb);
  }
  res.load = `${loadAtStart} at start, ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} at end (1/5/15 min)`;
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'pages.json'), JSON.stringify(res, null, 2));
  const md = report(res);
  console.log('\n' + md);
  if (process.env.BENCH_NO_DOC !== '1') {
    // Hand-written notes below the marker survive a new run.
    const doc = path.join(ROOT, 'docs', 'performance-pages.md');
    const old = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
    const at = old.indexOf(NOTES_MARKER);
    fs.writeFileSync(doc, md + '\n' + (at >= 0 ? old.slice(at) : `${NOTES_MARKER}\n`));
  }
}

const NOTES_MARKER = '<!-- notes: kept by bench/run-all.ts -->';
const kb = (n: number) => (n / 1024).toFixed(1);
const yes = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? '–' : ok ? 'yes' : '**no**');

export function report(r: Results): string {
  const L: string[] = [];
  L.push('# Page performance (issue #11)', '');
  L.push(`Measured ${r.date} on ${r.machine}, commit ${r.commit}, by \`npm run bench:pages\`. Load average ${r.load}.`);
  // 1-minute load average at the start and at the end (the run's own work raises it too).
  const loads = [...r.load.matchAll(/([\d.]+) \/ [\d.]+ \/ [\d.]+/g)].map((m) => Number(m[1]));
  const busy = loads.some((x) => x > 2.5);
  L.push(
    busy
      ? 'The load average shows other work on the machine (2 cores) during the run: single figures move a lot between runs; compare ratios measured in the same run, and see the notes below.'
      : 'The load average stayed at what the benchmark itself makes (builds, Lighthouse and load generation keep both cores busy at times); figures of one run are comparable, and single figures still move between runs.',
    '',
  );
  L.push(
    'Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:pages` (without DATABASE_URL the server-time part is skipped;',
    '`BENCH_ONLY=weight,lighthouse,throughput,server` picks parts). How each figure is taken: `docs/decisions/040-benchmark-tools.md`; this file is',
    'written by `bench/run-all.ts` (raw figures in `bench/results/pages.json`).',
    '',
  );
  if (r.weight && r.bare) {
    L.push('## Page weight: JavaScript sent (gzip) per route', '');
    L.push(
      `Bare Next.js page (same \`next\`/\`react\`, one static page): **${kb(r.bare.jsGzip)} KB** gzip in ${r.bare.scripts} scripts (${kb(r.bare.jsRaw)} KB raw).`,
      '',
    );
    L.push('| route | role | class | JS gzip KB | ratio | budget | within | note |', '|---|---|---|---:|---:|---:|---|---|');
    for (const w of r.weight)
      L.push(
        `| \`${w.route}\` | ${w.role} | ${w.cls} | ${kb(w.jsGzip)} | ${w.ratio.toFixed(2)} | ${w.budget || '–'} | ${yes(w.url && w.measured !== false ? w.ok : null)} | ${w.note ?? ''} |`,
      );
    const over = r.weight.filter((w) => w.heaviest);
    if (over.length) {
      L.push(
        '',
        'Heaviest chunks a route loads beyond those every route loads, on routes over budget (modules named by the client manifests, `name?` = guessed from the code):',
        '',
      );
      const seen = new Set<string>();
      for (const w of over) {
        const key = (w.heaviest ?? []).join('|');
        if (seen.has(key)) {
          L.push(`- \`${w.route}\`: same chunks as above`);
          continue;
        }
        seen.add(key);
        L.push(`- \`${w.route}\`:`);
        for (const h of w.heaviest ?? []) L.push(`  - ${h}`);
      }
    }
    L.push('');
  }
  if (r.lighthouse) {
    L.push(`## Lighthouse (12.8.2, mobile, simulated slow 4G, 4× CPU), demo data on ${r.demoDatabase}`, '');
    L.push('| page | role | score | LCP s | FCP s | TBT ms | goal (≥ 95, LCP < 2 s) |', '|---|---|---:|---:|---:|---:|---|');
    for (const l of r.lighthouse)
      L.push(
        `| ${l.page} (\`${l.url.replace(/[0-9a-f-]{36}/g, '<id>')}\`) | ${l.role} | ${l.score ?? '–'} | ${l.lcpMs === null ? '–' : (l.lcpMs / 1000).toFixed(2)} | ${l.fcpMs === null ? '–' : (l.fcpMs / 1000).toFixed(2)} | ${l.tbtMs === null ? '–' : l.tbtMs.toFixed(0)} | ${l.goal ? yes(l.ok) : 'no goal'}${l.error ? ` (${l.error})` : ''} |`,
      );
    L.push('');
  }
  if (r.throughput) {
    L.push(`## Throughput: 20 connections, autocannon, production server, demo data on ${r.demoDatabase}`, '');
    L.push(
      'Each page right after the bare dynamic page, same seconds; ratio = the page over that bare run. Server time p50 = 30 sequential GETs at one connection (time to the full body).',
      '',
    );
    L.push('| page | req/s | bare req/s | ratio to bare | latency p50 ms | p99 ms | non-2xx | p50 at 1 connection ms |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    const b = r.throughput.bare;
    L.push(
      `| bare Next.js dynamic page (mean of the runs) | ${b.rps.toFixed(1)} | | 1.00 | ${b.p50Ms} | ${b.p99Ms} | ${b.non2xx} | ${r.throughput.bareP50One?.toFixed(1) ?? '–'} |`,
    );
    for (const t of r.throughput.rows)
      L.push(
        `| ${t.page} | ${t.rps.toFixed(1)} | ${t.bareRps?.toFixed(1) ?? ''} | ${t.ratio.toFixed(3)} | ${t.p50Ms} | ${t.p99Ms} | ${t.non2xx} | ${t.p50One?.toFixed(1) ?? '–'} |`,
      );
    if (r.throughput.memory)
      L.push('', `Memory of the portal instance after these runs: ${r.throughput.memory.rssMb} MB resident, peak ${r.throughput.memory.peakMb} MB.`);
    L.push('');
  }
  if (r.server) {
    L.push('## Server time at district scale (PostgreSQL 15, sequential GETs, time to full response)', '');
    L.push('| babies | visits | page | p50 ms | p95 ms | goal p95 | within | HTTP |', '|---:|---:|---|---:|---:|---:|---|---:|');
    const goal = (page: string) => (page === 'staff dashboard' ? 300 : 100);
    for (const s of r.server)
      L.push(`| ${s.babies} | ${s.visits} | ${s.page} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${goal(s.page)} | ${yes(s.p95 < goal(s.page))} | ${s.status} |`);
    const scales = [...new Set(r.server.map((s) => s.babies))].sort((a, b) => a - b);
    if (scales.length >= 2) {
      L.push('', `Growth from ${scales[0]} to ${scales.at(-1)} babies (goal: ten times the data costs less than twice the time, p50):`, '');
      L.push('| page | p50 small | p50 full | factor | within |', '|---|---:|---:|---:|---|');
      for (const s of r.server.filter((x) => x.babies === scales[0])) {
        const big = r.server.find((x) => x.babies === scales.at(-1) && x.page === s.page);
        if (big) L.push(`| ${s.page} | ${s.p50.toFixed(0)} | ${big.p50.toFixed(0)} | ${(big.p50 / s.p50).toFixed(2)} | ${yes(big.p50 / s.p50 < 2)} |`);
      }
    }
    L.push('');
  }
  return L.join('\n') + '\n';
}

if (require.main === module) {
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      void stopAll().finally(() => process.exit(130));
    });
  main().catch(async (e) => {
    console.error(e);
    await stopAll();
    process.exit(1);
  });
}
