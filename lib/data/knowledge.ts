/**
 * Knowledge checks (cek pengetahuan, issue #28; DESIGN §3 "Lessons and knowledge", §4): a kader
 * records one with a mother of her scope for a baby (source 'kader', linked to the visit it was
 * taken with), a mother takes her own (source 'self', no baby: never baseline or endline). Scored
 * by lib/domain; stored with its audit row in one transaction; a kader's check refreshes the baby's
 * derived columns (db/coverage.ts refreshCoverage: knowledge_baseline, each check's occasion and
 * rose). The id is made when the form is rendered: the same id again saves nothing new.
 * Staff and admin read and correct (answers replaced, with a reason, audited).
 */
import 'server-only';
import { and, asc, desc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { auditLog, babies, knowledgeChecks, mothers, puskesmas, users, visits } from '@/db/schema';
import { assertCan, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { isoToday, KNOWLEDGE_STATEMENTS, knowledgePrompt, scoreKnowledge, type KnowledgeOccasion, type KnowledgeSource, type KnowledgeStatementId } from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { answersOf, knowledgeCheckSchema, knowledgeCorrectionSchema, type KnowledgeField } from '@/lib/validation/knowledge';
import { motherScope } from './scope';

export type RecordKnowledgeResult =
  { ok: true; checkId: string; babyId: string | null; created: boolean } | { ok: false; fieldErrors: Partial<Record<KnowledgeField, string>> };

const isUuid = (v: unknown): v is string => typeof v === 'string' && z.uuid().safeParse(v).success;

/** The baby and its mother, if `actor` may `action` knowledge checks of her; else NotFoundError (out of scope and absent look the same). */
async function babyInScope(db: DbOrTx, actor: Actor, babyId: string, action: 'read' | 'write') {
  if (!isUuid(babyId)) throw new NotFoundError('baby');
  const [row] = await db
    .select({
      id: babies.id,
      name: babies.name,
      sex: babies.sex,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      puskesmasId: babies.puskesmasId,
      motherId: mothers.id,
      motherName: mothers.name,
      timeZone: puskesmas.timeZone,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(and(eq(babies.id, babyId), motherScope(actor, action, 'knowledgeChecks')));
  if (!row) throw new NotFoundError('baby');
  return row;
}

/** The signed-in mother's own record (ibu), with her puskesmas's zone; else NotFoundError. */
async function ownMother(db: DbOrTx, actor: Actor, action: 'read' | 'write') {
  assertCan(actor, action, 'knowledgeChecks');
  if (!actor.motherId) throw new NotFoundError('mother');
  const [row] = await db
    .select({ id: mothers.id, puskesmasId: mothers.puskesmasId, timeZone: puskesmas.timeZone })
    .from(mothers)
    .innerJoin(puskesmas, eq(puskesmas.id, mothers.puskesmasId))
    .where(and(eq(mothers.id, actor.motherId), motherScope(actor, action, 'knowledgeChecks')));
  if (!row) throw new NotFoundError('mother');
  return row;
}

/**
 * Records a check. A kader: for a baby of her scope (`babyId`), optionally with one of its visits
 * (`visitId`), dated from the birth date to today. The mother herself (ibu): her own, dated today,
 * no baby. Missing or unknown answers are refused on their fields and nothing is stored. The same
 * id again (two taps, a resend) returns the stored check; an id of someone else's check is refused.
 */
export async function recordKnowledgeCheck(actor: Actor, raw: unknown): Promise<RecordKnowledgeResult> {
  assertCan(actor, 'write', 'knowledgeChecks');
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const db = await getDb();

  let target: { puskesmasId: string; motherId: string; babyId: string | null; visitId: string | null; source: KnowledgeSource; takenOn?: string };
  let parsed;
  if (actor.role === 'ibu') {
    const mother = await ownMother(db, actor, 'write');
    // A baby named must be hers (the check is still hers, not the baby's: stored without it).
    if (input.babyId !== undefined && input.babyId !== '') {
      if (!isUuid(input.babyId)) return { ok: false, fieldErrors: { babyId: 'validation.invalid' } };
      await babyInScope(db, actor, input.babyId, 'write');
    }
    const today = isoToday(mother.timeZone);
    // Her own check is dated the day she takes it.
    parsed = knowledgeCheckSchema({ today }).safeParse({ ...input, babyId: '', visitId: '', takenOn: today });
    target = { puskesmasId: mother.puskesmasId, motherId: mother.id, babyId: null, visitId: null, source: 'self' };
  } else if (actor.role === 'kader') {
    if (!isUuid(input.babyId)) return { ok: false, fieldErrors: { babyId: 'validation.invalid' } };
    const baby = await babyInScope(db, actor, input.babyId, 'write');
    parsed = knowledgeCheckSchema({ today: isoToday(baby.timeZone), earliest: baby.birthDate }).safeParse(input);
    let visitId: string | null = null;
    if (parsed.success && parsed.data.visitId) {
      const [v] = await db
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.id, parsed.data.visitId), eq(visits.babyId, baby.id)));
      if (!v) return { ok: false, fieldErrors: { visitId: 'validation.invalid' } };
      visitId = v.id;
    }
    target = { puskesmasId: baby.puskesmasId, motherId: baby.motherId, babyId: baby.id, visitId, source: 'kader' };
  } else {
    throw new ForbiddenError(`${actor.role} may not write knowledgeChecks`);
  }
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<KnowledgeField>(parsed.error) };
  const v = parsed.data;
  const answers = answersOf(v);
  const s = scoreKnowledge(answers);

  return db.transaction(async (tx) => {
    const same = async () => {
      const [row] = await tx
        .select({ id: knowledgeChecks.id, motherId: knowledgeChecks.motherId, babyId: knowledgeChecks.babyId, recordedBy: knowledgeChecks.recordedBy })
        .from(knowledgeChecks)
        .where(eq(knowledgeChecks.id, v.id));
      if (!row) return null;
      // The id is someone else's check, or another mother's / baby's: never overwrite, never reveal.
      if (row.recordedBy !== actor.id || row.motherId !== target.motherId || row.babyId !== target.babyId) throw new ForbiddenError('knowledge check id in use');
      return { ok: true as const, checkId: row.id, babyId: row.babyId, created: false };
    };
    const before = await same();
    if (before) return before;
    const inserted = await tx
      .insert(knowledgeChecks)
      .values({
        id: v.id,
        puskesmasId: target.puskesmasId,
        motherId: target.motherId,
        babyId: target.babyId,
        visitId: target.visitId,
        source: target.source,
        takenOn: v.takenOn,
        answers,
        score: s.score,
        total: s.total,
        correct: s.correct,
        recordedBy: actor.id,
      })
      .onConflictDoNothing({ target: knowledgeChecks.id })
      .returning();
    const row = inserted[0];
    // Two requests at once with one id: the other one stored it.
    if (!row) {
      const other = await same();
      if (!other) throw new ForbiddenError('knowledge check id in use');
      return other;
    }
    if (row.babyId) await refreshCoverage(tx, [row.babyId]);
    const [stored] = await tx.select().from(knowledgeChecks).where(eq(knowledgeChecks.id, row.id));
    await tx.insert(auditLog).values({
      puskesmasId: row.puskesmasId,
      userId: actor.id,
      action: 'knowledgeCheck.create',
      entity: 'knowledgeCheck',
      entityId: row.id,
      before: null,
      after: stored ?? row,
    });
    return { ok: true as const, checkId: row.id, babyId: row.babyId, created: true };
  });
}

