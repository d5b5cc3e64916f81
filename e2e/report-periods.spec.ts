import ExcelJS from 'exceljs';
import { expect, test, type Locator } from '@playwright/test';
import { demoLogin, DESKTOP, expectAccessible, PHONE, signInAs } from './support';

/** Issue #20: the report by village and by quarter, and the kader's month picker on a phone. */

function jakartaMonth() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const quarter = Math.ceil(m / 3);
  return { last, lastMonth: m === 1 ? 12 : m - 1, quarter: `${y}-Q${quarter}`, quarterLabel: `Triwulan ${['I', 'II', 'III', 'IV'][quarter - 1]} ${y}` };
}

const num = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
/** "90,3%  140 dari 155" → [90.3, 140, 155]; "belum ada data" → the text. */
async function coverageOf(cell: Locator): Promise<(number | string)[]> {
  const text = (await cell.innerText()).trim();
  const m = /([\d.,]+)%\s*([\d.]+) dari ([\d.]+)/.exec(text);
  return m ? [num(m[1]!), num(m[2]!), num(m[3]!)] : [text];
}
/** A row of an F1 table on the page as the file writes it: O1–O5 L, P, J, then each coverage's %, numerator, denominator. */
async function rowFigures(row: Locator): Promise<(number | string)[]> {
  const out: (number | string)[] = [];
  for (const o of ['O1', 'O2', 'O3', 'O4', 'O5']) for (const s of ['L', 'P', 'J']) out.push(num(await row.locator(`[data-cell="${o}-${s}"]`).innerText()));
  for (const c of ['recall', 'six']) {
    const v = await coverageOf(row.locator(`[data-cell="${c}"]`));
    out.push(...(v.length === 3 ? v : ['belum ada data', 0, 0]));
  }
  return out;
}

test.describe('report by village and period (staff, desk)', () => {
  test.use({ viewport: DESKTOP });
  test.setTimeout(240_000);

  test('the report filtered by a village: its table only, the total is that village, the CSV says the same', async ({ page }) => {
    await signInAs(page, demoLogin('staff'));
    const { last } = jakartaMonth();
    await page.goto(`/staff/laporan?bulan=${last}`);
    const villageTables = page.locator('table[data-testid^="report-village-"]');
    expect(await villageTables.count()).toBeGreaterThan(1);
    const select = page.getByLabel('Desa', { exact: true });
    const option = select.locator('option').nth(2);
    const villageName = ((await option.textContent()) ?? '').trim();
    const villageId = (await option.getAttribute('value'))!;
    await select.selectOption(villageId);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page).toHaveURL(new RegExp(`desa=${villageId}`));
    await expect(page).toHaveURL(new RegExp(`bulan=${last}`));
    await expect(villageTables).toHaveCount(1);
    await expect(villageTables.first().locator('caption')).toContainText(villageName);
    const summary = page.getByTestId('report-table');
    await expect(summary.locator('tbody tr')).toHaveCount(2);
    // The village's row and the total row are the same figures.
    const villageRow = await rowFigures(summary.locator('tr[data-row="village"]'));
    expect(await rowFigures(summary.locator('tr[data-row="total"]'))).toEqual(villageRow);
    // Its posyandu add up to it.
    const inVillage = villageTables.first();
    const posyandu = inVillage.locator('tbody tr:not([data-row="village"])');
    const sums = Array.from({ length: 15 }, () => 0);
    for (let i = 0; i < (await posyandu.count()); i++) (await rowFigures(posyandu.nth(i))).slice(0, 15).forEach((v, j) => (sums[j]! += v as number));
    expect(sums).toEqual(villageRow.slice(0, 15));
    // This month beside last month on the printable page.
    await expect(page.getByTestId('report-compare').locator('tr[data-row="total"] td')).toHaveCount(4);
    await expectAccessible(page);

    // The CSV link carries the village; the file's last row is the village's figures.
    const csvHref = await page.getByTestId('report-csv').getAttribute('href');
    expect(csvHref).toBe(`/api/laporan/${last}/csv?desa=${villageId}`);
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toContain(`${last}-desa-`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    const total = lines.at(-1)!.split(';'); // CSV as Excel in Indonesia reads it (issue #29: ';' and decimal comma);
    expect(total[0]).toBe('Jumlah');
    expect(total.slice(2, 17).map(Number)).toEqual(villageRow.slice(0, 15));
    // A village id of nowhere is not a file.
    expect((await page.request.get(`/api/laporan/${last}/csv?desa=00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
  });

  test("the XLSX of a quarter downloads, names the quarter, and its figures equal the page's", async ({ page }) => {
    await signInAs(page, demoLogin('staff'));
    const { quarter, quarterLabel } = jakartaMonth();
    // The dashboard offers the quarter and links to its report.
    await page.goto('/staff');
    await page.getByLabel('Periode', { exact: true }).selectOption(quarter);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(new RegExp(`bulan=${quarter}`));
    await expect(page.getByTestId('recall-coverage')).toBeVisible();
    await expect(page.getByTestId('as-of-note')).toContainText(quarterLabel);
    await expectAccessible(page);
    await page.getByRole('link', { name: `Buka laporan ${quarterLabel}` }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/laporan\\?bulan=${quarter}`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(quarterLabel);
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${quarter}\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet('Laporan')!;
    const rows = (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    // Every village's "Jumlah desa" row and the total row equal the page's.
    const pageTable = page.getByTestId('report-table');
    const pageVillages = pageTable.locator('tr[data-row="village"]');
    const villageRows = rows.filter((r) => r[1] === 'Jumlah desa');
    expect(villageRows.length).toBe(await pageVillages.count());
    for (let i = 0; i < villageRows.length; i++) {
      const row = pageVillages.nth(i);
      expect(villageRows[i]![0]).toBe(await row.getAttribute('data-name'));
      expect(villageRows[i]!.slice(2), `village ${i}`).toEqual(await rowFigures(row));
    }
    expect(rows.at(-1)![0]).toBe('Jumlah');
    expect(rows.at(-1)!.slice(2)).toEqual(await rowFigures(pageTable.locator('tr[data-row="total"]')));
    const summary = (wb.getWorksheet('Ringkasan')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(summary).toContainEqual(['Periode', quarterLabel]);
  });
});

test.describe('kader summary month picker (phone)', () => {
  test.use({ viewport: PHONE });
  test.setTimeout(180_000);

  test('a kader picks last month on a 360×740 phone; the page names the month, never "bulan ini"', async ({ page }) => {
    await signInAs(page, demoLogin('kader'));
    await page.goto('/kader/ringkasan');
    const picker = page.getByLabel('Bulan', { exact: true });
    await expect(picker).toBeVisible();
    const { last, lastMonth } = jakartaMonth();
    await picker.selectOption(last);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page).toHaveURL(new RegExp(`/kader/ringkasan\\?bulan=${last}`));
    const monthName = new Intl.DateTimeFormat('id-ID', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, lastMonth - 1, 1)));
    await expect(page.getByTestId('kader-recall')).toBeVisible();
    await expect(page.locator('main')).toContainText(`Cakupan posyandu — ${monthName}`);
    await expect(page.getByTestId('as-of-note')).toContainText(monthName);
    await expect(page.locator('main')).not.toContainText(/bulan ini/i);
    await expect(picker).toHaveValue(last);
    // Fits the phone: no sideways scrolling; the controls are 44px targets.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await picker.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await page.getByRole('button', { name: 'Tampilkan' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page);
  });
});
