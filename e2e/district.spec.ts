import { expect, test } from '@playwright/test';
import { bjnSpecials, gptSpecials } from '../db/seed/population';
import { demoLogin, DESKTOP, expectAccessible, signIn, signInAs } from './support';

/**
 * The district office at a desk (issue #19): the demo dinkes user of Kabupaten Bogor signs in,
 * lands on /dinkes, sees both demo puskesmas and the kabupaten total, downloads the F1 report
 * as XLSX and CSV, is refused every page and file that carries a name, and neither the page's
 * HTML nor its RSC payload holds a mother's or baby's name or phone.
 */

/** Names and phones of the demo's hand-written mothers (both puskesmas) and of the demo mothers who sign in. */
const PERSONAL = [
  ...[...bjnSpecials(), ...gptSpecials()].flatMap((m) => [m.name, m.phone ?? null]),
  demoLogin('ibu', 0).name,
  demoLogin('ibu', 1).name,
  demoLogin('kader', 0).name,
].filter((v): v is string => typeof v === 'string' && v.length > 3);

/** The number after "dari" in "75% 12 dari 16", and before it: numerator and denominator. */
function fraction(text: string): { num: number; den: number } | null {
  const m = /([\d.]+)\s+dari\s+([\d.]+)/.exec(text);
  return m ? { num: Number(m[1]!.replace(/\./g, '')), den: Number(m[2]!.replace(/\./g, '')) } : null;
}

