/**
 * `npm run bench:profile` (issue #31): where a page's server time goes. For each page of the
 * throughput table, the production server (the standalone build: run `npm run build` first,
 * or leave BENCH_SKIP_BUILD unset to build) is started under `node --cpu-prof`, driven with
 * autocannon (20 connections) and stopped; the .cpuprofile of the load window is summarised:
 * CPU ms per request, and the share of the samples per area — session handling (Auth.js / jose
 * JWT decoding, lib/auth), the database driver (postgres.js, drizzle), next-intl, proxy.ts and
 * the CSP nonce, React's server render, the Next.js runtime, Node's HTTP and streams, logging,
 * garbage collection. Before that, one server with DB_QUERY_LOG counts the queries per
 * request (the text of each, never its parameters) and times 30 requests at one connection.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:profile
 *   BENCH_PAGES=login,kader,...   BENCH_TP_SECONDS=10   BENCH_SKIP_BUILD=1   BENCH_PORT_BASE=3661
 *
 * Writes bench/results/profile.json and prints a Markdown table (for docs/performance.md,
 * "Where the time goes"); the profiles stay in bench/.work/profiles for Chrome DevTools.
 * The bare Next.js dynamic page is measured before each page (same seconds), for the ratio.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import { buildBareApp, BARE_DIR } from './bare-app';
import { createDatabase, dropDatabase } from './pg';
import { cookieHeader, signIn } from './kader-client';
import { gitCommit, log, nextBuild, pct, PORTS, ROOT, startServer, stopAll, WORK, type Server } from './support';

export type PageSpec = { key: string; page: string; path: string; role: 'public' | 'kader' | 'ibu' | 'staff' };

/** The pages of issue #31's table. */
export const PAGES: PageSpec[] = [
  { key: 'login', page: 'sign-in (signed out)', path: '/login', role: 'public' },
  { key: 'kader', page: "kader's today list", path: '/kader', role: 'kader' },
  { key: 'kader-ibu', page: "kader's mothers", path: '/kader/ibu', role: 'kader' },
  { key: 'ibu', page: "mother's page", path: '/ibu', role: 'ibu' },
  { key: 'forum', page: 'forum (mother)', path: '/forum', role: 'ibu' },
  { key: 'staff-ibu', page: 'staff registry', path: '/staff/ibu', role: 'staff' },
  { key: 'staff', page: 'staff dashboard', path: '/staff', role: 'staff' },
];

// ---- .cpuprofile summary ----------------------------------------------------------------------

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type CpuProfile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Areas, first match wins walking from the sampled frame up its stack. */
const AREAS: [string, (f: Frame, chunk: string) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  [
    'session (Auth.js, jose JWT, lib/auth)',
    (f, c) =>
      /next-auth|@auth[/_]core|[/_]jose[/_]|panva|lib[/_]auth/.test(c) ||
      /^(jwtDecrypt|compactDecrypt|flattenedDecrypt|hkdf|getDerivedEncryptionKey|decode)$/.test(f.functionName),
  ],
  ['database driver (postgres.js, drizzle)', (f, c) => /node_modules[/_]postgres[/_]|drizzle-orm|db[/_]client/.test(c)],
  ['next-intl and messages', (f, c) => /next-intl|use-intl|intl-messageformat|@formatjs|messages[/_](id|en)/.test(c)],
  ['proxy.ts and CSP nonce', (f, c) => /proxy|middleware|lib[/_]security/.test(c)],
  ['logging (pino, request log)', (f, c) => /pino|log-core|sonic-boom|thread-stream/.test(c)],
  ['React server render (Fizz, Flight)', (f, c) => /react-dom|react-server|react\.production|react-jsx|server\.edge|server\.node/.test(c)],
  ['our code (app, components, lib)', (f, c) => /(^|[/_])(app|components|lib)[/_]/.test(c) && !/node_modules/.test(c)],
  ['Next.js runtime', (f, c) => /next[/_]dist|\.next[/_]server/.test(c)],
  ['Node (HTTP, streams, crypto, timers)', (f) => f.url.startsWith('node:') || (f.url === '' && f.functionName !== '(program)' && f.functionName !== '(idle)')],
];

export type ProfileSummary = { busyMs: number; windowMs: number; areas: Record<string, number>; topSelf: { name: string; ms: number }[] };

/**
 * Summarises the samples between `from` and `to` (µs after the profile's start): time per area
 * (the sampled frame's area, or its nearest caller's), and the heaviest functions by self time.
 * Turbopack's server chunks carry module paths in their names (and each function's own name),
 * which is what the areas match.
 */
