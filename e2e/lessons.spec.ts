/**
 * Lessons (materi, issue #28) in Chromium: a signed-out family member opens a shared lesson on a
 * phone; staff write, preview, publish, review and hide lessons, and a blocked term holds one.
 * Screenshots go to /tmp/lessons-*.png.
 */
import { expect, test } from '@playwright/test';
import { DESKTOP, demoLogin, expectAccessible, PHONE, signInAs } from './support';

test.describe('lessons: a shared lesson, signed out, on a phone', () => {
  test.use({ viewport: PHONE });

  test('a family member opens a shared lesson: no login, the WhatsApp link holds its address, no client JavaScript of its own', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const res = await page.goto('/materi/pkm/BJN/untuk-ayah');
    expect(res?.status()).toBe(200);
    expect(page.url()).toMatch(/\/materi\/pkm\/BJN\/untuk-ayah$/);
    const lesson = page.getByTestId('lesson');
    await expect(lesson.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Yang perlu diingat' })).toBeVisible();
    await expect(page.getByText('Disusun dari:')).toBeVisible();
    await expect(page.getByTestId('provenance')).toContainText(/ditinjau/);
    const share = page.getByTestId('share-whatsapp');
    const href = (await share.getAttribute('href'))!;
    expect(href).toMatch(/^https:\/\/wa\.me\/\?text=/);
    // The configured public address (issue #29) before the path; the path alone when none is configured.
    expect(decodeURIComponent(href)).toMatch(/(https?:\/\/[^ ]+)?\/materi\/pkm\/BJN\/untuk-ayah$/);
    // Nothing of the page's own: only Next's runtime chunks, no Markdown library.
    for (const s of scripts) expect(s).toMatch(/\/_next\/static\//);
    const html = await page.content();
    expect(html).not.toMatch(/markdown-it|sanitize-html/);
    await page.screenshot({ path: '/tmp/lessons-lesson-phone.png', fullPage: true });
    await expectAccessible(page);
    // No horizontal scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.goto('/materi?untuk=father');
    await expect(page.getByTestId('lesson-list').getByRole('link').first()).toBeVisible();
    await page.screenshot({ path: '/tmp/lessons-library-phone.png', fullPage: true });
    await expectAccessible(page);
  });
});

test.describe('lessons: staff at the desktop', () => {
  test.use({ viewport: DESKTOP });

  test('write, preview, publish, review; a blocked term holds a lesson; hide a built-in one (404 at this puskesmas)', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/materi');
    await page.screenshot({ path: '/tmp/lessons-library-desktop.png', fullPage: true });
    await expectAccessible(page);
    await page.goto('/materi/tanda-cukup-asi');
    await expect(page.getByTestId('provenance')).toContainText('Belum ditinjau bidan puskesmas.');
    await page.screenshot({ path: '/tmp/lessons-lesson-desktop.png', fullPage: true });

    await signInAs(page, demoLogin('staff', 0, /Bojong Nangka/));
    await page.goto('/staff/materi');
    await expect(page.getByRole('heading', { name: 'Materi', level: 1 })).toBeVisible();
    await page.screenshot({ path: '/tmp/lessons-staff-list.png', fullPage: true });
    await expectAccessible(page);

    // Write a lesson, preview it (rendered on the server), save the draft.
    const slug = `asi-di-pabrik-${Date.now().toString(36)}`;
    await page.getByRole('link', { name: 'Tulis materi baru' }).click();
    await page.getByLabel('Alamat (slug)').fill(slug);
    await page.getByLabel('Judul').fill('Memerah ASI di pabrik');
    await page.getByLabel('Ringkasan (satu kalimat)').fill('Cara ibu pekerja pabrik tetap memberi ASI saja sampai 6 bulan.');
    await page.getByLabel('Isi materi').fill('Ibu bisa tetap menyusui.\n\n## Yang disiapkan\n\n- Tas pendingin\n- Botol bersih\n\n<script>window.__pwned = 1</script>');
    await page.getByLabel('Yang perlu diingat 1').fill('Perah setiap 3 jam.');
    await page.getByLabel('Yang perlu diingat 2').fill('Simpan di tas pendingin.');
    await page.getByLabel('Yang perlu diingat 3').fill('Susui langsung di rumah.');
    await page.getByLabel('Untuk siapa').selectOption('working_mother');
    await page.getByLabel('Dari hari ke-').fill('60');
    await page.getByLabel('Sumber (satu per baris)').fill('CDC, Proper Storage and Preparation of Breast Milk');
    await page.getByTestId('lesson-preview').click();
    const preview = page.getByTestId('lesson-preview-result');
    await expect(preview.getByRole('heading', { name: 'Yang disiapkan' })).toBeVisible();
    await expect(preview).toContainText('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.getByLabel('Judul')).toHaveValue('Memerah ASI di pabrik');
    await page.screenshot({ path: '/tmp/lessons-staff-preview.png', fullPage: true });
    await expectAccessible(page);
    await page.getByTestId('lesson-save').click();
    await page.waitForURL(new RegExp(`/staff/materi/${slug}\\?n=saved$`));
    await expect(page.getByTestId('lesson-notice')).toBeVisible();
    // A draft answers 404 publicly.
    expect((await page.request.get(`/materi/pkm/BJN/${slug}`)).status()).toBe(404);

    await page.getByTestId('lesson-publish').click();
    await page.waitForURL(/\?n=published$/);
    await page.getByTestId('lesson-review').click();
    await page.waitForURL(/\?n=reviewed$/);
    await expect(page.getByTestId('lesson-history')).toContainText('Diterbitkan');
    await expect(page.getByTestId('lesson-history')).toContainText('Ditandai sudah ditinjau');
    await page.screenshot({ path: '/tmp/lessons-staff-detail.png', fullPage: true });
    await page.goto(`/materi/pkm/BJN/${slug}`);
    await expect(page.getByTestId('provenance')).toContainText('Ditinjau oleh');

    // A lesson with a blocked term (PP 28/2024) is saved as a draft but held, the term named.
    const held = `${slug}-promo`;
    await page.goto('/staff/materi/baru');
    await page.getByLabel('Alamat (slug)').fill(held);
    await page.getByLabel('Judul').fill('Bantuan untuk ibu');
    await page.getByLabel('Ringkasan (satu kalimat)').fill('Tempat mendapat bantuan menyusui di sekitar puskesmas.');
    await page.getByLabel('Isi materi').fill('Datang ke posyandu. Ada sampel gratis di apotek.');
    await page.getByLabel('Yang perlu diingat 1').fill('Datang ke posyandu.');
    await page.getByLabel('Yang perlu diingat 2').fill('Tanya kader.');
    await page.getByLabel('Yang perlu diingat 3').fill('Tanya bidan.');
    await page.getByLabel('Sumber (satu per baris)').fill('Kemenkes, Buku KIA');
    await page.getByTestId('lesson-preview').click();
    await expect(page.getByTestId('lesson-blocked-warning')).toContainText('sampel gratis');
    await page.getByTestId('lesson-save').click();
    await page.waitForURL(new RegExp(`/staff/materi/${held}\\?n=saved$`));
    await page.getByTestId('lesson-publish').click();
    await page.waitForURL(/\?e=blocked/);
    await expect(page.getByTestId('lesson-error')).toContainText('sampel gratis');
    expect((await page.request.get(`/materi/pkm/BJN/${held}`)).status()).toBe(404);

    // Hide a built-in lesson: 404 at this puskesmas's address, still on the global page and at GPT.
    await page.goto('/staff/materi/untuk-nenek');
    await page.getByTestId('lesson-hide').click();
    await page.waitForURL(/\?n=hidden$/);
    expect((await page.request.get('/materi/pkm/BJN/untuk-nenek')).status()).toBe(404);
    expect((await page.request.get('/materi/untuk-nenek')).status()).toBe(200);
    expect((await page.request.get('/materi/pkm/GPT/untuk-nenek')).status()).toBe(200);
    // Shown again (the other journeys keep the demo's library).
    await page.getByTestId('lesson-hide').click();
    await page.waitForURL(/\?n=shown$/);
    expect((await page.request.get('/materi/pkm/BJN/untuk-nenek')).status()).toBe(200);
  });
});
