/**
 * Import at a desk (issue #19): staff download the template, fill 20 rows (3 with errors) with
 * exceljs, upload, read the errors in the preview, fix them, upload again and confirm; the
 * registry shows the new mothers; importing the same file again adds nothing; axe finds no
 * serious violation on the import pages. Run: npx playwright test -c e2e/playwright.config.ts import
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DESKTOP, demoLogin, expectAccessible, jakarta, signInAs } from './support';

test.use({ viewport: DESKTOP });

/** The Jakarta date `days` before today. */
function daysAgo(days: number): string {
  const d = new Date(`${jakarta(0).date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function upload(page: Page, file: string) {
  await page.getByLabel('Berkas XLSX atau CSV').setInputFiles(file);
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
  await page.waitForURL(/\/staff\/impor\?b=/);
}

const count = (page: Page, key: 'new' | 'existing' | 'rejected') => page.locator(`[data-count="${key}"] dd`);

test('staff import a register from the template: errors, fix, confirm, registry, again nothing', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kekasihku-import-'));
  // A family name and phones of this run only: the spec can run again on the same server.
  const run = String(Date.now()).slice(-7);
  const family = `Impor${run}`;
  const phone = (i: number) => `0857${run}${String(i).padStart(2, '0')}`;

  // The second demo puskesmas's staff: the 20 new mothers then change none of the counts that
  // other specs read from Puskesmas Bojong Nangka's dashboard and reports.
  await signInAs(page, demoLogin('staff', 0, /Gunung Putri/));
  await page.goto('/staff/impor');
  await expect(page.getByRole('heading', { level: 1, name: 'Impor data dari Excel' })).toBeVisible();
  await expectAccessible(page);

  // The template, downloaded as a user would.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh templat (XLSX)' }).click()]);
  const templatePath = path.join(dir, 'templat.xlsx');
  await download.saveAs(templatePath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const data = wb.getWorksheet('Data')!;
  const headers = (data.getRow(1).values as unknown[]).slice(1).map(String);
  expect(headers.slice(0, 12)).toEqual([
    'Nama ibu',
    'NIK',
    'Nomor HP',
    'Desa',
    'Posyandu',
    'RT',
    'RW',
    'Alamat',
    'Nama bayi',
    'Jenis kelamin (L/P)',
    'Tanggal lahir',
    'Berat lahir (gram)',
  ]);
  // The active places, from the explanation sheet (after its "Desa | Posyandu (yang aktif)" line).
  const help = wb.getWorksheet('Petunjuk')!;
  const places: [string, string][] = [];
  let inPlaces = false;
  help.eachRow((r) => {
    const [a, b] = [String(r.getCell(1).value ?? ''), String(r.getCell(2).value ?? '')];
    if (inPlaces && a && b) places.push([a, b]);
    if (a === 'Desa' && b.startsWith('Posyandu')) inPlaces = true;
  });
  expect(places.length).toBeGreaterThan(0);
  const [village, posyandu] = places[0]!;

  // 20 rows; rows 4, 9 and 15 of the sheet (data rows 3, 8 and 14) have an error each.
  const rows = Array.from({ length: 20 }, (_, i) => ({
    'Nama ibu': `Ibu ${family} ${i + 1}`,
    'Nomor HP': phone(i),
    Desa: village,
    Posyandu: posyandu,
    RT: '01',
    RW: '02',
    Alamat: 'Jl. Contoh',
    'Nama bayi': `Bayi ${i + 1}`,
    'Jenis kelamin (L/P)': i % 2 ? 'P' : 'L',
    'Tanggal lahir': daysAgo(20 + i),
    'Berat lahir (gram)': 3000 + i,
  }));
  const fill = async (file: string, broken: boolean) => {
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(templatePath);
    const sheet = out.getWorksheet('Data')!;
    rows.forEach((r, i) => {
      const values = { ...r };
      if (broken && i === 2) values['Nomor HP'] = '12345';
      if (broken && i === 7) values.Desa = 'Desa Tidak Ada';
      if (broken && i === 13) values['Tanggal lahir'] = daysAgo(-5);
      sheet.getRow(i + 2).values = headers.map((h) => (values as Record<string, string | number>)[h] ?? null);
    });
    await out.xlsx.writeFile(file);
  };
  const brokenFile = path.join(dir, 'register-salah.xlsx');
  const fixedFile = path.join(dir, 'register.xlsx');
  await fill(brokenFile, true);
  await fill(fixedFile, false);

  // Upload the file with errors: 17 new, 3 refused, each with its row, column and message.
  await upload(page, brokenFile);
  await expect(count(page, 'new')).toHaveText('17');
  await expect(count(page, 'existing')).toHaveText('0');
  await expect(count(page, 'rejected')).toHaveText('3');
  const errors = page.getByRole('region', { name: 'Baris yang ditolak (3)' });
  await expect(errors.locator('tr[data-row="4"]')).toContainText('Nomor HP');
  await expect(errors.locator('tr[data-row="4"]')).toContainText('Nomor HP tidak valid');
  await expect(errors.locator('tr[data-row="9"]')).toContainText('Desa tidak dikenal di puskesmas ini.');
  await expect(errors.locator('tr[data-row="15"]')).toContainText('Tanggal tidak boleh di masa depan.');
  await expectAccessible(page);

  // Fixed, uploaded again: 20 new. Confirming needs the consent statement.
  await upload(page, fixedFile);
  await expect(count(page, 'new')).toHaveText('20');
  await expect(count(page, 'rejected')).toHaveText('0');
  await page.getByRole('button', { name: 'Impor 20 baris baru' }).click();
  await expect(page.getByText('Centang pernyataan persetujuan dulu.')).toBeVisible();
  await page.getByLabel(/persetujuan setiap ibu yang diimpor sudah dicatat/).check();
  await page.getByRole('button', { name: 'Impor 20 baris baru' }).click();
  const done = page.getByTestId('import-done');
  await expect(done.getByRole('heading', { name: 'Impor selesai' })).toBeVisible();
  await expect(done).toContainText('20 ibu dan 20 bayi dibuat.');
  // No flood of codes (issue #29): per posyandu, how many mothers still need a login, and a printable list.
  await expect(done).not.toContainText(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/);
  await expect(done.getByRole('link', { name: /WhatsApp/ })).toHaveCount(0);
  const logins = done.getByRole('region', { name: 'Ibu yang belum punya akun portal, per posyandu' });
  await expect(logins.locator('tbody tr')).toHaveCount(1);
  await expect(logins.locator('tbody tr')).toContainText(posyandu);
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/wt29a-import-result-desktop.png', fullPage: true });
  const printLink = logins.getByRole('link', { name: `Daftar untuk dicetak: ibu di ${posyandu} yang belum punya akun portal` });
  const href = await printLink.getAttribute('href');
  expect(href).toMatch(/^\/staff\/impor\/akun\/[0-9a-f-]{36}$/);
  await printLink.click();
  await page.waitForURL(/\/staff\/impor\/akun\//);
  await expect(page.getByRole('heading', { level: 1, name: 'Ibu yang belum punya akun portal' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Ibu ${family} 1`, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `Ibu ${family} 20`, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/wt29a-logins-list-desktop.png', fullPage: true });
  // Born 39 days ago and imported today: windows 1–2 closed before she was registered (decision 060).
  await page.getByRole('link', { name: `Ibu ${family} 20`, exact: true }).click();
  await page.waitForURL(/\/staff\/bayi\//);
  await expect(page.getByText('Sebelum terdaftar', { exact: true })).toHaveCount(2);
  await expect(page.getByText('Terlewat', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/wt29a-baby-before-registration-desktop.png', fullPage: true });

  // The registry shows them.
  await page.goto('/staff/ibu');
  await page.waitForURL(/\/staff\/ibu/);
  await page.getByLabel('Cari nama atau nomor HP').fill(family);
  await page.getByLabel('Cari nama atau nomor HP').press('Enter');
  await expect(page.getByText(`Ibu ${family} 20`)).toBeVisible();
  await expect(page.getByText(`Ibu ${family} 1`, { exact: true })).toBeVisible();

  // The same file again: nothing new.
  await page.goto('/staff/impor');
  await upload(page, fixedFile);
  await expect(count(page, 'new')).toHaveText('0');
  await expect(count(page, 'existing')).toHaveText('20');
  await expect(page.getByText('Tidak ada baris baru untuk diimpor.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Impor \d+ baris baru/ })).toHaveCount(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a CSV saved by Excel in Indonesia (Windows-1252, ";") with a repeated row, "Mawar 1" and Indonesian dates', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kekasihku-import-csv-'));
  const run = String(Date.now()).slice(-7);
  await signInAs(page, demoLogin('staff', 0, /Gunung Putri/));
  await page.goto('/staff/impor');
  // The first active place, as the page lists it; the posyandu written without its prefix.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh templat (XLSX)' }).click()]);
  const templatePath = path.join(dir, 'templat.xlsx');
  await download.saveAs(templatePath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  let village = '';
  let posyandu = '';
  let inPlaces = false;
  wb.getWorksheet('Petunjuk')!.eachRow((r) => {
    const [a, b] = [String(r.getCell(1).value ?? ''), String(r.getCell(2).value ?? '')];
    if (inPlaces && a && b && !village) [village, posyandu] = [a, b];
    if (a === 'Desa' && b.startsWith('Posyandu')) inPlaces = true;
  });
  const short = posyandu.replace(/^Posyandu\s+/i, '');
  const d = daysAgo(40);
  const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][Number(d.slice(5, 7)) - 1]!;
  const written = `${Number(d.slice(8, 10))} ${bulan} ${d.slice(0, 4)}`;
  const line = (i: number, name: string) =>
    [`Ibu Csv${run} ${name}`, '', `0858${run}${String(i).padStart(2, '0')}`, village, short, '01', '02', 'Gg. “Melati” – No. 3', `Bayi ${i}`, 'P', written, '3.100'].join(
      ';',
    );
  const text = [
    'Nama ibu;NIK;Nomor HP;Desa;Posyandu;RT;RW;Alamat;Nama bayi;Jenis kelamin (L/P);Tanggal lahir;Berat lahir (gram)',
    line(1, 'Désirée'),
    line(1, 'Désirée'),
    line(2, 'Kedua'),
  ].join('\r\n');
  const cp1252: Record<string, number> = { '–': 0x96, '“': 0x93, '”': 0x94 };
  const file = path.join(dir, 'register-excel.csv');
  fs.writeFileSync(file, Buffer.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0))));
  await upload(page, file);
  await expect(count(page, 'new')).toHaveText('2');
  await expect(count(page, 'existing')).toHaveText('1');
  await expect(count(page, 'rejected')).toHaveText('0');
  await expect(page.getByRole('region', { name: 'Sudah ada di portal (1)' })).toContainText('Sama persis dengan baris 2 (baris ganda): tidak dibuat');
  const fresh = page.getByRole('region', { name: 'Akan dibuat (2)' });
  await expect(fresh).toContainText(`Ibu Csv${run} Désirée`);
  await expect(fresh).not.toContainText('kembar');
  await expectAccessible(page);
  await page.screenshot({ path: '/tmp/wt29a-import-preview-desktop.png', fullPage: true });
  await page.getByLabel(/persetujuan setiap ibu yang diimpor sudah dicatat/).check();
  await page.getByRole('button', { name: 'Impor 2 baris baru' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 ibu dan 2 bayi dibuat.');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: '/tmp/wt29a-import-result-phone.png', fullPage: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('kader and ibu get 403 on the import page and the template', async ({ browser, request }) => {
  // A browser context per person, and a request context of its own for the signed-out check:
  // clearing cookies is not enough (a prefetch answer still in flight sets the session again).
  for (const role of ['kader', 'ibu'] as const) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signInAs(page, demoLogin(role));
    const res = await page.goto('/staff/impor');
    expect(res?.status()).toBe(403);
    const template = await page.request.get('/api/impor/template');
    expect(template.status()).toBe(403);
    await ctx.close();
  }
  const signedOut = await request.get('/api/impor/template');
  expect(signedOut.status()).toBe(401);
});
