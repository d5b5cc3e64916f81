import { expect, test, type Page } from '@playwright/test';
import { PHONE, demoLogin, expectAccessible, signInAs } from './support';

/**
 * Issue #23 on a 360×740 phone: the recall is asked, never assumed (decision 053); a visit sent
 * again after "back" asks before it is saved; a danger sign ticks the referral and the baby's
 * page then leads with it; the kader home leads with today's visits; /kader/ibu searches on the
 * phone. Runs in order on babies of the kader's list that the other journeys do not use.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(150_000);
test.use({ viewport: PHONE });

const kader = demoLogin('kader', 0);
const shots = process.env.E2E_SHOTS;

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

/** A baby of her "still followed" list (not today's list, which other journeys use), by position from the end. */
async function followedBaby(page: Page, fromEnd: number): Promise<string> {
  await page.goto('/kader');
  const links = page.getByTestId('kader-mothers').getByTestId('mother-name');
  const n = await links.count();
  expect(n).toBeGreaterThan(fromEnd);
  const href = (await links.nth(n - 1 - fromEnd).getAttribute('href'))!;
  return href.split('/').pop()!;
}

/** The kader answers the recall: breastfed yesterday, nothing else since; from 5 months, exclusive since birth. */
async function answerRecall(page: Page) {
  await page.locator('label[for="breastfed-yes"]').click();
  await page.locator('label[for="since-no"]').click();
  if (await page.locator('#confirm-yes').isVisible()) await page.locator('label[for="confirm-yes"]').click();
}

const visitsOf = (page: Page) => page.getByTestId('timeline').locator('li[data-visit]');

let recallBaby = '';

test('an untouched visit form is not saved: the recall questions say so, on the phone and on the server', async ({ page }) => {
  await signInAs(page, kader);
  recallBaby = await followedBaby(page, 0);
  await page.goto(`/kader/bayi/${recallBaby}`);
  const before = await visitsOf(page).count();

  await page.goto(`/kader/bayi/${recallBaby}/kunjungan`);
  await expect(page.getByRole('heading', { name: 'Recall 24 jam (kemarin siang dan malam)' })).toBeVisible();
  // Nothing answered for her.
  for (const id of ['#breastfed-yes', '#breastfed-no', '#since-yes', '#since-no']) await expect(page.locator(id)).not.toBeChecked();
  // (A run again on the same data: today's visit of the last run is confirmed, so only the recall is missing.)
  if (await page.locator('#sameDay-check').isVisible()) await page.locator('#sameDay-check').check();
  await expectAccessible(page);
  await shot(page, 'visit-form-top');

  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect(page.locator('#form-error')).toHaveText('Ada isian yang perlu diperbaiki.');
  await expect(page.locator('#breastfed-error')).toHaveText('Pilih jawaban: Ya atau Tidak.');
  await expect(page.locator('#givenSinceLast-error')).toHaveText('Pilih jawaban: Ya atau Tidak.');
  // From the 5-month date on, the six-month confirmation is asked too, unanswered.
  if (await page.locator('#confirm-yes').isVisible()) await expect(page.locator('#confirmedExclusive-error')).toHaveText('Pilih jawaban: Ya atau Tidak.');
  // The first question with a message has the focus.
  await expect(page.locator('#breastfed-yes')).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/kader/bayi/${recallBaby}/kunjungan$`));
  await expectAccessible(page);
  await shot(page, 'visit-form-refused');

  // The same visit sent straight to the server action without the answers: refused, nothing written.
  let sent: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route(`**/kader/bayi/${recallBaby}/kunjungan`, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    sent = { url: req.url(), headers: req.headers(), body: req.postData() ?? '' };
    await route.abort();
  });
  await answerRecall(page);
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect.poll(() => Boolean(sent)).toBe(true);
  await page.unrouteAll();
  const [values] = JSON.parse(sent!.body) as [Record<string, unknown>];
  expect(values).toMatchObject({ breastfed: 'yes', givenSinceLast: 'no' });
  // (The answers as sent, without them, and — where asked — without the confirmation.)
  const headers = Object.fromEntries(Object.entries(sent!.headers).filter(([k]) => !['content-length', 'cookie'].includes(k)));
  const bads = [
    { ...values, breastfed: '', givenSinceLast: '' },
    Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'breastfed' && k !== 'givenSinceLast')),
  ];
  if (values.confirmedExclusive === 'yes') bads.push({ ...values, confirmedExclusive: '' });
  for (const bad of bads) {
    const res = await page.request.post(sent!.url, { headers, data: JSON.stringify([bad]), maxRedirects: 0 });
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(text).toContain('validation.answerRequired');
    expect(text).not.toContain('saved=1');
  }
  await page.goto(`/kader/bayi/${recallBaby}`);
  await expect(visitsOf(page)).toHaveCount(before);
});

test('saved, then back and sent again: the form asks "simpan lagi?" before a second visit that day', async ({ page }) => {
  test.skip(!recallBaby, 'needs the baby');
  await signInAs(page, kader);
  await page.goto(`/kader/bayi/${recallBaby}`);
  const before = await visitsOf(page).count();
  await page.getByRole('link', { name: 'Catat kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${recallBaby}/kunjungan$`));
  await answerRecall(page);
  if (await page.locator('#sameDay-check').isVisible()) await page.locator('#sameDay-check').check();
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${recallBaby}\\?saved=1$`));
  await expect(visitsOf(page)).toHaveCount(before + 1);

  // Back to the form, as a hurried kader does, and the same answers sent again.
  await page.goBack();
  await page.waitForURL(new RegExp(`/kader/bayi/${recallBaby}/kunjungan$`));
  await answerRecall(page);
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  const ask = page.getByRole('group', { name: 'Sudah ada kunjungan hari ini — simpan lagi?' });
  await expect(ask).toBeVisible();
  await expect(page.locator('#sameDayConfirmed-error')).toContainText('sudah punya kunjungan pada tanggal itu');
  await expect(page.locator('#sameDay-check')).toBeFocused();
  await expectAccessible(page);
  await shot(page, 'visit-form-same-day');
  await page.goto(`/kader/bayi/${recallBaby}`);
  await expect(visitsOf(page)).toHaveCount(before + 1);

  // Opened again after that visit: the form asks before she saves, and saves when she confirms.
  await page.goto(`/kader/bayi/${recallBaby}/kunjungan`);
  await expect(ask).toBeVisible();
  await answerRecall(page);
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect(page.locator('#sameDayConfirmed-error')).toBeVisible();
  await page.getByLabel('Ya, simpan sebagai kunjungan kedua').check();
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${recallBaby}\\?saved=1$`));
  await expect(visitsOf(page)).toHaveCount(before + 2);
});

