import { expect, test } from '@playwright/test';
import { DESKTOP, demoLogin, expectAccessible, signInAs } from './support';

/**
 * Decision 054: a mother whose number is another account outside the registrar's scope is
 * registered without a login; staff give her one from her baby page with a number she uses, and
 * the code is shown once. At a desk.
 */
test.use({ viewport: DESKTOP });
test.setTimeout(150_000);

const staff = demoLogin('staff', 0);
const DISTRICT = demoLogin('dinkes', 0); // a login outside the puskesmas
const OTHER_PUSKESMAS_STAFF = '0811-1000-0101';

test('staff register a mother whose number is another account, then give her a login with her own number', async ({ page }) => {
  await signInAs(page, staff);
  await page.goto('/staff/ibu/baru');
  const stamp = String(Date.now()).slice(-6);
  const name = `Ibu Tanpa Akun ${stamp}`;
  await page.getByLabel('Nama ibu').fill(name);
  await page.getByLabel('Nomor HP ibu').fill(DISTRICT.phone);
  const birth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 3 * 86_400_000));
  await page.getByLabel('Tanggal lahir bayi').fill(birth);
  await page.locator('[id="babies.0.sex-P"]').check();
  await page.getByLabel(/setuju datanya dicatat/).check();
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  // Registered, no code: the number is not named as taken.
  await expect(page.getByTestId('register-done')).toBeVisible();
  await expect(page.getByTestId('register-login')).toContainText('Petugas puskesmas');
  await expect(page.getByTestId('activation-code')).toHaveCount(0);
  await page.getByRole('link', { name: 'Lihat data bayi' }).click();
  await page.waitForURL(/\/staff\/bayi\/[0-9a-f-]{36}$/);

  const card = page.getByTestId('mother-login');
  await expect(card).toBeVisible();
  await expectAccessible(page);
  // Another account's number (of another puskesmas): refused on the field, neutrally, kept as typed.
  await page.getByLabel('Nomor HP untuk masuk portal').fill(OTHER_PUSKESMAS_STAFF);
  await page.getByRole('button', { name: 'Buat akun dan kode aktivasi' }).click();
  await expect(page.locator('#mother-login-phone-error')).toContainText('tidak bisa dipakai untuk masuk portal');
  await expect(page.getByLabel('Nomor HP untuk masuk portal')).toHaveValue(OTHER_PUSKESMAS_STAFF);

  // Her own number: an account and a code shown once, with the WhatsApp link; nothing in the URL.
  const own = `0857-7${stamp.slice(0, 3)}-${stamp.slice(3)}1`;
  await page.getByLabel('Nomor HP untuk masuk portal').fill(own);
  await page.getByRole('button', { name: 'Buat akun dan kode aktivasi' }).click();
  await expect(page.getByTestId('mother-login-done')).toBeVisible();
  const code = (await page.getByTestId('activation-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  expect(await page.getByRole('link', { name: 'Kirim lewat WhatsApp' }).getAttribute('href')).toMatch(/^https:\/\/wa\.me\/62/);
  expect(page.url()).not.toContain(code);
  await expectAccessible(page);

  // Drawn again, she has a login: the card is gone.
  await page.reload();
  await expect(page.getByTestId('mother-login')).toHaveCount(0);

  // She activates with that number and code.
  const mother = await page
    .context()
    .browser()!
    .newContext({ viewport: { width: 360, height: 740 } });
  const phone = await mother.newPage();
  await phone.goto('/aktivasi');
  await phone.getByLabel('Nomor HP').fill(own);
  await phone.getByLabel('Kode aktivasi').fill(code);
  await phone.getByLabel('Kata sandi baru').fill('ASIsampai6bulan');
  await phone.getByLabel('Ulangi kata sandi').fill('ASIsampai6bulan');
  await phone.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(phone.getByRole('status')).toContainText('Akun Anda sudah aktif');
  await signInAs(phone, { phone: own }, 'ASIsampai6bulan');
  await expect(phone).toHaveURL(/\/ibu$/);
  await expect(phone.getByTestId('ibu-babies')).toBeVisible();
  await mother.close();
});
