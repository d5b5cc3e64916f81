/**
 * Load benchmark of the kader's phone traffic against running production instances: each
 * virtual kader signs in once, then in a loop opens her today list (GET /kader) and, one time
 * in three, submits a visit through the visit form's server action (a new visit id each time,
 * as the phone makes it). Prints throughput and latency percentiles per kind of request.
 *
 *   BENCH_URLS=http://127.0.0.1:3145[,http://127.0.0.1:3146] BENCH_USERS=20 BENCH_SECONDS=30 npm run bench:load
 *
 * Several URLs: requests go round-robin over them (a load balancer). The instances must run a
 * build of this tree (the action id is read from .next) with the demo data (DEMO_DATA=1).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import { babyIdsOf, fetchToday, newVisit, postVisit, signIn, todayOk, visitActionId, visitSaved } from './kader-client';

const urls = (process.env.BENCH_URLS ?? 'http://127.0.0.1:3145').split(',').map((u) => u.trim().replace(/\/$/, ''));
const users = Number(process.env.BENCH_USERS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const kaders = DEMO_LOGINS.filter((l) => l.role === 'kader');
const actionId = visitActionId();

let turn = 0;
const nextUrl = () => urls[turn++ % urls.length]!;

type Sample = { kind: 'today' | 'visit'; ms: number; ok: boolean };
const samples: Sample[] = [];
const statuses: Record<string, number> = {};

async function timed(kind: Sample['kind'], f: () => Promise<Response>, check: (r: Response, text: string) => boolean) {
  const t0 = performance.now();
  let ok = false;
  let text = '';
  try {
    const res = await f();
    text = await res.text();
    statuses[`${kind} ${res.status}`] = (statuses[`${kind} ${res.status}`] ?? 0) + 1;
    ok = check(res, text);
    if (!ok && process.env.BENCH_DEBUG) console.error(kind, res.status, JSON.stringify([...res.headers]), text.slice(0, 400));
  } catch (err) {
    statuses[`${kind} ${(err as Error).name}`] = (statuses[`${kind} ${(err as Error).name}`] ?? 0) + 1;
  }
  samples.push({ kind, ms: performance.now() - t0, ok });
  return text;
}

async function virtualKader(n: number, until: number) {
  const jar = await signIn(urls[0]!, kaders[n % kaders.length]!.phone, DEMO_PASSWORD);
  let i = 0;
  while (Date.now() < until) {
    const html = await timed('today', () => fetchToday(nextUrl(), jar), todayOk);
    const babies = babyIdsOf(html);
    if (i++ % 3 === 0 && babies.length > 0) {
      const babyId = babies[Math.floor(Math.random() * babies.length)]!;
      const base = nextUrl();
      // Saved: the action redirects to the baby page (x-action-redirect); refused: field errors.
      await timed('visit', () => postVisit(base, jar, actionId, newVisit(babyId)), visitSaved);
    }
  }
}

function pct(xs: number[], p: number) {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  const until = Date.now() + seconds * 1000;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: users }, (_, n) => virtualKader(n, until)));
  const elapsed = (Date.now() - t0) / 1000;

  const report = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
    instances: urls.length,
    users,
    seconds: Number(elapsed.toFixed(1)),
    kinds: Object.fromEntries(
      (['today', 'visit'] as const).map((kind) => {
        const s = samples.filter((x) => x.kind === kind);
        const ms = s.map((x) => x.ms);
        return [
          kind,
          {
            requests: s.length,
            perSecond: Number((s.length / elapsed).toFixed(1)),
            failed: s.filter((x) => !x.ok).length,
            p50: Math.round(pct(ms, 50)),
            p95: Math.round(pct(ms, 95)),
            p99: Math.round(pct(ms, 99)),
          },
        ];
      }),
    ),
    totalPerSecond: Number((samples.length / elapsed).toFixed(1)),
    statuses,
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', `load-${Date.now()}.json`), JSON.stringify(report, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