test('a danger sign ticks the referral; the baby page then opens with a referral banner naming it', async ({ page }) => {
  await signInAs(page, kader);
  const babyId = await followedBaby(page, 1);
  await page.goto(`/kader/bayi/${babyId}/kunjungan`);
  await answerRecall(page);
  await expect(page.locator('#referral-check')).not.toBeChecked();
  await page.getByLabel('Demam di atas 38 °C').check();
  await expect(page.locator('#referral-check')).toBeChecked();
  await expect(page.getByLabel('Alasan rujukan')).toHaveValue(/Tanda bahaya: Demam/);
  // A value in a closed section is kept, and a section with an error opens with the focus on it.
  await page.locator('#sec-more summary').click();
  await page.getByLabel('Berat badan (gram)').fill('40');
  await page.locator('#sec-more summary').click();
  await expect(page.getByLabel('Berat badan (gram)')).toBeHidden();
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect(page.locator('#weightGrams-error')).toBeVisible();
  await expect(page.getByLabel('Berat badan (gram)')).toBeFocused();
  await expect(page.getByLabel('Berat badan (gram)')).toHaveValue('40');
  await page.getByLabel('Berat badan (gram)').fill('4800');
  await expect(page.locator('#referral-check')).toBeChecked();
  await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await page.waitForURL(new RegExp(`/kader/bayi/${babyId}\\?saved=1$`));

  const banner = page.getByTestId('referral-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Bayi dirujuk ke bidan — belum ditindaklanjuti');
  await expect(banner).toContainText('Demam');
  const box = (await banner.boundingBox())!;
  expect(box.y).toBeLessThan(PHONE.height);
  await expectAccessible(page);
  await shot(page, 'baby-referral-banner');
});

test("the kader home opens with today's visits, above the fold; names are real tap targets", async ({ page }) => {
  await signInAs(page, kader);
  const first = page.locator('main section').first();
  await expect(first).toHaveAttribute('data-testid', 'kader-today-section');
  await expect(first.getByRole('heading', { name: 'Kunjungan hari ini' })).toBeVisible();
  const item = page.getByTestId('kader-today').locator('li').first();
  await expect(item).toBeVisible();
  const box = (await item.boundingBox())!;
  expect(box.y + Math.min(box.height, 60)).toBeLessThanOrEqual(PHONE.height);
  for (const name of await page.locator('[data-testid="kader-today"] .kl-name, [data-testid="kader-mothers"] [data-testid="mother-name"]').all()) {
    expect((await name.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  // The window named on the list is the one the form then fills.
  const meta = (await item.locator('.kl-meta').textContent()) ?? '';
  const n = /jadwal ke-(\d+)/.exec(meta)?.[1];
  if (n && (await item.getAttribute('data-kind')) !== 'referral') {
    await item.getByRole('link', { name: 'Catat kunjungan' }).click();
    await expect(page.getByTestId('visit-window')).toContainText(`jadwal ke-${n} `);
    await page.goBack();
  }
  // No "nothing new" forum card.
  await expect(page.locator('[data-testid="forum-unread"][data-count="0"]')).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'kader-home');
});

test('/kader/ibu finds a mother by name on the phone, without the name in the address', async ({ page }) => {
  await signInAs(page, kader);
  await page.goto('/kader/ibu');
  const rows = page.getByTestId('kader-mothers').locator('> li');
  const total = await rows.count();
  const name = ((await rows.first().getByTestId('mother-name').textContent()) ?? '').trim();
  await page.getByLabel('Cari nama ibu atau bayi').fill(name.slice(0, 5));
  await expect(rows.filter({ visible: true }).first()).toContainText(name);
  expect(await rows.filter({ visible: true }).count()).toBeLessThan(total);
  await expect(page.getByTestId('mother-filter-count')).toContainText('ditemukan');
  expect(page.url()).not.toContain(encodeURIComponent(name.slice(0, 5)));
  expect(page.url()).toMatch(/\/kader\/ibu$/);
  await page.getByLabel('Cari nama ibu atau bayi').fill('');
  await expect(rows.filter({ visible: true })).toHaveCount(total);
  await expectAccessible(page);
  await shot(page, 'kader-ibu-search');
});
