import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { DbProxy, Instance, sleep } from './instances';
import { DEMO_PASSWORD, demoLogin, formError } from './support';

/**
 * Issue 12: several production instances on one PostgreSQL. Two instances (A, B) of the build
 * that the Playwright web server made, started together on a new, empty database, then used
 * as a load balancer would use them; a third (C) reaches the database through a TCP proxy
 * that the test stops and restarts. PostgreSQL is needed even on the embedded-database run
 * (PGlite is one process only): the local server at 127.0.0.1:5432 or DATABASE_URL's.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const BASE_PORT = Number(process.env.MULTI_INSTANCE_PORT ?? 3145); // A, B, C, proxy: 4 ports
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `kekasihku_multi_${Date.now()}_${process.pid}`;
const JOURNAL = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let pgReachable = false;
let admin: postgres.Sql | undefined;
let db: postgres.Sql | undefined;
let dbUrl = '';
let a: Instance | undefined;
let b: Instance | undefined;
let c: Instance | undefined;
let proxy: DbProxy | undefined;
// Shared by every instance, as in production (docs/deploy.md).
const secrets = {
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

test.beforeAll(async () => {
  admin = postgres(withDb(SERVER_URL, 'postgres'), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
    pgReachable = true;
  } catch {
    pgReachable = false;
    return;
  }
  // Databases of earlier runs that nobody uses any more.
  const stale = await admin`
    select datname from pg_database d where datname like 'kekasihku_multi_%'
      and not exists (select 1 from pg_stat_activity s where s.datname = d.datname)`;
  for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}"`);
  await admin.unsafe(`create database "${DB_NAME}"`);
  dbUrl = withDb(SERVER_URL, DB_NAME);
  db = postgres(dbUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
  await Promise.all([a, b, c].map((i) => i?.stop()));
  await proxy?.stop();
  await db?.end({ timeout: 5 });
  if (pgReachable) await admin?.unsafe(`drop database if exists "${DB_NAME}" with (force)`).catch(() => {});
  await admin?.end({ timeout: 5 });
});

test.beforeEach(() => {
  test.skip(!pgReachable, `no PostgreSQL reachable at ${new URL(SERVER_URL).host}: several instances need a shared PostgreSQL (PGlite is one process only)`);
});

async function signInAt(page: Page, base: string, phone: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

test('two instances started at once on an empty database migrate it once, without errors', async () => {
  const env = { ...secrets, DATABASE_URL: dbUrl, DEMO_DATA: '1' };
  a = new Instance('A', BASE_PORT, env);
  b = new Instance('B', BASE_PORT + 1, env);
  await Promise.all([a.waitReady(), b.waitReady()]);

  for (const i of [a, b]) expect(i.errors(), `${i.name}: error lines`).toEqual([]);
  const applied = [a, b].map((i) => {
    const line = i.logs().find((l) => l.msg === 'database ready');
    expect(line, `${i.name} logs "database ready"`).toBeTruthy();
    return Number(line!.migrationsApplied);
  });
  // One instance applied every migration, the other found them applied (it waited on the lock).
  expect(applied.sort()).toEqual([0, JOURNAL.entries.length]);
  const [m] = await db!`select count(*)::int as n, count(distinct hash)::int as d from drizzle.__drizzle_migrations`;
  expect(m).toEqual({ n: JOURNAL.entries.length, d: JOURNAL.entries.length });
  // The demo data is there, loaded by one of them: the seed runs under the same lock, so the
  // other found the database no longer empty (two seeds would collide on unique phone
  // numbers and log errors, caught above).
  const [u] = await db!`select count(*)::int as n from users where role = 'admin'`;
  expect(u!.n).toBeGreaterThan(0);
});

test('a user signed in on one instance is signed in on the other; signing out on the other ends the session on both', async ({ browser }) => {
  test.skip(!a || !b, 'needs the two instances');
  const kader = demoLogin('kader');
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInAt(page, a!.url, kader.phone);
  await page.waitForURL(`${a!.url}/kader`);

  // The same cookie (127.0.0.1 is one host for cookies, whatever the port) on the other instance.
  const res = await page.goto(`${b!.url}/kader`);
  expect(res?.status()).toBe(200);
  expect(page.url()).toBe(`${b!.url}/kader`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Halo');
  const cookies = await ctx.cookies(a!.url);
  expect(cookies.length).toBeGreaterThan(0);

  // Sign out on B; the old cookie, sent again to A, is refused: the session row is revoked.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.waitForURL(`${b!.url}/login`);
  await ctx.addCookies(cookies);
  await page.goto(`${a!.url}/kader`);
  await expect(page).toHaveURL(`${a!.url}/login?ke=%2Fkader`);
  await ctx.close();
});

test('the login lockout counts the failed attempts made on both instances', async ({ page }) => {
  test.skip(!a || !b, 'needs the two instances');
  const phone = '0819-7777-0012';
  for (let i = 1; i <= 10; i++) {
    const base = i % 2 ? a!.url : b!.url; // five on each
    await signInAt(page, base, phone, `salah-${i}`);
    await expect(formError(page)).toContainText('Nomor HP atau kata sandi salah.');
  }
  // Neither instance saw ten failures by itself; together they did.
  await signInAt(page, a!.url, phone, 'salah-11');
  await expect(formError(page)).toContainText('Terlalu banyak percobaan yang gagal');
  await signInAt(page, b!.url, phone, 'salah-12');
  await expect(formError(page)).toContainText('Terlalu banyak percobaan yang gagal');
  // A refused sign-in is expected: no error line in either log.
  for (const i of [a!, b!]) expect(i.errors(), `${i.name}: error lines`).toEqual([]);
});

test('a visit form loaded from one instance and submitted to the other is saved; the same visit sent to both is stored once', async ({ page }) => {
  test.skip(!a || !b, 'needs the two instances');
  await signInAt(page, a!.url, demoLogin('kader').phone);
  await page.waitForURL(`${a!.url}/kader`);
  const item = page.getByTestId('kader-today').locator('li[data-status="ongoing"]').first();
  await item.getByRole('link').first().click();
  await page.waitForURL(/\/kader\/bayi\/[0-9a-f-]{36}$/);
  const babyId = page.url().split('/').pop()!;
  const [before] = await db!`select count(*)::int as n from visits where baby_id = ${babyId}`;
  await page.getByRole('link', { name: 'Catat kunjungan' }).click();
  await page.waitForURL(`${a!.url}/kader/bayi/${babyId}/kunjungan`);

  // The form came from A; its server action goes to B, as a load balancer might send it
  // (which keeps the public host: x-forwarded-host).
  let sent: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route(`${a!.url}/kader/bayi/**`, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    sent = { url: req.url(), headers: req.headers(), body: req.postData() ?? '' };
    const response = await route.fetch({
      url: req.url().replace(a!.url, b!.url),
      headers: { ...req.headers(), 'x-forwarded-host': new URL(a!.url).host },
    });
    await route.fulfill({ response });
  });
  await page.locator('#breastfed-yes').check();
  await page.locator('#since-no').check();
  if (await page.locator('#confirm-yes').isVisible()) await page.locator('#confirm-yes').check();
  if (await page.locator('#sameDay-check').isVisible()) await page.locator('#sameDay-check').check();
  await page.locator('#sec-more summary').click();
  await page.getByLabel('Berat badan (gram)').fill('5200');
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(`${a!.url}/kader/bayi/${babyId}?saved=1`);
  await expect(page.getByRole('status')).toContainText('Kunjungan tersimpan.');
  await page.unrouteAll();

  expect(sent, 'the server action request').toBeTruthy();
  const visitId = (JSON.parse(sent!.body) as [{ id: string }])[0].id;
  expect(visitId).toMatch(/^[0-9a-f-]{36}$/);
  const actionPosts = (i: Instance) => i.logs().filter((l) => l.msg === 'request' && l.method === 'POST' && l.route === '/kader/bayi/:id/kunjungan');
  await expect.poll(() => actionPosts(b!).length, { message: 'B served the action' }).toBe(1);
  expect(actionPosts(b!)[0]!.status).toBeLessThan(400);
  expect(actionPosts(a!).length, 'A did not').toBe(0);

  // The phone's outbox sends the same visit again, this time to A.
  const again = await page.request.post(sent!.url, {
    headers: Object.fromEntries(Object.entries(sent!.headers).filter(([k]) => !['content-length', 'cookie'].includes(k))),
    data: sent!.body,
    maxRedirects: 0,
  });
  expect(again.status()).toBeLessThan(400);
  // The request log line is written as the response ends: wait for it rather than race it.
  await expect.poll(() => actionPosts(a!).length, { message: 'A served the resend' }).toBe(1);

  const [same] = await db!`select count(*)::int as n from visits where id = ${visitId}`;
  const [after] = await db!`select count(*)::int as n from visits where baby_id = ${babyId}`;
  expect(same!.n).toBe(1);
  expect(after!.n).toBe(before!.n + 1);
});

test('readiness answers 503 while the database is unreachable and 200 when it is back; liveness stays 200', async () => {
  test.skip(!dbUrl, 'needs the database');
  proxy = new DbProxy(BASE_PORT + 3, { host: new URL(dbUrl).hostname, port: Number(new URL(dbUrl).port || 5432) });
  await proxy.start();
  const viaProxy = new URL(dbUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  c = new Instance('C', BASE_PORT + 2, {
    ...secrets,
    DATABASE_URL: viaProxy.toString(),
    HEALTH_DB_TIMEOUT_MS: '20000',
  });
  await c.waitReady();

  await proxy.stop();
  await expect.poll(() => c!.status('/api/health/ready'), { timeout: 30_000 }).toBe(503);
  const body = await (await fetch(`${c.url}/api/health/ready`)).json();
  expect(body).toEqual({ status: 'database unavailable' });
  expect(await c.status('/api/health/live')).toBe(200);

  await proxy.start();
  await expect.poll(() => c!.status('/api/health/ready'), { timeout: 30_000 }).toBe(200);
});

test('SIGTERM: the request in flight finishes, new connections are refused, the process exits 0', async () => {
  test.skip(!c || !proxy, 'needs instance C and its proxy');
  expect(await c!.status('/api/health/ready')).toBe(200);
  proxy!.pause(); // the next query waits in the proxy
  const inFlight = fetch(`${c!.url}/api/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() }));
  await expect.poll(() => proxy!.held, { timeout: 10_000 }).toBeGreaterThan(0);

  c!.signal('SIGTERM');
  await expect.poll(() => c!.logs().some((l) => String(l.msg).startsWith('shutting down')), { timeout: 10_000 }).toBe(true);
  await sleep(300);
  expect(await c!.status('/api/health/live'), 'a new connection after SIGTERM').toBe(0);

  proxy!.resume();
  expect(await inFlight).toEqual({ status: 200, body: { status: 'ready' } });
  expect(await c!.exited).toBe(0);
  expect(c!.logs().find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
  expect(c!.errors()).toEqual([]);
});
