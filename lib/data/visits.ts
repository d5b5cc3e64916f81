/**
 * Kader monitoring visits: recording (idempotent on the id made on the device) and what the
 * visit form and the baby page show. Every read and write is scoped by motherScope.
 */
import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { refreshCoverage, VISIT_FACT_COLUMNS } from '@/db/coverage';
import { auditLog, babies, certificates, kaderAssignments, mothers, posyandu, puskesmas, users, visits } from '@/db/schema';
import { assertCan, can, canEditVisit, canFollowUpReferral, ForbiddenError, NotFoundError, VISIT_EDIT_DAYS, type Actor, type VisitRecordScope } from '@/lib/auth/policy';
import {
  ageInDays,
  classifyRecall,
  completedMonths,
  firstBreak,
  fiveMonthDate,
  isoToday,
  journeyStatus,
  sixMonthDate,
  visitBreakDate,
  windowStates,
  type BreakReason,
  zonedParts,
  type VisitWindow,
} from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { followUpSchema, type FollowUpField } from '@/lib/validation/journey';
import { visitEditSchema, visitSchema, visitToForm, type VisitEditField, type VisitField } from '@/lib/validation/visit';
import { allowedLessonSlugs, latestVisitOf, visitLessonOptions } from './counselling';
import { babyFacts } from './facts';
import { visibleLessons } from './lessons';
import { builtinLessons } from '@/lib/lessons/library';
import { windowsByBirth } from './overview';
import { motherScope } from './scope';

export type RecordVisitResult = { ok: true; visitId: string; babyId: string; created: boolean } | { ok: false; fieldErrors: Partial<Record<VisitField, string>> };

/** The baby with its mother's scope facts, if `actor` may `action` visits of it; else NotFoundError. */
async function babyInScope(db: DbOrTx, actor: Actor, babyId: string, action: 'read' | 'write') {
  // (assigned: whether the actor is a kader assigned to this mother outside her posyandu)
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
      villageId: mothers.villageId,
      exitNote: babies.exitNote,
      assigned: sql<boolean>`exists (select 1 from ${kaderAssignments} ka where ka.mother_id = ${mothers.id} and ka.kader_id = ${actor.id})`,
      timeZone: puskesmas.timeZone,
      visitWindows: puskesmas.visitWindows,
      createdAt: babies.createdAt,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(and(eq(babies.id, babyId), motherScope(actor, action, 'visits')));
  // Out of scope and absent look the same: no one learns which ids exist elsewhere.
  if (!row) throw new NotFoundError('baby');
  // The day it was registered (or imported): windows closed before it are not owed (decision 060).
  return { ...row, registeredOn: zonedParts(row.createdAt, row.timeZone).date };
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
  // Only lessons she may see (issue #28): an unknown, hidden or unpublished slug is refused on its field.
  const lessonSlugs = allowedLessonSlugs(await visibleLessons(baby.puskesmasId));
  const parsed = visitSchema({ birthDate: baby.birthDate, today: isoToday(baby.timeZone), lessonSlugs }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<VisitField>(parsed.error) };
  const { sameDayConfirmed, ...v } = parsed.data;

  return db.transaction(async (tx) => {
    // One at a time per baby (two phones, or a double tap with two ids): the same-date check
    // below then sees the other's visit.
    await tx.select({ id: babies.id }).from(babies).where(eq(babies.id, baby.id)).for('update');
    const [same] = await tx.select({ id: visits.id, babyId: visits.babyId, kaderId: visits.kaderId }).from(visits).where(eq(visits.id, v.id));
    if (same) {
      // The same visit again (resend, outbox, double tap): the stored one; nothing new.
      // The id is taken by someone else's visit, or another baby's: never overwrite, never reveal.
      if (same.babyId !== v.babyId || same.kaderId !== actor.id) throw new ForbiddenError('visit id in use');
      return { ok: true as const, visitId: same.id, babyId: same.babyId, created: false };
    }
    // A second visit of the baby on that date is stored only when the kader confirmed it
    // ("Sudah ada kunjungan hari ini — simpan lagi?"): a form sent again after "back" is asked.
    if (!sameDayConfirmed) {
      const [onDate] = await tx
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.babyId, baby.id), eq(visits.visitDate, v.visitDate)))
        .limit(1);
      if (onDate) return { ok: false as const, fieldErrors: { sameDayConfirmed: 'validation.sameDayVisit' } };
    }
    const inserted = await tx
      .insert(visits)
      .values({ ...v, puskesmasId: baby.puskesmasId, kaderId: actor.id })
      .onConflictDoNothing({ target: visits.id })
      .returning();
    const row = inserted[0];
    if (row) {
      await refreshCoverage(tx, [baby.id]);
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
    const [existing] = await tx.select({ id: visits.id, babyId: visits.babyId, kaderId: visits.kaderId }).from(visits).where(eq(visits.id, v.id));
    // The id is taken by someone else's visit, or another baby's: never overwrite, never reveal.
    if (!existing || existing.babyId !== v.babyId || existing.kaderId !== actor.id) throw new ForbiddenError('visit id in use');
    return { ok: true as const, visitId: existing.id, babyId: existing.babyId, created: false };
  });
}

