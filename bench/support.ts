/**
 * Shared helpers of the page benchmarks (bench/run-all.ts): production servers in their own
 * process group, sign-in through the real login form, percentiles. Not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

/** Run from the repository root (npm scripts do). */
export const ROOT = process.cwd();
export const WORK = path.join(ROOT, 'bench', '.work');
export const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * Ports of this benchmark: portal 3161, bare app 3162, scale runs 3163–3164; BENCH_PORT_BASE
 * moves all four (e.g. 3661 → 3661–3664) when another run holds them.
 */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3161);
export const PORTS = { portal: PORT_BASE, bare: PORT_BASE + 1, scaleSmall: PORT_BASE + 2, scaleFull: PORT_BASE + 3 } as const;

export const log = (...a: unknown[]) => console.log('[bench]', ...a);

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** `next build` in a directory (the portal or the bare app), with the portal's `next`. */
export function nextBuild(cwd: string, env: Record<string, string> = {}) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`next build failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  log(`built ${path.relative(ROOT, cwd) || 'portal'} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const running = new Set<() => Promise<void>>();
/** Stops every server this process started (run-all calls it in `finally` and on SIGINT). */
export async function stopAll() {
  for (const stop of [...running]) await stop();
}
process.on('exit', () => {
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});
const pids = new Set<number>();

export type Server = { url: string; stop: () => Promise<void>; child: ChildProcess };

/**
 * A production server in its own process group: the portal's own (`.next/standalone/scripts/
 * server.mjs`, what `npm start` runs since the build is standalone), else `next start` (the bare
 * app). Resolves when `probe` answers (any status below 500).
 */
export async function startServer(cwd: string, port: number, env: Record<string, string>, probe = '/', nodeArgs: string[] = []): Promise<Server> {
  if (!(await portFree(port))) throw new Error(`port ${port} is taken`);
  const logFile = path.join(WORK, `server-${port}.log`);
  fs.mkdirSync(WORK, { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const standalone = path.join(cwd, '.next', 'standalone', 'scripts', 'server.mjs');
  const args = [...nodeArgs, ...(fs.existsSync(standalone) ? [standalone] : [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'])];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  if (child.pid !== undefined) pids.add(child.pid);
  child.on('exit', () => {
    exited = true;
    if (child.pid !== undefined) pids.delete(child.pid);
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) process.kill(-child.pid, 'SIGKILL');
    running.delete(stop);
  };
  running.add(stop);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server in ${cwd} exited; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      const r = await fetch(url + probe, { redirect: 'manual' });
      await r.arrayBuffer();
      if (r.status < 500) return { url, stop, child };
    } catch {
      /* not yet */
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`server in ${cwd} did not answer on ${url}${probe}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'] });
}

/** Signs in through the login form; returns the context (with the session cookie) and a Cookie header. */
export async function signIn(browser: Browser, baseURL: string, phone: string, password: string): Promise<{ context: BrowserContext; cookie: string }> {
  const context = await browser.newContext({ baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/(staff|kader|ibu)$/, { timeout: 60_000 });
  await page.close();
  const cookies = await context.cookies(baseURL);
  return { context, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

/** All hrefs of a page (same origin, path + search). */
export async function hrefsOf(context: BrowserContext, route: string): Promise<string[]> {
  const page = await context.newPage();
  try {
    await page.goto(route);
    return await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  } finally {
    await page.close();
  }
}

export function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'app', 'components', 'lib', 'db'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return r.stdout.trim() + (dirty ? ' (+ uncommitted changes)' : '');
}
