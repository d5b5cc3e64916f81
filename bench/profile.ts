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

/**
 * Areas by the original source of a frame (the build's source maps: the .js.map files in .next/server
 * and Next's compiled runtimes' own maps), first match wins. Node's built-ins and native frames
 * are transparent: a sample there counts for the nearest caller with an area (a socket write of
 * postgres.js is the database's, HKDF called by jose is the session's); without one (an async
 * callback) it counts as Node's own.
 */
const AREAS: [string, RegExp][] = [
  ['session (Auth.js, jose, lib/auth)', /next-auth|@auth\/core|%40auth\/core|\/jose\/|@panva\/hkdf|%40panva|^lib\/auth\/|^proxy\.ts/],
  // drizzle's own maps name its TypeScript sources node_modules/src/…
  ['database (postgres.js, drizzle)', /node_modules\/postgres\/|drizzle-orm|node_modules\/src\/|^db\//],
  ['next-intl and messages', /next-intl|use-intl|intl-messageformat|@formatjs|%40formatjs|^messages\/|^lib\/i18n\//],
  ['React render (Fizz, Flight)', /react-dom|react-server-dom|\/react\/|scheduler/],
  ['our pages and components', /^(app|components)\//],
  ['our lib (data, domain, format)', /^lib\//],
  ['logging (pino)', /pino|log-core|sonic-boom/],
  ['Next.js server and runtime', /next\/dist|^src\/|turbopack|^next\/|\.next\/|opentelemetry/],
];
const NODE_AREAS: [string, (f: Frame) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['Node: crypto (async jobs)', (f) => f.url.startsWith('node:internal/crypto')],
  [
    'Node: sockets and streams',
    (f) => /^node:(net|stream|_http|http|internal\/(streams|http|stream_base))/.test(f.url) || /^write(Buffer|String|v|Utf8String|Latin1String)$/.test(f.functionName),
  ],
  ['Node: runtime (async hooks, microtasks, timers, program)', () => true],
];

export type ProfileSummary = { busyMs: number; windowMs: number; areas: Record<string, number>; topSelf: { name: string; ms: number }[] };

type Mapper = (f: Frame) => string;

/** Frame → its original source path through the build's source maps (or the script's path). */
export async function sourceMapper(): Promise<Mapper> {
  let tm: typeof import('@jridgewell/trace-mapping') | null = null;
  try {
    tm = await import('@jridgewell/trace-mapping');
  } catch {
    tm = null; // chunk names only
  }
  const maps = new Map<string, InstanceType<typeof import('@jridgewell/trace-mapping').TraceMap> | null>();
  const mapOf = (file: string) => {
    if (!tm) return null;
    if (maps.has(file)) return maps.get(file)!;
    // The standalone folder has no maps: the build's own .next/server has them.
    const candidates = [
      file + '.map',
      file.replace('/.next/standalone/.next/', '/.next/') + '.map',
      file.replace('/.next/standalone/node_modules/', '/node_modules/') + '.map',
    ];
    const found = candidates.find((c) => fs.existsSync(c));
    let m = null;
    try {
      m = found ? new tm.TraceMap(fs.readFileSync(found, 'utf8')) : null;
    } catch {
      m = null;
    }
    maps.set(file, m);
    return m;
  };
  return (f) => {
    const file = f.url.replace(/^file:\/\//, '');
    if (!file.endsWith('.js')) return file;
    const m = mapOf(file);
    const pos = m && tm ? tm.originalPositionFor(m, { line: f.lineNumber + 1, column: f.columnNumber }) : null;
    return (pos?.source ?? chunkLabel(f.url))
      .replace(/^.*?\[project\]\//, '')
      .replace(/^webpack:\/\/next\/(\.\/)?/, 'next/')
      .replace(/^(\.\.\/)+/, '');
  };
}

/**
 * Summarises the samples between `from` and `to` (µs after the profile's start): time per area,
 * and the heaviest functions by self time (named by their original source).
 */
export function summarise(p: CpuProfile, fromUs: number, toUs: number, source: Mapper): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const jsArea = new Map<number, string | null>();
  const srcOf = new Map<number, string>();
  const src = (id: number) => {
    let v = srcOf.get(id);
    if (v === undefined) srcOf.set(id, (v = source(byId.get(id)!.callFrame)));
    return v;
  };
  const isNodeOwn = (f: Frame) => f.url === '' || f.url.startsWith('node:');
  // The area of the nearest frame (this or a caller) that is not Node's own, or null.
  const upArea = (id: number): string | null => {
    if (jsArea.has(id)) return jsArea.get(id)!;
    const f = byId.get(id)!.callFrame;
    let area: string | null;
    if (isNodeOwn(f)) {
      const up = parent.get(id);
      area = up === undefined ? null : upArea(up);
    } else {
      const s = src(id);
      area = AREAS.find(([, re]) => re.test(s))?.[0] ?? 'other JavaScript';
    }
    jsArea.set(id, area);
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
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    const area = f.functionName === '(garbage collector)' ? 'garbage collection' : (upArea(id) ?? NODE_AREAS.find(([, m]) => m(f))![0]);
    busy += dt;
    areas[area] = (areas[area] ?? 0) + dt;
    const name = `${f.functionName || '(anonymous)'} ${isNodeOwn(f) ? f.url : src(id)}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  const topSelf = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
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
/** Another build to profile (a folder with .next/standalone, e.g. a copy of an earlier build): a before/after pair in one run. */
const APP_DIR = process.env.BENCH_APP_DIR ?? ROOT;
/** 20 as the throughput bench; 1 for a gentle profile on a busy machine (shares stay meaningful). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
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
  if (!fs.existsSync(path.join(APP_DIR, '.next', 'standalone', 'scripts', 'server.mjs'))) throw new Error('no standalone build: run `npm run build`');
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
  const source = await sourceMapper();
  try {
    // 1. Sign in, count queries and time one connection on a server with the query log.
    fs.writeFileSync(queryLog, '');
    let portal: Server = await startServer(APP_DIR, PORTS.portal, { ...env, DB_QUERY_LOG: queryLog }, '/login');
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
    portal = await startServer(APP_DIR, PORTS.portal, env, '/login');
    for (const spec of PAGES.filter((p) => only.has(p.key))) counted[spec.key]!.p50 = await oneConnectionP50(portal.url + spec.path, cookies[spec.role]);
    await portal.stop();

    // 2. Per page: the bare page, then the portal under the profiler.
    const bare = await startServer(BARE_DIR, PORTS.bare, {}, '/');
    const bareP50 = await oneConnectionP50(`${bare.url}/dynamic`);
    for (const spec of PAGES.filter((p) => only.has(p.key))) {
      await oneConnectionP50(`${bare.url}/dynamic`, undefined, 5);
      const b = await hammer(`${bare.url}/dynamic`, undefined, CONNECTIONS, SECONDS);
      const dir = path.join(profDir, spec.key);
      fs.mkdirSync(dir, { recursive: true });
      const server = await startServer(APP_DIR, PORTS.portal, env, '/login', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const url = server.url + spec.path;
      await oneConnectionP50(url, cookies[spec.role], 20);
      const t0 = performance.now();
      const r = await hammer(url, cookies[spec.role], CONNECTIONS, SECONDS);
      const t1 = performance.now();
      const mem = memoryOf(server.child.pid);
      const tStop = performance.now();
      await server.stop();
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      let summary: ProfileSummary | null = null;
      let windowUs: [number, number] | null = null;
      if (file) {
        const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
        // The load window, counted back from the end of the profile (the stop takes what is left).
        const endUs = prof.endTime - prof.startTime;
        const stopUs = (performance.now() - tStop) * 1000;
        const toUs = Math.max(0, endUs - stopUs);
        windowUs = [toUs - (t1 - t0) * 1000, toUs];
        summary = summarise(prof, windowUs[0], windowUs[1], source);
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
        windowUs,
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
    connections: CONNECTIONS,
    rows,
  };
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'profile.json'), JSON.stringify(result, null, 2));
  console.log('\n' + report(result));
}

const AREA_ORDER = [...AREAS.map(([a]) => a), 'other JavaScript', ...NODE_AREAS.map(([a]) => a)];

export function report(r: { date: string; commit: string; load: string; seconds: number; connections?: number; rows: Record<string, unknown>[] }): string {
  const L: string[] = [];
  L.push(
    `Profiled ${r.date}, commit ${r.commit}, load average ${r.load} (1/5/15 min), ${r.seconds} s per page at ${r.connections ?? 20} connection(s) under \`node --cpu-prof\`.`,
    '',
  );
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

/**
 * BENCH_SUMMARISE=<profiles dir>:<profile.json>: summarise kept profiles again (e.g. after the
 * areas above changed) with the build's current source maps — the build must be the profiled one.
 */
async function resummarise(spec: string) {
  const [dir, json] = spec.split(':') as [string, string];
  const r = JSON.parse(fs.readFileSync(json, 'utf8')) as { date: string; commit: string; load: string; seconds: number; rows: Record<string, unknown>[] };
  const source = await sourceMapper();
  for (const row of r.rows) {
    const d = path.join(dir, String(row.key));
    const file = fs.existsSync(d) ? fs.readdirSync(d).find((f) => f.endsWith('.cpuprofile')) : undefined;
    if (!file) continue;
    const prof = JSON.parse(fs.readFileSync(path.join(d, file), 'utf8')) as CpuProfile;
    const end = prof.endTime - prof.startTime - 300_000;
    const w = (row.windowUs as [number, number] | null) ?? [end - r.seconds * 1e6, end];
    const sum = summarise(prof, w[0], w[1], source);
    row.cpuMsPerRequest = sum.busyMs / Number(row.requests);
    row.areas = Object.fromEntries(Object.entries(sum.areas).map(([k, v]) => [k, v / (sum.busyMs || 1)]));
    row.topSelf = sum.topSelf;
  }
  fs.writeFileSync(json, JSON.stringify(r, null, 2));
  console.log(report(r));
}

if (require.main === module && process.env.BENCH_SUMMARISE) {
  resummarise(process.env.BENCH_SUMMARISE).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
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
