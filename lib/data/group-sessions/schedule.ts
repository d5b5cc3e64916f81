/** Group sessions, scheduling: the form, create (with invitations), edit, cancel, the .ics event. */
import 'server-only';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { babiesAttendingSessions, refreshCoverage } from '@/db/coverage';
import { babies, groupSessions, mothers, posyandu, sessionInvitations, villages } from '@/db/schema';
import { assertCan, can, ForbiddenError, type Actor } from '@/lib/auth/policy';
import { invitedOnDay, isoToday, zonedParts, type IsoDate } from '@/lib/domain';
import { cancelSchema, groupSessionSchema, type GroupSessionField } from '@/lib/validation/group-session';
import { audit } from '../audit';
import { visibleLessons } from '../lessons';
import { fieldErrorsOf, groupSessionFor, timeZoneOf, type SimpleResult, type Status } from './shared';

/**
 * Villages (with their posyandu) in which the actor may schedule sessions: the active ones
 * (issue #18), plus the places of the session being edited (`keep`), which may stay in them.
 */
async function writableVillages(db: DbOrTx, actor: Actor, keep?: { villageId: string; posyanduId: string | null }) {
  const vs = await db
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(and(eq(villages.puskesmasId, actor.puskesmasId), or(eq(villages.active, true), keep ? eq(villages.id, keep.villageId) : undefined)))
    .orderBy(asc(villages.name));
  const ps = await db
    .select({ id: posyandu.id, name: posyandu.name, villageId: posyandu.villageId })
    .from(posyandu)
    .where(and(eq(posyandu.puskesmasId, actor.puskesmasId), or(eq(posyandu.active, true), keep?.posyanduId ? eq(posyandu.id, keep.posyanduId) : undefined)))
    .orderBy(asc(posyandu.name));
  return vs
    .filter((v) => can(actor, 'write', 'groupSessions', { puskesmasId: actor.puskesmasId, villageId: v.id }))
    .map((v) => ({ ...v, posyandu: ps.filter((p) => p.villageId === v.id).map(({ id, name }) => ({ id, name })) }));
}

/** What the schedule form needs; `keep`: the places of the session being edited. */
export async function groupSessionFormContext(actor: Actor, keep?: { villageId: string; posyanduId: string | null }) {
  assertCan(actor, 'write', 'groupSessions');
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  return { timeZone, today: isoToday(timeZone), villages: await writableVillages(db, actor, keep) };
}

export type SaveGroupSessionResult = { ok: true; id: string; created: boolean } | { ok: false; fieldErrors: Partial<Record<GroupSessionField, string>> };

/**
 * Checks the village (and posyandu) of a parsed session; a field error when it does not fit.
 * A deactivated village or posyandu takes no new session (issue #18); an edited session may
 * stay in the places it already had (`current`).
 */
async function placeError(
  db: DbOrTx,
  actor: Actor,
  villageId: string,
  posyanduId: string | null,
  current?: { villageId: string; posyanduId: string | null },
): Promise<Partial<Record<GroupSessionField, string>> | null> {
  const [v] = await db
    .select({ id: villages.id, active: villages.active })
    .from(villages)
    .where(and(eq(villages.id, villageId), eq(villages.puskesmasId, actor.puskesmasId)));
  if (!v) return { villageId: 'sessions.errors.village' };
  if (!can(actor, 'write', 'groupSessions', { puskesmasId: actor.puskesmasId, villageId })) return { villageId: 'sessions.errors.villageNotYours' };
  if (!v.active && villageId !== current?.villageId) return { villageId: 'places.refuse.villageInactive' };
  if (posyanduId) {
    const [p] = await db
      .select({ id: posyandu.id, active: posyandu.active })
      .from(posyandu)
      .where(and(eq(posyandu.id, posyanduId), eq(posyandu.villageId, villageId)));
    if (!p) return { posyanduId: 'sessions.errors.posyandu' };
    if (!p.active && posyanduId !== current?.posyanduId) return { posyanduId: 'places.refuse.posyanduInactive' };
  }
  return null;
}

/** Mothers of the village with a baby under 6 months on `day` (the default invitation list). */
async function eligibleMothers(db: DbOrTx, puskesmasId: string, villageId: string, day: IsoDate): Promise<string[]> {
  const rows = await db
    .select({ motherId: mothers.id, birthDate: babies.birthDate, exitDate: babies.exitDate })
    .from(mothers)
    .innerJoin(babies, eq(babies.motherId, mothers.id))
    .where(and(eq(mothers.puskesmasId, puskesmasId), eq(mothers.villageId, villageId)));
  const byMother = new Map<string, { birthDate: string; exitDate: string | null }[]>();
  for (const r of rows) byMother.set(r.motherId, [...(byMother.get(r.motherId) ?? []), r]);
  return [...byMother].filter(([, bs]) => invitedOnDay(bs, day)).map(([id]) => id);
}

async function inviteEligible(tx: DbOrTx, s: { id: string; puskesmasId: string; villageId: string; startsAt: Date }, timeZone: string) {
  const ids = await eligibleMothers(tx, s.puskesmasId, s.villageId, zonedParts(s.startsAt, timeZone).date);
  if (ids.length === 0) return 0;
  const rows = await tx
    .insert(sessionInvitations)
    .values(ids.map((motherId) => ({ puskesmasId: s.puskesmasId, sessionId: s.id, motherId })))
    .onConflictDoNothing()
    .returning({ id: sessionInvitations.id });
  return rows.length;
}