/** The windows this baby follows: the setting in force on its birth date (lib/domain windowsInForce). */
async function windowsOf(db: DbOrTx, baby: { puskesmasId: string; birthDate: string; visitWindows: VisitWindow[] | null }): Promise<readonly VisitWindow[]> {
  return (await windowsByBirth(db, baby.puskesmasId, baby.visitWindows))(baby.birthDate);
}

/**
 * What the visit form needs: the baby, its status today, the dates of earlier visits, and the
 * lessons to tick (the bahan konseling of this visit from its age and latest visit, and each
 * counselling topic's lessons). `locale`: the lessons' titles.
 */
export async function visitFormContext(actor: Actor, babyId: string, locale: 'id' | 'en' = 'id') {
  assertCan(actor, 'write', 'visits');
  if (!z.uuid().safeParse(babyId).success) throw new NotFoundError('baby');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'write');
  const today = isoToday(baby.timeZone);
  const [facts, latestVisit, visible] = await Promise.all([
    babyFacts(db, [baby]).then((m) => m.get(baby.id)!),
    latestVisitOf(db, baby.id),
    visibleLessons(baby.puskesmasId, locale),
  ]);
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
    windows: await windowsOf(db, baby),
    lessons: visitLessonOptions(visible, { birthDate: baby.birthDate, today, latestVisit }),
    registeredOn: baby.registeredOn,
  };
}

type BabyInScope = Awaited<ReturnType<typeof babyInScope>>;

/** The policy's record facts of a baby's mother, for can() and its helpers. */
function recordOf(actor: Actor, baby: BabyInScope) {
  return {
    puskesmasId: baby.puskesmasId,
    posyanduId: baby.posyanduId,
    villageId: baby.villageId,
    motherId: baby.motherId,
    assignedKaderIds: baby.assigned ? [actor.id] : [],
  };
}

/** An event of the baby's journey other than a visit, newest first on the page. */
export type JourneyEvent =
  | { kind: 'start'; date: string }
  | { kind: 'broken'; date: string; reason: string | null }
  | { kind: 'exited'; date: string; exitReason: string | null; note: string | null }
  | { kind: 'graduated' | 'unrecorded'; date: string }
  | { kind: 'certificate'; date: string; id: string; serial: string; revokedOn: string | null; revokeReason: string | null; canDownload: boolean }
  | { kind: 'transfer'; date: string; from: string; to: string; reason: string | null; by: string };
// Sessions attended (issue #5) join this list as their own kind.

/**
 * The baby page (kader and staff): status, windows, the visits (with their corrections and
 * referral follow-up) and the journey's other events — status changes computed by lib/domain,
 * certificates issued or revoked, transfers between posyandu.
 *
 * Corrections and transfers come from the audit log, but only their who/when/reason for this
 * baby, shown to those who may read its visits: the audit log as such stays admin-only.
 */
