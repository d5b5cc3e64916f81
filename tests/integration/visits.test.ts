import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { auditLog, babies, mothers, users, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday, normalizePhone } from '@/lib/domain';
import { babyDetail, recordVisit } from '@/lib/data/visits';
import { emptyVisit, type VisitFormValues } from '@/lib/validation/visit';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const kaderLogins = DEMO_LOGINS.filter((l) => l.role === 'kader');

describe.each(BACKENDS)('visits on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let otherKader: Actor;
  let baby: { id: string; birthDate: string };
  const today = isoToday('Asia/Jakarta');

  /** A valid visit today for the test baby, with overrides. */
  const visit = (over: Partial<VisitFormValues> = {}): VisitFormValues => ({ ...emptyVisit(randomUUID(), baby.id, today), ...over });

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
    const audits = await db.db.select().from(auditLog).where(and(eq(auditLog.entity, 'visit'), eq(auditLog.entityId, input.id)));
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
      ['a since-last date after the visit', () => ({ givenSinceLast: 'yes', givenSinceLastDate: addDays(today, 1), breakReason: 'other', visitDate: addDays(today, -1) }), 'givenSinceLastDate', 'validation.dateAfterVisit'],
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
