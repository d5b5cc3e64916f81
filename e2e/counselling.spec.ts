import { expect, test, type Page } from '@playwright/test';
import { PHONE, demoLogin, expectAccessible, signInAs } from './support';

/**
 * Issue #28 point 3 and 4 at 360×740: a kader sees different "bahan konseling" for a 5-day-old, a
 * 6-week-old and a baby whose last visit found formula (babies registered here, through the
 * form), records counselling with lessons on a visit, and opens a lesson of her puskesmas with no
 * signal; a mother sees her week's lesson on /ibu with the family's lessons to send. Runs in order.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);
test.use({ viewport: PHONE });

const kader = demoLogin('kader', 0);
const ibu = demoLogin('ibu', 0);
const stamp = String(Date.now()).slice(-6);
const shots = '/tmp/counselling';
const babies: Record<'newborn' | 'sixWeeks' | 'formula', string> = { newborn: '', sixWeeks: '', formula: '' };

const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - n * 86_400_000));

async function register(page: Page, name: string, phone: string, days: number): Promise<string> {
  await page.goto('/kader/ibu/baru');
  await page.getByLabel('Nama ibu').fill(name);
  await page.getByLabel('Nomor HP ibu').fill(phone);
  await page.getByLabel('Tanggal lahir bayi').fill(daysAgo(days));
  await page.locator('[id="babies.0.sex-P"]').check();
  await page.getByLabel(/setuju datanya dicatat/).check();
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  const done = page.getByTestId('register-done');
  await expect(done).toBeVisible();
  const href = await done.locator('a[href^="/kader/bayi/"]').first().getAttribute('href');
  return href!.split('/')[3]!;
}

/** The bahan konseling on the baby page, by slug. */
async function materials(page: Page, babyId: string): Promise<string[]> {
  await page.goto(`/kader/bayi/${babyId}`);
  const card = page.getByTestId('counselling-card');
  await expect(card).toBeVisible();
  return card.locator('li[data-lesson]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lesson')!));
}

async function answerRecall(page: Page, opts: { formula?: boolean } = {}) {
  await page.locator('#breastfed-yes').check();
  if (opts.formula) await page.locator('#recall-formula').check();
  await page.locator('#since-no').check();
  if (opts.formula) await page.locator('#breakReason').selectOption('low_supply');
  if (await page.locator('#sameDay-check').isVisible()) await page.locator('#sameDay-check').check();
}