export type CorrectKnowledgeResult =
  { ok: true; checkId: string; babyId: string | null; changed: boolean } | { ok: false; fieldErrors: Partial<Record<KnowledgeField, string>> };

/** Staff and admin of the puskesmas replace a check's answers, with a reason (audited before/after); the baby's figures follow. */
export async function correctKnowledgeCheck(actor: Actor, raw: unknown): Promise<CorrectKnowledgeResult> {
  assertCan(actor, 'correct', 'knowledgeChecks');
  const parsed = knowledgeCorrectionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<KnowledgeField>(parsed.error) };
  const v = parsed.data;
  const answers = answersOf(v);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ check: knowledgeChecks })
      .from(knowledgeChecks)
      .innerJoin(mothers, eq(mothers.id, knowledgeChecks.motherId))
      .where(and(eq(knowledgeChecks.id, v.id), motherScope(actor, 'correct', 'knowledgeChecks')))
      .for('update', { of: knowledgeChecks });
    if (!before) throw new NotFoundError('knowledge check');
    const old = before.check;
    if (JSON.stringify(answersOf(old.answers)) === JSON.stringify(answers)) return { ok: true as const, checkId: old.id, babyId: old.babyId, changed: false };
    const s = scoreKnowledge(answers);
    await tx.update(knowledgeChecks).set({ answers, score: s.score, total: s.total, correct: s.correct }).where(eq(knowledgeChecks.id, old.id));
    if (old.babyId) await refreshCoverage(tx, [old.babyId]);
    const [after] = await tx.select().from(knowledgeChecks).where(eq(knowledgeChecks.id, old.id));
    const pick = (r: typeof old) => ({ answers: r.answers, score: r.score, correct: r.correct, occasion: r.occasion, rose: r.rose });
    await tx.insert(auditLog).values({
      puskesmasId: old.puskesmasId,
      userId: actor.id,
      action: 'knowledgeCheck.update',
      entity: 'knowledgeCheck',
      entityId: old.id,
      before: pick(old),
      after: pick(after!),
      reason: v.reason,
    });
    return { ok: true as const, checkId: old.id, babyId: old.babyId, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

export interface KnowledgeCheckView {
  id: string;
  takenOn: string;
  source: KnowledgeSource;
  occasion: KnowledgeOccasion | null;
  rose: boolean | null;
  score: number;
  total: number;
  /** Who recorded it (a kader's name, or the mother herself: source 'self'). */
  recordedByName: string;
  visitId: string | null;
  /** The statements missed (wrong or "tidak tahu"), with the lesson that teaches each. */
  missed: { id: KnowledgeStatementId; correct: 'true' | 'false'; lesson: string }[];
}

const checkColumns = {
  id: knowledgeChecks.id,
  takenOn: knowledgeChecks.takenOn,
  source: knowledgeChecks.source,
  occasion: knowledgeChecks.occasion,
  rose: knowledgeChecks.rose,
  score: knowledgeChecks.score,
  total: knowledgeChecks.total,
  answers: knowledgeChecks.answers,
  visitId: knowledgeChecks.visitId,
  recordedByName: users.name,
};

function view(r: { [K in keyof typeof checkColumns]: unknown }): KnowledgeCheckView {
  const missed = new Set(scoreKnowledge(r.answers as Record<string, string>).missed);
  return {
    id: r.id as string,
    takenOn: r.takenOn as string,
    source: r.source as KnowledgeSource,
    occasion: r.occasion as KnowledgeOccasion | null,
    rose: r.rose as boolean | null,
    score: r.score as number,
    total: r.total as number,
    recordedByName: r.recordedByName as string,
    visitId: r.visitId as string | null,
    missed: KNOWLEDGE_STATEMENTS.filter((s) => missed.has(s.id)).map((s) => ({ id: s.id, correct: s.correct, lesson: s.lesson })),
  };
}

/**
 * A baby's checks for its page (kader of the mother, staff): the kader's checks for this baby and
 * the mother's own ones, newest first, and which check to prompt for today (lib/domain
 * knowledgePrompt) with the visit of today to link it to.
 */
export async function babyKnowledgeChecks(actor: Actor, babyId: string) {
  assertCan(actor, 'read', 'knowledgeChecks');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'read');
  const today = isoToday(baby.timeZone);
  const [rows, visitRows] = await Promise.all([
    db
      .select({ ...checkColumns, babyId: knowledgeChecks.babyId, createdAt: knowledgeChecks.createdAt })
      .from(knowledgeChecks)
      .innerJoin(users, eq(users.id, knowledgeChecks.recordedBy))
      .where(and(eq(knowledgeChecks.motherId, baby.motherId), or(eq(knowledgeChecks.babyId, baby.id), isNull(knowledgeChecks.babyId))))
      .orderBy(desc(knowledgeChecks.takenOn), desc(knowledgeChecks.createdAt)),
    db.select({ id: visits.id, visitDate: visits.visitDate }).from(visits).where(eq(visits.babyId, baby.id)).orderBy(asc(visits.visitDate), asc(visits.id)),
  ]);
  const own = rows.filter((r) => r.babyId === baby.id);
  const prompt = knowledgePrompt(
    {
      birthDate: baby.birthDate,
      exitDate: baby.exitDate,
      visitDates: visitRows.map((v) => v.visitDate),
      checks: own.map((r) => ({ id: r.id, source: r.source as KnowledgeSource, takenOn: r.takenOn, score: r.score, total: r.total, createdAt: r.createdAt })),
    },
    today,
  );
  const visitToday = [...visitRows].reverse().find((v) => v.visitDate === today)?.id ?? null;
  return { babyId: baby.id, today, prompt, promptVisitId: visitToday, checks: rows.map(view) };
}

