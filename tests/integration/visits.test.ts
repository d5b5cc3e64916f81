import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { auditLog, babies, mothers, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { receiveOutboxRecord } from '@/lib/data/outbox';
import { babyDetail, recordVisit } from '@/lib/data/visits';
import { emptyVisit, visitSchema, type VisitFormValues } from '@/lib/validation/visit';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const kaderLogins = DEMO_LOGINS.filter((l) => l.role === 'kader');

describe.each(BACKENDS)('visits on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let otherKader: Actor;
  let baby: { id: string; birthDate: string };
  const today = isoToday('Asia/Jakarta');

  /** A valid visit today for the test baby (recall answered, a second one that day confirmed), with overrides. */
  const visit = (over: Partial<VisitFormValues> = {}): VisitFormValues => answeredVisit(randomUUID(), baby.id, today, over);
  const visitCount = async (date: string) =>
    (
      await db.db
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.babyId, baby.id), eq(visits.visitDate, date)))
    ).length;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, kaderLogins[0]!.phone);
    otherKader = await actorFor(db, kaderLogins[1]!.phone);
    expect(otherKader.posyanduId).not.toBe(kader.posyanduId);
    // A baby of her posyandu, 20 to 120 days old today, not exited: no confirmation is asked.
    const [b] = await db.db
      .select({ id: babies.id, birthDate: babies.birthDate })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(
        and(
          eq(mothers.posyanduId, kader.posyanduId!),
          sql`${babies.exitDate} is null`,
          lte(babies.birthDate, addDays(today, -20)),
          gte(babies.birthDate, addDays(today, -120)),
        ),
      )
      .orderBy(asc(babies.birthDate))
      .limit(1);
    if (!b) throw new Error('no suitable demo baby');
    baby = b;
  });
  afterAll(() => db.dispose());

  it('stores a valid visit with its audit row written in the same transaction', async () => {
    const input = visit({ recallItems: ['formula'], breakReason: 'low_supply', weightGrams: '4200', notes: 'Catatan' });
    const res = await recordVisit(kader, input);
    expect(res).toEqual({ ok: true, visitId: input.id, babyId: baby.id, created: true });
    const [row] = await db.db.select().from(visits).where(eq(visits.id, input.id));
    expect(row).toMatchObject({ kaderId: kader.id, breastfed: true, recallItems: ['formula'], breakReason: 'low_supply', weightGrams: 4200 });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'visit'), eq(auditLog.entityId, input.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'visit.create', userId: kader.id, before: null });
    expect((audits[0]!.after as { id: string }).id).toBe(input.id);
    // now() is the start of the transaction: equal instants prove one transaction.
    expect(audits[0]!.at.getTime()).toBe(row!.receivedAt.getTime());
    const detail = await babyDetail(kader, baby.id);
    expect(detail.status).toBe('broken');
  });

  describe('bad input is refused with a field key and nothing is stored', () => {
    const cases: [string, () => Partial<VisitFormValues> | Record<string, unknown>, string, string][] = [
      ['a date before birth', () => ({ visitDate: addDays(baby.birthDate, -1) }), 'visitDate', 'validation.dateBeforeBirth'],
      ['a date in the future', () => ({ visitDate: addDays(today, 1) }), 'visitDate', 'validation.dateInFuture'],
      ['weight 0', () => ({ weightGrams: '0' }), 'weightGrams', 'validation.weightRange'],
      ['weight 40 kg', () => ({ weightGrams: '40000' }), 'weightGrams', 'validation.weightRange'],
      ['an unknown problem code', () => ({ problems: ['sore_nipples', 'formula_brand_x'] }), 'problems', 'validation.unknownCode'],
      ['a 10,000-character note', () => ({ notes: 'x'.repeat(10_000) }), 'notes', 'validation.tooLong'],
      ['formula without a break reason', () => ({ recallItems: ['formula'] }), 'breakReason', 'validation.breakReasonRequired'],
      ['a danger sign without referral', () => ({ dangerSigns: ['convulsions'] }), 'referral', 'validation.referralRequired'],
      [
        'a since-last date after the visit',
        () => ({ givenSinceLast: 'yes', givenSinceLastDate: addDays(today, 1), breakReason: 'other', visitDate: addDays(today, -1) }),
        'givenSinceLastDate',
        'validation.dateAfterVisit',
      ],
    ];
    for (const [name, over, field, key] of cases) {
      it(name, async () => {
        const before = await rowCounts(db);
        const res = await recordVisit(kader, { ...visit(), ...over() });
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors]).toBe(key);
        expect(await rowCounts(db)).toEqual(before);
      });
    }
  });

  it('a double submit stores one visit (one after the other and at the same time)', async () => {
    const input = visit();
    const before = await rowCounts(db);
    const first = await recordVisit(kader, input);
    const again = await recordVisit(kader, input);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(again).toMatchObject({ ok: true, visitId: input.id, created: false });
    const concurrent = visit();
    const results = await Promise.all([recordVisit(kader, concurrent), recordVisit(kader, concurrent), recordVisit(kader, concurrent)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    const after = await rowCounts(db);
    expect(after.visits).toBe(before.visits! + 2);
    expect(after.audit_log).toBe(before.audit_log! + 2);
  });

  describe('the recall is asked, never assumed (decision 053)', () => {
    it('an untouched form (recall unanswered) is refused with each question named, nothing stored', async () => {
      const before = await rowCounts(db);
      const res = await recordVisit(kader, emptyVisit(randomUUID(), baby.id, today));
      expect(res).toEqual({ ok: false, fieldErrors: { breastfed: 'validation.answerRequired', givenSinceLast: 'validation.answerRequired' } });
      expect(await rowCounts(db)).toEqual(before);
    });

    it('a direct post without the answers at all is refused, nothing stored', async () => {
      const before = await rowCounts(db);
      const { breastfed: _b, givenSinceLast: _g, ...rest } = visit();
      const res = await recordVisit(kader, rest);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.fieldErrors).toMatchObject({ breastfed: 'validation.answerRequired', givenSinceLast: 'validation.answerRequired' });
      expect(await rowCounts(db)).toEqual(before);
    });

    it('the outbox (offline) path refuses a visit without answers with the field messages, nothing stored', async () => {
      const before = await rowCounts(db);
      const { id, breastfed: _b, ...payload } = visit();
      const answer = await receiveOutboxRecord(kader, { kind: 'visit', id, payload, recordedAt: new Date().toISOString() });
      expect(answer).toEqual({ http: 422, body: { status: 'invalid', message: 'visit.fixErrors', fieldErrors: { breastfed: 'validation.answerRequired' } } });
      expect(await rowCounts(db)).toEqual(before);
    });

    it('from the 5-month date on, the six-month confirmation must be answered too', () => {
      const birthDate = addDays(today, -160);
      const schema = visitSchema({ birthDate, today });
      const r = schema.safeParse(answeredVisit(randomUUID(), randomUUID(), today));
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => [i.path[0], i.message])).toEqual([['confirmedExclusive', 'validation.answerRequired']]);
      expect(schema.safeParse(answeredVisit(randomUUID(), randomUUID(), today, { confirmedExclusive: 'yes' })).success).toBe(true);
    });

    it('answers "no" and "yes" are stored as given', async () => {
      const input = visit({ breastfed: 'no', givenSinceLast: 'yes', givenSinceLastDate: today, breakReason: 'other' });
      expect(await recordVisit(kader, input)).toMatchObject({ ok: true, created: true });
      const [row] = await db.db.select().from(visits).where(eq(visits.id, input.id));
      expect(row).toMatchObject({ breastfed: false, givenSinceLast: true, givenSinceLastDate: today });
    });
  });

  describe('a second visit of the baby on one date is asked before it is stored', () => {
    /** A date in the baby's life with no visit yet. */
    const freeDate = async () => {
      for (let i = 2; i < 20; i++) if ((await visitCount(addDays(today, -i))) === 0) return addDays(today, -i);
      throw new Error('no free date');
    };

    it('without the confirmation it is refused (nothing written); with it, stored; the same key again stores nothing', async () => {
      const date = await freeDate();
      const first = visit({ visitDate: date, sameDayConfirmed: false });
      expect(await recordVisit(kader, first)).toMatchObject({ ok: true, created: true });
      // The same key again (double tap, resend): the stored visit, no question, nothing new.
      expect(await recordVisit(kader, first)).toMatchObject({ ok: true, visitId: first.id, created: false });

      const before = await rowCounts(db);
      const second = visit({ visitDate: date, sameDayConfirmed: false });
      expect(await recordVisit(kader, second)).toEqual({ ok: false, fieldErrors: { sameDayConfirmed: 'validation.sameDayVisit' } });
      expect(await rowCounts(db)).toEqual(before);
      expect(await visitCount(date)).toBe(1);

      expect(await recordVisit(kader, { ...second, sameDayConfirmed: true })).toMatchObject({ ok: true, visitId: second.id, created: true });
      expect(await recordVisit(kader, { ...second, sameDayConfirmed: true })).toMatchObject({ ok: true, visitId: second.id, created: false });
      expect(await visitCount(date)).toBe(2);
      const [row] = await db.db.select().from(visits).where(eq(visits.id, second.id));
      expect(row).not.toHaveProperty('sameDayConfirmed');
    });

    it('two different visits sent at the same time without the confirmation: one is stored, the other asked', async () => {
      const date = await freeDate();
      const results = await Promise.all([
        recordVisit(kader, visit({ visitDate: date, sameDayConfirmed: false })),
        recordVisit(kader, visit({ visitDate: date, sameDayConfirmed: false })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, fieldErrors: { sameDayConfirmed: 'validation.sameDayVisit' } }]);
      expect(await visitCount(date)).toBe(1);
    });
  });

  it('a resend with the id of another visit is refused and changes nothing', async () => {
    const input = visit();
    await recordVisit(kader, input);
    const before = await rowCounts(db);
    // Same id, another kader of the same puskesmas who may not see this baby.
    await expect(recordVisit(otherKader, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a kader of another posyandu is refused and nothing is stored', async () => {
    const before = await rowCounts(db);
    const err = await recordVisit(otherKader, visit()).catch((e: unknown) => e);
    expect(err instanceof NotFoundError || err instanceof ForbiddenError).toBe(true);
    await expect(babyDetail(otherKader, baby.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('staff may read but not record visits', async () => {
    const staff = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'staff')!.phone);
    const before = await rowCounts(db);
    await expect(recordVisit(staff, visit())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts(db)).toEqual(before);
    const detail = await babyDetail(staff, baby.id);
    expect(detail.visits.length).toBeGreaterThan(0);
  });
});