export async function babyDetail(actor: Actor, babyId: string) {
  assertCan(actor, 'read', 'visits');
  if (!z.uuid().safeParse(babyId).success) throw new NotFoundError('baby');
  const db = await getDb();
  const baby = await babyInScope(db, actor, babyId, 'read');
  // Opening a mother's record is audited (who, when, which baby); her own view is not.
  if (actor.role !== 'ibu') {
    await db.insert(auditLog).values({ puskesmasId: baby.puskesmasId, userId: actor.id, action: 'baby.view', entity: 'baby', entityId: baby.id });
  }
  const today = isoToday(baby.timeZone);
  const facts = (await babyFacts(db, [baby])).get(baby.id)!;
  const state = journeyStatus(facts, today);
  const record = recordOf(actor, baby);
  const rows = await db
    .select({
      ...VISIT_FACT_COLUMNS,
      dangerSigns: visits.dangerSigns,
      referral: visits.referral,
      referralReason: visits.referralReason,
      referralFollowedUpAt: visits.referralFollowedUpAt,
      referralOutcome: visits.referralOutcome,
      referralFollowedUpBy: sql<string | null>`(select u.name from ${users} u where u.id = ${visits.referralFollowedUpBy})`,
      weightGrams: visits.weightGrams,
      problems: visits.problems,
      lessons: visits.lessons,
      kaderId: visits.kaderId,
      receivedAt: visits.receivedAt,
      kaderName: users.name,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.kaderId))
    .where(eq(visits.babyId, baby.id))
    .orderBy(asc(visits.visitDate), asc(visits.receivedAt));
  const windows = windowStates(
    baby.birthDate,
    rows.map((r) => r.visitDate),
    today,
    await windowsOf(db, baby),
    baby.registeredOn,
  );

  const visitIds = rows.map((r) => r.id);
  const audits = await db
    .select({
      action: auditLog.action,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      at: auditLog.at,
      by: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        eq(auditLog.puskesmasId, baby.puskesmasId),
        sql`((${auditLog.entity} = 'visit' and ${auditLog.action} = 'visit.update' and ${visitIds.length ? inArray(auditLog.entityId, visitIds) : sql`false`})
          or (${auditLog.entity} = 'mother' and ${auditLog.action} = 'mother.transfer' and ${auditLog.entityId} = ${baby.motherId}))`,
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const correctionsOf = new Map<string, { on: string; by: string; reason: string | null; fields: string[] }[]>();
  for (const a of audits.filter((x) => x.action === 'visit.update')) {
    const list = correctionsOf.get(a.entityId!) ?? [];
    list.push({ on: isoToday(baby.timeZone, a.at), by: a.by ?? '', reason: a.reason, fields: EDITABLE.filter((k) => k in ((a.after as object | null) ?? {})) });
    correctionsOf.set(a.entityId!, list);
  }

  const events: JourneyEvent[] = [{ kind: 'start', date: baby.birthDate }];
  const fb = firstBreak(facts);
  if (fb && fb.date <= today && (!baby.exitDate || fb.date <= baby.exitDate)) events.push({ kind: 'broken', date: fb.date, reason: fb.reason });
  if (baby.exitDate) events.push({ kind: 'exited', date: baby.exitDate, exitReason: baby.exitReason, note: baby.exitNote });
  if (state.status === 'graduated' || state.status === 'unrecorded') events.push({ kind: state.status, date: sixMonthDate(baby.birthDate) });
  const certRows = can(actor, 'read', 'certificates', record)
    ? await db
        .select({
          id: certificates.id,
          serial: certificates.serial,
          issuedAt: certificates.issuedAt,
          revokedAt: certificates.revokedAt,
          revokeReason: certificates.revokeReason,
        })
        .from(certificates)
        .where(eq(certificates.babyId, baby.id))
        .orderBy(asc(certificates.issuedAt))
    : [];
  const mayDownload = can(actor, 'download', 'certificates', record);
  for (const c of certRows) {
    events.push({
      kind: 'certificate',
      date: isoToday(baby.timeZone, c.issuedAt),
      id: c.id,
      serial: c.serial,
      revokedOn: c.revokedAt ? isoToday(baby.timeZone, c.revokedAt) : null,
      revokeReason: c.revokeReason,
      canDownload: mayDownload && !c.revokedAt,
    });
  }
  const transfers = audits.filter((x) => x.action === 'mother.transfer');
  if (transfers.length) {
    const ids = transfers
      .flatMap((a) => [(a.before as { posyanduId?: string })?.posyanduId, (a.after as { posyanduId?: string })?.posyanduId])
      .filter((x): x is string => Boolean(x));
    const names = new Map((await db.select({ id: posyandu.id, name: posyandu.name }).from(posyandu).where(inArray(posyandu.id, ids))).map((p) => [p.id, p.name]));
    for (const a of transfers) {
      events.push({
        kind: 'transfer',
        date: isoToday(baby.timeZone, a.at),
        from: names.get((a.before as { posyanduId: string }).posyanduId) ?? '',
        to: names.get((a.after as { posyanduId: string }).posyanduId) ?? '',
        reason: a.reason,
        by: a.by ?? '',
      });
    }
  }
  // Newest first; on the same day the later step of the journey first.
  const ORDER: JourneyEvent['kind'][] = ['start', 'transfer', 'broken', 'exited', 'graduated', 'unrecorded', 'certificate'];
  events.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : ORDER.indexOf(b.kind) - ORDER.indexOf(a.kind)));

  const mayFollowUp = canFollowUpReferral(actor, record);
  // The lessons gone through at each visit, by title (a lesson hidden since keeps its place: its title when known, else its slug).
  const lessonOf = await lessonTitles(
    baby.puskesmasId,
    rows.flatMap((r) => r.lessons),
  );
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
    exitDate: state.exitDate ?? null,
    exitReason: state.exitReason ?? null,
    windows,
    events,
    visits: rows
      .map(({ kaderId, receivedAt, ...r }) => ({
        ...r,
        recallClass: classifyRecall({ breastfed: r.breastfed, items: r.recallItems }),
        breakDate: visitBreakDate({ ...r, breakReason: r.breakReason }),
        referralState: r.referral ? (r.referralFollowedUpAt ? ('followed_up' as const) : ('open' as const)) : null,
        referralFollowedUpOn: r.referralFollowedUpAt ? isoToday(baby.timeZone, r.referralFollowedUpAt) : null,
        canEdit: canEditVisit(actor, { ...record, kaderId, receivedAt }),
        canFollowUp: mayFollowUp && r.referral && !r.referralFollowedUpAt,
        corrections: correctionsOf.get(r.id) ?? [],
        lessons: r.lessons.map((slug) => lessonOf(slug)),
      }))
      .reverse(),
  };
}