export function summarise(p: CpuProfile, fromUs: number, toUs: number): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = areaOf.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const f = n.callFrame;
    if (f.functionName === '(idle)') return 'idle';
    const chunk = chunkLabel(f.url);
    let area = AREAS.find(([, m]) => m(f, chunk))?.[0];
    if (!area) {
      const up = parent.get(id);
      area = up === undefined ? 'other' : resolve(up);
    }
    areaOf.set(id, area);
    return area;
  };
  const areas: Record<string, number> = {};
  const self = new Map<string, number>();
  let t = 0;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    if (t < fromUs || t > toUs) continue;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const id = p.samples[i]!;
    const area = resolve(id);
    if (area === 'idle') continue;
    busy += dt;
    areas[area] = (areas[area] ?? 0) + dt;
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${chunkLabel(f.url)}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  const topSelf = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { busyMs: busy, windowMs: (toUs - fromUs) / 1000, areas, topSelf };
}

/** A short label for a script URL: the chunk's file name, or the node: module. */
function chunkLabel(url: string): string {
  if (!url) return '';
  const clean = url.replace(/^file:\/\//, '');
  const at = clean.indexOf('/.next/');
  return at >= 0 ? clean.slice(at + 1) : clean.replace(ROOT + '/', '');
}

// ---- the run ------------------------------------------------------------------------------------

const only = new Set((process.env.BENCH_PAGES ?? PAGES.map((p) => p.key).join(',')).split(','));
const SECONDS = Number(process.env.BENCH_TP_SECONDS ?? 10);
const login = (role: string) => DEMO_LOGINS.filter((l) => l.role === role)[0]!.phone;

async function hammer(url: string, cookie: string | undefined, connections: number, seconds: number) {
  const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/** Server time at one connection: 30 sequential GETs after 5 of warm-up, time to the full body. */
export async function oneConnectionP50(url: string, cookie?: string, n = 30): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const r = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    await r.arrayBuffer();
    if (i >= 5) ms.push(performance.now() - t0);
  }
  return pct(ms, 50);
}

