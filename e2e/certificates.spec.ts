import { expect, test, type Browser, type Page } from '@playwright/test';
import { DESKTOP, PHONE, demoLogin, expectAccessible, signInAs, withDemoLock } from './support';

/**
 * Sertifikat ASI Eksklusif end to end: staff re-issue Dewi's certificate (revoke, then issue),
 * she downloads it on her phone, the public page verifies it, others are refused, and after
 * staff revoke it the public page says so.
 */
const DEWI = demoLogin('ibu', 1); // graduated baby with a certificate (Posyandu Anggrek 1)
const RINA = demoLogin('ibu', 0); // another mother
const STAFF = demoLogin('staff', 0);
const KADER_OTHER = demoLogin('kader', 0); // Posyandu Melati 1
const KADER_OWN = demoLogin('kader', 1); // Posyandu Anggrek 1

async function newPage(browser: Browser, viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const ctx = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  return ctx.newPage();
}

function issuedRow(page: Page, serial: string) {
  return page.getByTestId('issued-certificates').locator(`tr[data-serial="${serial}"]`);
}

async function revoke(page: Page, serial: string, reason: string) {
  const row = issuedRow(page, serial);
  await row.locator('summary', { hasText: 'Cabut' }).click();
  await row.getByLabel('Alasan pencabutan').fill(reason);
  await row.getByRole('button', { name: `Cabut sertifikat ${serial}` }).click();
  await expect(issuedRow(page, serial).getByText('Dicabut', { exact: true })).toBeVisible();
}

test('staff issue, the mother downloads on her phone, the public page verifies, others are refused, revoke shows', async ({ browser }) => {
  test.setTimeout(360_000);
  // Dewi's certificate: certificates.spec revokes and re-issues it; never while the other reads it.
  await withDemoLock('dewi-certificate', async () => {
    const staff = await newPage(browser, DESKTOP);
    await signInAs(staff, STAFF);
    await staff.getByRole('link', { name: 'Sertifikat' }).click();
    await expect(staff).toHaveURL(/\/staff\/sertifikat$/);
    await expect(staff.getByRole('heading', { level: 1, name: 'Sertifikat ASI Eksklusif' })).toBeVisible();
    await expectAccessible(staff);

    // Dewi's certificate from the demo data: revoke it (a typo, say) so that she can be issued a new one.
    const oldRow = staff.getByTestId('issued-certificates').locator('tr', { hasText: DEWI.name }).filter({ hasText: 'Berlaku' });
    const oldSerial = (await oldRow.getAttribute('data-serial'))!;
    const oldVerify = (await oldRow.getByRole('link', { name: 'Halaman verifikasi' }).getAttribute('href'))!;
    await revoke(staff, oldSerial, 'Nama bayi salah ketik');

    // Now she is eligible again: issue one.
    await staff.getByRole('button', { name: `Terbitkan sertifikat untuk ${DEWI.name}` }).click();
    const notice = staff.getByRole('status').filter({ hasText: 'diterbitkan' });
    await expect(notice).toBeVisible();
    const serial = /KEKASIHKU\/BJN\/\d{4}\/\d{4,}/.exec((await notice.textContent()) ?? '')![0];
    const row = issuedRow(staff, serial);
    await expect(row.getByText('Berlaku')).toBeVisible();
    const verifyHref = (await row.getByRole('link', { name: 'Halaman verifikasi' }).getAttribute('href'))!;
    expect(verifyHref).toMatch(/^\/verifikasi\/[a-z2-7]{26,}$/);
    const pdfHref = (await row.getByRole('link', { name: `Unduh PDF sertifikat ${serial}` }).getAttribute('href'))!;
    expect(pdfHref).toMatch(/^\/api\/sertifikat\/[0-9a-f-]{36}\/pdf$/);

    // The mother, on her phone: the news and the download.
    const mother = await newPage(browser, PHONE, true);
    await signInAs(mother, DEWI);
    const ready = mother.getByTestId('certificate-ready');
    await expect(ready).toContainText('Sertifikat ASI Eksklusif Anda sudah siap');
    await expect(ready).toContainText(serial);
    await expectAccessible(mother);
    const link = ready.getByRole('link', { name: 'Unduh PDF' });
    expect(await link.getAttribute('href')).toBe(pdfHref);
    const box = await link.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    const [download] = await Promise.all([mother.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^sertifikat-KEKASIHKU-BJN-\d{4}-\d{4,}\.pdf$/);
    const res = await mother.request.get(pdfHref);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Her own kader may download it too; another mother, a kader of another posyandu and an
    // anonymous visitor may not (direct requests); an unknown id is 404.
    const ownKader = await newPage(browser, PHONE, true);
    await signInAs(ownKader, KADER_OWN);
    const kaderLink = ownKader.getByRole('link', { name: `Unduh PDF sertifikat ${serial}` });
    await expect(kaderLink).toHaveAttribute('href', pdfHref);
    await expectAccessible(ownKader);
    expect((await ownKader.request.get(pdfHref)).status()).toBe(200);
    for (const who of [RINA, KADER_OTHER]) {
      const p = await newPage(browser, PHONE, true);
      await signInAs(p, who);
      const r = await p.request.get(pdfHref);
      expect(r.status(), who.name).toBe(403);
      const nav = await p.goto(pdfHref);
      expect(nav?.status(), who.name).toBe(403);
      await p.context().close();
    }
    const anon = await newPage(browser, PHONE, true);
    expect((await anon.request.get(pdfHref)).status()).toBe(403);
    expect((await staff.request.get('/api/sertifikat/00000000-0000-4000-8000-000000000000/pdf')).status()).toBe(404);

    // The public page, without login: valid, serial, initials only.
    await anon.goto(verifyHref);
    const card = anon.getByTestId('verification');
    await expect(card).toHaveAttribute('data-state', 'valid');
    await expect(card.getByRole('heading', { name: 'Sertifikat sah' })).toBeVisible();
    await expect(anon.getByTestId('serial')).toHaveText(serial);
    await expect(anon.getByTestId('initials')).toHaveText('D. A.');
    await expect(anon.getByText(DEWI.name)).toHaveCount(0);
    await expect(card).toContainText('Puskesmas Bojong Nangka');
    await expectAccessible(anon);
    // The revoked demo certificate shows as revoked.
    await anon.goto(oldVerify);
    await expect(anon.getByTestId('verification')).toHaveAttribute('data-state', 'revoked');
    // An unknown code.
    await anon.goto(`/verifikasi/${'a'.repeat(32)}`);
    await expect(anon.getByTestId('verification')).toHaveAttribute('data-state', 'unknown');
    await expectAccessible(anon);

    // Staff revoke the new one: the public page follows.
    await revoke(staff, serial, 'Diterbitkan untuk uji coba');
    await anon.goto(verifyHref);
    await expect(anon.getByTestId('verification')).toHaveAttribute('data-state', 'revoked');
    await expect(anon.getByRole('heading', { name: 'Sertifikat sudah dicabut' })).toBeVisible();

    // Give Dewi her certificate back for whoever comes next.
    await staff.getByRole('button', { name: `Terbitkan sertifikat untuk ${DEWI.name}` }).click();
    await expect(staff.getByRole('status').filter({ hasText: 'diterbitkan' })).toBeVisible();
    for (const p of [staff, mother, ownKader, anon]) await p.context().close();
  });
});