test.describe('district office (dinkes)', () => {
  test.use({ viewport: DESKTOP });
  test.setTimeout(180_000);

  test('signs in to /dinkes: both puskesmas, the summed total, XLSX and CSV; nothing with a name', async ({ page, browser }) => {
    expect(PERSONAL.length).toBeGreaterThan(20);
    const dinkes = demoLogin('dinkes');
    await signIn(page, dinkes.phone);
    await page.waitForURL(/\/dinkes$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dinas Kesehatan Kabupaten Bogor');

    // Last month: the demo has babies in both puskesmas then.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await page.getByLabel('Periode').selectOption(last);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page).toHaveURL(new RegExp(`/dinkes\\?bulan=${last}$`));

    const table = page.getByTestId('district-coverage');
    const bjn = table.locator('tr[data-row="BJN"]');
    const gpt = table.locator('tr[data-row="GPT"]');
    const total = table.locator('tr[data-row="total"]');
    await expect(bjn).toContainText('Puskesmas Bojong Nangka');
    await expect(gpt).toContainText('Puskesmas Gunung Putri');
    await expect(total).toContainText('Jumlah Kabupaten Bogor');
    // The total's recall coverage is the sum of the two puskesmas's numerators and denominators.
    const a = fraction(await bjn.locator('[data-cell="recall"]').innerText());
    const b = fraction(await gpt.locator('[data-cell="recall"]').innerText());
    const sum = fraction(await total.locator('[data-cell="recall"]').innerText());
    expect(a).not.toBeNull();
    expect(sum).toEqual({ num: a!.num + (b?.num ?? 0), den: a!.den + (b?.den ?? 0) });
    await expect(page.getByTestId('district-total-recall')).toContainText(`${sum!.num} dari ${sum!.den}`);
    await expect(page.getByTestId('district-f1').locator('tr[data-row="total"]')).toBeVisible();
    await expect(page.getByTestId('district-trend').locator('tr')).toHaveCount(12);
    await expectAccessible(page);

    // A quarter and a year are offered and shown.
    const quarter = `${y}-Q${Math.ceil(m / 3)}`;
    await page.goto(`/dinkes?bulan=${quarter}`);
    await expect(page.getByTestId('district-coverage').locator('tr[data-row="total"]')).toBeVisible();
    await expect(page.getByLabel('Periode')).toHaveValue(quarter);
    await page.goto(`/dinkes?bulan=${y}`);
    await expect(page.getByLabel('Periode')).toHaveValue(String(y));
    await page.goto(`/dinkes?bulan=${last}`);

    // Downloads: the F1 report of the kabupaten and per puskesmas.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`laporan-asi-kabupaten-bogor-${last}.xlsx`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`laporan-asi-kabupaten-bogor-${last}.csv`);
    const csvText = (await (await page.request.get(`/api/dinkes/laporan/${last}/csv`)).body()).toString('utf8');
    expect(csvText.split('\r\n')[0]).toMatch(/^\uFEFFKecamatan;Puskesmas;/);
    expect(csvText).toContain('Puskesmas Bojong Nangka');
    expect(csvText).toContain('Jumlah;Kabupaten Bogor');
    const xlsxRes = await page.request.get(`/api/dinkes/laporan/${quarter}/xlsx`);
    expect(xlsxRes.status()).toBe(200);
    expect(xlsxRes.headers()['content-type']).toContain('spreadsheetml');
    expect((await page.request.get(`/api/dinkes/laporan/${y}-13/csv`)).status()).toBe(404);

    // Neither the HTML nor the RSC payload of /dinkes holds a mother's or baby's name or phone.
    const html = await (await page.request.get(`/dinkes?bulan=${last}`)).text();
    const rsc = await (await page.request.get(`/dinkes?bulan=${last}`, { headers: { RSC: '1' } })).text();
    expect(html).toContain('Puskesmas Gunung Putri');
    expect(rsc).toContain('Puskesmas Gunung Putri');
    for (const text of [html, rsc, csvText]) expect(PERSONAL.filter((p) => text.includes(p))).toEqual([]);

    // Every page and file that carries a name: 403.
    for (const path of ['/staff', '/staff/ibu', '/staff/laporan', '/kader/ibu', '/ibu', '/forum']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('Akses ditolak');
    }
    expect((await page.request.get(`/api/laporan/${last}/csv`)).status()).toBe(403);

    // A staff certificate's PDF (found by staff): 403 for the district.
    const staffCtx = await browser.newContext({ viewport: DESKTOP });
    const staff = await staffCtx.newPage();
    await signInAs(staff, demoLogin('staff'));
    const certHtml = await (await staff.request.get('/staff/sertifikat')).text();
    const certId = /\/api\/sertifikat\/([0-9a-f-]{36})\/pdf/.exec(certHtml)?.[1];
    expect(certId, 'a certificate is listed for staff').toBeTruthy();
    expect((await staff.request.get(`/api/sertifikat/${certId}/pdf`)).status()).toBe(200);
    // Staff may not open the district's page or files.
    expect((await staff.goto('/dinkes'))?.status()).toBe(403);
    expect((await staff.request.get(`/api/dinkes/laporan/${last}/csv`)).status()).toBe(403);
    await staffCtx.close();
    expect((await page.request.get(`/api/sertifikat/${certId}/pdf`)).status()).toBe(403);

    // Signed out: the files answer 401.
    const anon = await browser.newContext();
    expect((await anon.request.get(`/api/dinkes/laporan/${last}/csv`)).status()).toBe(401);
    await anon.close();
  });

  test('the district user adds another district account and gets a one-time code', async ({ page }) => {
    await signIn(page, demoLogin('dinkes').phone);
    await page.waitForURL(/\/dinkes$/);
    await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await expect(page).toHaveURL(/\/dinkes\/pengguna$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akun Dinas Kesehatan');
    await expectAccessible(page);
    await page.getByLabel('Nama', { exact: true }).fill('<b>x</b>');
    await page.getByLabel('Nomor HP').fill('0811-1000-0002');
    await page.getByRole('button', { name: 'Buat akun' }).click();
    await expect(page.locator('#form-error')).toBeVisible();
    await expect(page.locator('#name-error')).toBeVisible();
    // A fresh number each run (the e2e database lives for one run, but a retry reuses it).
    const phone = `0811-7200-${String(Date.now() % 10_000).padStart(4, '0')}`;
    await page.getByLabel('Nama', { exact: true }).fill('Agnes Hutapea, S.K.M.');
    await page.getByLabel('Nomor HP').fill(phone);
    await page.getByRole('button', { name: 'Buat akun' }).click();
    const notice = page.getByTestId('district-account-code');
    await expect(notice).toContainText('Akun Agnes Hutapea, S.K.M. sudah dibuat.');
    await expect(notice.getByTestId('activation-code')).toHaveText(/^[A-Z2-9]{8}$/);
    await expect(notice.getByRole('link', { name: 'Kirim lewat WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/62811/);
    await page.reload();
    await expect(page.getByTestId('district-accounts')).toContainText('Agnes Hutapea, S.K.M.');
    await expect(page.getByTestId('district-accounts')).toContainText('Belum aktivasi');
  });
});
