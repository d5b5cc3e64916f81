/**
 * Accounts (issue #10): a kader changes her password on her phone (weak ones refused on the
 * field) and every session ends; an admin ends a kader's sessions from the desk and the kader's
 * phone is signed out at once; the admin's audit log shows it with the reason; staff get 403 on
 * the audit log. Uses kaders without a demo role in other journeys (Entin, Ai).
 */
import { expect, test } from '@playwright/test';
import { demoLogin, DEMO_PASSWORD, DESKTOP, expectAccessible, formError, PHONE, signIn, signInAs } from './support';

const ENTIN = { phone: '0812-2000-0009' };
const AI = { phone: '0812-2000-0010', name: 'Ai Nurjanah' };

test.describe('a kader on her phone', () => {
  test.use({ viewport: PHONE });

  test('changes her password: weak ones are refused on the field, then every session ends', async ({ page, browser }) => {
    // A second device, signed in too.
    const other = await browser.newContext({ viewport: PHONE });
    const otherPage = await other.newPage();
    await signInAs(otherPage, ENTIN);

    await signInAs(page, ENTIN);
    await page.getByRole('link', { name: 'Akun' }).click();
    await expect(page).toHaveURL(/\/akun$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akun saya');
    await expectAccessible(page);

    await page.getByLabel('Kata sandi sekarang').fill(DEMO_PASSWORD);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('bismillah');
    await page.getByLabel('Ulangi kata sandi baru').fill('bismillah');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await expect(page.locator('#password-error')).toHaveText('Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.');
    await expect(formError(page)).toBeVisible();

    await page.getByLabel('Kata sandi sekarang').fill('bukan-sandinya');
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('Flamboyan pagi 9');
    await page.getByLabel('Ulangi kata sandi baru').fill('Flamboyan pagi 9');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await expect(page.locator('#current-error')).toHaveText('Kata sandi sekarang salah.');

    await page.getByLabel('Kata sandi sekarang').fill(DEMO_PASSWORD);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('Flamboyan pagi 9');
    await page.getByLabel('Ulangi kata sandi baru').fill('Flamboyan pagi 9');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await expect(page).toHaveURL(/\/login\?n=passwordChanged$/);
    await expect(page.locator('#notice')).toContainText('Kata sandi sudah diganti');

    // Both devices are signed out.
    await page.goto('/kader');
    await expect(page).toHaveURL(/\/login\?ke=%2Fkader$/);
    await otherPage.goto('/kader');
    await expect(otherPage).toHaveURL(/\/login\?ke=%2Fkader$/);
    await other.close();

    // The old password no longer works; the new one does.
    await signIn(page, ENTIN.phone, DEMO_PASSWORD);
    await expect(formError(page)).toBeVisible();
    await signInAs(page, ENTIN, 'Flamboyan pagi 9');
    await expect(page).toHaveURL(/\/kader$/);
  });
});

test.describe('an admin at a desk', () => {
  test.use({ viewport: DESKTOP });

  test('ends a kader’s sessions with a reason; her phone is signed out; the audit log shows it', async ({ page, browser }) => {
    const phone = await browser.newContext({ viewport: PHONE });
    const kaderPage = await phone.newPage();
    await signInAs(kaderPage, AI);

    await signInAs(page, demoLogin('admin'));
    await page.getByRole('link', { name: 'Pengguna' }).click();
    await expect(page).toHaveURL(/\/staff\/pengguna$/);
    await page.getByLabel('Cari nama atau nomor HP').fill(AI.phone);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    // The phone number searched for is not in the address (logs, history, Referer).
    await expect(page.locator(`tr[data-account="${AI.name}"]`)).toHaveCount(1);
    expect(page.url()).not.toMatch(/0812|2000|q=/);
    await expect(page.getByLabel('Cari nama atau nomor HP')).toHaveValue(AI.phone);
    const row = page.locator(`tr[data-account="${AI.name}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1 sesi aktif');
    await expectAccessible(page);

    // Without a reason (only spaces get past the browser's own check): refused on the field.
    await row.getByText('Kelola akun').click();
    await row.getByLabel(/Alasan/).fill('   ');
    await row.getByRole('button', { name: 'Akhiri semua sesi' }).click();
    await expect(page.locator(`tr[data-account="${AI.name}"] [role=alert]`)).toHaveText('Tulis alasannya.');
    await kaderPage.goto('/kader');
    await expect(kaderPage).toHaveURL(/\/kader$/);

    // The row stays open with its error; the reason is written and sent again.
    await page
      .locator(`tr[data-account="${AI.name}"]`)
      .getByLabel(/Alasan/)
      .fill('Ponsel kader hilang');
    await page.locator(`tr[data-account="${AI.name}"]`).getByRole('button', { name: 'Akhiri semua sesi' }).click();
    await expect(page.locator('#notice')).toHaveText('Semua sesi akun itu sudah berakhir.');
    await expect(page.locator(`tr[data-account="${AI.name}"]`)).toContainText('tidak ada sesi aktif');

    await kaderPage.goto('/kader');
    await expect(kaderPage).toHaveURL(/\/login\?ke=%2Fkader$/);
    await phone.close();

    await page.getByRole('link', { name: 'Log audit' }).click();
    await expect(page).toHaveURL(/\/staff\/audit$/);
    await page.getByLabel('Pengguna').selectOption({ label: 'Hendra Gunawan, S.Kom. (Admin)' });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page).toHaveURL(/user=/);
    const entry = page.getByTestId('audit-rows').locator('tr', { hasText: 'user.sessions.end' }).first();
    await expect(entry).toContainText('Ponsel kader hilang');
    await expectAccessible(page);
  });

  test('staff may not open the audit log (403), nor manage staff accounts', async ({ page }) => {
    await signInAs(page, demoLogin('staff'));
    const res = await page.goto('/staff/audit');
    expect(res!.status()).toBe(403);
    const list = await page.goto('/staff/pengguna');
    expect(list!.status()).toBe(200);
    await expect(page.getByTestId('account-rows')).not.toContainText('Ratna Dewi Lestari');
    await expect(page.getByTestId('account-rows')).toContainText('Kader');
  });
});

test('a kader may not open the account list (403)', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, demoLogin('kader'));
  const res = await page.goto('/staff/pengguna');
  expect(res!.status()).toBe(403);
});