/** Titles of lessons recorded on visits: visible ones with their page, else a built-in's title, else the slug. */
async function lessonTitles(puskesmasId: string, slugs: readonly string[]): Promise<(slug: string) => { slug: string; title: string; href: string | null }> {
  if (slugs.length === 0) return (slug) => ({ slug, title: slug, href: null });
  const visible = new Map((await visibleLessons(puskesmasId)).map((l) => [l.slug, l]));
  const builtin = new Map(builtinLessons().map((l) => [l.slug, l.text.id.title]));
  return (slug) => {
    const v = visible.get(slug);
    return v ? { slug, title: v.title, href: v.href } : { slug, title: builtin.get(slug) ?? slug, href: null };
  };
}

// ---------------------------------------------------------------------------------------------
// Changing a recorded visit

/** A visit with its baby, if `actor` may read it; else NotFoundError (absent and out of scope look the same). */
async function visitInScope(db: DbOrTx, actor: Actor, visitId: string, babyId: string) {
  const baby = await babyInScope(db, actor, babyId, 'read');
  const [visit] = await db
    .select()
    .from(visits)
    .where(and(eq(visits.id, visitId), eq(visits.babyId, baby.id)));
  if (!visit) throw new NotFoundError('visit');
  const scope: VisitRecordScope = { ...recordOf(actor, baby), kaderId: visit.kaderId, receivedAt: visit.receivedAt };
  return { baby, visit, scope };
}

