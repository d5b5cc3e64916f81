/**
 * Kader monitoring visits: recording (idempotent on the id made on the device) and what the
 * visit form and the baby page show. Every read and write is scoped by motherScope.
 */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { auditLog, babies, mothers, puskesmas, users, visits } from '@/db/schema';
import { assertCan, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import {
  ageInDays,
  classifyRecall,
  completedMonths,
  DEFAULT_VISIT_WINDOWS,
  fiveMonthDate,
  isoToday,
  journeyStatus,
  sixMonthDate,
  visitBreakDate,
  windowStates,
  type VisitWindow,
} from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { visitSchema, type VisitField } from '@/lib/validation/visit';
import { babyFacts } from './facts';
import { motherScope } from './scope';

export type RecordVisitResult =
  | { ok: true; visitId: string; babyId: string; created: boolean }
  | { ok: false; fieldErrors: Partial<Record<VisitField, string>> };

/** The baby with its mother's scope facts, if `actor` may `action` visits of it; else NotFoundError. */
async function babyInScope(db: DbOrTx, actor: Actor, babyId: string, action: 'read' | 'write') {
  const [row] = await db
    .select({
      id: babies.id,
      name: babies.name,
      sex: babies.sex,
      birthDate: babies.birthDate,
      birthOrder: babies.birthOrder,
      exitDate: babies.exitDate,
      exitReason: babies.exitReason,
      puskesmasId: babies.puskesmasId,
      motherId: mothers.id,
      motherName: mothers.name,
      posyanduId: mothers.posyanduId,
      timeZone: puskesmas.timeZone,
      visitWindows: puskesmas.visitWindows,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(and(eq(babies.id, babyId), motherScope(actor, action, 'visits')));
  // Out of scope and absent look the same: no one learns which ids exist elsewhere.
  if (!row) throw new NotFoundError('baby');
  return row;
}

const idShape = z.object({ babyId: z.uuid() });

/**
 * Records a visit by the signed-in kader. The id comes from her device: sending the same visit
 * again (double tap, resend from an outbox, two requests at once) returns the stored visit and
 * stores nothing new. The visit and its audit row are written in one transaction.
 */
export async function recordVisit(actor: Actor, raw: unknown): Promise<RecordVisitResult> {
  assertCan(actor, 'write', 'visits');
  const ids = idShape.safeParse(raw);
  if (!ids.success) return { ok: false, fieldErrors: { babyId: 'validation.invalid' } };
  const db = await getDb();
  const baby = await babyInScope(db, actor, ids.data.babyId, 'write');
  const parsed = visitSchema({ birthDate: baby.birthDate, today: isoToday(baby.timeZone) }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<VisitField>(parsed.error) };
  const v = parsed.data;

  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(visits)
      .values({ ...v, puskesmasId: baby.puskesmasId, kaderId: actor.id })
      .onConflictDoNothing({ target: visits.id })
      .returning();
    const row = inserted[0];
    if (row) {
      await tx.insert(auditLog).values({
        puskesmasId: baby.puskesmasId,
        userId: actor.id,
        action: 'visit.create',
        entity: 'visit',
        entityId: row.id,
        before: null,
        after: row,
      });
      return { ok: true as const, visitId: row.id, babyId: row.babyId, created: true };
    }
    const [existing] = await tx
      .select({ id: visits.id, babyId: visits.babyId, kaderId: visits.kaderId })
      .from(visits)
      .where(eq(visits.id, v.id));
    // The id is taken by someone else's visit, or another baby's: never overwrite, never reveal.
    if (!existing || existing.babyId !== v.babyId || existing.kaderId !== actor.id) throw new ForbiddenError('visit id in use');
    return { ok: true as const, visitId: existing.id, babyId: existing.babyId, created: false };
  });
}

function windowsOf(setting: VisitWindow[] | null | undefined): readonly VisitWindow[] {
  return setting && setting.length ? setting : DEFAULT_VISIT_WINDOWS;
}

/** What the visit form needs: the baby, its status today and the dates of earlier visits. */
export async function visitFormContext(actor: Actor, babyId: string) {
  assertCan(actor, 'write', 'visits');
  if (!z.uuid().safeParse(babyId).success) throw new NotFoundError('baby');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'write');
  const today = isoToday(baby.timeZone);
  const facts = (await babyFacts(db, [baby])).get(baby.id)!;
  return {
    babyId: baby.id,
    babyName: baby.name,
    sex: baby.sex,
    motherName: baby.motherName,
    birthDate: baby.birthDate,
    fiveMonthDate: fiveMonthDate(baby.birthDate),
    sixMonthDate: sixMonthDate(baby.birthDate),
    today,
    ageDays: ageInDays(baby.birthDate, today),
    status: journeyStatus(facts, today).status,
    visitDates: facts.visits.map((x) => x.visitDate),
    windows: windowsOf(baby.visitWindows),
  };
}

/** The baby page (kader and staff): status, windows and the timeline of visits. */
export async function babyDetail(actor: Actor, babyId: string) {
  assertCan(actor, 'read', 'visits');
  if (!z.uuid().safeParse(babyId).success) throw new NotFoundError('baby');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'read');
  const today = isoToday(baby.timeZone);
  const facts = (await babyFacts(db, [baby])).get(baby.id)!;
  const state = journeyStatus(facts, today);
  const rows = await db
    .select({
      id: visits.id,
      visitDate: visits.visitDate,
      breastfed: visits.breastfed,
      recallItems: visits.recallItems,
      givenSinceLast: visits.givenSinceLast,
      givenSinceLastDate: visits.givenSinceLastDate,
      confirmedExclusive: visits.confirmedExclusive,
      breakReason: visits.breakReason,
      dangerSigns: visits.dangerSigns,
      referral: visits.referral,
      referralReason: visits.referralReason,
      referralFollowedUpAt: visits.referralFollowedUpAt,
      weightGrams: visits.weightGrams,
      kaderName: users.name,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.kaderId))
    .where(eq(visits.babyId, baby.id))
    .orderBy(asc(visits.visitDate), asc(visits.receivedAt));
  const windows = windowStates(baby.birthDate, rows.map((r) => r.visitDate), today, windowsOf(baby.visitWindows));
  return {
    babyId: baby.id,
    babyName: baby.name,
    sex: baby.sex,
    motherId: baby.motherId,
    motherName: baby.motherName,
    birthDate: baby.birthDate,
    sixMonthDate: sixMonthDate(baby.birthDate),
    today,
    ageDays: ageInDays(baby.birthDate, today),
    ageMonths: completedMonths(baby.birthDate, today),
    status: state.status,
    breakDate: state.breakDate ?? null,
    breakReason: state.breakReason ?? null,
    windows,
    visits: rows
      .map((r) => ({
        ...r,
        recallClass: classifyRecall({ breastfed: r.breastfed, items: r.recallItems }),
        breakDate: visitBreakDate({ ...r, breakReason: r.breakReason }),
        referralState: r.referral ? (r.referralFollowedUpAt ? ('followed_up' as const) : ('open' as const)) : null,
      }))
      .reverse(),
  };
}
