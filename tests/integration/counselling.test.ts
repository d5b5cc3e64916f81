/**
 * Counselling with lessons (issue #28 point 3), from an EMPTY database after first-run setup,
 * built through lib/data only: a visit keeps the lessons the kader went through (and its audit
 * row carries them), an unknown or hidden slug is refused on its field with nothing stored, the
 * outbox carries them, a correction keeps a lesson hidden since, and the baby page shows them by
 * title. On PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, groupSessions, visits } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { createGroupSession, groupSessionDetail, groupSessionForEdit } from '@/lib/data/group-sessions';
import { forgetLessonCache, setBuiltinHidden, visibleLessons } from '@/lib/data/lessons';
import { registerMother } from '@/lib/data/mothers';
import { receiveOutboxRecord } from '@/lib/data/outbox';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { setupFromCli } from '@/lib/data/setup';
import { babyDetail, correctVisit, recordVisit, visitEditContext, visitFormContext } from '@/lib/data/visits';
import { addDays, groupSessionReminderText, isoToday } from '@/lib/domain';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, puskesmasSetupForm, useDatabase, type TestDb } from './support';

const T = isoToday('Asia/Jakarta');

describe.each(BACKENDS)('counselling with lessons on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let kader: Actor;
  const babyOf: Record<string, string> = {};
  let villageId = '';

  beforeAll(async () => {
    forgetLessonCache();
    db = await useDatabase(backend);
    const a = await setupFromCli(puskesmasSetupForm('Puskesmas Konseling Uji', 'KSU', '0811-9200-0001'), { add: false });
    expect(a.ok).toBe(true);
    admin = await actorFor(db, '0811-9200-0001');
    const v = await createVillage(admin, { name: 'Bojong Kulur', kind: 'desa' });
    if (!v.ok) throw new Error('village refused');
    villageId = v.id;
    const p = await createPosyandu(admin, { villageId: v.id, name: 'Posyandu Mawar', rw: '01', address: '' });
    if (!p.ok) throw new Error('posyandu refused');
    const k = await createAccount(admin, { role: 'kader', name: 'Euis Rohaeti', phone: '0812-4200-0001', posyanduIds: [p.id] });
    expect(k.ok).toBe(true);
    kader = await actorFor(db, '0812-4200-0001');
    let n = 0;
    for (const [key, days] of [
      ['newborn', 5],
      ['sixWeeks', 42],
      ['formula', 44],
    ] as const) {
      const res = await registerMother(kader, {
        id: randomUUID(),
        name: `Ibu ${key}`,
        phone: `0813-4200-00${String(++n).padStart(2, '0')}`,
        nik: '',
        posyanduId: p.id,
        birthDate: addDays(T, -days),
        babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
        consent: true,
      });
      if (!res.ok) throw new Error(`registration refused: ${JSON.stringify(res)}`);
      babyOf[key] = res.babyIds[0]!;
    }
  }, 180_000);
  afterAll(() => db.dispose());

  it('an empty database after setup: the visit form offers 2–3 bahan konseling, different by age and by what the last visit found', async () => {
    const slugs = async (key: string) => (await visitFormContext(kader, babyOf[key]!)).lessons.materials.map((m) => m.lesson.slug);
    const newborn = await slugs('newborn');
    const sixWeeks = await slugs('sixWeeks');
    expect(newborn.length).toBeGreaterThanOrEqual(2);
    expect(newborn.length).toBeLessThanOrEqual(3);
    expect(newborn).not.toEqual(sixWeeks);
    // The formula baby is as old as the 6-week-old, until its visit finds formula.
    const before = await slugs('formula');
    const res = await recordVisit(kader, answeredVisit(randomUUID(), babyOf.formula!, addDays(T, -1), { recallItems: ['formula'], breakReason: 'low_supply' }));
    expect(res.ok).toBe(true);
    const after = await visitFormContext(kader, babyOf.formula!);
    expect(after.lessons.materials.map((m) => m.lesson.slug)).not.toEqual(before);
    expect(after.lessons.materials[0]!.because).toEqual({ kind: 'finding', finding: 'formula' });
    // Every lesson offered is one she may see; each topic lists its lessons.
    const visible = new Set((await visibleLessons(kader.puskesmasId)).map((l) => l.slug));
    expect(after.lessons.lessons.every((l) => visible.has(l.slug))).toBe(true);
    expect(after.lessons.byTopic.family_support).toEqual(expect.arrayContaining(['untuk-ayah', 'untuk-nenek']));
  });

  it('a visit keeps the lessons gone through, in its audit row too; the baby page shows their titles', async () => {
    const id = randomUUID();
    const res = await recordVisit(
      kader,
      answeredVisit(id, babyOf.newborn!, T, { counselling: ['exclusive_bf'], lessons: ['imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir', 'imd-dan-kolostrum'] }),
    );
    expect(res).toMatchObject({ ok: true, created: true });
    const [row] = await db.db.select({ lessons: visits.lessons }).from(visits).where(eq(visits.id, id));
    expect(row!.lessons).toEqual(['imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir']);
    const [audit] = await db.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'visit.create')));
    expect((audit!.after as { lessons: string[] }).lessons).toEqual(['imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir']);
    // Sent again: nothing new.
    expect(await recordVisit(kader, answeredVisit(id, babyOf.newborn!, T, { lessons: ['imd-dan-kolostrum'] }))).toMatchObject({ ok: true, created: false });
    const detail = await babyDetail(kader, babyOf.newborn!);
    const shown = detail.visits.find((v) => v.id === id)!.lessons;
    expect(shown.map((l) => l.slug)).toEqual(['imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir']);
    expect(shown.every((l) => l.title !== l.slug && l.href?.startsWith('/materi/pkm/KSU/'))).toBe(true);
  });

  it('an unknown slug, a malformed one or too many are refused on the field, nothing stored (form and outbox)', async () => {
    const count = async () => (await db.db.select({ id: visits.id }).from(visits).where(eq(visits.babyId, babyOf.sixWeeks!))).length;
    const n = await count();
    for (const lessons of [['tidak-ada-materi-ini'], ['<script>'], ['Untuk Ayah'], Array.from({ length: 21 }, (_, i) => `materi-${i}`)]) {
      const res = await recordVisit(kader, answeredVisit(randomUUID(), babyOf.sixWeeks!, T, { lessons }));
      expect(res.ok).toBe(false);
      expect(res.ok ? null : res.fieldErrors.lessons).toMatch(/^validation\./);
    }
    const id = randomUUID();
    const { id: _id, ...payload } = answeredVisit(id, babyOf.sixWeeks!, T, { lessons: ['pelekatan-ambida', 'bukan-materi'] });
    const out = await receiveOutboxRecord(kader, { kind: 'visit', id, payload, recordedAt: new Date().toISOString() });
    expect(out.http).toBe(422);
    expect(out.body).toMatchObject({ fieldErrors: { lessons: 'validation.unknownLesson' } });
    expect(await count()).toBe(n);
    // The same record with a known lesson is stored from the outbox, lessons and all.
    const ok = await receiveOutboxRecord(kader, { kind: 'visit', id, payload: { ...payload, lessons: ['pelekatan-ambida'] }, recordedAt: new Date().toISOString() });
    expect(ok).toMatchObject({ http: 200, body: { status: 'stored' } });
    const [row] = await db.db.select({ lessons: visits.lessons }).from(visits).where(eq(visits.id, id));
    expect(row!.lessons).toEqual(['pelekatan-ambida']);
  });

  it('a hidden lesson: refused on a new visit, kept on a past one and on its correction (with before/after in the audit)', async () => {
    const id = randomUUID();
    expect(await recordVisit(kader, answeredVisit(id, babyOf.sixWeeks!, addDays(T, -2), { lessons: ['untuk-ayah'] }))).toMatchObject({ ok: true });
    expect(await setBuiltinHidden(admin, 'untuk-ayah', true)).toMatchObject({ ok: true });
    expect((await visibleLessons(kader.puskesmasId)).some((l) => l.slug === 'untuk-ayah')).toBe(false);
    const refused = await recordVisit(kader, answeredVisit(randomUUID(), babyOf.sixWeeks!, addDays(T, -2), { lessons: ['untuk-ayah'] }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { lessons: 'validation.unknownLesson' } });
    // The past visit still shows it, by its title, without a link.
    const shown = (await babyDetail(kader, babyOf.sixWeeks!)).visits.find((v) => v.id === id)!.lessons;
    expect(shown).toEqual([{ slug: 'untuk-ayah', title: expect.not.stringMatching(/^untuk-ayah$/), href: null }]);
    // The edit form still offers it; a correction may keep it and add a visible one.
    const ctx = await visitEditContext(kader, babyOf.sixWeeks!, id);
    expect(ctx.values.lessons).toEqual(['untuk-ayah']);
    expect(ctx.lessons.lessons.some((l) => l.slug === 'untuk-ayah')).toBe(true);
    const res = await correctVisit(kader, { ...ctx.values, lessons: ['untuk-ayah', 'untuk-nenek'], reason: 'Materi nenek juga dibahas' });
    expect(res).toMatchObject({ ok: true, changed: ['lessons'] });
    const [audit] = await db.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'visit.update')));
    expect(audit).toEqual({ before: { lessons: ['untuk-ayah'] }, after: { lessons: ['untuk-ayah', 'untuk-nenek'] } });
    expect(await setBuiltinHidden(admin, 'untuk-ayah', false)).toMatchObject({ ok: true });
  });

  it('a group session chooses visible lessons as its topic; an unknown one is refused, nothing stored', async () => {
    const form = (id: string, lessons: string[]) => ({
      id,
      title: 'Kelas ASI untuk keluarga',
      topic: 'family_support',
      topicText: '',
      date: addDays(T, 7),
      startTime: '09:00',
      endTime: '11:00',
      place: 'Balai Desa Bojong Kulur',
      villageId,
      posyanduId: '',
      facilitators: '',
      capacity: '10',
      lessons,
    });
    const bad = randomUUID();
    const refused = await createGroupSession(kader, form(bad, ['untuk-ayah', 'materi-entah']));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { lessons: 'validation.unknownLesson' } });
    expect(await db.db.select({ id: groupSessions.id }).from(groupSessions).where(eq(groupSessions.id, bad))).toEqual([]);
    const id = randomUUID();
    expect(await createGroupSession(kader, form(id, ['untuk-ayah', 'untuk-nenek', 'untuk-ayah']))).toMatchObject({ ok: true, created: true });
    const detail = await groupSessionDetail(kader, id);
    expect(detail.lessons).toEqual(['untuk-ayah', 'untuk-nenek']);
    expect((await groupSessionForEdit(kader, id)).values.lessons).toBe('untuk-ayah,untuk-nenek');
    // The reminder carries each lesson's title and full address.
    const text = groupSessionReminderText({
      motherName: 'Ani',
      title: detail.title,
      topicLabel: 'Dukungan keluarga',
      startsAt: detail.startsAt,
      endsAt: detail.endsAt,
      place: detail.place,
      timeZone: 'Asia/Jakarta',
      zoneLabel: 'WIB',
      kaderName: 'Euis',
      lessons: [{ title: 'Untuk Ayah', url: 'https://kekasihku.example.id/materi/pkm/KSU/untuk-ayah' }],
    });
    expect(text).toContain('- Untuk Ayah: https://kekasihku.example.id/materi/pkm/KSU/untuk-ayah');
  });
});
