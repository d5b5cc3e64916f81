import { expect, test } from '@playwright/test';
import { demoLogin, DESKTOP, expectAccessible, PHONE, signInAs } from './support';

/** This year and last month as the demo sees them (Asia/Jakarta). */
function periods() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { year: String(y), last };
}

/** "6,5 dari 10" → 6.5; "12 dari 20" → [12, 20]. */
const counts = (s: string) =>
  /([\d.]+)\s+dari\s+([\d.]+)/
    .exec(s)
    ?.slice(1)
    .map((x) => Number(x.replace(/\./g, ''))) ?? [];

test.describe('knowledge figures (issue #28: does knowing matter)', () => {
  test.setTimeout(180_000);

  test.describe('staff dashboard, desktop', () => {
    test.use({ viewport: DESKTOP });

    test('the dashboard shows the knowledge figures of the period with counts; an empty period says "belum ada data"', async ({ page }) => {
      await signInAs(page, demoLogin('staff'));
      const { year } = periods();
      await page.goto(`/staff?bulan=${year}`);
      const section = page.getByTestId('knowledge-figures');
      await expect(section).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Pengetahuan ibu' })).toBeVisible();

      // Baseline and endline: checks counted, a mean score "n dari 10".
      const baseline = page.getByTestId('knowledge-scores').locator('tr[data-occasion="baseline"]');
      const endline = page.getByTestId('knowledge-scores').locator('tr[data-occasion="endline"]');
      expect(Number((await baseline.locator('td').nth(1).innerText()).replace(/\./g, ''))).toBeGreaterThan(0);
      expect(Number((await endline.locator('td').nth(1).innerText()).replace(/\./g, ''))).toBeGreaterThan(0);
      await expect(page.getByTestId('knowledge-mean-baseline')).toContainText('dari 10');
      // The share whose score rose: a percentage with its counts.
      const [rose, compared] = counts(await page.getByTestId('knowledge-rose').innerText());
      expect(compared).toBeGreaterThan(0);
      expect(rose).toBeLessThanOrEqual(compared!);
      await expect(page.getByTestId('knowledge-statements').locator('tr')).toHaveCount(10);
      await expect(page.getByTestId('knowledge-by-topic').locator('tr')).toHaveCount(10);
      // High and low baseline split the cohort; each shown with "n dari m".
      await expect(page.getByTestId('knowledge-six-high')).toContainText('dari');
      await expect(page.getByTestId('knowledge-six-low')).toContainText('dari');
      await expectAccessible(page);
      await section.screenshot({ path: '/tmp/knowledge-staff.png' });

      await page.goto('/staff?bulan=2031-01');
      await expect(page.getByTestId('knowledge-empty')).toBeVisible();
      await expect(page.getByTestId('knowledge-rose')).toHaveText('belum ada data');
      await expect(page.getByTestId('knowledge-mean-baseline')).toHaveText('belum ada data');
      await expect(page.getByTestId('knowledge-six-all')).toHaveText('belum ada data');
      await expect(page.getByTestId('knowledge-figures')).not.toContainText('NaN');
    });

    test('the report XLSX of a year carries the sheet "Pengetahuan"', async ({ page }) => {
      await signInAs(page, demoLogin('staff'));
      const res = await page.request.get(`/api/laporan/${periods().year}/xlsx`);
      expect(res.status()).toBe(200);
      // Read back with exceljs, as the integration test does.
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toContain('Pengetahuan');
    });

    test('the district office sees the knowledge figures per puskesmas', async ({ page }) => {
      await signInAs(page, demoLogin('dinkes'));
      await page.goto(`/dinkes?bulan=${periods().year}`);
      const table = page.getByTestId('district-knowledge');
      await expect(table).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(3); // two puskesmas and the kabupaten
      await expectAccessible(page);
    });
  });

  test.describe('kader summary, phone', () => {
    test.use({ viewport: PHONE });

    test("the kader sees her posyandu's knowledge figures, without chart code", async ({ page }) => {
      await signInAs(page, demoLogin('kader'));
      await page.goto(`/kader/ringkasan?bulan=${periods().last}`);
      const section = page.getByTestId('knowledge-figures');
      await expect(section).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Pengetahuan ibu di posyandu ini' })).toBeVisible();
      await expect(page.getByTestId('knowledge-statements').locator('tr')).toHaveCount(10);
      // Light: no per-topic table and no chart on the kader's page.
      await expect(page.getByTestId('knowledge-by-topic')).toHaveCount(0);
      await expect(page.locator('.recharts-wrapper')).toHaveCount(0);
      // Nothing wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
      await page.screenshot({ path: '/tmp/knowledge-kader.png', fullPage: true });
    });
  });
});
