/**
 * Lessons (materi, issue #28) from an EMPTY database after first-run setup: the built-in library
 * is there; staff write, preview, publish, review and hide; history; the blocked terms hold a
 * lesson; hostile input is refused on its field or rendered inert, nothing half-saved; hidden and
 * unpublished lessons answer 404 at the puskesmas's public address while another puskesmas still
 * shows a built-in one the first hides; scope (staff of B cannot touch A's lessons, kader and ibu
 * cannot write). On PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { builtinLessonStates, lessons, users } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import {
  builtinLessonCards,
  createLesson,
  forgetLessonCache,
  lessonBySlug,
  lessonHistory,
  lessonsForReader,
  previewLesson,
  publishLesson,
  puskesmasLibrary,
  reviewLesson,
  setBuiltinHidden,
  staffLesson,
  staffLessons,
  unpublishLesson,
  updateLesson,
  visibleLessons,
} from '@/lib/data/lessons';
import { saveBlockedTerms } from '@/lib/data/settings';
import { setupFromCli } from '@/lib/data/setup';
import { builtinLessons } from '@/lib/lessons/library';
import { renderLesson } from '@/lib/lessons/render';
import { actorFor, BACKENDS, fingerprint, puskesmasSetupForm, useDatabase, type TestDb } from './support';

const BODY = `Ibu, menyusui di tempat kerja bisa dilakukan.\n\n## Yang perlu disiapkan\n\n- Pompa atau tangan yang bersih\n- Tas pendingin dengan es batu\n\nLihat juga [memerah ASI](/materi/memerah-menyimpan-asi).`;

function form(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: 'asi-di-pabrik',
    title: 'Memerah ASI di pabrik',
    summary: 'Cara ibu pekerja pabrik di Gunung Putri tetap memberi ASI saja sampai 6 bulan.',
    body: BODY,
    keyPoint1: 'Perah ASI setiap 3 jam di tempat kerja.',
    keyPoint2: 'Simpan di tas pendingin dengan es batu.',
    keyPoint3: 'Susui langsung saat di rumah, juga malam hari.',
    audience: 'working_mother',
    stage: 'age',
    ageFromDay: '60',
    ageToDay: '',
    counselling: ['back_to_work', 'expressing_storing'],
    breakReasons: ['back_to_work'],
    findings: [],
    sources: 'CDC, Proper Storage and Preparation of Breast Milk, 2024\nUU 4/2024 tentang Kesejahteraan Ibu dan Anak',
    ...over,
  };
}

describe.each(BACKENDS)('lessons on $name', (backend) => {
  let db: TestDb;
  let adminA: Actor;
  let staffA: Actor;
  let adminB: Actor;
  let kaderA: Actor;
  let ibuA: Actor;

  beforeAll(async () => {
    forgetLessonCache();
    db = await useDatabase(backend);
    const a = await setupFromCli(puskesmasSetupForm('Puskesmas Bojong Nangka', 'BJN', '0811-9100-0001'), { add: false });
    const b = await setupFromCli(puskesmasSetupForm('Puskesmas Gunung Putri', 'GPT', '0811-9100-0002', { adminName: 'Dewi Lestari' }), { add: true });
    expect(a.ok && b.ok).toBe(true);
    adminA = await actorFor(db, '0811-9100-0001');
    adminB = await actorFor(db, '0811-9100-0002');
    const [s] = await db.db
      .insert(users)
      .values({ puskesmasId: adminA.puskesmasId, role: 'staff', name: 'Bidan Yuli', phone: '+6281191000003' })
      .returning({ id: users.id });
    staffA = { ...adminA, id: s!.id, role: 'staff' };
    kaderA = { ...adminA, id: randomUUID(), role: 'kader' };
    ibuA = { ...adminA, id: randomUUID(), role: 'ibu', motherId: randomUUID() };
    expect(await saveBlockedTerms(adminA, { terms: 'susu formula\nsampel gratis' })).toMatchObject({ ok: true });
  }, 180_000);
  afterAll(() => db.dispose());

  it('an empty database after setup has the built-in library, at every puskesmas, not yet reviewed', async () => {
    const builtins = builtinLessons();
    expect(builtins.length).toBeGreaterThanOrEqual(14);
    expect(builtinLessonCards()).toHaveLength(builtins.length);
    for (const pk of [adminA.puskesmasId, adminB.puskesmasId]) {
      const cards = await visibleLessons(pk);
      expect(cards.map((c) => c.slug).sort()).toEqual(builtins.map((l) => l.slug).sort());
      expect(cards.every((c) => c.builtin && c.reviewed === null)).toBe(true);
    }
    expect((await visibleLessons(adminA.puskesmasId))[0]!.href).toMatch(/^\/materi\/pkm\/BJN\//);
    expect((await visibleLessons(adminA.puskesmasId, 'en')).find((c) => c.slug === 'untuk-ayah')!.title).toBe(
      builtins.find((l) => l.slug === 'untuk-ayah')!.text.en.title,
    );
    const rows = await staffLessons(staffA);
    expect(rows.filter((r) => !r.builtin)).toHaveLength(0);
    expect(rows.filter((r) => r.builtin && !r.hidden && r.reviewed === null)).toHaveLength(builtins.length);
    expect(await visibleLessons(randomUUID())).toEqual([]);
  });

  it('staff preview (rendered on the server, nothing saved), save a draft, publish; the public page follows', async () => {
    const before = await fingerprint(db);
    const p = await previewLesson(staffA, form({ body: `${BODY}\n\n<script>alert(1)</script> [x](javascript:alert(1))` }));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.preview.html).toContain('<h2>Yang perlu disiapkan</h2>');
    expect(p.preview.html).not.toMatch(/<script|href="javascript/i);
    expect(p.preview.keyPoints).toHaveLength(3);
    expect(p.blockedTerms).toEqual([]);
    expect(await fingerprint(db)).toEqual(before);

    expect(await createLesson(staffA, form())).toEqual({ ok: true, slug: 'asi-di-pabrik', changed: true });
    const [row] = await db.db.select().from(lessons).where(eq(lessons.slug, 'asi-di-pabrik'));
    expect(row).toMatchObject({
      status: 'draft',
      audience: 'working_mother',
      ageFromDay: 60,
      ageToDay: null,
      keyPoints: [expect.any(String), expect.any(String), expect.any(String)],
    });
    // A draft: not for readers, 404 at the public address; staff see it.
    expect((await visibleLessons(adminA.puskesmasId)).some((c) => c.slug === 'asi-di-pabrik')).toBe(false);
    await expect(lessonBySlug('BJN', 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    await expect(lessonBySlug(null, 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    expect((await staffLessons(staffA)).find((r) => r.slug === 'asi-di-pabrik')).toMatchObject({ builtin: false, status: 'draft' });

    expect(await publishLesson(staffA, 'asi-di-pabrik')).toEqual({ ok: true, changed: true });
    expect(await publishLesson(staffA, 'asi-di-pabrik')).toEqual({ ok: true, changed: false });
    const card = (await visibleLessons(adminA.puskesmasId)).find((c) => c.slug === 'asi-di-pabrik');
    expect(card).toMatchObject({ builtin: false, reviewed: null, href: '/materi/pkm/BJN/asi-di-pabrik', audience: 'working_mother' });
    const page = await lessonBySlug('BJN', 'asi-di-pabrik');
    expect(page).toMatchObject({ title: 'Memerah ASI di pabrik', puskesmas: { code: 'BJN', name: 'Puskesmas Bojong Nangka' }, builtin: false });
    expect(page.sources).toHaveLength(2);
    expect(page.related.length).toBeGreaterThan(0);
    // Another puskesmas does not have it; the global library holds only built-in lessons.
    await expect(lessonBySlug('GPT', 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    expect((await puskesmasLibrary('GPT'))!.lessons.some((c) => c.slug === 'asi-di-pabrik')).toBe(false);
    expect(await puskesmasLibrary('NOPE')).toBeNull();
    // Readers of the puskesmas see it too.
    expect((await lessonsForReader(kaderA)).some((c) => c.slug === 'asi-di-pabrik')).toBe(true);
    expect((await lessonsForReader(ibuA)).some((c) => c.slug === 'asi-di-pabrik')).toBe(true);
  });

  it('the same form sent twice is one lesson; a taken slug or a built-in slug is refused on its field', async () => {
    const f = form({ slug: 'dua-kali', title: 'Kirim dua kali' });
    const [r1, r2] = await Promise.all([createLesson(staffA, f), createLesson(staffA, f)]);
    expect([r1, r2].every((r) => r.ok)).toBe(true);
    expect(await db.db.select().from(lessons).where(eq(lessons.slug, 'dua-kali'))).toHaveLength(1);
    const before = await fingerprint(db);
    expect(await createLesson(staffA, form({ slug: 'dua-kali', title: 'Judul lain' }))).toEqual({ ok: false, fieldErrors: { slug: 'lessons.errors.slugTaken' } });
    expect(await createLesson(adminA, form({ slug: 'dua-kali' }))).toEqual({ ok: false, fieldErrors: { slug: 'lessons.errors.slugTaken' } });
    expect(await createLesson(staffA, form({ slug: 'untuk-ayah' }))).toEqual({ ok: false, fieldErrors: { slug: 'lessons.errors.slugBuiltin' } });
    expect(await fingerprint(db)).toEqual(before);
    // The other puskesmas may use the same slug for its own lesson.
    expect(await createLesson(adminB, form({ slug: 'dua-kali' }))).toMatchObject({ ok: true, changed: true });
  });

  it('hostile input is refused on its field and writes nothing', async () => {
    const huge = 'kata '.repeat(200_000);
    const cases: [string, Record<string, unknown>, string][] = [
      ['a body of a million characters', { body: huge }, 'body'],
      ['a body of 500 words', { body: 'kata '.repeat(500) }, 'body'],
      ['a title of 10,000 characters', { title: 'x'.repeat(10_000) }, 'title'],
      ['an empty title', { title: '   ' }, 'title'],
      ['a NUL in the title', { title: 'Judul\u0000jahat' }, 'title'],
      ['a bidi override in the summary', { summary: 'Ringkasan \u202Eterbalik ini panjang' }, 'summary'],
      ['two key points', { keyPoint3: '' }, 'keyPoint3'],
      ['a slug with spaces', { slug: 'dua kata' }, 'slug'],
      ['a slug with a path', { slug: '../etc/passwd' }, 'slug'],
      ['a slug with script', { slug: '<script>' }, 'slug'],
      ['a slug of 10,000 characters', { slug: 'a'.repeat(10_000) }, 'slug'],
      ['an unknown audience', { audience: 'formula_company' }, 'audience'],
      ['an unknown stage', { stage: 'toddler' }, 'stage'],
      ['an age stage without its first day', { ageFromDay: '' }, 'ageFromDay'],
      ['a day range backwards', { ageFromDay: '90', ageToDay: '30' }, 'ageToDay'],
      ['a negative day', { ageFromDay: '-5' }, 'ageFromDay'],
      ['an unknown counselling code', { counselling: ['exclusive_bf', 'buy_formula'] }, 'counselling'],
      ['an object as a code', { findings: [{ $ne: 1 }] }, 'findings'],
      ['no sources', { sources: '' }, 'sources'],
      ['a number as the title', { title: 12345 }, 'title'],
    ];
    const before = await fingerprint(db);
    for (const [what, over, field] of cases) {
      const res = await createLesson(staffA, form({ slug: 'jahat', ...over }));
      expect(res.ok, what).toBe(false);
      if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors], what).toMatch(/^(validation|lessons\.errors)\./);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('HTML, script and javascript:/data: links in a lesson are stored as typed and rendered inert', async () => {
    const body =
      'Teks <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [luar](//evil.example)';
    expect(await createLesson(staffA, form({ slug: 'teks-aneh', title: '<b>Judul</b>', body }))).toMatchObject({ ok: true });
    expect(await publishLesson(staffA, 'teks-aneh')).toEqual({ ok: true, changed: true });
    const page = await lessonBySlug('BJN', 'teks-aneh');
    expect(page.title).toBe('<b>Judul</b>'); // React escapes it on the page
    const html = renderLesson(page.body, { lessonBase: '/materi/pkm/BJN' });
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/href="(javascript|data|\/\/)/i);
  });

  it('a blocked term holds a lesson: the draft is saved, publishing is refused with the term named', async () => {
    const f = form({ slug: 'promosi', title: 'Tentang ASI', body: `${BODY}\n\nMinta sampel gratis di apotek.` });
    expect(await createLesson(staffA, f)).toMatchObject({ ok: true });
    const preview = await previewLesson(staffA, f);
    expect(preview.ok && preview.blockedTerms).toEqual(['sampel gratis']);
    const before = await fingerprint(db);
    expect(await publishLesson(staffA, 'promosi')).toEqual({ ok: false, error: 'blocked', blockedTerms: ['sampel gratis'] });
    expect(await fingerprint(db)).toEqual(before);
    await expect(lessonBySlug('BJN', 'promosi')).rejects.toBeInstanceOf(NotFoundError);
    // A published lesson edited to hold one is refused too, and stays as it was.
    const edited = form({ keyPoint2: 'Susu Formula boleh bila ASI sedikit.' });
    expect(await updateLesson(staffA, 'asi-di-pabrik', edited)).toEqual({ ok: false, fieldErrors: { _form: 'lessons.errors.blocked' }, blockedTerms: ['susu formula'] });
    expect(await fingerprint(db)).toEqual(before);
  });

  it('review: a built-in one per puskesmas for its current text, an own one until it changes', async () => {
    expect(await reviewLesson(staffA, 'tanda-cukup-asi')).toEqual({ ok: true, changed: true });
    expect(await reviewLesson(staffA, 'tanda-cukup-asi')).toEqual({ ok: true, changed: false });
    const a = (await visibleLessons(adminA.puskesmasId)).find((c) => c.slug === 'tanda-cukup-asi')!;
    expect(a.reviewed).toMatchObject({ by: 'Bidan Yuli' });
    expect((await lessonBySlug('BJN', 'tanda-cukup-asi')).reviewed).not.toBeNull();
    // Not at the other puskesmas, nor on the global page.
    expect((await lessonBySlug('GPT', 'tanda-cukup-asi')).reviewed).toBeNull();
    expect((await lessonBySlug(null, 'tanda-cukup-asi')).reviewed).toBeNull();
    // The file changed since (another hash): a new review is asked for.
    await db.db
      .update(builtinLessonStates)
      .set({ reviewedHash: 'old' })
      .where(and(eq(builtinLessonStates.puskesmasId, adminA.puskesmasId), eq(builtinLessonStates.slug, 'tanda-cukup-asi')));
    forgetLessonCache(adminA.puskesmasId);
    expect((await staffLessons(staffA)).find((r) => r.slug === 'tanda-cukup-asi')).toMatchObject({ reviewed: null, reviewStale: true });
    expect(await reviewLesson(adminA, 'tanda-cukup-asi')).toEqual({ ok: true, changed: true });
    expect((await staffLesson(staffA, 'tanda-cukup-asi')).reviewed).toMatchObject({ by: 'Siti Rahmawati' });

    expect(await reviewLesson(staffA, 'asi-di-pabrik')).toEqual({ ok: true, changed: true });
    expect((await lessonBySlug('BJN', 'asi-di-pabrik')).reviewed).toMatchObject({ by: 'Bidan Yuli' });
    expect(await updateLesson(staffA, 'asi-di-pabrik', form({ title: 'Memerah ASI di pabrik dan kantor' }))).toEqual({ ok: true, slug: 'asi-di-pabrik', changed: true });
    expect(await updateLesson(staffA, 'asi-di-pabrik', form({ title: 'Memerah ASI di pabrik dan kantor' }))).toEqual({ ok: true, slug: 'asi-di-pabrik', changed: false });
    const page = await lessonBySlug('BJN', 'asi-di-pabrik');
    expect(page.title).toBe('Memerah ASI di pabrik dan kantor');
    expect(page.reviewed).toBeNull();
  });

  it('hide a built-in lesson: 404 at that puskesmas, still at the others and on the global page', async () => {
    expect(await setBuiltinHidden(staffA, 'untuk-nenek', true)).toEqual({ ok: true, changed: true });
    expect((await visibleLessons(adminA.puskesmasId)).some((c) => c.slug === 'untuk-nenek')).toBe(false);
    await expect(lessonBySlug('BJN', 'untuk-nenek')).rejects.toBeInstanceOf(NotFoundError);
    expect((await lessonBySlug(null, 'untuk-nenek')).title.length).toBeGreaterThan(0);
    expect((await lessonBySlug('GPT', 'untuk-nenek')).puskesmas).toMatchObject({ code: 'GPT' });
    expect((await visibleLessons(adminB.puskesmasId)).some((c) => c.slug === 'untuk-nenek')).toBe(true);
    expect((await staffLessons(staffA)).find((r) => r.slug === 'untuk-nenek')).toMatchObject({ hidden: true });
    // Hiding is for built-in lessons; an own one is unpublished instead.
    expect(await setBuiltinHidden(staffA, 'asi-di-pabrik', true)).toEqual({ ok: false, error: 'notBuiltin' });
    await expect(setBuiltinHidden(staffA, 'tidak-ada', true)).rejects.toBeInstanceOf(NotFoundError);
    expect(await setBuiltinHidden(staffA, 'untuk-nenek', false)).toEqual({ ok: true, changed: true });
    expect((await lessonBySlug('BJN', 'untuk-nenek')).slug).toBe('untuk-nenek');
    expect(await setBuiltinHidden(staffA, 'untuk-nenek', true)).toEqual({ ok: true, changed: true });
  });

  it('unpublish: 404 publicly, kept for staff and in history', async () => {
    expect(await unpublishLesson(staffA, 'teks-aneh')).toEqual({ ok: true, changed: true });
    await expect(lessonBySlug('BJN', 'teks-aneh')).rejects.toBeInstanceOf(NotFoundError);
    expect((await staffLesson(staffA, 'teks-aneh')).status).toBe('draft');
    const history = await lessonHistory(staffA, 'teks-aneh');
    expect(history.map((h) => h.action)).toEqual(['lesson.unpublish', 'lesson.publish', 'lesson.create']);
    expect(history[0]).toMatchObject({ by: 'Bidan Yuli', fields: ['status'] });
  });

  it('history: who changed what, when — own and built-in lessons', async () => {
    const own = await lessonHistory(staffA, 'asi-di-pabrik');
    expect(own.map((h) => h.action)).toEqual(['lesson.update', 'lesson.review', 'lesson.publish', 'lesson.create']);
    expect(own[0]!.fields).toEqual(expect.arrayContaining(['title', 'reviewed']));
    expect(own.every((h) => h.by && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    const builtin = await lessonHistory(adminA, 'untuk-nenek');
    expect(builtin.map((h) => h.action)).toEqual(['lesson.hide', 'lesson.unhide', 'lesson.hide']);
    expect(await lessonHistory(adminB, 'untuk-nenek')).toEqual([]);
  });

  it('scope: staff of another puskesmas cannot touch these lessons; kader, ibu, dinkes and nobody cannot write', async () => {
    const before = await fingerprint(db);
    await expect(updateLesson(adminB, 'asi-di-pabrik', form({ title: 'Diubah B' }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishLesson(adminB, 'promosi')).rejects.toBeInstanceOf(NotFoundError);
    await expect(unpublishLesson(adminB, 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    await expect(reviewLesson(adminB, 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    await expect(staffLesson(adminB, 'promosi')).rejects.toBeInstanceOf(NotFoundError);
    await expect(lessonHistory(adminB, 'asi-di-pabrik')).rejects.toBeInstanceOf(NotFoundError);
    const dinkes: Actor = { ...adminA, id: randomUUID(), role: 'dinkes', puskesmasId: '' };
    for (const actor of [kaderA, ibuA, dinkes, null]) {
      await expect(createLesson(actor as Actor, form({ slug: 'tidak-boleh' }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewLesson(actor as Actor, form())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(publishLesson(actor as Actor, 'promosi')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(reviewLesson(actor as Actor, 'untuk-ayah')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setBuiltinHidden(actor as Actor, 'untuk-ayah', true)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(staffLessons(actor as Actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(lessonsForReader(dinkes)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fingerprint(db)).toEqual(before);
    // B's own lesson of the same slug is B's alone.
    expect((await staffLesson(adminB, 'dua-kali')).title).toBe('Memerah ASI di pabrik');
  });
});
