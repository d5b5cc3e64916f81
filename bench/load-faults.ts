/**
 * Load and faults (issue #10), not part of `npm test`:
 *
 *   npm run bench:faults                 # 50 kaders, 60 s per phase, both phases
 *   BENCH_USERS=10 BENCH_SECONDS=20 BENCH_PHASES=load npm run bench:faults
 *
 * 1. A private PostgreSQL 15 cluster (bench/pg-cluster.ts: initdb in a temporary folder, port
 *    55432 or the next free one), so that phase B can stop and start it without touching any
 *    other server; removed at the end, also on Ctrl-C or failure. BENCH_DATABASE_URL uses
 *    another server instead (a fresh database on it, dropped afterwards); phase B then runs only
 *    with BENCH_STOP_CMD and BENCH_START_CMD (shell commands that stop and start that server).
 * 2. The production build of this tree (`npm run build` when .next/standalone is missing or
 *    older than the sources), started as `npm start` starts it (.next/standalone/scripts/
 *    server.mjs) with DEMO_DATA=1 on port 3545 (BENCH_PORT).
 * 3. Its own kaders: the demo has ten, so the bench adds BENCH_USERS kader accounts (each in a
 *    posyandu of her own in a demo village, with 12 mothers and their babies of 5 to 159 days)
 *    through the real schema, password hash from lib/auth/password.ts. One account per virtual
 *    kader: each has her own session row and her own today list.
 * 4. Phase A (steady): every kader loops: today list (GET /kader), then a visit through the
 *    visit form's server action with a new id made on the device; 5% are sent twice at once
 *    (double tap) and 5% again after the answer (resend), each counted once. Zero errors
 *    required; then the database must hold exactly the visits the clients were told were saved,
 *    each with its one audit row, and the babies' stored state must equal its recomputation.
 * 5. Phase B (faults): the same load; after BENCH_FAULT_AT s (15) the cluster is stopped
 *    (BENCH_STOP_MODE fast | immediate), BENCH_DOWN_SECONDS (10) later started again. A visit
 *    that fails stays in the kader's outbox and is sent again with the same id (the phone's
 *    outbox). While the database is down every request must fail fast (the larger of
 *    BENCH_OUTAGE_BOUND_MS, 5000, and twice the p95 before the stop: a hang is refused, a loaded
 *    machine's slowness is not) with the clear message — the visit action answers the form
 *    error `visit.unavailable`, pages the error page — or be served after the start if the
 *    portal only got to it then; /api/health/ready 503. After the start, requests must succeed again
 *    within BENCH_RECOVERY_SECONDS (10). Then nothing may be half-written: every visit the
 *    clients were told was saved is stored; every stored visit is one the clients sent; each has
 *    exactly one audit row; after the outboxes are emptied the stored visits are exactly the
 *    acknowledged ones.
 *
 * Prints a table, writes bench/results/faults-*.json, exits 1 when a requirement fails.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rowsOf, type Db, type DbHandle } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { babies, mothers, posyandu, users, villages } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { hashPassword } from '@/lib/auth/password';
import { addDays, firstBreak, hasConfirmation, normalizePhone, type BabyFacts, type BreakReason } from '@/lib/domain';
import { CONSENT_TEXT_VERSION } from '@/lib/validation/mother';
import { babyIdsOf, fetchToday, newVisit, postVisit, signIn, todayJakarta, todayOk, visitActionId, visitFormError, visitSaved, type Jar } from './kader-client';
import { freePort, PgCluster } from './pg-cluster';
import { gitCommit, log, pct, ROOT, sleep, startServer, stopAll, WORK, type Server } from './support';

const env = process.env;
const KADERS = Number(env.BENCH_USERS ?? 50);
const SECONDS = Number(env.BENCH_SECONDS ?? 60);
const PHASES = (env.BENCH_PHASES ?? 'load,faults').split(',').map((s) => s.trim());
const FAULT_AT = Number(env.BENCH_FAULT_AT ?? 15) * 1000;
const DOWN_FOR = Number(env.BENCH_DOWN_SECONDS ?? 10) * 1000;
const STOP_MODE = (env.BENCH_STOP_MODE ?? 'fast') as 'fast' | 'immediate';
const OUTAGE_BOUND_MS = Number(env.BENCH_OUTAGE_BOUND_MS ?? 5000);
const RECOVERY_BOUND_MS = Number(env.BENCH_RECOVERY_SECONDS ?? 10) * 1000;
const REQUEST_TIMEOUT_MS = Number(env.BENCH_REQUEST_TIMEOUT_MS ?? 30_000);
const PORT = Number(env.BENCH_PORT ?? 3545);
const MOTHERS_PER_KADER = 12;
/** The error page (app/error.tsx, messages/id.json errors.genericTitle). */
const ERROR_PAGE_TEXT = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages', 'id.json'), 'utf8')).errors.genericTitle as string;

