import { expect, test } from '@playwright/test';
import { demoLogin, DESKTOP, expectAccessible, PHONE, signInAs } from './support';

/** This month and last month as YYYY-MM in Asia/Jakarta (the demo data is built around today). */
function months() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { current: `${y}-${String(m).padStart(2, '0')}`, last };
}

test.describe('coverage dashboard (staff)', () => {
  test.use({ viewport: DESKTOP });
  test.setTimeout(180_000);

  test('staff change village and period: the numbers and the URL follow; an empty month says "belum ada data"', async ({ page }) => {
    await signInAs(page, demoLogin('staff'));
    await page.goto('/staff');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('cakupan ASI eksklusif');
    const six = page.getByTestId('six-month-coverage');
    await expect(six).toBeVisible();
    await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
    const villages = page.getByTestId('village-table').locator('tr');
    expect(await villages.count()).toBeGreaterThan(1);
    await expectAccessible(page);

    // Period: last month.
    const { last } = months();
    await page.getByLabel('Periode', { exact: true }).selectOption(last);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(new RegExp(`bulan=${last}`));
    await expect(page.getByTestId('trend-table').locator('tr').first()).toHaveAttribute('data-month', last);
    const allRecall = await page.getByTestId('recall-coverage').innerText();

    // Village: the second one in the list.
    const select = page.locator('select[name="desa"]');
    const option = select.locator('option').nth(2);
    const villageName = ((await option.textContent()) ?? '').trim();
    const villageId = await option.getAttribute('value');
    await select.selectOption(villageId!);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(new RegExp(`desa=${villageId}`));
    await expect(page).toHaveURL(new RegExp(`bulan=${last}`));
    await expect(page.getByTestId('village-table').locator('tr')).toHaveCount(1);
    await expect(page.getByTestId('village-table').locator('tr').first()).toHaveAttribute('data-name', villageName);
    const villageRecall = await page.getByTestId('recall-coverage').innerText();
    // The headline now counts only that village: fewer babies than the whole puskesmas.
    const den = (s: string) => Number(/dari\s+([\d.]+)/.exec(s)?.[1]?.replace(/\./g, '') ?? NaN);
    expect(den(villageRecall)).toBeLessThan(den(allRecall));

    // Sorting keeps the filters in the URL.
    await page.getByRole('link', { name: 'Urutkan menurut Cakupan 6 bulan' }).first().click();
    await expect(page).toHaveURL(/urut=enam/);
    await expect(page).toHaveURL(new RegExp(`desa=${villageId}`));

    // A month with no babies: "belum ada data", never 0% or NaN.
    await page.goto('/staff?bulan=2031-01');
    await expect(page.getByTestId('dashboard-empty')).toContainText('Belum ada data');
    await expect(page.getByTestId('recall-coverage')).toHaveText('belum ada data');
    await expect(page.getByTestId('six-month-coverage')).toHaveText('belum ada data');
    await expect(page.locator('body')).not.toContainText('NaN');
    await expect(page.getByTestId('village-table')).not.toContainText('%');
  });

  test('the monthly report prints to an A4 PDF and downloads as XLSX and CSV', async ({ page }) => {
    await signInAs(page, demoLogin('staff'));
    const { last } = months();
    await page.goto(`/staff/laporan?bulan=${last}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Laporan bulanan');
    const total = page.getByTestId('report-table').locator('tr[data-row="total"]');
    await expect(total).toBeVisible();
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeHidden();
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });

    const xlsx = await page.request.get(`/api/laporan/${last}/xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    const csv = await page.request.get(`/api/laporan/${last}/csv`);
    expect(csv.status()).toBe(200);
    // As Excel in Indonesia reads it (issue #29): BOM, ";" between fields.
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    expect(text.startsWith('Desa;Posyandu;')).toBe(true);
    // The CSV's total row has the page's O1 total.
    const o1 = (await total.locator('[data-cell="O1-J"]').innerText()).replace(/\./g, '');
    const totalLine = text.split('\r\n').find((l) => l.startsWith('Jumlah;'))!;
    expect(totalLine.split(';')[4]).toBe(o1);
  });
});

test.describe('kader summary (phone)', () => {
  test.use({ viewport: PHONE });
  test.setTimeout(180_000);

  test("a kader sees only her posyandu's summary and is refused the district export", async ({ page }) => {
    const kader = demoLogin('kader');
    await signInAs(page, kader);
    await page.getByRole('link', { name: 'Ringkasan' }).click();
    await expect(page).toHaveURL(/\/kader\/ringkasan$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Posyandu Melati 1');
    await expect(page.getByTestId('kader-recall')).toBeVisible();
    await expect(page.getByTestId('kader-record')).toBeVisible();
    await expect(page.locator('.recharts-wrapper')).toHaveCount(0);
    await expectAccessible(page);
    const { last } = months();
    for (const format of ['xlsx', 'csv']) {
      const res = await page.request.get(`/api/laporan/${last}/${format}`);
      expect(res.status()).toBe(403);
    }
    const report = await page.goto(`/staff/laporan?bulan=${last}`);
    expect(report?.status()).toBe(403);
  });
});
