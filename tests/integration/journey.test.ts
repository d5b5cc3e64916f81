import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { auditLog, babies, mothers, posyandu, puskesmas, users, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, VISIT_EDIT_DAYS, type Actor } from '@/lib/auth/policy';
import { addDays, datedWindows, isoToday, sixMonthDate } from '@/lib/domain';
import { exitBaby, motherAdminContext, transferMother } from '@/lib/data/journey';
import { kaderOverview } from '@/lib/data/overview';
import { nextVisits } from '@/lib/data/next-visit';
import { motherRegistry } from '@/lib/data/registry';
import { babyDetail, correctVisit, followUpReferral, recordVisit, visitEditContext } from '@/lib/data/visits';
import { type VisitFormValues } from '@/lib/validation/visit';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

/**
 * Issue 4, the second half: correcting visits (author within 7 days, staff any time, a reason,
 * audited), referral follow-up, moving a mother to another posyandu and a baby's exit.
 */
const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;

describe.each(BACKENDS)('journey changes on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let otherKader: Actor;
  let staff: Actor;
  let admin: Actor;
  let ibu: Actor;
  let foreignStaff: Actor;
  /** Babies of the kader's posyandu, 20–120 days old, not exited, each of another mother. */
  let pool: { id: string; birthDate: string; motherId: string }[] = [];
  const today = isoToday('Asia/Jakarta');
  const visit = (babyId: string, over: Partial<VisitFormValues> = {}): VisitFormValues => answeredVisit(randomUUID(), babyId, today, over);
  const auditOf = (entityId: string) => db.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, login('kader', 0));
    otherKader = await actorFor(db, login('kader', 1));
    staff = await actorFor(db, login('staff', 0));
    admin = await actorFor(db, login('admin', 0));
    ibu = await actorFor(db, login('ibu', 0));
    foreignStaff = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'staff' && l.phone.includes('0101'))!.phone);
    expect(foreignStaff.puskesmasId).not.toBe(staff.puskesmasId);
    const rows = await db.db
      .select({ id: babies.id, birthDate: babies.birthDate, motherId: babies.motherId })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(
        and(
          eq(mothers.posyanduId, kader.posyanduId!),
          sql`${babies.exitDate} is null`,
          lte(babies.birthDate, addDays(today, -20)),
          gte(babies.birthDate, addDays(today, -120)),
          ne(mothers.id, ibu.motherId ?? randomUUID()),
        ),
      )
      .orderBy(asc(babies.birthDate));
    const seen = new Set<string>();
    pool = rows.filter((r) => !seen.has(r.motherId) && seen.add(r.motherId));
    if (pool.length < 4) throw new Error('not enough demo babies');
  });
  afterAll(() => db.dispose());

  describe('correcting a visit', () => {
    let babyId: string;
    let input: VisitFormValues;
    beforeAll(async () => {
      babyId = pool[0]!.id;
      // Exclusive so far: this baby must be ongoing for the status test to mean something.
      const [anyBreak] = await db.db
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.babyId, babyId), sql`(cardinality(${visits.recallItems}) > 0 or ${visits.givenSinceLast} or not ${visits.breastfed})`));
      if (anyBreak) await db.db.delete(visits).where(eq(visits.babyId, babyId));
      input = visit(babyId, { weightGrams: '4500' });
      expect(await recordVisit(kader, input)).toMatchObject({ ok: true, created: true });
      expect((await babyDetail(kader, babyId)).status).toBe('ongoing');
    });

    it('the author changes her visit with a reason: audited with before/after and the reason, in one transaction; the status follows', async () => {
      const ctx = await visitEditContext(kader, babyId, input.id);
      expect(ctx.values).toMatchObject({ id: input.id, breastfed: 'yes', weightGrams: '4500', recallItems: [] });
      expect(ctx.editableUntil).toBeInstanceOf(Date);
      const res = await correctVisit(kader, { ...ctx.values, recallItems: ['formula'], breakReason: 'low_supply', reason: 'Salah centang, bayi diberi susu formula' });
      expect(res).toEqual({ ok: true, visitId: input.id, babyId, changed: ['recallItems', 'breakReason'] });
      const audits = (await auditOf(input.id)).filter((a) => a.action === 'visit.update');
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        userId: kader.id,
        entity: 'visit',
        reason: 'Salah centang, bayi diberi susu formula',
        before: { recallItems: [], breakReason: null },
        after: { recallItems: ['formula'], breakReason: 'low_supply' },
      });
      const [row] = await db.db.select().from(visits).where(eq(visits.id, input.id));
      expect(row!.kaderId).toBe(kader.id);
      expect(audits[0]!.at.getTime()).toBe(row!.updatedAt.getTime());
      const detail = await babyDetail(staff, babyId);
      expect(detail.status).toBe('broken');
      expect(detail.events.find((e) => e.kind === 'broken')).toMatchObject({ date: today, reason: 'low_supply' });
      const shown = detail.visits.find((v) => v.id === input.id)!;
      expect(shown.corrections).toEqual([
        { on: today, by: expect.any(String), reason: 'Salah centang, bayi diberi susu formula', fields: ['recallItems', 'breakReason'] },
      ]);
    });

    it('the same values again (a double submit) change nothing and write no audit row', async () => {
      const ctx = await visitEditContext(kader, babyId, input.id);
      const before = await rowCounts(db);
      const twice = await Promise.all([correctVisit(kader, { ...ctx.values, reason: 'Kirim ulang' }), correctVisit(kader, { ...ctx.values, reason: 'Kirim ulang' })]);
      expect(twice.map((r) => r.ok && r.changed)).toEqual([[], []]);
      expect(await rowCounts(db)).toEqual(before);
    });

    describe('bad input is refused with a field message and nothing is stored', () => {
      const cases: [string, Record<string, unknown>, string, string][] = [
        ['no reason', { reason: '' }, 'reason', 'validation.required'],
        ['a 10,000-character reason', { reason: 'x'.repeat(10_000) }, 'reason', 'validation.tooLong'],
        ['a date in the future', { visitDate: '2099-01-01' }, 'visitDate', 'validation.dateInFuture'],
        ['a date before birth', { visitDate: '2000-01-01' }, 'visitDate', 'validation.dateBeforeBirth'],
        ['weight 0', { weightGrams: '0' }, 'weightGrams', 'validation.weightRange'],
        ['weight 40 kg', { weightGrams: '40000' }, 'weightGrams', 'validation.weightRange'],
        ['an unknown problem code', { problems: ['formula_brand_x'] }, 'problems', 'validation.unknownCode'],
        ['a 10,000-character note', { notes: 'x'.repeat(10_000) }, 'notes', 'validation.tooLong'],
      ];
      for (const [name, over, field, key] of cases) {
        it(name, async () => {
          const ctx = await visitEditContext(kader, babyId, input.id);
          const before = await rowCounts(db);
          const res = await correctVisit(kader, { ...ctx.values, reason: 'Perbaikan data kunjungan', ...over });
          expect(res.ok).toBe(false);
          if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors]).toBe(key);
          expect(await rowCounts(db)).toEqual(before);
        });
      }
    });

    it(`after ${VISIT_EDIT_DAYS} days the author is refused (form and direct request); staff and admin still correct`, async () => {
      await db.db
        .update(visits)
        .set({ receivedAt: sql`now() - interval '${sql.raw(String(VISIT_EDIT_DAYS))} days 1 minute'` })
        .where(eq(visits.id, input.id));
      expect((await babyDetail(kader, babyId)).visits.find((v) => v.id === input.id)!.canEdit).toBe(false);
      await expect(visitEditContext(kader, babyId, input.id)).rejects.toBeInstanceOf(ForbiddenError);
      const ctx = await visitEditContext(staff, babyId, input.id);
      expect(ctx.editableUntil).toBeNull();
      const before = await rowCounts(db);
      await expect(correctVisit(kader, { ...ctx.values, weightGrams: '4600', reason: 'Timbangan salah baca' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);
      expect((await babyDetail(staff, babyId)).visits.find((v) => v.id === input.id)!.canEdit).toBe(true);
      const res = await correctVisit(staff, { ...ctx.values, recallItems: [], breakReason: '', reason: 'Dicek ulang bidan: bayi tidak pernah diberi formula' });
      expect(res).toMatchObject({ ok: true, changed: ['recallItems', 'breakReason'] });
      expect((await babyDetail(kader, babyId)).status).toBe('ongoing');
      const res2 = await correctVisit(admin, { ...ctx.values, recallItems: [], breakReason: '', weightGrams: '4550', reason: 'Berat dari buku KIA' });
      expect(res2).toMatchObject({ ok: true, changed: ['weightGrams'] });
      const audits = (await auditOf(input.id)).filter((a) => a.action === 'visit.update');
      expect(audits.map((a) => [a.userId, a.reason])).toEqual([
        [kader.id, 'Salah centang, bayi diberi susu formula'],
        [staff.id, 'Dicek ulang bidan: bayi tidak pernah diberi formula'],
        [admin.id, 'Berat dari buku KIA'],
      ]);
      expect(audits[2]).toMatchObject({ before: { weightGrams: 4500 }, after: { weightGrams: 4550 } });
    });

    it('another posyandu, another puskesmas and a mother get nothing; nothing is stored', async () => {
      const ctx = await visitEditContext(staff, babyId, input.id);
      const before = await rowCounts(db);
      const body = { ...ctx.values, weightGrams: '3000', reason: 'Coba ubah data orang lain' };
      await expect(correctVisit(otherKader, body)).rejects.toBeInstanceOf(NotFoundError);
      await expect(visitEditContext(otherKader, babyId, input.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(correctVisit(foreignStaff, body)).rejects.toBeInstanceOf(NotFoundError);
      await expect(correctVisit(ibu, body)).rejects.toBeInstanceOf(ForbiddenError);
      // A visit id with another baby's id: not found, never changed.
      await expect(correctVisit(staff, { ...body, babyId: pool[1]!.id })).rejects.toBeInstanceOf(NotFoundError);
      expect(await rowCounts(db)).toEqual(before);
    });

    it("a kader cannot change another kader's visit, even in her posyandu", async () => {
      // A second kader of the same posyandu records a visit today.
      const [colleague] = await db.db
        .insert(users)
        .values({ puskesmasId: kader.puskesmasId, role: 'kader', name: 'Kader Kedua', phone: '+6281299990001', posyanduId: kader.posyanduId, villageId: kader.villageId })
        .returning();
      const theirs = visit(pool[2]!.id);
      expect(await recordVisit({ ...kader, id: colleague!.id }, theirs)).toMatchObject({ ok: true, created: true });
      expect((await babyDetail(kader, pool[2]!.id)).visits.find((v) => v.id === theirs.id)!.canEdit).toBe(false);
      await expect(visitEditContext(kader, pool[2]!.id, theirs.id)).rejects.toBeInstanceOf(ForbiddenError);
      const before = await rowCounts(db);
      await expect(correctVisit(kader, { ...theirs, weightGrams: '3000', reason: 'Bukan kunjungan saya' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);
    });
  });

  describe('referral follow-up', () => {
    it('the kader marks it followed up (who, when, outcome), audited; the today list drops it; twice keeps the first', async () => {
      const babyId = pool[1]!.id;
      const v = visit(babyId, { dangerSigns: ['fever'], referral: true, referralReason: 'Demam 38,5 °C' });
      const rec = await recordVisit(kader, v);
      expect(rec.ok).toBe(true);
      const due = async () => (await kaderOverview(kader)).due.filter((d) => d.babyId === babyId && d.kind === 'referral');
      expect(await due()).toHaveLength(1);
      expect((await babyDetail(kader, babyId)).visits.find((x) => x.id === v.id)!.canFollowUp).toBe(true);

      const before = await rowCounts(db);
      expect(await followUpReferral(kader, { babyId, visitId: v.id, outcome: '' })).toEqual({ ok: false, fieldErrors: { outcome: 'validation.required' } });
      expect(await followUpReferral(kader, { babyId, visitId: v.id, outcome: 'x'.repeat(10_000) })).toEqual({
        ok: false,
        fieldErrors: { outcome: 'validation.tooLong' },
      });
      await expect(followUpReferral(otherKader, { babyId, visitId: v.id, outcome: 'Sudah ke bidan' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(followUpReferral(ibu, { babyId, visitId: v.id, outcome: 'Sudah ke bidan' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);

      expect(await followUpReferral(kader, { babyId, visitId: v.id, outcome: 'Sudah diperiksa bidan, diberi parasetamol' })).toEqual({ ok: true, babyId, changed: true });
      const [row] = await db.db.select().from(visits).where(eq(visits.id, v.id));
      expect(row).toMatchObject({ referralFollowedUpBy: kader.id, referralOutcome: 'Sudah diperiksa bidan, diberi parasetamol' });
      expect(row!.referralFollowedUpAt).toBeInstanceOf(Date);
      const audits = (await auditOf(v.id)).filter((a) => a.action === 'visit.referral_follow_up');
      expect(audits).toHaveLength(1);
      expect(audits[0]!.userId).toBe(kader.id);
      expect(await due()).toHaveLength(0);
      const shown = (await babyDetail(staff, babyId)).visits.find((x) => x.id === v.id)!;
      expect(shown).toMatchObject({ referralState: 'followed_up', referralOutcome: 'Sudah diperiksa bidan, diberi parasetamol', canFollowUp: false });

      expect(await followUpReferral(staff, { babyId, visitId: v.id, outcome: 'Lain' })).toEqual({ ok: true, babyId, changed: false });
      expect((await auditOf(v.id)).filter((a) => a.action === 'visit.referral_follow_up')).toHaveLength(1);
    });

    it('a visit without a referral cannot be followed up', async () => {
      const v = visit(pool[1]!.id);
      await recordVisit(kader, v);
      const before = await rowCounts(db);
      expect(await followUpReferral(staff, { babyId: pool[1]!.id, visitId: v.id, outcome: 'Sudah' })).toEqual({
        ok: false,
        fieldErrors: { visitId: 'validation.invalid' },
      });
      expect(await rowCounts(db)).toEqual(before);
    });
  });

  describe('moving a mother to another posyandu', () => {
    it('staff move her: the new kader sees her, the old no longer; audited with the reason; her login follows the village', async () => {
      const { id: babyId, motherId } = pool[3]!;
      const [target] = await db.db.select().from(posyandu).where(eq(posyandu.id, otherKader.posyanduId!));
      const [foreignPosyandu] = await db.db.select({ id: posyandu.id }).from(posyandu).where(ne(posyandu.puskesmasId, staff.puskesmasId)).limit(1);
      const before = await rowCounts(db);
      expect(await transferMother(staff, { motherId, posyanduId: target!.id, reason: '' })).toEqual({ ok: false, fieldErrors: { reason: 'validation.required' } });
      expect(await transferMother(staff, { motherId, posyanduId: kader.posyanduId!, reason: 'Pindah rumah ke RW lain' })).toEqual({
        ok: false,
        fieldErrors: { posyanduId: 'motherAdmin.samePosyandu' },
      });
      expect(await transferMother(staff, { motherId, posyanduId: foreignPosyandu!.id, reason: 'Pindah rumah ke RW lain' })).toEqual({
        ok: false,
        fieldErrors: { posyanduId: 'validation.invalid' },
      });
      await expect(transferMother(kader, { motherId, posyanduId: target!.id, reason: 'Pindah rumah ke RW lain' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(transferMother(otherKader, { motherId, posyanduId: target!.id, reason: 'Pindah rumah ke RW lain' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(transferMother(foreignStaff, { motherId, posyanduId: target!.id, reason: 'Pindah rumah ke RW lain' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(transferMother(ibu, { motherId, posyanduId: target!.id, reason: 'Pindah rumah ke RW lain' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);
      expect((await motherAdminContext(kader, babyId)).mayTransfer).toBe(false);
      expect((await motherAdminContext(staff, babyId)).posyandu.map((p) => p.id)).toContain(target!.id);

      expect(await transferMother(staff, { motherId, posyanduId: target!.id, reason: 'Pindah rumah ke RW lain' })).toEqual({ ok: true, motherId, changed: true });
      const [m] = await db.db.select().from(mothers).where(eq(mothers.id, motherId));
      expect(m).toMatchObject({ posyanduId: target!.id, villageId: target!.villageId });
      if (m!.userId) expect((await db.db.select({ v: users.villageId }).from(users).where(eq(users.id, m!.userId)))[0]!.v).toBe(target!.villageId);
      await expect(babyDetail(kader, babyId)).rejects.toBeInstanceOf(NotFoundError);
      expect((await kaderOverview(kader)).mothers.some((x) => x.babyId === babyId)).toBe(false);
      expect((await babyDetail(otherKader, babyId)).babyId).toBe(babyId);
      expect((await kaderOverview(otherKader)).mothers.some((x) => x.babyId === babyId)).toBe(true);
      const audits = (await auditOf(motherId)).filter((a) => a.action === 'mother.transfer');
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        userId: staff.id,
        reason: 'Pindah rumah ke RW lain',
        before: { posyanduId: kader.posyanduId },
        after: { posyanduId: target!.id },
      });
      const events = (await babyDetail(staff, babyId)).events;
      expect(events.find((e) => e.kind === 'transfer')).toMatchObject({ date: today, to: target!.name, reason: 'Pindah rumah ke RW lain' });
    });
  });

  describe("a baby's exit", () => {
    it('bad dates, an unknown reason code or no reason are refused; nothing stored', async () => {
      const { id: babyId, birthDate } = pool[2]!;
      const cases: [Record<string, unknown>, string, string][] = [
        [{ exitDate: addDays(birthDate, -1) }, 'exitDate', 'validation.dateBeforeBirth'],
        [{ exitDate: addDays(today, 1) }, 'exitDate', 'validation.dateInFuture'],
        [{ exitDate: '2026-02-30' }, 'exitDate', 'validation.dateInvalid'],
        [{ exitReason: 'lost' }, 'exitReason', 'validation.unknownCode'],
        [{ reason: '' }, 'reason', 'validation.required'],
        [{ reason: 'x'.repeat(10_000) }, 'reason', 'validation.tooLong'],
      ];
      const before = await rowCounts(db);
      for (const [over, field, key] of cases) {
        const res = await exitBaby(staff, { babyId, exitDate: today, exitReason: 'moved', reason: 'Pindah ke luar kota', ...over });
        expect(res.ok, JSON.stringify(over)).toBe(false);
        if (!res.ok) expect(res.fieldErrors?.[field as 'exitDate'], JSON.stringify(over)).toBe(key);
      }
      await expect(exitBaby(otherKader, { babyId, exitDate: today, exitReason: 'moved', reason: 'Pindah ke luar kota' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(exitBaby(ibu, { babyId, exitDate: today, exitReason: 'moved', reason: 'Pindah ke luar kota' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);
    });

    it('staff record an exit: the baby is exited, leaves the today list, shows in the registry as exited; audited once', async () => {
      const { id: babyId } = pool[2]!;
      const inDue = async () => (await kaderOverview(kader)).due.some((d) => d.babyId === babyId && d.kind !== 'referral');
      const wasDue = await inDue();
      const res = await exitBaby(staff, { babyId, exitDate: today, exitReason: 'moved', reason: 'Pindah ke Kabupaten Bekasi' });
      expect(res).toEqual({ ok: true, babyId });
      const detail = await babyDetail(kader, babyId);
      expect(detail).toMatchObject({ status: 'exited', exitDate: today, exitReason: 'moved' });
      expect(detail.events.find((e) => e.kind === 'exited')).toMatchObject({ date: today, exitReason: 'moved', note: 'Pindah ke Kabupaten Bekasi' });
      if (wasDue) expect(await inDue()).toBe(false);
      expect((await kaderOverview(kader)).due.some((d) => d.babyId === babyId)).toBe(false);
      const reg = await motherRegistry(staff, { status: 'exited' });
      expect(reg.total).toBeGreaterThan(0);
      const [b] = await db.db.select({ motherId: babies.motherId }).from(babies).where(eq(babies.id, babyId));
      const [m] = await db.db.select({ name: mothers.name }).from(mothers).where(eq(mothers.id, b!.motherId));
      const found = await motherRegistry(staff, { status: 'exited', q: m!.name });
      expect(found.rows.map((r) => r.babyId)).toContain(babyId);
      const audits = (await auditOf(babyId)).filter((a) => a.action === 'baby.exit');
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ userId: staff.id, reason: 'Pindah ke Kabupaten Bekasi', after: { exitDate: today, exitReason: 'moved' } });
      const before = await rowCounts(db);
      expect(await exitBaby(staff, { babyId, exitDate: today, exitReason: 'died', reason: 'Kirim dua kali' })).toEqual({
        ok: false,
        formError: 'motherAdmin.alreadyExited',
      });
      expect(await rowCounts(db)).toEqual(before);
    });
  });

  it("the mother sees her own baby's next visit window (open, overdue or upcoming), dated from lib/domain", async () => {
    const list = await nextVisits(ibu);
    expect(list.length).toBeGreaterThan(0);
    const [b] = await db.db.select().from(babies).where(eq(babies.id, list[0]!.babyId));
    const [m] = await db.db.select({ id: mothers.id }).from(mothers).where(eq(mothers.id, b!.motherId));
    expect(m!.id).toBe(ibu.motherId);
    const item = list[0]!;
    if (today < sixMonthDate(b!.birthDate)) {
      expect(['open', 'overdue', 'upcoming']).toContain(item.state);
      const w = datedWindows(b!.birthDate)[item.window!.n - 1]!;
      expect(item.window).toEqual({ n: item.window!.n, from: w.from, to: w.to });
      if (item.state === 'open') expect(w.from <= today && today <= w.to).toBe(true);
      if (item.state === 'upcoming') expect(w.from > today).toBe(true);
      if (item.state === 'overdue') expect(w.to < today).toBe(true);
    }
  });

  it('staff of another puskesmas see none of it', async () => {
    for (const b of pool) await expect(babyDetail(foreignStaff, b.id)).rejects.toBeInstanceOf(NotFoundError);
    const ids = pool.map((b) => b.id);
    const [p] = await db.db.select({ id: puskesmas.id }).from(babies).innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId)).where(inArray(babies.id, ids)).limit(1);
    expect(p!.id).toBe(staff.puskesmasId);
  });
});