// ---------------------------------------------------------------------------------------------
// Build, database, portal

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** `npm run build` unless .next/standalone is newer than every source (what scripts/start.mjs checks). */
function buildIfStale() {
  const buildId = path.join(ROOT, '.next', 'standalone', '.next', 'BUILD_ID');
  const newest = Math.max(
    ...['app', 'components', 'lib', 'db', 'messages', 'next.config.ts', 'proxy.ts', 'instrumentation.ts', 'package-lock.json', 'scripts'].map((p) =>
      newestMtime(path.join(ROOT, p)),
    ),
  );
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newest) return log('the production build is up to date');
  log('building (npm run build)…');
  const t = Date.now();
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  log(`built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

type Fault = { stop: () => Promise<void>; start: () => Promise<void>; describe: string };

function shell(cmd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', cmd], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code})`))));
  });
}

// ---------------------------------------------------------------------------------------------
// The bench's kaders

type BenchKader = { id: string; phone: string; babyIds: string[] };

async function addKaders(db: Db, n: number): Promise<BenchKader[]> {
  const [demoKader] = await db
    .select({ puskesmasId: users.puskesmasId })
    .from(users)
    .where(eq(users.phone, normalizePhone('0812-2000-0001')!));
  if (!demoKader) throw new Error('the demo data is missing (DEMO_DATA=1)');
  const puskesmasId = demoKader.puskesmasId!;
  const vs = await db.select({ id: villages.id }).from(villages).where(eq(villages.puskesmasId, puskesmasId));
  const hash = await hashPassword(DEMO_PASSWORD);
  const today = todayJakarta();
  const out: BenchKader[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const villageId = vs[i % vs.length]!.id;
      const [p] = await tx
        .insert(posyandu)
        .values({ puskesmasId, villageId, name: `Posyandu Uji Beban ${i + 1}`, rw: String((i % 12) + 1).padStart(2, '0') })
        .returning({ id: posyandu.id });
      const phone = `0812-9900-${String(i + 1).padStart(4, '0')}`;
      const [k] = await tx
        .insert(users)
        .values({ puskesmasId, role: 'kader', name: `Kader Uji ${i + 1}`, phone: normalizePhone(phone)!, passwordHash: hash, posyanduId: p!.id, villageId })
        .returning({ id: users.id });
      const ms = await tx
        .insert(mothers)
        .values(
          Array.from({ length: MOTHERS_PER_KADER }, (_, j) => ({
            puskesmasId,
            villageId,
            posyanduId: p!.id,
            name: `Ibu Uji ${i + 1}-${j + 1}`,
            consentAt: new Date(),
            consentTextVersion: CONSENT_TEXT_VERSION,
            consentRecordedBy: k!.id,
            createdBy: k!.id,
          })),
        )
        .returning({ id: mothers.id });
      const bs = await tx
        .insert(babies)
        .values(ms.map((m, j) => ({ puskesmasId, motherId: m.id, sex: j % 2 ? ('P' as const) : ('L' as const), birthDate: addDays(today, -(5 + j * 14)) })))
        .returning({ id: babies.id });
      // Their coverage rows, as a registration stores them (db/coverage.ts).
      await refreshCoverage(
        tx,
        bs.map((b) => b.id),
      );
      out.push({ id: k!.id, phone, babyIds: bs.map((b) => b.id) });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The load

type Kind = 'today' | 'visit' | 'resend' | 'retry';
type Outcome = 'ok' | 'clear' | 'error' | 'network' | 'timeout';
type Sample = { kind: Kind; t0: number; t1: number; ms: number; status: number; outcome: Outcome; detail?: string; visitId?: string };
type Values = ReturnType<typeof newVisit>;

type PhaseRun = {
  name: 'load' | 'faults';
  samples: Sample[];
  /** Visit ids sent, acknowledged (saved), and those whose last answer was a failure or none. */
  sent: Set<string>;
  acked: Set<string>;
  unanswered: Set<string>;
  outboxes: Map<number, Values[]>;
  started: number;
  elapsedS: number;
  marks: Record<string, number>;
  health: { t: number; t1: number; status: number }[];
};

function classifyToday(res: Response, text: string): Outcome {
  if (todayOk(res, text)) return 'ok';
  if (res.status >= 500 && text.includes(ERROR_PAGE_TEXT)) return 'clear';
  return 'error';
}
function classifyVisit(res: Response, text: string): Outcome {
  if (visitSaved(res)) return 'ok';
  if (res.status === 200 && visitFormError(text) === 'visit.unavailable') return 'clear';
  return 'error';
}

async function call(run: PhaseRun, kind: Kind, f: (signal: AbortSignal) => Promise<Response>, classify: (r: Response, t: string) => Outcome, visitId?: string) {
  const t0 = performance.now();
  let outcome: Outcome;
  let status = 0;
  let text = '';
  let detail: string | undefined;
  try {
    const res = await f(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    status = res.status;
    text = await res.text();
    outcome = classify(res, text);
    if (outcome === 'error') detail = `${res.status} ${res.headers.get('content-type') ?? ''} ${text.slice(0, 200).replace(/\s+/g, ' ')}`;
  } catch (err) {
    const name = (err as Error).name;
    outcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
    detail = `${name}: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`;
  }
  const t1 = performance.now();
  run.samples.push({ kind, t0: t0 - run.started, t1: t1 - run.started, ms: t1 - t0, status, outcome, detail, visitId });
  return { outcome, text };
}

async function sendVisit(run: PhaseRun, base: string, jar: Jar, actionId: string, v: Values, kind: Kind): Promise<Outcome> {
  run.sent.add(v.id);
  const { outcome } = await call(run, kind, (signal) => postVisit(base, jar, actionId, v, signal), classifyVisit, v.id);
  if (outcome === 'ok') {
    run.acked.add(v.id);
    run.unanswered.delete(v.id);
  } else if (!run.acked.has(v.id)) run.unanswered.add(v.id);
  return outcome;
}

async function virtualKader(run: PhaseRun, n: number, base: string, jar: Jar, k: BenchKader, actionId: string, until: number) {
  const outbox = run.outboxes.get(n) ?? [];
  run.outboxes.set(n, outbox);
  let known = k.babyIds;
  while (Date.now() < until) {
    const { outcome, text } = await call(run, 'today', (signal) => fetchToday(base, jar, signal), classifyToday);
    if (outcome === 'ok') known = babyIdsOf(text).filter((id) => k.babyIds.includes(id));
    if (Date.now() >= until) break;
    if (outbox.length > 0) {
      // The phone's outbox: the visit that failed goes again, with the same id.
      const v = outbox[0]!;
      if ((await sendVisit(run, base, jar, actionId, v, 'retry')) === 'ok') outbox.shift();
      else await sleep(500);
      continue;
    }
    const babyId = known[Math.floor(Math.random() * known.length)] ?? k.babyIds[0]!;
    const v = newVisit(babyId, { formula: Math.random() < 0.15 });
    const r = Math.random();
    let outcomes: Outcome[];
    if (r < 0.05) {
      // Double tap: the same visit twice at once.
      outcomes = await Promise.all([sendVisit(run, base, jar, actionId, v, 'visit'), sendVisit(run, base, jar, actionId, v, 'resend')]);
    } else {
      outcomes = [await sendVisit(run, base, jar, actionId, v, 'visit')];
      // Sent again after the answer (the kader did not see it, or the outbox resent it).
      if (r < 0.1 && outcomes[0] === 'ok') outcomes.push(await sendVisit(run, base, jar, actionId, v, 'resend'));
    }
    if (!outcomes.includes('ok')) outbox.push(v);
  }
}

async function runPhase(name: PhaseRun['name'], base: string, jars: Jar[], ks: BenchKader[], actionId: string, fault?: Fault): Promise<PhaseRun> {
  const run: PhaseRun = {
    name,
    samples: [],
    sent: new Set(),
    acked: new Set(),
    unanswered: new Set(),
    outboxes: new Map(),
    started: performance.now(),
    elapsedS: 0,
    marks: {},
    health: [],
  };
  const until = Date.now() + SECONDS * 1000;
  const mark = (m: string) => (run.marks[m] = performance.now() - run.started);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = performance.now() - run.started;
      let status = 0;
      try {
        const r = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
        status = r.status;
        await r.arrayBuffer();
      } catch {
        status = 0;
      }
      run.health.push({ t, t1: performance.now() - run.started, status });
      await sleep(500);
    }
  })();
  const faulting = fault
    ? (async () => {
        await sleep(FAULT_AT);
        mark('stopCalled');
        log(`${name}: stopping the database (${fault.describe})`);
        await fault.stop();
        mark('stopped');
        await sleep(DOWN_FOR);
        mark('startCalled');
        log(`${name}: starting the database`);
        await fault.start();
        mark('started');
        log(`${name}: database started (${((run.marks.started! - run.marks.stopped!) / 1000).toFixed(1)} s after it stopped)`);
      })()
    : Promise.resolve();
  await Promise.all([...ks.map((k, n) => virtualKader(run, n, base, jars[n]!, k, actionId, until)), faulting]);
  run.elapsedS = (performance.now() - run.started) / 1000;
  polling = false;
  await poller;
  return run;
}

