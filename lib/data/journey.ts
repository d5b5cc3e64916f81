/**
 * A mother's place in the program outside the visits: moving her to another posyandu of the
 * same puskesmas, and a baby's exit (moved away, died, transferred out). Both are audited in
 * the same transaction, with the reason. The journey status `exited` is computed from the
 * exit by lib/domain; the kader's today list leaves exited babies out (lib/domain dueList).
 */
import 'server-only';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { babiesOfMothers, refreshCoverage } from '@/db/coverage';
import { auditLog, babies, kaderAssignments, mothers, posyandu, puskesmas, users, villages } from '@/db/schema';
import { assertCan, canTransferMother, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { isoToday } from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { exitSchema, transferSchema, type ExitField, type TransferField } from '@/lib/validation/journey';
import { motherScope } from './scope';

export type TransferResult = { ok: true; motherId: string; changed: boolean } | { ok: false; fieldErrors: Partial<Record<TransferField, string>> };

/**
 * Moves a mother (with her babies and her login's village) to another posyandu of the same
 * puskesmas: staff and admin only. The new posyandu's kaders see her from then on; the old
 * posyandu's no longer do (her assignments to single kaders end too). Moving her to the
 * posyandu she is in changes nothing.
 */
export async function transferMother(actor: Actor, raw: unknown): Promise<TransferResult> {
  assertCan(actor, 'write', 'mothers');
  const parsed = transferSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<TransferField>(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  const [mother] = await db
    .select({ id: mothers.id, puskesmasId: mothers.puskesmasId, posyanduId: mothers.posyanduId, villageId: mothers.villageId, userId: mothers.userId })
    .from(mothers)
    .where(and(eq(mothers.id, v.motherId), motherScope(actor, 'read')));
  if (!mother) throw new NotFoundError('mother');
  if (!canTransferMother(actor, mother)) throw new ForbiddenError('mother transfer');
  const [target] = await db
    .select({ id: posyandu.id, villageId: posyandu.villageId, active: posyandu.active, villageActive: villages.active })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .where(and(eq(posyandu.id, v.posyanduId), eq(posyandu.puskesmasId, mother.puskesmasId)));
  if (!target) return { ok: false, fieldErrors: { posyanduId: 'validation.invalid' } };
  if (target.id === mother.posyanduId) return { ok: false, fieldErrors: { posyanduId: 'motherAdmin.samePosyandu' } };
  // A deactivated posyandu (or village) takes no one new (issue #18).
  if (!target.active || !target.villageActive) return { ok: false, fieldErrors: { posyanduId: 'places.refuse.posyanduInactive' } };

  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ posyanduId: mothers.posyanduId, villageId: mothers.villageId }).from(mothers).where(eq(mothers.id, mother.id)).for('update');
    if (!locked || locked.posyanduId === target.id) return { ok: true as const, motherId: mother.id, changed: false };
    const assigned = await tx.delete(kaderAssignments).where(eq(kaderAssignments.motherId, mother.id)).returning({ kaderId: kaderAssignments.kaderId });
    await tx
      .update(mothers)
      .set({ posyanduId: target.id, villageId: target.villageId, updatedAt: sql`now()` })
      .where(eq(mothers.id, mother.id));
    if (mother.userId) await tx.update(users).set({ villageId: target.villageId }).where(eq(users.id, mother.userId));
    // Her babies count in the new posyandu and village, in every month.
    await refreshCoverage(tx, await babiesOfMothers(tx, [mother.id]));
    await tx.insert(auditLog).values({
      puskesmasId: mother.puskesmasId,
      userId: actor.id,
      action: 'mother.transfer',
      entity: 'mother',
      entityId: mother.id,
      before: { posyanduId: locked.posyanduId, villageId: locked.villageId, assignedKaderIds: assigned.map((a) => a.kaderId) },
      after: { posyanduId: target.id, villageId: target.villageId, assignedKaderIds: [] },
      reason: v.reason,
    });
    return { ok: true as const, motherId: mother.id, changed: true };
  });
}

