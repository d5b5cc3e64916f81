import { expect, test, type Browser, type Page } from '@playwright/test';
import { PHONE, demoLogin, expectAccessible, signInAs } from './support';

/**
 * The sharing forum on a phone (360×740). The demo mothers Rina (Desa Bojong Nangka) and Dewi
 * (Desa Bojong Kulur) already have approved posts in the seed, so their new posts are published
 * at once (a mother's first two posts are held: covered by the integration tests).
 */
const RINA = demoLogin('ibu', 0);
const DEWI = demoLogin('ibu', 1);
const KADER = demoLogin('kader', 0);
const STAFF = demoLogin('staff', 0);

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });
// Each journey signs in two or three people (bcrypt) on a busy machine: more time than one page.
test.describe.configure({ timeout: 180_000 });

const stamp = () => Date.now().toString(36);

async function phone(browser: Browser, login: { phone: string }): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await ctx.newPage();
  await signInAs(page, login);
  return page;
}

async function writePost(page: Page, o: { category?: string; title: string; body: string; anonymous?: boolean }): Promise<string> {
  await page.goto('/forum/baru');
  await page.getByLabel('Kategori').selectOption({ label: o.category ?? 'Tanya kader & bidan' });
  await page.getByLabel('Judul', { exact: true }).fill(o.title);
  await page.getByLabel('Isi', { exact: true }).fill(o.body);
  if (o.anonymous) await page.getByLabel('Kirim tanpa nama').check();
  await page.getByRole('button', { name: 'Kirim tulisan' }).click();
  await page.waitForURL(/\/forum\/t\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname;
}

test('anonymous question: other mothers see the village, the kader sees the name, answers with a badge, the mother marks it', async ({ browser }) => {
  const title = `Bayi rewel sore hari ${stamp()}`;
  const rina = await phone(browser, RINA);
  const thread = await writePost(rina, { title, body: 'Dede selalu rewel menjelang magrib. Apa ASI saya kurang?', anonymous: true });
  await expect(rina.locator('#notice')).toHaveText('Tulisan Anda sudah tampil.');
  await expect(rina.getByTestId('post').getByTestId('author')).toHaveText('Ibu di Desa Bojong Nangka');
  await expectAccessible(rina);

  const dewi = await phone(browser, DEWI);
  await dewi.goto(thread);
  await expect(dewi.getByTestId('post-title')).toHaveText(title);
  await expect(dewi.getByTestId('post').getByTestId('author')).toHaveText('Ibu di Desa Bojong Nangka');
  await expect(dewi.locator('body')).not.toContainText(RINA.name);
  await dewi.goto('/forum');
  const item = dewi.getByTestId('forum-posts').locator('li', { hasText: title });
  await expect(item).toContainText('Ibu di Desa Bojong Nangka');
  await expect(item).not.toContainText(RINA.name);

  const kader = await phone(browser, KADER);
  await kader.goto(thread);
  await expect(kader.getByTestId('post').getByTestId('author')).toHaveText(RINA.name);
  const answerText = `Wajar Bu, sore hari bayi sering minta menyusu lebih sering (cluster feeding). ${stamp()}`;
  await kader.getByLabel('Tulis balasan').fill(answerText);
  await kader.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(kader.locator('#notice')).toHaveText('Balasan terkirim.');
  const reply = kader.getByTestId('reply').filter({ hasText: answerText });
  await expect(reply.getByTestId('programme-badge')).toHaveText('Kader');
  await expect(reply.getByTestId('author')).toHaveText(KADER.name);

  // The mother's home shows the new reply, until she opens the thread.
  await rina.goto('/ibu');
  await expect(rina.getByRole('link', { name: new RegExp(title) })).toBeVisible();
  await rina.getByRole('link', { name: new RegExp(title) }).click();
  await rina.waitForURL(new RegExp(thread));
  const kaderReply = rina.getByTestId('reply').filter({ hasText: answerText });
  await expect(kaderReply.getByTestId('programme-badge')).toHaveText('Kader');
  await kaderReply.getByRole('button', { name: 'Jadikan jawaban' }).click();
  await expect(rina.locator('#notice')).toHaveText('Balasan ditandai sebagai jawaban.');
  await expect(rina.getByTestId('answer')).toContainText(answerText);
  await expect(rina.getByRole('heading', { name: 'Jawaban terpilih' })).toBeVisible();
  await rina.goto('/ibu');
  await expect(rina.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);

  // Another mother sees the answer first, with the badge.
  await dewi.goto(thread);
  await expect(dewi.getByTestId('answer').getByTestId('programme-badge')).toHaveText('Kader');
  await expectAccessible(dewi);
});

test('a post with a blocked term is held, shown to its author as waiting, and appears in the staff queue', async ({ browser }) => {
  const title = `Titip tanya susu ${stamp()}`;
  const dewi = await phone(browser, DEWI);
  const thread = await writePost(dewi, { category: 'Pengalaman menyusui', title, body: 'Ada yang punya sampel gratis susu formula?' });
  await expect(dewi.locator('#notice')).toContainText('akan tampil setelah disetujui');
  await expect(dewi.getByTestId('moderation-note')).toContainText('Menunggu persetujuan');

  const rina = await phone(browser, RINA);
  const res = await rina.goto(thread);
  expect(res?.status()).toBe(404);
  await rina.goto('/forum');
  await expect(rina.getByText(title)).toHaveCount(0);

  const staff = await phone(browser, STAFF);
  await staff.goto('/forum/moderasi');
  const queued = staff.getByTestId('queue-item').filter({ hasText: title });
  await expect(queued).toBeVisible();
  await expect(queued).toContainText('Istilah terblokir: sampel gratis');
  await expectAccessible(staff);
});

test('a reported post is hidden by a moderator with a reason the author sees', async ({ browser }) => {
  const title = `Jual gendongan bekas ${stamp()}`;
  const rina = await phone(browser, RINA);
  const thread = await writePost(rina, { category: 'Dukungan keluarga', title, body: 'Gendongan masih bagus, minat hubungi saya.' });

  const dewi = await phone(browser, DEWI);
  await dewi.goto(thread);
  await dewi.getByTestId('post').getByText('Laporkan', { exact: true }).click();
  await dewi.getByTestId('post').getByLabel('Alasan melaporkan').fill('Jualan di forum berbagi.');
  await dewi.getByTestId('post').getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(dewi.locator('#notice')).toContainText('laporan Anda akan ditinjau');

  const kader = await phone(browser, KADER);
  await kader.goto('/forum/moderasi');
  const queued = kader.getByTestId('queue-item').filter({ hasText: title });
  await expect(queued).toContainText('Jualan di forum berbagi.');
  await queued.getByLabel('Alasan (terlihat oleh penulis)').fill('Jual beli tidak diizinkan di forum.');
  await queued.getByRole('button', { name: 'Sembunyikan' }).click();
  await expect(kader.locator('#notice')).toHaveText('Disembunyikan.');
  await expect(kader.getByTestId('queue-item').filter({ hasText: title })).toHaveCount(0);

  await rina.goto(thread);
  await expect(rina.getByTestId('moderation-note')).toContainText('Disembunyikan oleh moderator. Alasan: Jual beli tidak diizinkan di forum.');
  const other = await dewi.goto(thread);
  expect(other?.status()).toBe(404);
});

test('scripts, javascript: links, onerror images and entities are shown as text or removed, never run', async ({ browser }) => {
  const rina = await phone(browser, RINA);
  const dialogs: string[] = [];
  rina.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const tag = `xssuji${stamp()}`;
  const title = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> &amp; &lt;b&gt; ${tag}`;
  const body = [
    `<script>window.__xss='body';alert('body')</script>`,
    `<img src=x onerror="window.__xss='img';alert('img')">`,
    `[klik di sini](javascript:window.__xss='link';alert('link'))`,
    `<a href="javascript:alert('a')">tautan a</a>`,
    `&lt;b&gt;tebal?&lt;/b&gt; &amp; ${tag}`,
    `**aman** dan https://example.org/info`,
  ].join('\n\n');
  const thread = await writePost(rina, { title, body });
  const post = rina.getByTestId('post');
  await expect(rina.getByTestId('post-title')).toHaveText(title);
  await expect(post).toContainText(`<script>window.__xss='body';alert('body')</script>`);
  await expect(post).toContainText('<b>tebal?</b> &');
  await expect(post.locator('script, img, iframe, b')).toHaveCount(0);
  await expect(post.locator('a[href^="javascript"], [onerror]')).toHaveCount(0);
  await expect(post.locator('strong')).toHaveText('aman');
  await expect(post.locator('a[href="https://example.org/info"]')).toHaveAttribute('rel', 'nofollow ugc noopener');
  // Clicking what looked like a link does nothing.
  await post.getByText('klik di sini').click();
  await expect(rina).toHaveURL(new RegExp(thread));

  // The same text in lists and in search results (ts_headline) stays text.
  await rina.goto('/forum');
  await expect(rina.getByTestId('forum-posts').getByText(title)).toBeVisible();
  await rina.goto(`/forum/cari?q=${tag}`);
  await expect(rina.getByTestId('search-results')).toContainText(tag);
  await expect(rina.getByTestId('search-results').locator('script, img, b')).toHaveCount(0);
  await expect(rina.getByTestId('search-results').locator('mark').first()).toContainText(tag);
  await rina.goto(thread);

  expect(await rina.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("another user's post cannot be edited or deleted by posting the server action directly", async ({ browser }) => {
  const rina = await phone(browser, RINA);
  const title = `Catatan milik Rina ${stamp()}`;
  const victim = await writePost(rina, { title, body: 'Isi asli yang tidak boleh diubah orang lain.' });
  const victimId = victim.split('/').pop()!;

  const dewi = await phone(browser, DEWI);
  await dewi.goto(victim);
  await expect(dewi.getByRole('link', { name: 'Ubah' })).toHaveCount(0);
  await expect(dewi.getByTestId('post').getByText('Hapus')).toHaveCount(0);
  // Her own post gives her the real forms (with their server action ids)...
  const own = await writePost(dewi, { category: 'Pengalaman menyusui', title: `Cerita Dewi ${stamp()}`, body: 'Cerita singkat.' });
  const ownId = own.split('/').pop()!;
  await dewi.goto(`/forum/ubah?tulisan=${ownId}`);
  // ...which she points at Rina's post before posting them.
  await dewi.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victimId);
  await dewi.getByLabel('Judul', { exact: true }).fill('Diubah oleh orang lain');
  await dewi.getByRole('button', { name: 'Simpan' }).click();
  await expect(dewi.locator('#form-error')).toHaveText(/tidak berhak|tidak ditemukan/);

  await dewi.goto(own);
  await dewi.getByTestId('post').getByText('Hapus', { exact: true }).click();
  await dewi
    .getByTestId('post')
    .locator('form', { has: dewi.getByRole('button', { name: 'Hapus tulisan ini' }) })
    .locator('input[name="id"]')
    .evaluate((el, id) => ((el as HTMLInputElement).value = id), victimId);
  await dewi.getByRole('button', { name: 'Hapus tulisan ini' }).click();
  await expect(dewi.locator('#form-error')).toHaveText(/tidak berhak|tidak ditemukan/);

  // Rina's post is as she wrote it.
  await rina.goto(victim);
  await expect(rina.getByTestId('post-title')).toHaveText(title);
  await expect(rina.getByTestId('post')).toContainText('Isi asli yang tidak boleh diubah orang lain.');
  await expect(rina.getByTestId('moderation-note')).toHaveCount(0);
});

test('forum pages are accessible on a phone', async ({ browser }) => {
  const rina = await phone(browser, RINA);
  for (const path of ['/forum', '/forum/k/masalah-payudara', '/forum/baru', '/forum/cari?q=menyusui']) {
    await rina.goto(path);
    await expect(rina.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(rina);
  }
  // Stemming in the browser too: "menyusui" finds posts that say "menyusu".
  await expect(rina.getByTestId('search-results').locator('li').first()).toBeVisible();
  const kader = await phone(browser, KADER);
  await kader.goto('/forum/moderasi');
  await expect(kader.getByRole('heading', { level: 1 })).toHaveText('Antrean moderasi');
  await expectAccessible(kader);
  // Mothers have no moderation queue.
  const res = await rina.goto('/forum/moderasi');
  expect(res?.status()).toBe(403);
});

test('staff manage categories at a desk; a kader may not', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const staff = await ctx.newPage();
  await signInAs(staff, STAFF);
  await staff.goto('/forum');
  await staff.getByRole('link', { name: 'Atur kategori' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Kategori forum' })).toBeVisible();
  await expectAccessible(staff);
  const name = `Tidur dan menyusu ${stamp()}`;
  const add = staff.getByTestId('category-form').last();
  await add.getByLabel('Nama').fill(name);
  await add.getByLabel('Alamat (slug)').fill(`tidur-${stamp()}`);
  await add.getByRole('button', { name: 'Tambah kategori' }).click();
  await expect(staff.locator('#notice')).toHaveText('Kategori disimpan.');
  // A taken slug is refused with a message, nothing saved.
  const again = staff.getByTestId('category-form').last();
  await again.getByLabel('Nama').fill('Kategori kembar');
  await again.getByLabel('Alamat (slug)').fill('pengalaman-menyusui');
  await again.getByRole('button', { name: 'Tambah kategori' }).click();
  await expect(staff.locator('#form-error')).toContainText('sudah dipakai');
  // ...and comes back with what was typed (issue #23 item 3), the message on the slug.
  const refused = staff.getByTestId('category-form').last();
  await expect(refused.getByLabel('Nama')).toHaveValue('Kategori kembar');
  await expect(refused.getByLabel('Alamat (slug)')).toHaveValue('pengalaman-menyusui');
  await expect(refused.getByLabel('Alamat (slug)')).toHaveAttribute('aria-invalid', 'true');
  await staff.goto('/forum');
  await expect(staff.getByTestId('forum-categories')).toContainText(name);
  await ctx.close();

  const kader = await phone(browser, KADER);
  const res = await kader.goto('/forum/kategori');
  expect(res?.status()).toBe(403);
  await expect(kader.getByRole('link', { name: 'Atur kategori' })).toHaveCount(0);
  await kader.context().close();
});