/** After phase B: every outbox is sent until saved (the phones come back online). */
async function drainOutboxes(run: PhaseRun, base: string, jars: Jar[], actionId: string) {
  const before = run.samples.length;
  await Promise.all(
    [...run.outboxes].map(async ([n, outbox]) => {
      for (let attempt = 0; outbox.length > 0 && attempt < 10; attempt++) {
        if ((await sendVisit(run, base, jars[n]!, actionId, outbox[0]!, 'retry')) === 'ok') {
          outbox.shift();
          attempt = -1;
        } else await sleep(1000);
      }
    }),
  );
  // Not counted in the phase's throughput: they ran after it.
  return run.samples.splice(before);
}

// ---------------------------------------------------------------------------------------------
// What the database holds

type DbCheck = {
  visits: number;
  distinctIds: number;
  missing: string[];
  extra: string[];
  notSent: string[];
  auditMissing: number;
  auditDuplicated: number;
  auditOrphans: number;
  stateMismatchDomain: number;
};

async function checkDatabase(
  db: Db,
  kaderIds: string[],
  acked: Set<string>,
  allowedExtra: Set<string>,
  sentEver: Set<string>,
  before: Set<string>,
): Promise<DbCheck & { ids: Set<string> }> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text as id from visits where kader_id in ${sql.raw(`(${kaderIds.map((k) => `'${k}'`).join(',')})`)}`),
  );
  const ids = new Set(rows.map((r) => r.id).filter((id) => !before.has(id)));
  const [audit] = rowsOf<{ missing: number; duplicated: number; orphans: number }>(
    await db.execute(sql`
      with v as (select id::text as id from visits where kader_id in ${sql.raw(`(${kaderIds.map((k) => `'${k}'`).join(',')})`)}),
           a as (select entity_id as id, count(*)::int as n from audit_log where entity = 'visit' and action = 'visit.create'
                   and user_id in ${sql.raw(`(${kaderIds.map((k) => `'${k}'`).join(',')})`)} group by entity_id)
      select (select count(*)::int from v left join a using (id) where a.id is null) as missing,
             (select count(*)::int from a where n > 1) as duplicated,
             (select count(*)::int from a left join v using (id) where v.id is null) as orphans`),
  );
  // The same state from lib/domain, for the bench's babies (every visit they have).
  const bs = await db
    .select({
      id: babies.id,
      sex: babies.sex,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      stateFirstBreak: babies.stateFirstBreak,
      stateConfirmed: babies.stateConfirmed,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(users, and(eq(users.posyanduId, mothers.posyanduId), eq(users.role, 'kader')))
    .where(inArray(users.id, kaderIds));
  const vs = rowsOf<{
    baby_id: string;
    visit_date: string;
    breastfed: boolean;
    recall_items: string[];
    given_since_last: boolean;
    given_since_last_date: string | null;
    confirmed_exclusive: boolean | null;
    break_reason: string | null;
  }>(
    await db.execute(sql`select baby_id::text, visit_date::text, breastfed, recall_items, given_since_last, given_since_last_date::text, confirmed_exclusive, break_reason::text
      from visits where baby_id in (select b.id from babies b join mothers m on m.id = b.mother_id join users u on u.posyandu_id = m.posyandu_id and u.role = 'kader'
      where u.id in ${sql.raw(`(${kaderIds.map((k) => `'${k}'`).join(',')})`)})`),
  );
  const byBaby = new Map<string, typeof vs>();
  for (const v of vs) byBaby.set(v.baby_id, [...(byBaby.get(v.baby_id) ?? []), v]);
  let stateMismatchDomain = 0;
  for (const b of bs) {
    const facts: BabyFacts = {
      sex: b.sex,
      birthDate: b.birthDate,
      exitDate: b.exitDate,
      visits: (byBaby.get(b.id) ?? []).map((v) => ({
        visitDate: v.visit_date,
        breastfed: v.breastfed,
        recallItems: v.recall_items,
        givenSinceLast: v.given_since_last,
        givenSinceLastDate: v.given_since_last_date,
        confirmedExclusive: v.confirmed_exclusive,
        breakReason: v.break_reason as BreakReason | null,
      })),
    };
    if ((firstBreak(facts)?.date ?? null) !== b.stateFirstBreak || hasConfirmation(facts) !== b.stateConfirmed) stateMismatchDomain++;
  }
  return {
    ids,
    visits: ids.size,
    distinctIds: ids.size,
    missing: [...acked].filter((id) => !ids.has(id)),
    extra: [...ids].filter((id) => !acked.has(id) && !allowedExtra.has(id)),
    notSent: [...ids].filter((id) => !sentEver.has(id)),
    auditMissing: audit!.missing,
    auditDuplicated: audit!.duplicated,
    auditOrphans: audit!.orphans,
    stateMismatchDomain,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

function statsOf(samples: Sample[], elapsedS: number) {
  const ms = samples.map((s) => s.ms);
  return {
    requests: samples.length,
    perSecond: Number((samples.length / elapsedS).toFixed(1)),
    p50: ms.length ? Math.round(pct(ms, 50)) : 0,
    p95: ms.length ? Math.round(pct(ms, 95)) : 0,
    p99: ms.length ? Math.round(pct(ms, 99)) : 0,
    errors: samples.filter((s) => s.outcome !== 'ok').length,
  };
}

function kindsOf(run: PhaseRun, samples = run.samples) {
  const out: Record<string, ReturnType<typeof statsOf>> = {};
  for (const kind of ['today', 'visit', 'resend', 'retry'] as const) {
    const s = samples.filter((x) => x.kind === kind);
    if (s.length) out[kind] = statsOf(s, run.elapsedS);
  }
  out.all = statsOf(samples, run.elapsedS);
  return out;
}

function table(rows: Record<string, ReturnType<typeof statsOf>>): string {
  const head = `  ${'kind'.padEnd(8)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'not ok'.padStart(7)}`;
  return [
    head,
    ...Object.entries(rows).map(
      ([k, r]) =>
        `  ${k.padEnd(8)} ${String(r.requests).padStart(8)} ${String(r.perSecond).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p95).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)}`,
    ),
  ].join('\n');
}

type Requirement = { phase: string; what: string; ok: boolean; detail: string };

function countBy<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/** Error lines in the portal's log, by message, between two byte offsets. */
function serverErrors(logFile: string, from: number): { count: number; kinds: Record<string, number>; end: number } {
  const text = fs.readFileSync(logFile, 'utf8');
  const lines = text.slice(from).split('\n').filter(Boolean);
  const errs = lines
    .map((l) => {
      try {
        return JSON.parse(l) as { level: number | string; msg: string; err?: { message?: string; code?: string }; route?: string; status?: number };
      } catch {
        return null;
      }
    })
    // pino with level labels ("error", "fatal"), or numbers (50, 60).
    .filter((l): l is NonNullable<typeof l> => Boolean(l && (l.level === 'error' || l.level === 'fatal' || (typeof l.level === 'number' && l.level >= 50))));
  return {
    count: errs.length,
    kinds: countBy(
      errs,
      (e) => `${e.msg.slice(0, 60)}${e.route ? ` ${e.route}` : ''}${e.status ? ` ${e.status}` : ''}${e.err?.message ? `: ${e.err.message.slice(0, 60)}` : ''}`,
    ),
    end: text.length,
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const loadAtStart = os.loadavg();
  buildIfStale();
  const actionId = visitActionId();

  // The database.
  let cluster: PgCluster | undefined;
  let serverUrl: string;
  let fault: Fault | undefined;
  if (env.BENCH_DATABASE_URL) {
    serverUrl = env.BENCH_DATABASE_URL;
    if (env.BENCH_STOP_CMD && env.BENCH_START_CMD) {
      const [stopCmd, startCmd] = [env.BENCH_STOP_CMD, env.BENCH_START_CMD];
      fault = { stop: () => shell(stopCmd), start: () => shell(startCmd), describe: `BENCH_STOP_CMD / BENCH_START_CMD` };
    } else if (PHASES.includes('faults'))
      log(
        'BENCH_DATABASE_URL without BENCH_STOP_CMD and BENCH_START_CMD: phase B (faults) is skipped — this bench never restarts a server it did not start unless told how',
      );
  } else {
    cluster = await PgCluster.create(await freePort(55432));
    serverUrl = cluster.url;
    const c = cluster;
    fault = { stop: () => c.stop(STOP_MODE), start: () => c.start(), describe: `private cluster on port ${c.port}, pg_ctl stop -m ${STOP_MODE}` };
    log(`private PostgreSQL 15 cluster in ${c.dir}, port ${c.port}`);
  }
  const dbName = `kekasihku_faults_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end({ timeout: 5 });
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();

  let server: Server | undefined;
  let handle: DbHandle | undefined;
  const cleanup = async () => {
    await stopAll();
    await handle?.close().catch(() => {});
    if (!cluster) {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await a.end({ timeout: 5 });
    }
    cluster?.removeSync();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      log(`${sig}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });

  const requirements: Requirement[] = [];
  const need = (phase: string, what: string, ok: boolean, detail: string) => requirements.push({ phase, what, ok, detail });
  const report: Record<string, unknown> = {};
  let samplesB: Sample[] = [];
  try {
    server = await startServer(
      ROOT,
      PORT,
      {
        DATABASE_URL: dbUrl,
        DEMO_DATA: '1',
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        LOG_LEVEL: 'info',
      },
      '/api/health/ready',
    );
    const logFile = path.join(WORK, `server-${PORT}.log`);
    log(`portal (production build) on ${server.url}, pool ${env.DATABASE_POOL_SIZE ?? 10} connections`);
    handle = await openDatabase({ url: dbUrl });
    const ks = await addKaders(handle.db, KADERS);
    log(`added ${ks.length} kader accounts, each with her own posyandu and ${MOTHERS_PER_KADER} mothers`);
    const jars: Jar[] = [];
    for (let i = 0; i < ks.length; i += 5) jars.push(...(await Promise.all(ks.slice(i, i + 5).map((k) => signIn(server!.url, k.phone, DEMO_PASSWORD)))));
    // Warm-up: every page and the action once per kader, not measured.
    await Promise.all(jars.map(async (jar) => (await fetchToday(server!.url, jar)).arrayBuffer()));
    const kaderIds = ks.map((k) => k.id);
    const before = new Set<string>(); // visits by the bench kaders before a phase
    const sentEver = new Set<string>();

    const printPhase = (run: PhaseRun, title: string) => {
      console.log(
        `\n${title} — ${ks.length} kaders, ${run.elapsedS.toFixed(1)} s, load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
      );
      console.log(table(kindsOf(run)));
    };

    if (PHASES.includes('load')) {
      let logFrom = fs.statSync(logFile).size;
      log(`phase A: ${ks.length} kaders for ${SECONDS} s`);
      const loadBefore = os.loadavg();
      const run = await runPhase('load', server.url, jars, ks, actionId);
      const loadAfter = os.loadavg();
      printPhase(run, 'Phase A (steady load)');
      for (const id of run.sent) sentEver.add(id);
      const chk = await checkDatabase(handle.db, kaderIds, run.acked, new Set(), sentEver, before);
      const errs = serverErrors(logFile, logFrom);
      logFrom = errs.end;
      const notOk = run.samples.filter((s) => s.outcome !== 'ok');
      need(
        'A',
        'zero errors (every request 2xx/3xx and what it should be)',
        notOk.length === 0,
        `${notOk.length} not ok${notOk.length ? `: ${JSON.stringify(countBy(notOk, (s) => `${s.kind} ${s.outcome} ${s.detail?.slice(0, 60) ?? ''}`))}` : ''}`,
      );
      need('A', 'no error lines in the portal log', errs.count === 0, JSON.stringify(errs.kinds));
      need(
        'A',
        'database = acknowledged visits (none missing, none extra)',
        chk.missing.length === 0 && chk.extra.length === 0 && chk.visits === run.acked.size,
        `${chk.visits} stored, ${run.acked.size} acknowledged, ${chk.missing.length} missing, ${chk.extra.length} extra`,
      );
      need(
        'A',
        'one visit per id, however often sent',
        chk.visits === chk.distinctIds && chk.visits === run.acked.size,
        `${run.samples.filter((s) => s.kind === 'visit' || s.kind === 'resend').length} visit posts for ${run.sent.size} ids → ${chk.visits} rows`,
      );
      need(
        'A',
        'every visit has exactly one audit row, every audit row its visit',
        chk.auditMissing + chk.auditDuplicated + chk.auditOrphans === 0,
        `missing ${chk.auditMissing}, duplicated ${chk.auditDuplicated}, orphans ${chk.auditOrphans}`,
      );
      need('A', "babies' stored state = recomputation by lib/domain", chk.stateMismatchDomain === 0, `lib/domain ${chk.stateMismatchDomain} differ`);
      report.phaseA = {
        seconds: Number(run.elapsedS.toFixed(1)),
        loadavgBefore: loadBefore,
        loadavgAfter: loadAfter,
        kinds: kindsOf(run),
        idsSent: run.sent.size,
        acknowledged: run.acked.size,
        db: { ...chk, ids: undefined, missing: chk.missing.length, extra: chk.extra.length, notSent: chk.notSent.length },
        serverErrors: errs,
      };
      for (const id of chk.ids) before.add(id);
    }

    if (PHASES.includes('faults') && fault) {
      const logFrom = fs.statSync(logFile).size;
      log(`phase B: ${ks.length} kaders for ${SECONDS} s; the database stops after ${FAULT_AT / 1000} s for ${DOWN_FOR / 1000} s`);
      const loadBefore = os.loadavg();
      const run = await runPhase('faults', server.url, jars, ks, actionId, fault);
      const loadAfter = os.loadavg();
      printPhase(run, `Phase B (database stopped at ${(run.marks.stopCalled! / 1000).toFixed(1)} s, started at ${(run.marks.started! / 1000).toFixed(1)} s)`);
      for (const id of run.sent) sentEver.add(id);
      const m = run.marks as Record<'stopCalled' | 'stopped' | 'startCalled' | 'started', number>;

      // While down: sent after the stop finished and before the start began. Each must fail with
      // the clear message, or, if the portal only got to it after the database was back (a busy
      // machine queues requests), succeed after the start; and no slower than the bound: the
      // larger of BENCH_OUTAGE_BOUND_MS and twice the p95 of this phase's requests before the
      // stop (on a loaded machine a normal page takes seconds; a hang is what is refused).
      const before_ = run.samples.filter((s) => s.t1 <= m.stopCalled);
      const boundMs = Math.max(
        OUTAGE_BOUND_MS,
        2 *
          (before_.length
            ? pct(
                before_.map((s) => s.ms),
                95,
              )
            : 0),
      );
      const down = run.samples.filter((s) => s.t0 >= m.stopped && s.t0 < m.startCalled);
      const downGood = (s: Sample) => s.ms <= boundMs && (s.outcome === 'clear' || (s.outcome === 'ok' && s.t1 > m.startCalled));
      const downClear = down.filter(downGood);
      const atStop = run.samples.filter((s) => s.t0 < m.stopped && s.t1 > m.stopCalled);
      const atStart = run.samples.filter((s) => s.t0 >= m.startCalled && s.t0 < m.started);
      const after = run.samples.filter((s) => s.t0 >= m.started);
      const badAfter = after.filter((s) => s.outcome !== 'ok');
      const lastBadAfter = Math.max(m.started, ...badAfter.map((s) => s.t1));
      const firstOkAfter = (kind: Kind) => Math.min(...after.filter((s) => s.kind === kind && s.outcome === 'ok').map((s) => s.t1)) - m.started;
      const recoveryMs = lastBadAfter - m.started;
      const healthDown = run.health.filter((h) => h.t >= m.stopped && h.t1 <= m.startCalled);
      const healthAfter = run.health.filter((h) => h.t >= m.started);
      const healthBackAt = healthAfter.find((h) => h.status === 200);
      const neverBad = run.samples.filter((s) => !['ok', 'clear'].includes(s.outcome));

      // Before the outboxes are emptied: acknowledged ⊆ stored ⊆ sent, and what is stored but
      // was not acknowledged had no success answer (the commit's answer was lost, or it failed
      // after the commit).
      const mid = await checkDatabase(handle.db, kaderIds, run.acked, run.unanswered, sentEver, before);
      const storedUnacked = [...mid.ids].filter((id) => !run.acked.has(id));
      const drained = await drainOutboxes(run, server.url, jars, actionId);
      const fin = await checkDatabase(handle.db, kaderIds, run.acked, new Set(), sentEver, before);
      const errs = serverErrors(logFile, logFrom);
      const drainLeft = [...run.outboxes.values()].reduce((a, o) => a + o.length, 0);

      const poolReplaced = fs
        .readFileSync(logFile, 'utf8')
        .slice(logFrom)
        .split('\n')
        .filter((l) => l.includes('replacing the pool')).length;
      need(
        'B',
        'the portal process kept running',
        server.child.exitCode === null && server.child.signalCode === null,
        `exit code ${server.child.exitCode}; pool replaced after the driver's write-after-close bug: ${poolReplaced}×`,
      );
      need(
        'B',
        `while down every request fails with the clear message (or is served after the start), within ${Math.round(boundMs)} ms`,
        down.length > 0 && downClear.length === down.length,
        `${downClear.length} of ${down.length}: ${JSON.stringify(countBy(down, (s) => `${s.kind} ${s.outcome}${s.outcome === 'ok' ? (s.t1 > m.startCalled ? ' after the start' : ' while down') : ''}${s.ms > boundMs ? ' slow' : ''}`))}`,
      );
      need(
        'B',
        'no request hangs, is cut or answers an unexplained error (whole phase)',
        neverBad.length === 0,
        `${neverBad.length}: ${JSON.stringify(countBy(neverBad, (s) => `${s.kind} ${s.outcome} ${s.detail?.slice(0, 80) ?? ''}`))}`,
      );
      need(
        'B',
        'readiness 503 while down, 200 after',
        healthDown.length > 0 && healthDown.every((h) => h.status === 503) && Boolean(healthBackAt),
        `down: ${JSON.stringify(countBy(healthDown, (h) => String(h.status)))}; 200 again ${healthBackAt ? `${((healthBackAt.t - m.started) / 1000).toFixed(1)} s after the start` : 'never'}`,
      );
      need(
        'B',
        `requests succeed again within ${RECOVERY_BOUND_MS / 1000} s of the start`,
        recoveryMs <= RECOVERY_BOUND_MS && after.some((s) => s.outcome === 'ok'),
        `last failure ${(recoveryMs / 1000).toFixed(1)} s after the start; ${badAfter.length} failures after it`,
      );
      need(
        'B',
        'acknowledged ⊆ stored ⊆ sent; stored but unacknowledged only for failed or unanswered ids',
        mid.missing.length === 0 && mid.extra.length === 0 && mid.notSent.length === 0,
        `${mid.visits} stored, ${run.acked.size - drained.filter((s) => s.outcome === 'ok').length} acknowledged before the outboxes were emptied; missing ${mid.missing.length}, stored without a send ${mid.notSent.length}, stored though answered with a failure ${storedUnacked.length}`,
      );
      need(
        'B',
        'after the outboxes are sent again: stored = acknowledged, exactly',
        fin.missing.length === 0 && fin.extra.length === 0 && fin.visits === run.acked.size && drainLeft === 0 && run.sent.size === run.acked.size,
        `${fin.visits} stored, ${run.acked.size} acknowledged, ${run.sent.size} ids sent, ${drainLeft} left in outboxes`,
      );
      need(
        'B',
        'every visit has exactly one audit row, every audit row its visit',
        fin.auditMissing + fin.auditDuplicated + fin.auditOrphans === 0,
        `missing ${fin.auditMissing}, duplicated ${fin.auditDuplicated}, orphans ${fin.auditOrphans}`,
      );
      need('B', "babies' stored state = recomputation by lib/domain", fin.stateMismatchDomain === 0, `lib/domain ${fin.stateMismatchDomain} differ`);

      const windowStats = (xs: Sample[]) => ({ ...statsOf(xs, 1), outcomes: countBy(xs, (s) => `${s.kind} ${s.outcome}`) });
      const outage = {
        stopMode: STOP_MODE,
        boundMs: Math.round(boundMs),
        marksS: Object.fromEntries(Object.entries(run.marks).map(([k, v]) => [k, Number((v / 1000).toFixed(2))])),
        beforeStop: windowStats(before_),
        inFlightAtStop: windowStats(atStop),
        whileDown: windowStats(down),
        aroundStart: windowStats(atStart),
        afterStart: windowStats(after),
        firstOkAfterStartMs: { today: Math.round(firstOkAfter('today')), visit: Math.round(Math.min(firstOkAfter('visit'), firstOkAfter('retry'))) },
        recoveryMs: Math.round(recoveryMs),
        healthBackAfterStartMs: healthBackAt ? Math.round(healthBackAt.t - m.started) : null,
        storedThoughFailed: storedUnacked.length,
        unansweredAtEnd: run.unanswered.size,
        drainRequests: drained.length,
        poolReplaced,
      };
      console.log(
        `\n  outage (${STOP_MODE} stop): ${down.length} requests sent while down, ${downClear.length} failed with the clear message or were served after the start, ≤ ${Math.round(boundMs)} ms (p50 ${statsOf(down, 1).p50}, p95 ${statsOf(down, 1).p95} ms);`,
      );
      console.log(`  in flight at the stop: ${JSON.stringify(outage.inFlightAtStop.outcomes)}; around the start: ${JSON.stringify(outage.aroundStart.outcomes)}`);
      console.log(
        `  recovery: last failure ${(recoveryMs / 1000).toFixed(1)} s after the start, first page ${outage.firstOkAfterStartMs.today} ms, first visit ${outage.firstOkAfterStartMs.visit} ms; readiness 200 after ${outage.healthBackAfterStartMs} ms`,
      );
      console.log(
        `  outboxes: ${drained.length} resends after the phase; stored though the answer was a failure: ${storedUnacked.length}; pool replaced ${poolReplaced}×`,
      );
      report.phaseB = {
        seconds: Number(run.elapsedS.toFixed(1)),
        loadavgBefore: loadBefore,
        loadavgAfter: loadAfter,
        kinds: kindsOf(run),
        outage,
        idsSent: run.sent.size,
        acknowledged: run.acked.size,
        dbBeforeDrain: { ...mid, ids: undefined, missing: mid.missing.length, extra: mid.extra.length, notSent: mid.notSent.length },
        dbAfterDrain: { ...fin, ids: undefined, missing: fin.missing.length, extra: fin.extra.length, notSent: fin.notSent.length },
        serverErrors: errs,
        clientErrorSamples: neverBad.slice(0, 5),
      };
      samplesB = run.samples;
    }
  } finally {
    await cleanup();
  }

  console.log('\nRequirements');
  for (const r of requirements) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  [${r.phase}] ${r.what}\n          ${r.detail}`);
  const result = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
    loadavgAtStart: loadAtStart,
    kaders: KADERS,
    secondsPerPhase: SECONDS,
    pool: Number(env.DATABASE_POOL_SIZE ?? 10),
    database: cluster ? 'private PostgreSQL 15 cluster' : 'BENCH_DATABASE_URL',
    totalSeconds: Math.round((Date.now() - t0) / 1000),
    ...report,
    requirements,
  };
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const out = path.join(ROOT, 'bench', 'results', `faults-${Date.now()}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  // Every request of phase B (times in ms from the phase's start), to look at the outage closely.
  if (samplesB.length)
    fs.writeFileSync(
      out.replace(/\.json$/, '-samples-b.json'),
      JSON.stringify(samplesB.map(({ detail, ...s }) => ({ ...s, t0: Math.round(s.t0), t1: Math.round(s.t1), ms: Math.round(s.ms), ...(detail ? { detail } : {}) }))),
    );
  log(`results in ${path.relative(ROOT, out)}`);
  const failed = requirements.filter((r) => !r.ok).length;
  if (requirements.length === 0) {
    console.log('no phase ran');
    process.exit(1);
  }
  console.log(failed ? `\n${failed} requirement(s) failed` : '\nall requirements met');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  void stopAll().finally(() => process.exit(1));
});
