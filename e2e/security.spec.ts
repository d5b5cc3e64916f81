/**
 * Headers and cookies (issue #10): a nonce-based Content-Security-Policy without
 * 'unsafe-inline' scripts that the portal's own pages run under without a single violation,
 * HSTS, no framing, Referrer- and Permissions-Policy, `no-store` on health pages, and session
 * cookies HttpOnly + SameSite (+ Secure behind HTTPS).
 */
import { expect, test, type Page } from '@playwright/test';
import { demoLogin, DEMO_PASSWORD, DESKTOP, PHONE, signInAs } from './support';

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

function directives(csp: string): Record<string, string> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

test('pages carry a nonce CSP without unsafe-inline scripts and the other security headers', async ({ request }) => {
  const res = await request.get('/login');
  expect(res.status()).toBe(200);
  const h = res.headers();
  const csp = directives(h['content-security-policy'] ?? '');
  expect(csp['script-src']).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp['script-src']).not.toContain('unsafe-inline');
  expect(csp['script-src']).not.toContain('unsafe-eval');
  expect(csp['frame-ancestors']).toBe("'none'");
  expect(csp['object-src']).toBe("'none'");
  expect(csp['form-action']).toBe("'self'");
  expect(h['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('same-origin');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['x-powered-by']).toBeUndefined();

  // Every script element of the page carries this response's nonce; a second request gets another.
  const nonce = /'nonce-([^']+)'/.exec(csp['script-src']!)![1]!;
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = directives((await request.get('/login')).headers()['content-security-policy'] ?? '');
  expect(again['script-src']).not.toContain(nonce);

  // Route handlers and static files get the static headers too.
  const csrf = await request.get('/api/auth/csrf');
  expect(csrf.headers()['x-content-type-options']).toBe('nosniff');
  expect(csrf.headers()['strict-transport-security']).toBeTruthy();
});

test.describe('at phone size', () => {
  test.use({ viewport: PHONE });

  test('a kader signs in and fills a form under the CSP with no violation; her pages are no-store', async ({ page }) => {
    const violations = cspViolations(page);
    await signInAs(page, demoLogin('kader'));
    const home = await page.goto('/kader');
    expect(home!.headers()['cache-control']).toContain('no-store');
    // A client-side form (react-hook-form) works: it hydrated under the nonce.
    await page.goto('/kader/ibu/baru');
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await expect(page.getByText('Wajib diisi.').first()).toBeVisible();
    await page.goto('/forum');
    expect(violations).toEqual([]);
  });

  test('a mother signs in under the CSP with no violation', async ({ page }) => {
    const violations = cspViolations(page);
    await signInAs(page, demoLogin('ibu'));
    const res = await page.goto('/ibu');
    expect(res!.headers()['cache-control']).toContain('no-store');
    expect(violations).toEqual([]);
  });
});

test.describe('at a desk', () => {
  test.use({ viewport: DESKTOP });

  test('staff pages run under the CSP with no violation and are no-store', async ({ page }) => {
    const violations = cspViolations(page);
    await signInAs(page, demoLogin('staff'));
    for (const url of ['/staff', '/staff/ibu', '/staff/sertifikat']) {
      const res = await page.goto(url);
      expect(res!.status()).toBe(200);
      expect(res!.headers()['cache-control']).toContain('no-store');
    }
    expect(violations).toEqual([]);
  });
});

test('a registry search by name finds the mother without putting her name in the address', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, demoLogin('staff'));
  await page.goto('/staff/ibu');
  await page.getByLabel('Cari nama atau nomor HP').fill('Rina Kartikasari');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('registry-rows')).toContainText('Rina Kartikasari');
  await expect(page.getByTestId('registry-rows').locator('tr')).toHaveCount(1);
  expect(decodeURIComponent(page.url())).not.toMatch(/Rina|Kartikasari|q=/);
  // The term stays on the page (pages, other filters) until it is cleared.
  await expect(page.getByLabel('Cari nama atau nomor HP')).toHaveValue('Rina Kartikasari');
  await page.getByLabel('Cari nama atau nomor HP').fill('');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('registry-rows').locator('tr')).not.toHaveCount(1);
});

test('the session cookie is HttpOnly and SameSite=Lax, and Secure behind HTTPS', async ({ playwright, baseURL }) => {
  // Sign in through Auth.js as a reverse proxy terminating HTTPS would forward it.
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-proto': 'https' } });
  const csrf = await (await ctx.get('/api/auth/csrf')).json();
  const res = await ctx.post('/api/auth/callback/credentials', {
    form: { csrfToken: csrf.csrfToken, phone: demoLogin('kader').phone, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  const cookies = res
    .headersArray()
    .filter((x) => x.name.toLowerCase() === 'set-cookie')
    .map((x) => x.value);
  const session = cookies.find((c) => /session-token=/.test(c));
  expect(session, cookies.join('\n')).toBeTruthy();
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/^__Secure-/);
  await ctx.dispose();

  // Over plain http (a local `npm start`) the cookie is still HttpOnly and SameSite.
  const plain = await playwright.request.newContext({ baseURL });
  const csrf2 = await (await plain.get('/api/auth/csrf')).json();
  const res2 = await plain.post('/api/auth/callback/credentials', {
    form: { csrfToken: csrf2.csrfToken, phone: demoLogin('kader').phone, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  const plainSession = res2.headersArray().find((x) => x.name.toLowerCase() === 'set-cookie' && /session-token=/.test(x.value));
  expect(plainSession?.value).toMatch(/;\s*HttpOnly/i);
  expect(plainSession?.value).toMatch(/;\s*SameSite=Lax/i);
  await plain.dispose();
});