export type ExitResult = { ok: true; babyId: string } | { ok: false; fieldErrors?: Partial<Record<ExitField, string>>; formError?: string };

/**
 * Records a baby's exit from the program with its date (from birth to today), reason code
 * and the reason in words. Whoever may write the mother (staff, admin; a kader in her own
 * scope, DESIGN §4). An exit already recorded is not overwritten.
 */
export async function exitBaby(actor: Actor, raw: unknown): Promise<ExitResult> {
  assertCan(actor, 'write', 'mothers');
  const id = z.object({ babyId: z.uuid() }).safeParse(raw);
  if (!id.success) return { ok: false, fieldErrors: { babyId: 'validation.invalid' } };
  const db = await getDb();
  const [baby] = await db
    .select({
      id: babies.id,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      puskesmasId: babies.puskesmasId,
      motherId: mothers.id,
      posyanduId: mothers.posyanduId,
      villageId: mothers.villageId,
      timeZone: puskesmas.timeZone,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(and(eq(babies.id, id.data.babyId), motherScope(actor, 'read')));
  if (!baby) throw new NotFoundError('baby');
  assertCan(actor, 'write', 'mothers', baby);
  const parsed = exitSchema({ birthDate: baby.birthDate, today: isoToday(baby.timeZone) }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<ExitField>(parsed.error) };
  const v = parsed.data;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(babies)
      .set({ exitDate: v.exitDate, exitReason: v.exitReason, exitNote: v.reason, updatedAt: sql`now()` })
      .where(and(eq(babies.id, baby.id), sql`${babies.exitDate} is null`))
      .returning({ exitDate: babies.exitDate, exitReason: babies.exitReason, exitNote: babies.exitNote });
    if (!after) return { ok: false as const, formError: 'motherAdmin.alreadyExited' };
    await refreshCoverage(tx, [baby.id]);
    await tx.insert(auditLog).values({
      puskesmasId: baby.puskesmasId,
      userId: actor.id,
      action: 'baby.exit',
      entity: 'baby',
      entityId: baby.id,
      before: { exitDate: null, exitReason: null, exitNote: null },
      after,
      reason: v.reason,
    });
    return { ok: true as const, babyId: baby.id };
  });
}

/** What the staff forms on the baby page need: the posyandu to move to, and the exit limits. */
export async function motherAdminContext(actor: Actor, babyId: string) {
  assertCan(actor, 'write', 'mothers');
  if (!z.uuid().safeParse(babyId).success) throw new NotFoundError('baby');
  const db = await getDb();
  const [baby] = await db
    .select({
      id: babies.id,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      motherId: mothers.id,
      puskesmasId: mothers.puskesmasId,
      posyanduId: mothers.posyanduId,
      villageId: mothers.villageId,
      timeZone: puskesmas.timeZone,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(and(eq(babies.id, babyId), motherScope(actor, 'read')));
  if (!baby) throw new NotFoundError('baby');
  const mayTransfer = canTransferMother(actor, baby);
  const list = mayTransfer
    ? await db
        .select({ id: posyandu.id, name: posyandu.name })
        .from(posyandu)
        .innerJoin(villages, eq(villages.id, posyandu.villageId))
        // Active places only (issue #18); her own stays listed (the form leaves it out).
        .where(and(eq(posyandu.puskesmasId, baby.puskesmasId), or(and(eq(posyandu.active, true), eq(villages.active, true)), eq(posyandu.id, baby.posyanduId))))
        .orderBy(asc(posyandu.name))
    : [];
  return {
    babyId: baby.id,
    motherId: baby.motherId,
    birthDate: baby.birthDate,
    today: isoToday(baby.timeZone),
    exited: baby.exitDate !== null,
    posyanduId: baby.posyanduId,
    posyandu: list,
    mayTransfer,
  };
}
