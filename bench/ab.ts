/**
 * `npm run bench:ab` (issue #31): two production builds of the portal compared on one machine
 * in one run, interleaved, so that what the machine does meanwhile falls on both alike. Both are
 * started on one demo database (PostgreSQL from DATABASE_URL); each page is driven at 20
 * connections for BENCH_TP_SECONDS on A, then on B, BENCH_ROUNDS times; the medians are printed:
 * requests per second and CPU per request (the server process's user + system time from /proc
 * over the requests it served, garbage-collector threads included; no profiler).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_A=/path/to/old-checkout npm run bench:ab
 *   BENCH_B=<dir, default this checkout>  BENCH_A_ARGS / BENCH_B_ARGS="--max-semi-space-size=64" (node flags)
 *   BENCH_PAGES=kader,ibu,...  BENCH_ROUNDS=5  BENCH_TP_SECONDS=5
 *
 * Each folder must hold a production build (`npm run build`; an old commit: `git worktree add`,
 * `cp -al node_modules`, `npm run build` there). Linux only (/proc).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import { cookieHeader, signIn } from './kader-client';
import { createDatabase, dropDatabase } from './pg';
import { PAGES } from './profile';
import { log, PORTS, ROOT, startServer, stopAll } from './support';

const SECONDS = Number(process.env.BENCH_TP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const only = new Set((process.env.BENCH_PAGES ?? PAGES.map((p) => p.key).join(',')).split(','));
const args = (v: string | undefined) => (v ?? '').split(' ').filter(Boolean);
const login = (role: string) => DEMO_LOGINS.filter((l) => l.role === role)[0]!.phone;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** User + system CPU time of a process, ms (Linux /proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function drive(url: string, pid: number, cookie?: string) {
  const before = cpuMs(pid);
  const r = await autocannon({ url, connections: 20, duration: SECONDS, headers: cookie ? { cookie } : {} });
  return { rps: r.requests.average, cpu: (cpuMs(pid) - before) / Math.max(1, r.requests.total) };
}

async function main() {
  const base = process.env.DATABASE_URL;
  const dirA = process.env.BENCH_A;
  if (!base || !dirA) throw new Error('set DATABASE_URL and BENCH_A (a folder with a production build)');
  const dirB = process.env.BENCH_B ?? ROOT;
  const name = `kekasihku_bench_ab_${randomBytes(3).toString('hex')}`;
  const env = { DEMO_DATA: '1', DATABASE_URL: await createDatabase(base, name), PGLITE_DIR: '', AUTH_SECRET: randomBytes(32).toString('base64url') };
  try {
    const a = await startServer(dirA, PORTS.portal, env, '/login', args(process.env.BENCH_A_ARGS));
    const b = await startServer(dirB, PORTS.bare, env, '/login', args(process.env.BENCH_B_ARGS));
    const cookies: Record<string, string | undefined> = {};
    for (const role of ['kader', 'ibu', 'staff']) cookies[role] = cookieHeader(await signIn(a.url, login(role), DEMO_PASSWORD));
    console.log(`A ${dirA}\nB ${dirB}\n\n| page | req/s A → B | CPU ms / request A → B |\n|---|---:|---:|`);
    for (const spec of PAGES.filter((p) => only.has(p.key))) {
      const cookie = cookies[spec.role];
      for (const s of [a, b]) for (let i = 0; i < 10; i++) await (await fetch(s.url + spec.path, { headers: cookie ? { cookie } : {} })).arrayBuffer();
      const runs = { a: [] as { rps: number; cpu: number }[], b: [] as { rps: number; cpu: number }[] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.a.push(await drive(a.url + spec.path, a.child.pid!, cookie));
        runs.b.push(await drive(b.url + spec.path, b.child.pid!, cookie));
      }
      const m = (side: 'a' | 'b', k: 'rps' | 'cpu') => median(runs[side].map((r) => r[k])).toFixed(1);
      log(`${spec.key}: A ${runs.a.map((r) => r.rps.toFixed(0)).join(' ')} req/s, B ${runs.b.map((r) => r.rps.toFixed(0)).join(' ')} req/s`);
      console.log(`| ${spec.page} (\`${spec.path}\`) | ${m('a', 'rps')} → ${m('b', 'rps')} | ${m('a', 'cpu')} → ${m('b', 'cpu')} |`);
    }
  } finally {
    await stopAll();
    await dropDatabase(base, name);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
