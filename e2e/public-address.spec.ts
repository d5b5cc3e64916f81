/**
 * Issue #22 item 2 and issue #23 item 4, in Chromium:
 * - the certificate's QR code points at the portal's public address, "Alamat portal" saved by the
 *   admin at /staff/pengaturan (issue #29; a real host name mapped to this machine with
 *   --host-resolver-rules), never at the request's Host or X-Forwarded-Host and never 0.0.0.0 —
 *   the PDF's QR image is decoded with jsQR (the PDF embeds the QR as a PNG, pdf-lib stores it
 *   as a Flate-compressed RGB image: inflate, then jsQR — see decision 051, "Public address");
 * - a WhatsApp-style deep link opened while signed out returns to itself after sign-in, at
 *   360×740, and the login page says why it is asking.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoLogin, PHONE, signIn } from './support';
import { qrOf } from '../tests/support/pdf-qr';

const HOST = 'kekasihku.test';
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// The real host name resolves to this machine (a browser option: one worker for this file).
test.use({ launchOptions: { executablePath, args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] } });

test.describe('the public address: "Alamat portal" (issues #22 and #29)', () => {
  test('missing until the admin sets it; then the certificate QR opens it, whatever Host / X-Forwarded-Host the request carried', async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    const port = new URL(baseURL!).port;
    const origin = `http://${HOST}${port ? `:${port}` : ''}`;

    // The admin sees the warning, then saves the address the phones use (http: a local network name).
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminCtx.newPage();
    await signIn(admin, demoLogin('admin').phone);
    await admin.waitForURL(/\/staff/);
    await admin.goto('/staff/pengaturan');
    const state = admin.getByTestId('public-url-state');
    await expect(state).toContainText('Alamat portal belum diatur');
    await admin.screenshot({ path: '/tmp/kekasihku-29-settings-missing.png' });
    const form = admin.getByTestId('public-url-form');
    await form.getByLabel('Alamat portal').fill('http://kekasihku.example.com/aktivasi');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form.getByText('Tulis alamatnya saja')).toBeVisible();
    await form.getByLabel('Alamat portal').fill(origin);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    await admin.reload();
    await expect(admin.getByTestId('public-url-state')).toContainText(`Tautan dibuat dari: ${origin}`);
    await expect(admin.getByTestId('public-url-state')).toContainText('http:// tidak terenkripsi');
    await admin.screenshot({ path: '/tmp/kekasihku-29-settings-set.png' });
    await admin.setViewportSize(PHONE);
    await admin.goto('/staff/pengaturan#alamat-portal');
    await admin.screenshot({ path: '/tmp/kekasihku-29-settings-phone.png' });
    await adminCtx.close();

    // Dewi downloads her certificate through a request that claims to be for evil.example (only
    // that request: Next refuses a server action whose X-Forwarded-Host differs from its Origin).
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('Nomor HP').fill(demoLogin('ibu', 1).phone);
    await page.getByLabel('Kata sandi').fill('DemoKekasihku!2026');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/ibu$/);
    const link = page.locator('a[href^="/api/sertifikat/"]').first();
    await expect(link).toBeVisible();
    const res = await page.request.get((await link.getAttribute('href'))!, { headers: { 'X-Forwarded-Host': 'evil.example' } });
    expect(res.status()).toBe(200);
    const url = await qrOf(new Uint8Array(await res.body()));
    expect(url).toMatch(new RegExp(`^${origin.replace(/[.]/g, '\\.')}/verifikasi/[A-Za-z0-9_-]+$`));
    expect(url).not.toContain('evil.example');
    expect(url).not.toContain('0.0.0.0');
    // And the QR's address opens the public verification page.
    await page.goto(url!);
    await expect(page.getByText(/sah|valid/i).first()).toBeVisible();
    await ctx.close();
  });
});

test.describe('a deep link returns to itself after sign-in (issue #23 item 4)', () => {
  test.use({ viewport: PHONE });

  test('/kader/ringkasan from WhatsApp: sign in, land on /kader/ringkasan', async ({ page }) => {
    await page.goto('/kader/ringkasan');
    await expect(page).toHaveURL(/\/login\?ke=%2Fkader%2Fringkasan$/);
    await expect(page.locator('#return-notice')).toHaveText('Masuk untuk membuka halaman itu.');
    await page.getByLabel('Nomor HP').fill(demoLogin('kader').phone);
    await page.getByLabel('Kata sandi').fill('DemoKekasihku!2026');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/kader\/ringkasan$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a forum thread link returns to the thread; a page of another role goes home', async ({ page, browser }) => {
    // Find a thread while signed in, then open it from "WhatsApp" on a phone that is signed out
    // (a browser context of its own: a prefetch answer still in flight cannot sign it in again).
    const finder = await browser.newContext({ viewport: PHONE });
    const signedIn = await finder.newPage();
    await signIn(signedIn, demoLogin('ibu').phone);
    await signedIn.waitForURL(/\/ibu$/);
    await signedIn.goto('/forum');
    const thread = await signedIn.locator('a[href^="/forum/t/"]').first().getAttribute('href');
    expect(thread).toMatch(/^\/forum\/t\/[0-9a-f-]+$/);
    await finder.close();
    await page.goto(thread!);
    await expect(page).toHaveURL(/\/login\?ke=/);
    await page.getByLabel('Nomor HP').fill(demoLogin('ibu').phone);
    await page.getByLabel('Kata sandi').fill('DemoKekasihku!2026');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(new RegExp(`${thread}$`));

    const other = await browser.newContext({ viewport: PHONE });
    const again = await other.newPage();
    await again.goto('/staff/ibu');
    await expect(again).toHaveURL(/\/login\?ke=%2Fstaff%2Fibu$/);
    await again.getByLabel('Nomor HP').fill(demoLogin('ibu').phone);
    await again.getByLabel('Kata sandi').fill('DemoKekasihku!2026');
    await again.getByRole('button', { name: 'Masuk' }).click();
    await again.waitForURL(/\/ibu$/);
    await other.close();
  });

  test('an address outside the site is never followed', async ({ page }) => {
    await page.goto('/login?ke=%2F%2Fevil.example%2Fx');
    await expect(page.locator('#return-notice')).toHaveCount(0);
    await expect(page.locator('input[name="ke"]')).toHaveCount(0);
    await page.getByLabel('Nomor HP').fill(demoLogin('kader').phone);
    await page.getByLabel('Kata sandi').fill('DemoKekasihku!2026');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/kader$/);
  });
});

test.describe('CSP on prefetch responses too (issue #22 item 6)', () => {
  for (const headers of [{ 'Next-Router-Prefetch': '1', RSC: '1' }, { Purpose: 'prefetch' }, { 'Sec-Purpose': 'prefetch' }, {}] as Record<string, string>[]) {
    test(`GET /login with ${JSON.stringify(headers)} carries the CSP`, async ({ request }) => {
      const res = await request.get('/login', { headers, maxRedirects: 0 });
      expect(res.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    });
  }
  test('a prefetch of a signed-in page while signed out: the redirect carries the CSP', async ({ request }) => {
    const res = await request.get('/kader/ringkasan', { headers: { 'Next-Router-Prefetch': '1', RSC: '1' }, maxRedirects: 0 });
    expect(res.status()).toBeGreaterThanOrEqual(300);
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
