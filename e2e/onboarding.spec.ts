import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { setupCodeOf, startEmptyInstance, type EmptyInstance } from './instances';
import { DESKTOP, PHONE, activateAccount, signIn as signInWith, addVillageAndPosyandu, createKaderAccount, expectAccessible, fillSetup } from './support';

/**
 * Issue #18: a real puskesmas starts on an EMPTY database — its own instance of the build the
 * Playwright web server made, with no demo data (a new PostgreSQL database when DATABASE_URL
 * is set, else a new embedded database). From the setup code in the server's log to a kader
 * registering the first mother at a posyandu the admin created, then the admin bringing her
 * existing register in from a CSV file (issue #19), all through the browser.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const PORT = Number(process.env.ONBOARDING_PORT ?? 3160);
const stamp = `${Date.now()}_${process.pid}`;
let empty: EmptyInstance | undefined;
let base = '';

const ADMIN = { name: 'Bidan Koordinator Uji', phone: '0811-7000-0001', password: 'KoordinatorASI2026' };
const KADER = { name: 'Kader Siti Uji', phone: '0812-7000-0001', password: 'KaderMawar2026' };
const PLACE = { village: 'Sukamaju Uji', posyandu: 'Posyandu Mawar Uji', rw: '03' };

test.beforeAll(async () => {
  empty = await startEmptyInstance('onboarding', PORT);
  base = empty.instance.url;
});

test.afterAll(async () => {
  await empty?.stop();
});

async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL: base, viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  return { ctx, page: await ctx.newPage() };
}

async function signIn(page: Page, phone: string, password: string, home: RegExp) {
  await signInWith(page, phone, password);
  await page.waitForURL(home);
}

let kaderCode = '';

test('an empty database leads every page to /pasang; a wrong code is refused, the right one sets up the puskesmas', async ({ browser }) => {
  const { ctx, page } = await newPage(browser, DESKTOP);
  for (const p of ['/', '/login', '/staff', '/kader/ibu/baru', '/aktivasi']) {
    await page.goto(p);
    await expect(page, `${p} leads to setup`).toHaveURL(/\/pasang$/);
  }
  await expect(page.getByRole('heading', { name: 'Pasang KEKASIHKU' })).toBeVisible();
  await expectAccessible(page);
  // Issue #29: where the code is, for someone who cannot see the server log.
  const where = page.getByTestId('setup-where');
  await where.getByText('Di mana kode pemasangan?').click();
  await expect(where).toContainText('docker logs');
  await expect(where).toContainText('journalctl');
  await expect(where).toContainText('npm run setup');
  await page.screenshot({ path: '/tmp/kekasihku-29-pasang.png', fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: '/tmp/kekasihku-29-pasang-phone.png' });
  await page.setViewportSize(DESKTOP);

  const fill = (code: string) =>
    fillSetup(page, code, {
      puskesmas: { name: 'Puskesmas Sukamaju Uji', code: 'SMJ', kabupaten: 'Kabupaten Bogor', kecamatan: 'Sukamaju', provinsi: 'Jawa Barat' },
      admin: ADMIN,
    });
  await fill('AAAA-AAAA-AAAA');
  await expect(page.getByText(/Kode pemasangan salah atau sudah tidak berlaku/)).toBeVisible();
  await expect(page).toHaveURL(/\/pasang$/);
  await expectAccessible(page);

  await fill(setupCodeOf(empty!.instance));
  await page.waitForURL(/\/login/);
  expect(page.url()).not.toContain(ADMIN.phone.replace(/-/g, ''));
  await expect(page.getByRole('status')).toBeVisible();

  // Set up once: /pasang is gone.
  const again = await page.goto('/pasang');
  expect(again!.status()).toBe(404);
  await ctx.close();
});

test('the admin adds a village, a posyandu and a kader account with a one-time code', async ({ browser }) => {
  const { ctx, page } = await newPage(browser, DESKTOP);
  await signIn(page, ADMIN.phone, ADMIN.password, /\/staff$/);

  // Issue #29: the empty dashboard lists the first steps and what is done (the target was set
  // at /pasang, the signatory not yet, so "Pengaturan" is still to do).
  const steps = page.getByTestId('first-steps');
  await expect(steps.getByRole('heading', { name: 'Langkah pertama' })).toBeVisible();
  await expect(steps).toContainText('0 dari 5 langkah selesai');
  await expect(steps.locator('li[data-done="false"]')).toHaveCount(5);
  await expect(steps.getByRole('link', { name: 'Buka Wilayah' })).toHaveAttribute('href', '/staff/wilayah');
  await expect(steps.getByRole('link', { name: 'Atur alamat portal' })).toHaveAttribute('href', '/staff/pengaturan#alamat-portal');
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/kekasihku-29-first-steps.png', fullPage: true });

  await page.goto('/staff/wilayah');
  await expect(page.getByRole('heading', { name: 'Wilayah', level: 1 })).toBeVisible();
  await expectAccessible(page);
  // Typed with its kind, as people do: stored without it, shown as "Desa Sukamaju Uji".
  await addVillageAndPosyandu(page, PLACE);
  await expectAccessible(page);

  await page.goto('/staff/pengguna');
  await page.getByRole('link', { name: 'Tambah akun' }).click();
  await expect(page.getByRole('heading', { name: 'Tambah akun' })).toBeVisible();
  await expectAccessible(page);
  kaderCode = await createKaderAccount(page, KADER, PLACE.posyandu);
  await expectAccessible(page);

  await page.goto('/staff/pengaturan');
  await expect(page.getByRole('heading', { name: 'Pengaturan', level: 1 })).toBeVisible();
  await expectAccessible(page);
  // The public address is missing until set (issue #29); set it, and the dashboard counts it.
  await expect(page.getByTestId('public-url-state')).toContainText('Alamat portal belum diatur');
  await page.getByTestId('public-url-form').getByLabel('Alamat portal').fill('https://kekasihku.sukamaju.go.id');
  await page.getByTestId('public-url-form').getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('public-url-form').getByRole('status')).toBeVisible();
  await page.goto('/staff');
  await expect(page.getByTestId('first-steps')).toContainText('3 dari 5 langkah selesai');
  for (const done of ['places', 'accounts', 'publicUrl']) await expect(page.locator(`li[data-step="${done}"]`)).toHaveAttribute('data-done', 'true');
  await page.screenshot({ path: '/tmp/kekasihku-29-first-steps-3.png', fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: '/tmp/kekasihku-29-first-steps-phone.png', fullPage: true });
  await ctx.close();
});

test('the kader activates on her phone, signs in and registers a mother at her posyandu', async ({ browser }) => {
  test.skip(!kaderCode, 'needs the kader account');
  const { ctx, page } = await newPage(browser, PHONE);
  await activateAccount(page, KADER.phone, kaderCode, KADER.password);

  await signIn(page, KADER.phone, KADER.password, /\/kader$/);
  await expectAccessible(page);
  await page.goto('/kader/ibu/baru');
  await page.getByLabel('Nama ibu').fill('Ibu Pertama Uji');
  await page.getByLabel('Nomor HP ibu').fill('0857-7000-0001');
  const birth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 10 * 86_400_000));
  await page.getByLabel('Tanggal lahir bayi').fill(birth);
  await page.locator('[id="babies.0.sex-P"]').check();
  await page.getByLabel(/setuju datanya dicatat/).check();
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByTestId('register-done')).toBeVisible();
  await expectAccessible(page);
  await ctx.close();
});

test('the dashboard shows the new posyandu with its first baby', async ({ browser }) => {
  test.skip(!kaderCode, 'needs the kader account');
  const { ctx, page } = await newPage(browser, DESKTOP);
  await signIn(page, ADMIN.phone, ADMIN.password, /\/staff$/);
  // The village and posyandu rows, and the kader following one mother there.
  await expect(page.getByRole('row', { name: new RegExp(`^${PLACE.village} ${PLACE.posyandu} `) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`^${KADER.name} ${PLACE.posyandu} 1 `) })).toBeVisible();
  await page.goto('/staff/ibu');
  await expect(page.getByText('Ibu Pertama Uji')).toBeVisible();
  await expectAccessible(page);
  await ctx.close();
});

test('the admin brings her existing register in from a CSV file into the new posyandu', async ({ browser }) => {
  test.skip(!kaderCode, 'needs the places');
  const { ctx, page } = await newPage(browser, DESKTOP);
  await signIn(page, ADMIN.phone, ADMIN.password, /\/staff$/);
  await page.goto('/staff/impor');
  await expectAccessible(page);
  const born = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - days * 86_400_000));
  // As a register kept in a spreadsheet: the village typed with its kind, semicolons, one baby a row.
  const csv = [
    'Nama ibu;NIK;Nomor HP;Desa;Posyandu;RT;RW;Alamat;Nama bayi;Jenis kelamin (L/P);Tanggal lahir;Berat lahir (gram)',
    `Ibu Register Satu;;0857-7100-0001;Desa ${PLACE.village};${PLACE.posyandu};01;03;Jl. Mawar 1;;P;${born(20)};3100`,
    `Ibu Register Dua;;0857-7100-0002;${PLACE.village};${PLACE.posyandu};02;03;;Bagas;L;${born(45)};2900`,
    `Ibu Register Tiga;;0857-7100-0003;${PLACE.village};Posyandu Tidak Ada;;;;;P;${born(30)};`,
  ].join('\r\n');
  const file = path.join(empty!.dir, `register-${stamp}.csv`);
  fs.writeFileSync(file, csv);
  const upload = async () => {
    await page.getByLabel('Berkas XLSX atau CSV').setInputFiles(file);
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.waitForURL(/\/staff\/impor\?b=/);
  };
  await upload();
  await expect(page.locator('[data-count="new"] dd')).toHaveText('2');
  await expect(page.locator('[data-count="rejected"] dd')).toHaveText('1');
  await page.getByLabel(/persetujuan setiap ibu yang diimpor sudah dicatat/).check();
  await page.getByRole('button', { name: 'Impor 2 baris baru' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 ibu dan 2 bayi dibuat.');
  await expectAccessible(page);
  // The same file again adds nothing.
  await page.goto('/staff/impor');
  await upload();
  await expect(page.locator('[data-count="new"] dd')).toHaveText('0');
  await expect(page.locator('[data-count="existing"] dd')).toHaveText('2');
  fs.rmSync(file, { force: true });
  await ctx.close();
});
