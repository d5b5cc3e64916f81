import { expect, test } from '@playwright/test';
import { DESKTOP, PHONE, demoLogin, expectAccessible, formError, signIn, signInAs } from './support';

test.describe('sign-in page', () => {
  test.use({ viewport: PHONE });

  test('is accessible and in Indonesian by default', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
    await expectAccessible(page);
  });

  test('a wrong password shows a message and no session', async ({ page }) => {
    await signIn(page, demoLogin('kader').phone, 'bukan-kata-sandi');
    await expect(formError(page)).toContainText('Nomor HP atau kata sandi salah.');
    await expect(page).toHaveURL(/\/login$/);
  });

  test.describe('malformed input gets a field message, never an error page', () => {
    for (const [name, value] of [
      ['empty', ''],
      ['letters', 'abc'],
      ['10,000 characters', '8'.repeat(10_000)],
      ['SQL', "0812' OR '1'='1"],
      ['HTML', '<script>alert(1)</script>'],
    ] as const) {
      test(name, async ({ page }) => {
        await page.goto('/login');
        // Fill through the DOM so that maxlength does not shorten the hostile value.
        await page.getByLabel('Nomor HP').evaluate((el, v) => {
          (el as HTMLInputElement).removeAttribute('maxlength');
          (el as HTMLInputElement).value = v;
        }, value);
        await page.getByLabel('Kata sandi').fill('apa saja');
        await page.getByRole('button', { name: 'Masuk' }).click();
        const field = page.locator('#phone-error');
        await expect(field).toBeVisible();
        await expect(field).toHaveText(/Wajib diisi|Nomor HP tidak valid/);
        await expect(page.getByLabel('Nomor HP')).toHaveAttribute('aria-invalid', 'true');
      });
    }
  });

  test('the 11th failed attempt in a row is refused with the lockout message', async ({ page }) => {
    const phone = '0819-7777-0011'; // no such account: the lock counts per phone all the same
    for (let i = 1; i <= 10; i++) {
      await signIn(page, phone, `salah-${i}`);
      await expect(formError(page)).toContainText('Nomor HP atau kata sandi salah.');
    }
    await signIn(page, phone, 'salah-11');
    await expect(formError(page)).toContainText('Terlalu banyak percobaan yang gagal');
  });

  test('the direct credentials endpoint enforces the same rules', async ({ request }) => {
    const csrf = await (await request.get('/api/auth/csrf')).json();
    const res = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken: csrf.csrfToken, phone: 'x'.repeat(10_000), password: 'p' },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(500);
    expect(res.headers()['location'] ?? '').toContain('error=');
  });
});

test.describe('staff at a desk', () => {
  test.use({ viewport: DESKTOP });

  test('signs in, sees the puskesmas overview from the database, is refused other sections', async ({ page }) => {
    await signIn(page, demoLogin('staff').phone);
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Puskesmas Bojong Nangka');
    const counts = page.getByTestId('status-counts');
    await expect(counts).toBeVisible();
    // The demo data has babies in every status.
    for (const status of ['ongoing', 'broken', 'graduated', 'unrecorded', 'exited']) {
      await expect(counts.locator(`[data-status="${status}"] span.text-2xl`)).not.toHaveText('0');
    }
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
    await expectAccessible(page);

    for (const section of ['/kader', '/ibu']) {
      const res = await page.goto(section);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Akses ditolak' })).toBeVisible();
    }
  });

  test('staff of another puskesmas see only their own', async ({ page }) => {
    await signIn(page, demoLogin('staff', 0, /Gunung Putri/).phone);
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Puskesmas Gunung Putri');
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Bojong Nangka');
    await expect(page.getByText('Bojong Nangka', { exact: false })).toHaveCount(0);
  });

  test('admin lands on the staff section', async ({ page }) => {
    await signIn(page, demoLogin('admin').phone);
    await expect(page).toHaveURL(/\/staff$/);
    await expectAccessible(page);
  });

  test('language can be switched to English and is remembered', async ({ page }) => {
    await signInAs(page, demoLogin('staff', 1));
    await page.getByLabel('Bahasa').first().selectOption('en');
    await page.getByRole('button', { name: 'Ganti bahasa' }).first().click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Overview of');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Back to Indonesian for whoever comes next.
    await page.getByLabel('Language').first().selectOption('id');
    await page.getByRole('button', { name: 'Change language' }).first().click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  });
});

test.describe('kader on a phone', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test('signs in, sees her mothers, is refused the staff section, signs out', async ({ page }) => {
    await signIn(page, demoLogin('kader').phone);
    await expect(page).toHaveURL(/\/kader$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Halo');
    // Her mothers: today's list, then the others followed (a baby is not listed twice).
    const list = page.locator('[data-testid="kader-today"] li, [data-testid="kader-mothers"] li');
    await expect(list.first()).toBeVisible();
    await expectAccessible(page);

    const res = await page.goto('/staff');
    expect(res?.status()).toBe(403);
    const ibu = await page.goto('/ibu');
    expect(ibu?.status()).toBe(403);

    await page.goto('/kader');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/kader');
    await expect(page).toHaveURL(/\/login\?ke=%2Fkader$/);
  });

  test('two kaders of different posyandu see different mothers', async ({ browser }) => {
    const names: string[][] = [];
    for (const n of [0, 1]) {
      const ctx = await browser.newContext({ viewport: PHONE });
      const page = await ctx.newPage();
      await signIn(page, demoLogin('kader', n).phone);
      await expect(page).toHaveURL(/\/kader$/);
      const items = page.locator('[data-testid="kader-today"] .kl-name, [data-testid="kader-mothers"] [data-testid="mother-name"]');
      await expect(items.first()).toBeVisible();
      names.push(await items.allTextContents());
      await ctx.close();
    }
    const [a, b] = names as [string[], string[]];
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });
});

test.describe('mother on a phone', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test('signs in, sees her own baby, is refused the kader section', async ({ page }) => {
    await signIn(page, demoLogin('ibu').phone);
    await expect(page).toHaveURL(/\/ibu$/);
    await expect(page.getByTestId('exclusive-days').first()).toContainText('hari ASI eksklusif');
    await expectAccessible(page);
    const res = await page.goto('/kader');
    expect(res?.status()).toBe(403);
    const staff = await page.goto('/staff');
    expect(staff?.status()).toBe(403);
  });

  test('sees the forum without the names of anonymous mothers', async ({ page }) => {
    await signInAs(page, demoLogin('ibu', 1));
    await page.goto('/forum');
    await expect(page.getByRole('heading', { name: 'Berbagi pengalaman' })).toBeVisible();
    await expect(page.getByTestId('forum-posts').locator('li').first()).toBeVisible();
    await expectAccessible(page);
  });
});

test('anonymous visitors are sent to sign in', async ({ page }) => {
  for (const section of ['/staff', '/kader', '/ibu', '/forum']) {
    await page.goto(section);
    // The sign-in page remembers the page asked for (issue #23 item 4).
    await expect(page).toHaveURL(new RegExp(`/login\\?ke=${encodeURIComponent(section)}$`));
  }
});