test('a kader sees different bahan konseling for a 5-day-old, a 6-week-old and a baby whose last visit found formula', async ({ page }) => {
  await signInAs(page, kader);
  babies.newborn = await register(page, `Ibu Lima Hari ${stamp}`, `0859-${stamp.slice(0, 4)}-1${stamp.slice(-3)}`, 5);
  babies.sixWeeks = await register(page, `Ibu Enam Minggu ${stamp}`, `0859-${stamp.slice(0, 4)}-2${stamp.slice(-3)}`, 42);
  babies.formula = await register(page, `Ibu Formula ${stamp}`, `0859-${stamp.slice(0, 4)}-3${stamp.slice(-3)}`, 42);

  const newborn = await materials(page, babies.newborn);
  await expect(page.getByTestId('counselling-card').getByTestId('because').first()).toHaveText('untuk umur 5 hari');
  await page.screenshot({ path: `${shots}-newborn.png`, fullPage: true });
  await expectAccessible(page);
  const sixWeeks = await materials(page, babies.sixWeeks);
  expect(newborn.length).toBeGreaterThanOrEqual(2);
  expect(newborn.length).toBeLessThanOrEqual(3);
  expect(sixWeeks).not.toEqual(newborn);
  // Until its visit finds formula, the third baby's are the 6-week-old's.
  expect(await materials(page, babies.formula)).toEqual(sixWeeks);

  await page.goto(`/kader/bayi/${babies.formula}/kunjungan`);
  await answerRecall(page, { formula: true });
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${babies.formula}\\?saved=1$`));
  const formula = await materials(page, babies.formula);
  expect(formula).not.toEqual(sixWeeks);
  await expect(page.getByTestId('counselling-card').getByTestId('because').first()).toHaveText('karena kunjungan terakhir: susu formula');
  await page.screenshot({ path: `${shots}-formula.png`, fullPage: true });
});

test('she records counselling with lessons on a visit; the baby page shows them', async ({ page }) => {
  await signInAs(page, kader);
  await page.goto(`/kader/bayi/${babies.newborn}/kunjungan`);
  await answerRecall(page);
  await page.locator('#sec-more summary').click();
  const lessons = page.getByRole('group', { name: 'Bahan konseling' });
  await expect(lessons).toBeVisible();
  const first = lessons.locator('input[name="lessons"]').first();
  const firstSlug = (await first.getAttribute('value'))!;
  await first.check();
  // A topic she ticks brings its lessons.
  await expect(page.locator('#lesson-untuk-nenek')).toBeHidden();
  await page.locator('#counsel-family_support').check();
  await expect(page.locator('#lesson-untuk-nenek')).toBeVisible();
  await page.locator('#lesson-untuk-nenek').check();
  await page.screenshot({ path: `${shots}-form.png`, fullPage: true });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${babies.newborn}\\?saved=1$`));
  const line = page.getByTestId('visit-lessons').first();
  await expect(line).toContainText('Materi yang dibahas');
  await expect(line.getByRole('link')).toHaveCount(2);
  expect(await line.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').pop()))).toEqual([firstSlug, 'untuk-nenek']);
});

test('with no signal she opens a lesson of her puskesmas kept on the phone', async ({ page, context }) => {
  await signInAs(page, kader);
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: 30_000 });
  await page.goto(`/kader/bayi/${babies.sixWeeks}`);
  const href = (await page.getByTestId('counselling-card').locator('li[data-lesson] a').first().getAttribute('href'))!;
  expect(href).toMatch(/^\/materi\/pkm\/[A-Za-z0-9_-]+\/[a-z0-9-]+$/);
  const title = (await page.getByTestId('counselling-card').locator('li[data-lesson] a').first().textContent())!.trim();
  // The worker keeps her puskesmas's lessons after a page loaded online.
  await page.evaluate(() => navigator.serviceWorker.controller?.postMessage({ type: 'precache' }));
  await expect
    .poll(() => page.evaluate(async (p) => Boolean(await (await caches.open('kk-lessons-v2')).match(new URL(p, location.origin).href)), href), { timeout: 120_000 })
    .toBe(true);
  await context.setOffline(true);
  try {
    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.screenshot({ path: `${shots}-offline-lesson.png`, fullPage: true });
  } finally {
    await context.setOffline(false);
  }
});

test('a mother sees her week’s lesson on /ibu, and the family lessons to send', async ({ page }) => {
  await signInAs(page, ibu);
  const card = page.getByTestId('ibu-lessons');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('week-lesson')).toBeVisible();
  await expect(card.getByTestId('week-lesson').getByRole('link')).toHaveAttribute('href', /^\/materi\/pkm\/[A-Za-z0-9_-]+\/[a-z0-9-]+$/);
  const send = card.getByTestId('family-lessons').getByRole('link', { name: /Kirim lewat WhatsApp/ });
  expect(await send.count()).toBeGreaterThanOrEqual(2);
  const wa = (await send.first().getAttribute('href'))!;
  expect(wa).toMatch(/^https:\/\/wa\.me\/\?text=/);
  expect(decodeURIComponent(wa.split('text=')[1]!)).toMatch(/(https?:\/\/[^/\s]+)?\/materi\/pkm\//); // the portal's address once set (issue #29), else the path
  await page.screenshot({ path: `${shots}-ibu.png`, fullPage: true });
  await expectAccessible(page);
});