/** What the kader's check form needs: the baby, today, the visit it goes with (if `visitId` is one of the baby's) and what the check will count as. */
export async function knowledgeFormContext(actor: Actor, babyId: string, visitId?: string | null) {
  assertCan(actor, 'write', 'knowledgeChecks');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'write');
  const today = isoToday(baby.timeZone);
  let visit: { id: string; visitDate: string } | null = null;
  if (visitId && isUuid(visitId)) {
    const [v] = await db
      .select({ id: visits.id, visitDate: visits.visitDate })
      .from(visits)
      .where(and(eq(visits.id, visitId), eq(visits.babyId, baby.id)));
    visit = v ?? null;
  }
  return {
    babyId: baby.id,
    babyName: baby.name,
    sex: baby.sex,
    motherName: baby.motherName,
    birthDate: baby.birthDate,
    today,
    visit,
  };
}

/** One check as its result page shows it: in the reader's scope (kader: her mothers; ibu: her own; staff: the puskesmas); else NotFoundError. */
export async function knowledgeCheckResult(actor: Actor, checkId: string): Promise<KnowledgeCheckView & { babyId: string | null }> {
  assertCan(actor, 'read', 'knowledgeChecks');
  if (!isUuid(checkId)) throw new NotFoundError('knowledge check');
  const db = await getDb();
  const [row] = await db
    .select({ ...checkColumns, babyId: knowledgeChecks.babyId })
    .from(knowledgeChecks)
    .innerJoin(mothers, eq(mothers.id, knowledgeChecks.motherId))
    .innerJoin(users, eq(users.id, knowledgeChecks.recordedBy))
    .where(and(eq(knowledgeChecks.id, checkId), motherScope(actor, 'read', 'knowledgeChecks')));
  if (!row) throw new NotFoundError('knowledge check');
  return { ...view(row), babyId: row.babyId };
}

/** The signed-in mother's checks (her own and those a kader recorded with her), newest first. */
export async function myKnowledgeChecks(actor: Actor): Promise<KnowledgeCheckView[]> {
  const db = await getDb();
  const mother = await ownMother(db, actor, 'read');
  const rows = await db
    .select(checkColumns)
    .from(knowledgeChecks)
    .innerJoin(users, eq(users.id, knowledgeChecks.recordedBy))
    .where(eq(knowledgeChecks.motherId, mother.id))
    .orderBy(desc(knowledgeChecks.takenOn), desc(knowledgeChecks.createdAt))
    .limit(20);
  return rows.map(view);
}

/** Today for the signed-in mother's own check form. */
export async function myKnowledgeFormContext(actor: Actor) {
  assertCan(actor, 'write', 'knowledgeChecks');
  const db = await getDb();
  const mother = await ownMother(db, actor, 'write');
  return { today: isoToday(mother.timeZone) };
}