/**
 * Schedules a session. The id is made when the form is shown: the same form sent twice stores
 * one session. The village's mothers with a baby under 6 months that day are invited.
 */
export async function createGroupSession(actor: Actor, raw: unknown, now: Date = new Date()): Promise<SaveGroupSessionResult> {
  assertCan(actor, 'write', 'groupSessions');
  const idParsed = z.object({ id: z.uuid() }).safeParse(raw);
  if (!idParsed.success) return { ok: false, fieldErrors: { title: 'validation.invalid' } };
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const lessonSlugs = (await visibleLessons(actor.puskesmasId)).map((l) => l.slug);
  const parsed = groupSessionSchema({ timeZone, now, lessonSlugs }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<GroupSessionField>(parsed.error) };
  const v = parsed.data;
  const bad = await placeError(db, actor, v.villageId, v.posyanduId);
  if (bad) return { ok: false, fieldErrors: bad };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(groupSessions)
      .values({ id: idParsed.data.id, ...v, puskesmasId: actor.puskesmasId, createdBy: actor.id })
      .onConflictDoNothing({ target: groupSessions.id })
      .returning();
    if (!row) {
      const [existing] = await tx.select({ createdBy: groupSessions.createdBy }).from(groupSessions).where(eq(groupSessions.id, idParsed.data.id));
      if (!existing || existing.createdBy !== actor.id) throw new ForbiddenError('session id in use');
      return { ok: true as const, id: idParsed.data.id, created: false };
    }
    const invited = await inviteEligible(tx, row, timeZone);
    await audit(tx, actor, 'session.create', 'group_session', row.id, null, { ...row, invited });
    return { ok: true as const, id: row.id, created: true };
  });
}

/** Edits a scheduled session; a changed start must be in the future. Newly eligible mothers are invited. */
export async function updateGroupSession(actor: Actor, id: string, raw: unknown, now: Date = new Date()): Promise<SaveGroupSessionResult> {
  const db = await getDb();
  const s = await groupSessionFor(db, actor, id, 'write');
  if (s.status !== 'scheduled') throw new ForbiddenError('session not editable');
  // The visible lessons, and those it already holds (kept if hidden since).
  const lessonSlugs = [...(await visibleLessons(actor.puskesmasId)).map((l) => l.slug), ...s.lessons];
  const parsed = groupSessionSchema({ timeZone: s.timeZone, now, storedStart: s.startsAt, lessonSlugs }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<GroupSessionField>(parsed.error) };
  const v = parsed.data;
  const bad = await placeError(db, actor, v.villageId, v.posyanduId, s);
  if (bad) return { ok: false, fieldErrors: bad };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(groupSessions).where(eq(groupSessions.id, s.id)).for('update');
    const [after] = await tx
      .update(groupSessions)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(groupSessions.id, s.id))
      .returning();
    await inviteEligible(tx, after!, s.timeZone);
    // A start moved across a 6-month date changes who attended before it.
    await refreshCoverage(tx, await babiesAttendingSessions(tx, [s.id]));
    await audit(tx, actor, 'session.update', 'group_session', s.id, before, after);
    return { ok: true as const, id: s.id, created: false };
  });
}

/** Cancels with a reason; the session stays visible as cancelled. Cancelling twice changes nothing. */
export async function cancelGroupSession(actor: Actor, raw: unknown): Promise<SimpleResult> {
  const parsed = cancelSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const s = await groupSessionFor(db, actor, parsed.data.sessionId, 'write');
  if (s.status === 'closed') throw new ForbiddenError('session closed');
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(groupSessions)
      .set({ status: 'cancelled', cancelReason: parsed.data.reason, updatedAt: sql`now()` })
      .where(and(eq(groupSessions.id, s.id), eq(groupSessions.status, 'scheduled')))
      .returning({ status: groupSessions.status });
    if (!after) return;
    await refreshCoverage(tx, await babiesAttendingSessions(tx, [s.id]));
    await audit(tx, actor, 'session.cancel', 'group_session', s.id, { status: s.status }, after, parsed.data.reason);
  });
  return { ok: true };
}

/** Facts for the edit form. */
export async function groupSessionForEdit(actor: Actor, id: string) {
  const db = await getDb();
  const s = await groupSessionFor(db, actor, id, 'write');
  if (s.status !== 'scheduled') throw new ForbiddenError('session not editable');
  const start = zonedParts(s.startsAt, s.timeZone);
  const end = zonedParts(s.endsAt, s.timeZone);
  return {
    id: s.id,
    values: {
      title: s.title,
      topic: s.topic ?? 'other',
      topicText: s.topicText ?? '',
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      place: s.place,
      villageId: s.villageId,
      posyanduId: s.posyanduId ?? '',
      facilitators: s.facilitators ?? '',
      capacity: String(s.capacity),
      /** Comma-separated slugs (the form's values are strings). */
      lessons: s.lessons.join(','),
    },
  };
}

/** The .ics event of a session: the session only, no personal data. */
export async function groupSessionForCalendar(actor: Actor, id: string) {
  const db = await getDb();
  const s = await groupSessionFor(db, actor, id, 'read');
  return {
    id: s.id,
    title: s.title,
    topic: s.topic,
    topicText: s.topicText,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    place: s.place,
    villageName: s.villageName,
    status: s.status as Status,
    cancelReason: s.cancelReason,
    lessons: s.lessons,
  };
}
