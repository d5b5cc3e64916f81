/**
 * Issue #29 point 4, in Chromium: a forum form left empty is answered by the portal itself, in
 * Indonesian, next to each field (noValidate: never the browser's English "Please fill out this
 * field"), with nothing posted; a registry search that finds nothing says "Tidak ditemukan".
 */
import { expect, test } from '@playwright/test';
import { demoLogin, DESKTOP, PHONE, signIn } from './support';

test('an empty new thread: Indonesian messages next to the fields, nothing posted', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, demoLogin('ibu', 0).phone);
  await page.waitForURL(/\/ibu$/);
  await page.goto('/forum/baru');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Kirim tulisan' }) });
  await expect(form).toHaveAttribute('novalidate', '');
  await page.getByRole('button', { name: 'Kirim tulisan' }).click();
  await expect(page.locator('#title-error')).toHaveText(/Wajib diisi|Terlalu pendek/);
  await expect(page.locator('#body-error')).toHaveText(/Wajib diisi|Terlalu pendek/);
  await expect(page.locator('#categoryId-error')).toBeVisible();
  await expect(page).toHaveURL(/\/forum\/baru$/);
  // The browser's own bubble never answered: the fields are valid to it (noValidate).
  expect(await page.locator('#title').evaluate((el: HTMLInputElement) => el.form?.noValidate)).toBe(true);
  await page.screenshot({ path: '/tmp/kekasihku-29-forum-empty.png', fullPage: true });
  await ctx.close();
});

test('an empty reply: the message is Indonesian and beside the field', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const page = await ctx.newPage();
  await signIn(page, demoLogin('ibu', 0).phone);
  await page.waitForURL(/\/ibu$/);
  await page.goto('/forum');
  await page.locator('a[href^="/forum/t/"]').first().click();
  await page.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(page.getByText(/Wajib diisi|Terlalu pendek/).first()).toBeVisible();
  await ctx.close();
});

test('the registry says "Tidak ditemukan" when a search finds nothing', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  await signIn(page, demoLogin('staff').phone);
  await page.waitForURL(/\/staff/);
  await page.goto('/staff/ibu');
  await page.getByLabel('Cari nama atau nomor HP').fill('Zzyzx Tiada');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('registry-none')).toContainText('Tidak ditemukan');
  await expect(page.getByTestId('registry-none')).toContainText('Zzyzx Tiada');
  await page.screenshot({ path: '/tmp/kekasihku-29-registry-none.png' });
  await ctx.close();
});
