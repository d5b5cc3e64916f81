import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DESKTOP, PHONE, demoLogin, expectAccessible, signIn, signInAs } from './support';

/**
 * Issue #30: a mother's rights over her data. Rina (360×740) opens "Data saya", downloads the
 * JSON and the PDF, asks for a correction, staff close it and she sees it closed. Then staff
 * register a mother with a login who writes in the forum, and record her withdrawal: she can no
 * longer sign in and her post reads "Ibu (data dihapus)". And a mother of the demo with a
 * certificate withdraws: its verification page says only that it was withdrawn.
 */
const RINA = demoLogin('ibu', 0);
const DEWI = demoLogin('ibu', 1);
const STAFF = demoLogin('staff', 0);
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp';

async function context(browser: Browser, viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const ctx = await browser.newContext({
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
    ...(mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  return ctx.newPage();
}

async function withdraw(staff: Page, name: string) {
  const card = staff.getByTestId('data-rights-card');
  await card.getByLabel('Cara ibu meminta').selectOption('in_person');
  // A wrong name is refused, nothing erased.
  await card.getByLabel('Ketik nama ibu').fill('Ibu Lain Sekali');
  await card.getByRole('button', { name: 'Hapus data ibu ini' }).click();
  await expect(staff.locator('#confirmName-error')).toContainText('tidak sama');
  // The form is drawn again (React resets it after an action): choose again.
  await card.getByLabel('Cara ibu meminta').selectOption('in_person');
  await card.getByLabel('Ketik nama ibu').fill(name);
  await card.getByRole('button', { name: 'Hapus data ibu ini' }).click();
  await expect(staff.getByTestId('withdrawn-notice')).toBeVisible();
  await expect(staff.getByTestId('erased-note')).toBeVisible();
}

test('a mother sees her data on her phone, downloads both files, asks for a correction and sees it closed', async ({ browser }) => {
  test.setTimeout(240_000);
  const rina = await context(browser, PHONE, true);
  await signInAs(rina, RINA);
  await rina.getByRole('link', { name: 'Data saya' }).first().click();
  await expect(rina).toHaveURL(/\/ibu\/data-saya$/);
  await expect(rina.getByRole('heading', { level: 1, name: 'Data saya' })).toBeVisible();
  await expect(rina.getByTestId('data-copy')).toContainText(RINA.name);
  await expect(rina.getByTestId('data-visit').first()).toBeVisible();
  // Nothing of another mother.
  await expect(rina.getByTestId('data-copy')).not.toContainText(DEWI.name);
  // Readable at 360 px: nothing wider than the screen.
  expect(await rina.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(rina);
  await rina.screenshot({ path: `${SHOTS}/data-saya-phone.png`, fullPage: false });

  const [json] = await Promise.all([rina.waitForEvent('download'), rina.getByTestId('download-json').click()]);
  expect(json.suggestedFilename()).toMatch(/^data-saya-\d{4}-\d{2}-\d{2}\.json$/);
  const copy = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  expect(copy.mother.name).toBe(RINA.name);
  expect(copy.babies.length).toBeGreaterThan(0);
  expect(JSON.stringify(copy)).not.toContain(DEWI.name);
  const [pdf] = await Promise.all([rina.waitForEvent('download'), rina.getByTestId('download-pdf').click()]);
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  // The files answer her session only, never cached.
  const res = await rina.request.get('/api/data-saya/json');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  const anon = await (await browser.newContext()).request.get(`${new URL(rina.url()).origin}/api/data-saya/json`);
  expect(anon.status()).toBe(401);

  // A correction request: too short is refused on the field, then sent.
  const text = `Tanggal lahir bayi saya salah, yang benar tanggal 2. (${Date.now()})`;
  await rina.getByLabel('Apa yang salah, dan apa yang benar?').fill('salah');
  await rina.getByRole('button', { name: 'Kirim permintaan' }).click();
  await expect(rina.locator('#correction-body-error')).toContainText('paling sedikit 10');
  await rina.getByLabel('Apa yang salah, dan apa yang benar?').fill(text);
  await rina.getByRole('button', { name: 'Kirim permintaan' }).click();
  await expect(rina.getByRole('status').filter({ hasText: 'Permintaan terkirim' })).toBeVisible();
  const mine = rina.getByTestId('correction-request').filter({ hasText: text });
  await expect(mine).toHaveAttribute('data-state', 'open');

  // Staff see it with its age, correct through the baby page, and close it with a note.
  const staff = await context(browser, DESKTOP);
  await signInAs(staff, STAFF);
  await staff.getByRole('link', { name: 'Permintaan data' }).click();
  await expect(staff).toHaveURL(/\/staff\/permintaan-data$/);
  const row = staff.getByTestId('open-request').filter({ hasText: text });
  await expect(row.getByTestId('request-age')).toHaveText('hari ini');
  await expectAccessible(staff);
  await staff.screenshot({ path: `${SHOTS}/permintaan-data-desktop.png`, fullPage: true });
  await row.getByLabel('Catatan untuk ibu').fill('Tanggal lahir sudah diperbaiki oleh bidan.');
  await row.getByRole('button', { name: 'Tandai selesai' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Permintaan ditutup' })).toBeVisible();

  await rina.reload();
  await expect(rina.getByTestId('correction-request').filter({ hasText: text })).toHaveAttribute('data-state', 'closed');
  await expect(rina.getByTestId('correction-request').filter({ hasText: text })).toContainText('sudah diperbaiki oleh bidan');
  await rina.screenshot({ path: `${SHOTS}/data-saya-closed-phone.png`, fullPage: true });
});

test('staff record a withdrawal: she can no longer sign in, her post reads "Ibu (data dihapus)", a withdrawn certificate says so', async ({ browser }) => {
  test.setTimeout(300_000);
  const staff = await context(browser, DESKTOP);
  await signInAs(staff, STAFF);

  // A mother registered with her own number, who activates and writes in the forum.
  const stamp = String(Date.now()).slice(-6);
  const name = `Ibu Tarik Data ${stamp}`;
  const phoneNo = `0857-8${stamp.slice(0, 3)}-${stamp.slice(3)}2`;
  await staff.goto('/staff/ibu/baru');
  await staff.getByLabel('Nama ibu').fill(name);
  await staff.getByLabel('Nomor HP ibu').fill(phoneNo);
  const birth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 20 * 86_400_000));
  await staff.getByLabel('Tanggal lahir bayi').fill(birth);
  await staff.locator('[id="babies.0.sex-P"]').check();
  await staff.getByLabel(/setuju datanya dicatat/).check();
  await staff.getByRole('button', { name: 'Daftarkan' }).click();
  const code = (await staff.getByTestId('activation-code').textContent())!.trim();
  await staff.getByRole('link', { name: 'Lihat data bayi' }).click();
  await staff.waitForURL(/\/staff\/bayi\/[0-9a-f-]{36}$/);
  const babyPage = staff.url();

  const mother = await context(browser, PHONE, true);
  await mother.goto('/aktivasi');
  await mother.getByLabel('Nomor HP').fill(phoneNo);
  await mother.getByLabel('Kode aktivasi').fill(code);
  await mother.getByLabel('Kata sandi baru').fill('ASIsampai6bulan');
  await mother.getByLabel('Ulangi kata sandi').fill('ASIsampai6bulan');
  await mother.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(mother.getByRole('status')).toContainText('Akun Anda sudah aktif');
  await signInAs(mother, { phone: phoneNo }, 'ASIsampai6bulan');
  const title = `Cerita menyusui ${stamp}`;
  await mother.goto('/forum/baru');
  await mother.getByLabel('Kategori').selectOption({ index: 1 });
  await mother.getByLabel('Judul', { exact: true }).fill(title);
  await mother.getByLabel('Isi', { exact: true }).fill(`Saya ${name}, bayi saya lahir bulan lalu dan menyusu kuat.`);
  await mother.getByRole('button', { name: 'Kirim tulisan' }).click();
  await mother.waitForURL(/\/forum\/t\/[0-9a-f-]{36}/);
  const thread = new URL(mother.url()).pathname;

  // Staff record her withdrawal, confirmed by typing her name.
  await staff.goto(babyPage);
  await expectAccessible(staff);
  await withdraw(staff, name);
  await staff.screenshot({ path: `${SHOTS}/withdrawal-desktop.png`, fullPage: true });

  // Her open session ends at once; she cannot sign in again.
  await mother.goto('/ibu');
  await expect(mother).toHaveURL(/\/login/);
  await signIn(mother, phoneNo, 'ASIsampai6bulan');
  await expect(mother).toHaveURL(/\/login/);

  // Her post reads "Ibu (data dihapus)"; her words and name are gone.
  await staff.goto(thread);
  const post = staff.getByTestId('post');
  await expect(post).toContainText('Ibu (data dihapus)');
  await expect(staff.locator('main')).not.toContainText(name);
  await expect(staff.locator('main')).not.toContainText(title);
  await staff.screenshot({ path: `${SHOTS}/forum-erased-desktop.png`, fullPage: false });

  // A demo mother with a certificate (not Dewi, whom other journeys use) withdraws.
  await staff.goto('/staff/sertifikat');
  const row = staff.getByTestId('issued-certificates').locator('tr').filter({ hasText: 'Berlaku' }).filter({ hasNotText: DEWI.name }).last();
  const certMother = (await row.locator('td').nth(1).textContent())!.trim();
  const verify = (await row.getByRole('link', { name: 'Halaman verifikasi' }).getAttribute('href'))!;
  await staff.goto('/staff/ibu');
  await staff.getByLabel('Cari nama atau nomor HP').fill(certMother);
  await staff.getByRole('button', { name: 'Tampilkan' }).click();
  await staff.getByRole('link', { name: certMother }).first().click();
  await staff.waitForURL(/\/staff\/bayi\/[0-9a-f-]{36}$/);
  await withdraw(staff, certMother);

  const pub = await context(browser, PHONE, true);
  await pub.goto(verify);
  await expect(pub.getByTestId('verification')).toHaveAttribute('data-state', 'withdrawn');
  await expect(pub.getByTestId('verification')).toContainText('ditarik');
  await expect(pub.getByTestId('verification')).not.toContainText(certMother);
  await expect(pub.getByTestId('serial')).toHaveCount(0);
  await expectAccessible(pub);
  await pub.screenshot({ path: `${SHOTS}/verify-withdrawn-phone.png` });
});
