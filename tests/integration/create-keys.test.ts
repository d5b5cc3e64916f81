/**
 * Issue #23 item 2 and issue #22 item 5 (decision 054): every create is idempotent by the key
 * its form made when it was opened — forum threads and replies, mother registrations, session
 * scheduling; a registration finds a NIK already in the puskesmas; a phone that is a login
 * outside the registrar's scope is never named as taken.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { auditLog, forumCategories, forumComments, forumPosts, groupSessions, mothers, posyandu, users } from '@/db/schema';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday, zonedParts } from '@/lib/domain';
import { createPost, createReply, RATE_LIMITS } from '@/lib/data/forum';
import { activateAccount, registerMother } from '@/lib/data/mothers';
import { createGroupSession } from '@/lib/data/group-sessions';
import { actorFor, BACKENDS, demoActors, rowCounts, useDatabase, type TestDb } from './support';

describe.each(BACKENDS)('create keys and duplicates on $name', (backend) => {
  let db: TestDb;
  let a: Awaited<ReturnType<typeof demoActors>>;
  let otherKader: Actor;
  let dewi: Actor;
  let category: string;
  const today = isoToday('Asia/Jakarta');
  let n = 0;
  const mother = (over: Record<string, unknown> = {}) => {
    n += 1;
    return {
      id: randomUUID(),
      name: `Ibu Kunci ${n}`,
      phone: `0857-6666-${String(1000 + n)}`,
      nik: '',
      posyanduId: a.kader.posyanduId!,
      birthDate: addDays(today, -5),
      babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
      consent: true,
      ...over,
    };
  };

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    a = await demoActors(db);
    otherKader = await actorFor(db, '0812-2000-0002');
    dewi = await actorFor(db, '0813-3000-0002');
    expect(otherKader.posyanduId).not.toBe(a.kader.posyanduId);
    const [c] = await db.db.select({ id: forumCategories.id }).from(forumCategories).where(eq(forumCategories.puskesmasId, a.ibu.puskesmasId)).limit(1);
    category = c!.id;
  });
  afterAll(() => db.dispose());

  const postsOf = async (id: string) => (await db.db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.id, id))).length;

  it('a thread sent twice (one after the other, and both at once) is stored once and answered the same', async () => {
    const form = { id: randomUUID(), categoryId: category, title: 'Kapan ASI mulai banyak?', body: 'Hari ketiga masih sedikit.', anonymous: false };
    const first = await createPost(a.kader, form);
    expect(first.id).toBe(form.id);
    expect(await createPost(a.kader, form)).toEqual(first);
    expect(await postsOf(form.id)).toBe(1);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'forum_post'), eq(auditLog.entityId, form.id)));
    expect(audits).toHaveLength(1);

    const both = { ...form, id: randomUUID(), title: 'Dua ketukan sekaligus' };
    const [x, y] = await Promise.all([createPost(a.kader, both), createPost(a.kader, both)]);
    expect(x).toEqual(y);
    expect(await postsOf(both.id)).toBe(1);
  });

  it('a resend is answered as the first even once the hourly limit is reached; a new key then meets the limit', async () => {
    const keys = Array.from({ length: RATE_LIMITS.posts }, () => randomUUID());
    const sent = [];
    for (const [i, id] of keys.entries())
      sent.push(await createPost(dewi, { id, categoryId: category, title: `Cerita menyusui ${i + 1}`, body: 'Isi.', anonymous: false }));
    const before = await rowCounts(db);
    expect(await createPost(dewi, { id: keys[0]!, categoryId: category, title: 'Cerita menyusui 1', body: 'Isi.', anonymous: false })).toEqual(sent[0]);
    await expect(createPost(dewi, { id: randomUUID(), categoryId: category, title: 'Satu lagi ya', body: 'Isi.', anonymous: false })).rejects.toMatchObject({
      code: 'rateLimitPosts',
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("someone else's key is refused and changes nothing", async () => {
    const form = { id: randomUUID(), categoryId: category, title: 'Milik kader Iis', body: 'Isi.', anonymous: false };
    await createPost(a.kader, form);
    const before = await rowCounts(db);
    await expect(createPost(a.staff, { ...form, title: 'Bukan milik saya' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a reply sent twice is stored once; its key cannot be reused on another thread', async () => {
    const thread = await createPost(a.staff, { id: randomUUID(), categoryId: category, title: 'Jadwal posyandu', body: 'Isi.', anonymous: false });
    const other = await createPost(a.staff, { id: randomUUID(), categoryId: category, title: 'Jadwal lain', body: 'Isi.', anonymous: false });
    const reply = { id: randomUUID(), postId: thread.id, body: 'Terima kasih, Bu.' };
    const [x, y] = await Promise.all([createReply(a.kader, reply), createReply(a.kader, reply)]);
    expect(x).toEqual(y);
    expect(await createReply(a.kader, reply)).toEqual(x);
    const rows = await db.db.select({ id: forumComments.id }).from(forumComments).where(eq(forumComments.postId, thread.id));
    expect(rows.map((r) => r.id)).toEqual([reply.id]);
    await expect(createReply(a.kader, { ...reply, postId: other.id })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('a registration sent twice stores one mother; the resend gives a fresh code and the first one stops working', async () => {
    const form = mother();
    const first = await registerMother(a.kader, form);
    if (!first.ok || !first.code) throw new Error(JSON.stringify(first));
    expect(first).toMatchObject({ created: true, login: 'code', motherId: form.id });
    const counts = await rowCounts(db);
    const again = await registerMother(a.kader, form);
    if (!again.ok || !again.code) throw new Error(JSON.stringify(again));
    expect(again).toMatchObject({ created: false, login: 'code', motherId: first.motherId, babyIds: first.babyIds, name: first.name, phone: first.phone });
    expect(again.code).not.toBe(first.code);
    const after = await rowCounts(db);
    expect(after.mothers).toBe(counts.mothers);
    expect(after.babies).toBe(counts.babies);
    expect(after.users).toBe(counts.users);
    const good = { password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' };
    expect(await activateAccount({ phone: first.phone, code: first.code, ...good }, '192.0.2.54')).toEqual({ ok: false, formError: 'activation.invalid' });
    expect(await activateAccount({ phone: first.phone, code: again.code, ...good }, '192.0.2.54')).toEqual({ ok: true });
    // Sent once more after she activated: still one mother, no code that could reset her password.
    expect(await registerMother(a.kader, form)).toMatchObject({ ok: true, created: false, code: null, login: 'active' });

    // Both at once: one mother.
    const both = mother();
    const [x, y] = await Promise.all([registerMother(a.kader, both), registerMother(a.kader, both)]);
    expect([x.ok, y.ok]).toEqual([true, true]);
    expect((await db.db.select().from(mothers).where(eq(mothers.id, both.id))).length).toBe(1);
    expect(
      (
        await db.db
          .select()
          .from(users)
          .where(eq(users.phone, x.ok ? x.phone : ''))
      ).length,
    ).toBe(1);
  });

  it("another registrar's key is refused and stores nothing", async () => {
    const form = mother();
    await registerMother(a.kader, form);
    const before = await rowCounts(db);
    await expect(registerMother(a.staff, { ...form, phone: '0857-6666-9999' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a NIK already in the puskesmas is refused on the field: her record in scope, only the posyandu elsewhere, nothing from another puskesmas', async () => {
    const nik = '3201014501950007';
    const first = await registerMother(a.kader, mother({ nik }));
    if (!first.ok) throw new Error(JSON.stringify(first));
    const before = await rowCounts(db);
    // The same kader: who it is, with a link to her baby.
    const same = await registerMother(a.kader, mother({ nik: '3201 0145 0195 0007' }));
    expect(same).toMatchObject({
      ok: false,
      fieldErrors: { nik: 'validation.nikTaken' },
      duplicate: { reason: 'nik', motherId: first.motherId, babyId: first.babyIds[0] },
    });
    // Staff of the puskesmas see her too.
    const staffSees = await registerMother(a.staff, mother({ nik, posyanduId: a.kader.posyanduId }));
    expect(staffSees).toMatchObject({ ok: false, fieldErrors: { nik: 'validation.nikTaken' }, duplicate: { motherId: first.motherId } });
    // A kader of another posyandu: refused, told where, not who.
    const elsewhere = await registerMother(otherKader, mother({ nik, posyanduId: otherKader.posyanduId }));
    expect(elsewhere).toMatchObject({
      ok: false,
      fieldErrors: { nik: 'validation.nikTakenPosyandu' },
      duplicate: { reason: 'nik', motherId: null, name: null, babyId: null },
    });
    if (elsewhere.ok) return;
    expect(elsewhere.duplicate?.posyanduName).toMatch(/\S/);
    expect(JSON.stringify(elsewhere)).not.toContain(first.name);
    expect(await rowCounts(db)).toEqual(before);
    // Another puskesmas knows nothing of her: its own registration goes on.
    const [otherPosyandu] = await db.db
      .select({ id: posyandu.id })
      .from(posyandu)
      .where(and(eq(posyandu.puskesmasId, a.otherStaff.puskesmasId), eq(posyandu.active, true)))
      .limit(1);
    const there = await registerMother(a.otherStaff, mother({ nik, posyanduId: otherPosyandu!.id }));
    expect(there).toMatchObject({ ok: true });
  });

  describe('a phone that is a login outside the registrar’s scope gets the outcome of any free number (#22 item 5)', () => {
    const outside = async () => {
      const [otherMother] = await db.db
        .select({ phone: users.phone })
        .from(users)
        .where(and(eq(users.role, 'ibu'), ne(users.puskesmasId, a.kader.puskesmasId)))
        .limit(1);
      return [
        ['staff of another puskesmas', '+6281110000101'],
        ['staff of her own puskesmas', '+6281110000002'],
        ['a mother of another puskesmas', otherMother!.phone],
      ] as const;
    };

    it('a kader: registered, never "taken"; no second login; staff find the reason in the audit trail', async () => {
      for (const [, phone] of await outside()) {
        const before = await rowCounts(db);
        const res = await registerMother(a.kader, mother({ phone }));
        if (!res.ok) throw new Error(`refused ${phone}: ${JSON.stringify(res)}`);
        expect(res).toMatchObject({ created: true, code: null, login: 'byStaff' });
        const [m] = await db.db.select().from(mothers).where(eq(mothers.id, res.motherId));
        expect(m).toMatchObject({ userId: null, phone });
        expect((await db.db.select().from(users).where(eq(users.phone, phone))).length).toBe(1);
        const after = await rowCounts(db);
        expect(after.users).toBe(before.users);
        expect(after.activation_codes ?? 0).toBe(before.activation_codes ?? 0);
        expect(after.mothers).toBe(before.mothers! + 1);
        const [audit] = await db.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entity, 'mother'), eq(auditLog.entityId, res.motherId)));
        expect(audit!.reason).toMatch(/no login/);
        expect(JSON.stringify(res)).not.toMatch(/taken|dipakai|terdaftar/i);
      }
    });

    it('staff: a login of their own puskesmas is named (decision 042), another puskesmas is not', async () => {
      expect(await registerMother(a.staff, mother({ phone: '0812-2000-0002' }))).toMatchObject({ ok: false, fieldErrors: { phone: 'validation.phoneTakenHere' } });
      const res = await registerMother(a.staff, mother({ phone: '0811-1000-0201' }));
      expect(res).toMatchObject({ ok: true, login: 'byStaff', code: null });
    });

    it("a mother of her own puskesmas is a duplicate: named in the kader's scope, the posyandu only elsewhere", async () => {
      const first = await registerMother(a.kader, mother());
      if (!first.ok) throw new Error('not registered');
      expect(await registerMother(a.kader, mother({ phone: first.phone }))).toMatchObject({
        ok: false,
        fieldErrors: { phone: 'validation.phoneTaken' },
        duplicate: { reason: 'phone', motherId: first.motherId },
      });
      const other = await registerMother(otherKader, mother({ phone: first.phone, posyanduId: otherKader.posyanduId }));
      expect(other).toMatchObject({ ok: false, fieldErrors: { phone: 'validation.phoneTakenPosyandu' }, duplicate: { motherId: null, name: null } });
    });
  });

  it('a session sent twice (and both at once) is scheduled once', async () => {
    const soon = zonedParts(new Date(Date.now() + 2 * 86_400_000), 'Asia/Jakarta');
    const form = {
      id: randomUUID(),
      title: 'Pertemuan kunci',
      topic: 'expressing_storing',
      topicText: '',
      date: soon.date,
      startTime: '09:00',
      endTime: '11:00',
      place: 'Aula Desa',
      villageId: a.kader.villageId!,
      posyanduId: '',
      facilitators: '',
      capacity: '10',
    };
    const [x, y] = await Promise.all([createGroupSession(a.kader, form), createGroupSession(a.kader, form)]);
    expect([x, y].map((r) => r.ok)).toEqual([true, true]);
    expect([x, y].filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await createGroupSession(a.kader, form)).toEqual({ ok: true, id: form.id, created: false });
    expect((await db.db.select().from(groupSessions).where(eq(groupSessions.id, form.id))).length).toBe(1);
  });
});
