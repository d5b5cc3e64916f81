import { expect, test } from '@playwright/test';
import { PHONE, demoLogin, expectAccessible, formError, signInAs } from './support';

/** Issue 4: a kader registers a mother with twins; the mother activates her account once. */
test.describe.configure({ mode: 'serial' });
// Phone journeys with several pages and an axe scan on each: more than the default minute.
test.setTimeout(150_000);
test.use({ viewport: PHONE });

const kader = demoLogin('kader', 0);
const phone = `0858-${String(Date.now()).slice(-8, -4)}-${String(Date.now()).slice(-4)}`;
let code = '';

test('a kader registers a mother with twins and gets a one-time code with a WhatsApp link', async ({ page }) => {
  await signInAs(page, kader);
  await page.getByRole('link', { name: 'Daftar ibu' }).click();
  await page.waitForURL(/\/kader\/ibu\/baru$/);
  await expectAccessible(page);
  await page.getByLabel('Nama ibu').fill('Ibu Uji Kembar');
  await page.getByLabel('Nomor HP ibu').fill(phone);
  const birth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 5 * 86_400_000));
  await page.getByLabel('Tanggal lahir bayi').fill(birth);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  // No consent, no sex: refused with the fields named.
  await expect(page.locator('#consent-error')).toHaveText('Persetujuan ibu wajib dicatat.');
  // The baby's own field says what is missing, beside it.
  const sexGroup = page.getByRole('group', { name: 'Jenis kelamin' }).first();
  await expect(sexGroup.getByRole('alert')).toHaveText('Wajib diisi.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tambah bayi kembar' }).click();
  await page.locator('[id="babies.0.sex-L"]').check();
  await page.locator('[id="babies.1.sex-P"]').check();
  await page.getByLabel(/setuju datanya dicatat/).check();
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  const done = page.getByTestId('register-done');
  await expect(done).toBeVisible();
  code = (await page.getByTestId('activation-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  const wa = await page.getByRole('link', { name: 'Kirim lewat WhatsApp' }).getAttribute('href');
  expect(wa).toMatch(/^https:\/\/wa\.me\/628\d+\?text=/);
  expect(decodeURIComponent(wa!.split('text=')[1]!)).toContain(code);
  await expectAccessible(page);
  // The URL never carries the code or the phone.
  expect(page.url()).not.toContain(code);
});

test('the mother activates her account once and signs in', async ({ page }) => {
  test.skip(!code, 'needs the registration');
  await page.goto('/aktivasi');
  await expectAccessible(page);
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kode aktivasi').fill(code);
  await page.getByLabel('Kata sandi baru').fill(phone);
  await page.getByLabel('Ulangi kata sandi').fill(phone);
  await page.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(page.locator('#password-error')).toHaveText('Kata sandi tidak boleh sama dengan nomor HP.');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kode aktivasi').fill(code);
  await page.getByLabel('Kata sandi baru').fill('ASIsampai6bulan');
  await page.getByLabel('Ulangi kata sandi').fill('ASIsampai6bulan');
  await page.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(page.getByRole('status')).toContainText('Akun Anda sudah aktif');
  // Once only.
  await page.goto('/aktivasi');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kode aktivasi').fill(code);
  await page.getByLabel('Kata sandi baru').fill('lainlagi1234');
  await page.getByLabel('Ulangi kata sandi').fill('lainlagi1234');
  await page.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(formError(page)).toContainText('sudah dipakai');
  await signInAs(page, { phone }, 'ASIsampai6bulan');
  await expect(page).toHaveURL(/\/ibu$/);
  // Her twins are 5 days old: the first kader visit window (days 3–7) is open now.
  const next = page.getByTestId('next-visit');
  await expect(next.locator('li[data-state="open"]')).toHaveCount(2);
  await expect(next).toContainText('Kunjungan ke-1');
  await expectAccessible(page);
});