/** What the edit form needs: the visit as the form holds it, and the other visits' dates. */
export async function visitEditContext(actor: Actor, babyId: string, visitId: string, locale: 'id' | 'en' = 'id') {
  if (!can(actor, 'write', 'visits') && !can(actor, 'correct', 'visits')) throw new ForbiddenError('visit edit');
  if (!z.uuid().safeParse(babyId).success || !z.uuid().safeParse(visitId).success) throw new NotFoundError('visit');
  const db = await getDb();
  const { baby, visit, scope } = await visitInScope(db, actor, visitId, babyId);
  if (!canEditVisit(actor, scope)) throw new ForbiddenError('visit edit');
  const today = isoToday(baby.timeZone);
  const facts = (await babyFacts(db, [baby])).get(baby.id)!;
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, visit.kaderId));
  // The bahan konseling as on the day of the visit (its age then, the visit before it).
  const [before] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.babyId, baby.id), sql`(${visits.visitDate}, ${visits.receivedAt}) < (${visit.visitDate}::date, ${visit.receivedAt.toISOString()}::timestamptz)`))
    .orderBy(sql`${visits.visitDate} desc, ${visits.receivedAt} desc`)
    .limit(1);
  const previous = before ? await previousVisitFacts(db, before.id) : null;
  const visible = await visibleLessons(baby.puskesmasId, locale);
  return {
    babyId: baby.id,
    babyName: baby.name,
    sex: baby.sex,
    motherName: baby.motherName,
    birthDate: baby.birthDate,
    today,
    ageDays: ageInDays(baby.birthDate, today),
    status: journeyStatus(facts, today).status,
    visitId: visit.id,
    visitDate: visit.visitDate,
    authorName: author?.name ?? '',
    /** The kader's own edit ends here (null for staff, who may correct any time). */
    editableUntil: can(actor, 'correct', 'visits', scope) ? null : new Date(visit.receivedAt.getTime() + VISIT_EDIT_DAYS * 86_400_000),
    values: visitToForm(visit),
    visitDates: facts.visits.filter((x) => x.id !== visit.id).map((x) => x.visitDate),
    windows: await windowsOf(db, baby),
    lessons: visitLessonOptions(visible, { birthDate: baby.birthDate, today: visit.visitDate, latestVisit: previous }, visit.lessons),
    registeredOn: baby.registeredOn,
  };
}

async function previousVisitFacts(db: DbOrTx, visitId: string) {
  const [r] = await db.select().from(visits).where(eq(visits.id, visitId));
  return r
    ? {
        visitDate: r.visitDate,
        recallItems: r.recallItems,
        givenSinceLast: r.givenSinceLast,
        dangerSigns: r.dangerSigns,
        referral: r.referral,
        problems: r.problems,
        breakReason: (r.breakReason as BreakReason | null) ?? null,
      }
    : null;
}

export type CorrectVisitResult = { ok: true; visitId: string; babyId: string; changed: string[] } | { ok: false; fieldErrors: Partial<Record<VisitEditField, string>> };

/** The columns a correction may change (never the author, the baby or the recording times). */
const EDITABLE = [
  'visitDate',
  'breastfed',
  'recallItems',
  'recallOtherText',
  'givenSinceLast',
  'givenSinceLastDate',
  'confirmedExclusive',
  'breakReason',
  'problems',
  'attachment',
  'dangerSigns',
  'referral',
  'referralReason',
  'counselling',
  'lessons',
  'weightGrams',
  'notes',
] as const;
type Editable = (typeof EDITABLE)[number];

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
  }
  return (a ?? null) === (b ?? null);
}

/**
 * Changes a recorded visit: its author (a kader) within VISIT_EDIT_DAYS of recording it, staff
 * and admin any time (lib/auth/policy canEditVisit). Validated with the visit form's schema
 * plus a reason; the changed fields' before/after and the reason go into the audit log in the
 * same transaction. The journey status follows, since it is computed from the visits. Sending
 * the same values again changes nothing and writes no audit row.
 */
