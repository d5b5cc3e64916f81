import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, PHONE, demoLogin, expectAccessible, signInAs, jakarta } from './support';

/**
 * Issue 5: staff schedule a session for a village; the village's kader sees it and takes
 * attendance on a phone; the mother answers from /ibu and then sees it among the sessions she
 * attended; a kader of another village is refused (403), in the page and by direct request.
 * The session is scheduled a few minutes ahead (scheduling in the past is refused) and the
 * register opens one hour before the start (docs/decisions/033-group-sessions.md): no clock
 * is faked. Runs in order: later steps read what earlier steps stored.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const staff = demoLogin('staff', 0);
const kader = demoLogin('kader', 0); // Posyandu Melati 1, Desa Bojong Nangka
const otherKader = demoLogin('kader', 1); // Desa Bojong Kulur
const mother = demoLogin('ibu', 0); // Rina, Posyandu Melati 1: baby of 3 months
const title = `Pertemuan uji ${Date.now().toString(36)}`;
let sessionId = '';
let markActionField = '';
let motherId = '';

async function openRegister(page: Page) {
  await page.goto(`/kader/pertemuan/${sessionId}/hadir`);
  await expect(page.getByRole('heading', { name: `Daftar hadir: ${title}` })).toBeVisible();
}

test('staff schedule a session for a village; bad input is refused with a field message', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, staff);
  await page.getByRole('link', { name: 'Pertemuan' }).click();
  await page.waitForURL(/\/staff\/pertemuan$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Jadwalkan pertemuan' }).click();
  await page.waitForURL(/\/staff\/pertemuan\/baru$/);

  const start = jakarta(12);
  let end = jakarta(72);
  if (end.date !== start.date) end = { date: start.date, time: '23:59' };
  test.skip(start.time >= '23:55', 'too close to midnight in Jakarta to schedule a session later today');
  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Topik', { exact: true }).selectOption('positioning_attachment');
  await page.getByLabel('Tanggal').fill(start.date);
  await page.getByLabel('Jam mulai').fill(start.time);
  await page.getByLabel('Jam selesai').fill(end.time);
  await page.getByLabel('Tempat', { exact: true }).fill('Aula Kantor Desa Bojong Nangka');
  await page.getByLabel('Desa').selectOption({ label: 'Bojong Nangka' });
  await page.getByLabel('Kapasitas (orang)').fill('0');
  await page.getByRole('button', { name: 'Simpan jadwal' }).click();
  await expect(page.locator('#capacity-error')).toHaveText('Kapasitas harus antara 1 dan 200 orang.');
  await expect(page).toHaveURL(/\/staff\/pertemuan\/baru$/);
  await expectAccessible(page);

  await page.getByLabel('Kapasitas (orang)').fill('10');
  await page.getByRole('button', { name: 'Simpan jadwal' }).click();
  await page.waitForURL(/\/staff\/pertemuan\/[0-9a-f-]{36}\?disimpan=1$/);
  sessionId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByTestId('session-status')).toHaveText('Terjadwal');
  await expect(page.getByTestId('invited')).toContainText(mother.name);
  // Each invited mother with a phone has a wa.me link with the reminder.
  const wa = page.getByRole('link', { name: `Kirim pengingat WhatsApp ke ${mother.name}` });
  const href = (await wa.getAttribute('href'))!;
  expect(href).toMatch(/^https:\/\/wa\.me\/62\d+\?text=/);
  expect(new URL(href).searchParams.get('text')).toContain('Aula Kantor Desa Bojong Nangka');
  await expectAccessible(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the village kader sees the session on her home page and reminds the mother', async ({ page }) => {
    test.skip(!sessionId, 'needs the session');
    await signInAs(page, kader);
    const card = page.getByTestId('kader-next-sessions');
    await expect(card).toContainText(title);
    await card.getByRole('link', { name: title }).click();
    await page.waitForURL(new RegExp(`/kader/pertemuan/${sessionId}$`));
    await page.getByRole('button', { name: `Tandai sudah diingatkan: ${mother.name}` }).click();
    await expect(page.getByTestId('invited').locator('li', { hasText: mother.name })).toContainText('Sudah diingatkan');
    await expectAccessible(page);
  });

  test('the mother sees it on /ibu and answers that she will come', async ({ page }) => {
    test.skip(!sessionId, 'needs the session');
    await signInAs(page, mother);
    const item = page.getByTestId('ibu-session').filter({ hasText: title });
    await expect(item).toBeVisible();
    await item.getByRole('button', { name: 'Saya akan hadir' }).click();
    await expect(item.getByTestId('rsvp-answer')).toHaveText('Jawaban Ibu: Saya akan hadir');
    await expectAccessible(page);
  });

  test('the kader marks three mothers and one husband present, one tap each', async ({ page }) => {
    test.skip(!sessionId, 'needs the session');
    await signInAs(page, kader);
    await openRegister(page);
    await expectAccessible(page);
    const rows = page.getByTestId('register').getByTestId('register-row');
    const motherRow = rows.filter({ hasText: mother.name });
    await expect(motherRow).toContainText('Akan hadir');
    motherId = (await motherRow.locator('input[name="motherId"]').getAttribute('value'))!;
    markActionField = (await motherRow.locator('input[name^="$ACTION_ID_"]').getAttribute('name'))!;
    expect(markActionField).toBeTruthy();

    const others = (await rows.allInnerTexts())
      .map((t) => t.split('\n')[0]!.trim())
      .filter((n) => n !== mother.name)
      .slice(0, 2);
    expect(others).toHaveLength(2);
    for (const name of [mother.name, ...others]) {
      const row = rows.filter({ hasText: name }).first();
      await row.getByRole('button', { name: `Hadir: ${name}`, exact: true }).click();
      await expect(row).toHaveAttribute('data-status', 'present');
      await expect(row.getByRole('button', { name: `Hadir: ${name}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
    }
    // Tapping again stores nothing twice.
    await motherRow.getByRole('button', { name: `Hadir: ${mother.name}`, exact: true }).click();
    await expect(page.getByTestId('register-count')).toContainText('3 ibu hadir');

    await page.getByLabel('Nama', { exact: true }).fill('Pak Asep (suami)');
    await page.getByLabel('Peran').selectOption('family');
    await page.getByRole('button', { name: 'Catat hadir' }).last().click();
    const husband = page.getByTestId('register-others').getByTestId('register-row').filter({ hasText: 'Pak Asep (suami)' });
    await expect(husband).toHaveAttribute('data-status', 'present');
    await expect(page.getByTestId('register-count')).toContainText('3 ibu hadir');
    await expect(page.getByTestId('register-count')).toContainText('1 keluarga/ibu hamil');
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  });

  test('a kader of another village cannot mark its attendance: 403 on the page and by direct request', async ({ page, baseURL }) => {
    test.skip(!markActionField, 'needs the register');
    await signInAs(page, otherKader);
    for (const url of [`/kader/pertemuan/${sessionId}/hadir`, `/kader/pertemuan/${sessionId}`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(403);
    }
    // The form post a browser without JavaScript would send, with her own session cookie.
    const res = await page.request.post(`/kader/pertemuan/${sessionId}/hadir`, {
      headers: { Origin: baseURL! },
      multipart: { [markActionField]: '', sessionId, motherId, status: 'absent' },
      maxRedirects: 0,
    });
    // Refused (Next answers the action's refusal of a script-less post as 403 or 404); that it
    // stored nothing is checked next: the mother is still marked present.
    expect([403, 404]).toContain(res.status());
    const ics = await page.request.get(`/api/pertemuan/${sessionId}/ics`);
    expect(ics.status()).toBe(403);
  });

  test('the kader closes the register; the mother still counts present', async ({ page }) => {
    test.skip(!sessionId, 'needs the register');
    await signInAs(page, kader);
    await openRegister(page);
    await expect(page.getByTestId('register').getByTestId('register-row').filter({ hasText: mother.name })).toHaveAttribute('data-status', 'present');
    await page.getByRole('button', { name: 'Tutup daftar hadir' }).click();
    await expect(page.getByTestId('register-closed')).toBeVisible();
    await expect(page.getByTestId('register-count')).toContainText('3 ibu hadir');
    const ics = await page.request.get(`/api/pertemuan/${sessionId}/ics`);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
  });

  test('after the session the mother sees it among those she attended', async ({ page }) => {
    test.skip(!sessionId, 'needs the closed session');
    await signInAs(page, mother);
    await expect(page.getByTestId('ibu-attended')).toContainText(title);
    await expect(page.getByTestId('ibu-sessions').getByText(title)).toHaveCount(0);
  });
});

test("staff see the attendance of the session and on the mother's page", async ({ page }) => {
  test.skip(!sessionId, 'needs the closed session');
  await page.setViewportSize(DESKTOP);
  await signInAs(page, staff);
  await page.goto('/staff/pertemuan?tampil=lalu');
  const item = page.getByTestId('session-list').locator('li', { hasText: title });
  await expect(item).toContainText('Selesai');
  await expect(item).toContainText('3 ibu hadir');
  await expect(page.getByTestId('village-attendance')).toContainText('Bojong Nangka');
  await page.goto('/staff/pertemuan?tampil=kalender');
  await expect(page.getByTestId('calendar')).toContainText(title);
  await expectAccessible(page);
  await page.goto('/staff/ibu');
  await page.getByLabel('Cari nama atau nomor HP').fill(mother.name);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByTestId('registry-rows')).toContainText(mother.name);
  await page.getByTestId('registry-rows').locator('tr').first().getByRole('link').first().click();
  await page.waitForURL(/\/staff\/bayi\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('attended-sessions')).toContainText(title);
});