/** Resident memory of a process (Linux /proc): current and peak, MB. */
export function memoryOf(pid: number | undefined): { rssMb: number; peakMb: number } | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function main() {
  const base = process.env.DATABASE_URL;
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    nextBuild(ROOT);
    spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(path.join(ROOT, '.next', 'standalone', 'scripts', 'server.mjs'))) throw new Error('no standalone build: run `npm run build`');
  if (!fs.existsSync(path.join(BARE_DIR, '.next', 'BUILD_ID'))) buildBareApp();
  const demoDb = `kekasihku_bench31_${randomBytes(3).toString('hex')}`;
  const dbEnv = base ? { DATABASE_URL: await createDatabase(base, demoDb), PGLITE_DIR: '' } : { DATABASE_URL: '', PGLITE_DIR: path.join(WORK, `pglite-${Date.now()}`) };
  const env = { DEMO_DATA: '1', ...dbEnv, AUTH_SECRET: randomBytes(32).toString('base64url') };
  const profDir = path.join(WORK, 'profiles');
  fs.rmSync(profDir, { recursive: true, force: true });
  const queryLog = path.join(WORK, 'queries.log');
  const started = new Date();
  const loadAtStart = loadavg();
  const rows: Record<string, unknown>[] = [];
  try {
    // 1. Sign in, count queries and time one connection on a server with the query log.
    fs.writeFileSync(queryLog, '');
    let portal: Server = await startServer(ROOT, PORTS.portal, { ...env, DB_QUERY_LOG: queryLog }, '/login');
    const cookies: Record<string, string | undefined> = { public: undefined };
    // Signed in through Auth.js's own endpoints (no browser needed).
    for (const role of ['kader', 'ibu', 'staff'] as const) cookies[role] = cookieHeader(await signIn(portal.url, login(role), DEMO_PASSWORD));
    const counted: Record<string, { perRequest: number; shapes: [string, number][]; p50: number }> = {};
    const N = 10;
    for (const spec of PAGES.filter((p) => only.has(p.key))) {
      const url = portal.url + spec.path;
      for (let i = 0; i < 3; i++) await (await fetch(url, { headers: cookies[spec.role] ? { cookie: cookies[spec.role]! } : {}, redirect: 'manual' })).arrayBuffer();
      const before = fs.readFileSync(queryLog, 'utf8').split('\n').length - 1;
      for (let i = 0; i < N; i++) await (await fetch(url, { headers: cookies[spec.role] ? { cookie: cookies[spec.role]! } : {}, redirect: 'manual' })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 200));
      const lines = fs.readFileSync(queryLog, 'utf8').split('\n').slice(before, -1);
      const shapes = new Map<string, number>();
      for (const l of lines) shapes.set(l.slice(0, 160), (shapes.get(l.slice(0, 160)) ?? 0) + 1);
      counted[spec.key] = {
        perRequest: lines.length / N,
        shapes: [...shapes.entries()].sort((a, b) => b[1] - a[1]).map(([q, n]) => [q, n / N]),
        p50: 0,
      };
    }
    await portal.stop();
    // One connection, without the query log.
    portal = await startServer(ROOT, PORTS.portal, env, '/login');
    for (const spec of PAGES.filter((p) => only.has(p.key))) counted[spec.key]!.p50 = await oneConnectionP50(portal.url + spec.path, cookies[spec.role]);
    await portal.stop();

    // 2. Per page: the bare page, then the portal under the profiler.
    const bare = await startServer(BARE_DIR, PORTS.bare, {}, '/');
    const bareP50 = await oneConnectionP50(`${bare.url}/dynamic`);
    for (const spec of PAGES.filter((p) => only.has(p.key))) {
      await oneConnectionP50(`${bare.url}/dynamic`, undefined, 5);
      const b = await hammer(`${bare.url}/dynamic`, undefined, 20, SECONDS);
      const dir = path.join(profDir, spec.key);
      fs.mkdirSync(dir, { recursive: true });
      const server = await startServer(ROOT, PORTS.portal, env, '/login', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const url = server.url + spec.path;
      await oneConnectionP50(url, cookies[spec.role], 20);
      const t0 = performance.now();
      const r = await hammer(url, cookies[spec.role], 20, SECONDS);
      const t1 = performance.now();
      const mem = memoryOf(server.child.pid);
      const tStop = performance.now();
      await server.stop();
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      let summary: ProfileSummary | null = null;
      if (file) {
        const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
        // The load window, counted back from the end of the profile (the stop takes what is left).
        const endUs = prof.endTime - prof.startTime;
        const stopUs = (performance.now() - tStop) * 1000;
        const toUs = Math.max(0, endUs - stopUs);
        summary = summarise(prof, toUs - (t1 - t0) * 1000, toUs);
      }
      const row = {
        key: spec.key,
        page: spec.page,
        path: spec.path,
        bareRps: b.rps,
        rps: r.rps,
        ratio: r.rps / b.rps,
        requests: r.total,
        non2xx: r.non2xx,
        p50Load: r.p50,
        p50One: counted[spec.key]!.p50,
        bareP50One: bareP50,
        queries: counted[spec.key]!.perRequest,
        queryShapes: counted[spec.key]!.shapes,
        memory: mem,
        cpuMsPerRequest: summary ? summary.busyMs / r.total : null,
        areas: summary ? Object.fromEntries(Object.entries(summary.areas).map(([k, v]) => [k, v / (summary.busyMs || 1)])) : null,
        topSelf: summary?.topSelf ?? [],
        load: loadavg(),
      };
      rows.push(row);
      log(
        `${spec.page.padEnd(22)} ${r.rps.toFixed(1)} req/s (bare ${b.rps.toFixed(1)}, ratio ${row.ratio.toFixed(3)}), ${row.queries} queries, CPU ${row.cpuMsPerRequest?.toFixed(1)} ms/request, load ${row.load}`,
      );
    }
    await bare.stop();
  } finally {
    await stopAll();
    if (base) await dropDatabase(base, demoDb);
    if (dbEnv.PGLITE_DIR) fs.rmSync(dbEnv.PGLITE_DIR, { recursive: true, force: true });
  }
  const result = {
    date: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: gitCommit(),
    load: `${loadAtStart} at start, ${loadavg()} at end`,
    seconds: SECONDS,
    rows,
  };
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'profile.json'), JSON.stringify(result, null, 2));
  console.log('\n' + report(result));
}

const AREA_ORDER = [...AREAS.map(([a]) => a), 'other'];

export function report(r: { date: string; commit: string; load: string; seconds: number; rows: Record<string, unknown>[] }): string {
  const L: string[] = [];
  L.push(`Profiled ${r.date}, commit ${r.commit}, load average ${r.load} (1/5/15 min), ${r.seconds} s per page at 20 connections under \`node --cpu-prof\`.`, '');
  L.push(
    '| page | req/s | bare | ratio | p50 1 conn ms | queries/req | CPU ms/req | RSS MB | ' + AREA_ORDER.map((a) => a.replace(/ \(.*\)$/, '')).join(' | ') + ' |',
    '|---|---:|---:|---:|---:|---:|---:|---:|' + AREA_ORDER.map(() => '---:').join('|') + '|',
  );
  for (const row of r.rows as {
    page: string;
    path: string;
    rps: number;
    bareRps: number;
    ratio: number;
    p50One: number;
    queries: number;
    cpuMsPerRequest: number | null;
    memory: { rssMb: number } | null;
    areas: Record<string, number> | null;
  }[]) {
    L.push(
      `| ${row.page} (\`${row.path}\`) | ${row.rps.toFixed(1)} | ${row.bareRps.toFixed(0)} | ${row.ratio.toFixed(3)} | ${row.p50One.toFixed(0)} | ${row.queries} | ${row.cpuMsPerRequest?.toFixed(1) ?? '–'} | ${row.memory?.rssMb ?? '–'} | ` +
        AREA_ORDER.map((a) => (row.areas?.[a] ? `${(row.areas[a] * 100).toFixed(0)} %` : '–')).join(' | ') +
        ' |',
    );
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