export async function correctVisit(actor: Actor, raw: unknown): Promise<CorrectVisitResult> {
  if (!can(actor, 'write', 'visits') && !can(actor, 'correct', 'visits')) throw new ForbiddenError('visit edit');
  const ids = z.object({ id: z.uuid(), babyId: z.uuid() }).safeParse(raw);
  if (!ids.success) return { ok: false, fieldErrors: { id: 'validation.invalid' } };
  const db = await getDb();
  const { baby, visit, scope } = await visitInScope(db, actor, ids.data.id, ids.data.babyId);
  if (!canEditVisit(actor, scope)) throw new ForbiddenError('visit edit');
  // The lessons she may see, and those the visit already holds (kept even if hidden since).
  const lessonSlugs = allowedLessonSlugs(await visibleLessons(baby.puskesmasId), visit.lessons);
  const parsed = visitEditSchema({ birthDate: baby.birthDate, today: isoToday(baby.timeZone), lessonSlugs }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<VisitEditField>(parsed.error) };
  const v = parsed.data;

  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(visits).where(eq(visits.id, v.id)).for('update');
    if (!before) throw new NotFoundError('visit');
    // Checked again under the row lock: the limit may have passed since the first check.
    if (!canEditVisit(actor, { ...scope, kaderId: before.kaderId, receivedAt: before.receivedAt })) throw new ForbiddenError('visit edit');
    const changed = EDITABLE.filter((k) => !sameValue(before[k], v[k]));
    if (changed.length === 0) return { ok: true as const, visitId: v.id, babyId: baby.id, changed: [] };
    const set = Object.fromEntries(changed.map((k) => [k, v[k]])) as Partial<Pick<typeof before, Editable>>;
    const [after] = await tx
      .update(visits)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(visits.id, v.id))
      .returning();
    await refreshCoverage(tx, [baby.id]);
    const pick = (row: typeof before) => Object.fromEntries(changed.map((k) => [k, row[k]]));
    await tx.insert(auditLog).values({
      puskesmasId: baby.puskesmasId,
      userId: actor.id,
      action: 'visit.update',
      entity: 'visit',
      entityId: v.id,
      before: pick(before),
      after: pick(after!),
      reason: v.reason,
    });
    return { ok: true as const, visitId: v.id, babyId: baby.id, changed: [...changed] };
  });
}

// ---------------------------------------------------------------------------------------------
// Referral follow-up

export type FollowUpResult = { ok: true; babyId: string; changed: boolean } | { ok: false; fieldErrors: Partial<Record<FollowUpField, string>> };

/**
 * Marks a referral as followed up (who, when, what came of it), by a kader who may write the
 * mother's visits or by staff; audited in the same transaction. The kader's today list then
 * drops it. Doing it twice keeps the first follow-up.
 */
export async function followUpReferral(actor: Actor, raw: unknown): Promise<FollowUpResult> {
  if (!can(actor, 'write', 'visits') && !can(actor, 'correct', 'visits')) throw new ForbiddenError('referral follow-up');
  const parsed = followUpSchema.extend({ babyId: z.uuid({ error: 'validation.invalid' }) }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<FollowUpField>(parsed.error) };
  const { visitId, babyId, outcome } = parsed.data;
  const db = await getDb();
  const { baby, visit, scope } = await visitInScope(db, actor, visitId, babyId);
  if (!canFollowUpReferral(actor, scope)) throw new ForbiddenError('referral follow-up');
  if (!visit.referral) return { ok: false, fieldErrors: { visitId: 'validation.invalid' } };
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(visits)
      .set({ referralFollowedUpAt: sql`now()`, referralFollowedUpBy: actor.id, referralOutcome: outcome, updatedAt: sql`now()` })
      .where(and(eq(visits.id, visit.id), isNull(visits.referralFollowedUpAt)))
      .returning();
    if (!after) return { ok: true as const, babyId: baby.id, changed: false };
    await tx.insert(auditLog).values({
      puskesmasId: baby.puskesmasId,
      userId: actor.id,
      action: 'visit.referral_follow_up',
      entity: 'visit',
      entityId: visit.id,
      before: { referralFollowedUpAt: null, referralFollowedUpBy: null, referralOutcome: null },
      after: { referralFollowedUpAt: after.referralFollowedUpAt, referralFollowedUpBy: actor.id, referralOutcome: outcome },
    });
    return { ok: true as const, babyId: baby.id, changed: true };
  });
}
