/**
 * Group sessions (issue 5): scheduling, invitations and reminders, RSVPs, attendance, summaries
 * and the numbers. Policy (DESIGN §4): staff and admin write every session of their puskesmas;
 * a kader writes her village's; a mother reads her village's and answers for herself. A session
 * of the puskesmas outside the actor's village is a 403 (ForbiddenError); another puskesmas's
 * or an unknown id is a 404. Every write is one transaction with its audit row.
 */
import 'server-only';
import { audit } from './audit';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import {
  attendance,
  auditLog,
  babies,
  forumCategories,
  groupSessions,
  mothers,
  posyandu,
  puskesmas,
  sessionInvitations,
  villages,
} from '@/db/schema';
import { assertCan, can, ForbiddenError, NotFoundError, posyanduIdsOf, scopeOf, villageIdsOf, type Actor } from '@/lib/auth/policy';
import {
  attendanceRate,
  invitedOnDay,
  isPastSession,
  isoToday,
  normalizePhone,
  registerOpen,
  rsvpOpen,
  zonedParts,
  type IsoDate,
} from '@/lib/domain';
import {
  cancelSchema,
  deviceMarkSchema,
  findMotherSchema,
  inviteSchema,
  markSchema,
  markWalkInStatusSchema,
  publishSchema,
  remindSchema,
  rsvpSchema,
  sessionSchema,
  summarySchema,
  walkInSchema,
  type SessionField,
} from '@/lib/validation/session';
import { createPost } from './forum';

/** The first message of each field: "validation.*" or this feature's "sessions.errors.*" keys. */
function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = /^(validation|sessions\.errors)\./.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}

type Status = 'scheduled' | 'cancelled' | 'closed';

async function timeZoneOf(db: DbOrTx, puskesmasId: string): Promise<string> {
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  return p?.timeZone ?? 'Asia/Jakarta';
}


/**
 * The session if `actor` may `action` it: unknown or another puskesmas's → NotFoundError; the
 * puskesmas's but outside the actor's scope → ForbiddenError.
 */
async function sessionFor(db: DbOrTx, actor: Actor, id: string, action: 'read' | 'write' | 'rsvp', resource: 'groupSessions' | 'attendance' = 'groupSessions') {
  // Nobody signed in, or a role without this action at all: refused before any read.
  assertCan(actor, action, resource);
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('session');
  const [row] = await db
    .select({
      id: groupSessions.id,
      puskesmasId: groupSessions.puskesmasId,
      villageId: groupSessions.villageId,
      posyanduId: groupSessions.posyanduId,
      title: groupSessions.title,
      topic: groupSessions.topic,
      topicText: groupSessions.topicText,
      startsAt: groupSessions.startsAt,
      endsAt: groupSessions.endsAt,
      place: groupSessions.place,
      facilitators: groupSessions.facilitators,
      capacity: groupSessions.capacity,
      status: groupSessions.status,
      cancelReason: groupSessions.cancelReason,
      summary: groupSessions.summary,
      closedAt: groupSessions.closedAt,
      createdBy: groupSessions.createdBy,
      villageName: villages.name,
      posyanduName: posyandu.name,
      timeZone: puskesmas.timeZone,
    })
    .from(groupSessions)
    .innerJoin(villages, eq(villages.id, groupSessions.villageId))
    .innerJoin(puskesmas, eq(puskesmas.id, groupSessions.puskesmasId))
    .leftJoin(posyandu, eq(posyandu.id, groupSessions.posyanduId))
    .where(and(eq(groupSessions.id, id), eq(groupSessions.puskesmasId, actor.puskesmasId)));
  if (!row) throw new NotFoundError('session');
  if (action === 'rsvp') {
    // A mother answers for a session of her village.
    assertCan(actor, 'read', 'groupSessions', { puskesmasId: row.puskesmasId, villageId: row.villageId });
  } else {
    assertCan(actor, action, resource, { puskesmasId: row.puskesmasId, villageId: row.villageId });
  }
  return row;
}

export type SessionRow = Awaited<ReturnType<typeof sessionFor>>;

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
export async function sessionFormContext(actor: Actor, keep?: { villageId: string; posyanduId: string | null }) {
  assertCan(actor, 'write', 'groupSessions');
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  return { timeZone, today: isoToday(timeZone), villages: await writableVillages(db, actor, keep) };
}

export type SaveSessionResult = { ok: true; id: string; created: boolean } | { ok: false; fieldErrors: Partial<Record<SessionField, string>> };

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
): Promise<Partial<Record<SessionField, string>> | null> {
  const [v] = await db.select({ id: villages.id, active: villages.active }).from(villages).where(and(eq(villages.id, villageId), eq(villages.puskesmasId, actor.puskesmasId)));
  if (!v) return { villageId: 'sessions.errors.village' };
  if (!can(actor, 'write', 'groupSessions', { puskesmasId: actor.puskesmasId, villageId })) return { villageId: 'sessions.errors.villageNotYours' };
  if (!v.active && villageId !== current?.villageId) return { villageId: 'places.refuse.villageInactive' };
  if (posyanduId) {
    const [p] = await db.select({ id: posyandu.id, active: posyandu.active }).from(posyandu).where(and(eq(posyandu.id, posyanduId), eq(posyandu.villageId, villageId)));
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
export async function createSession(actor: Actor, raw: unknown, now: Date = new Date()): Promise<SaveSessionResult> {
  assertCan(actor, 'write', 'groupSessions');
  const idParsed = z.object({ id: z.uuid() }).safeParse(raw);
  if (!idParsed.success) return { ok: false, fieldErrors: { title: 'validation.invalid' } };
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const parsed = sessionSchema({ timeZone, now }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<SessionField>(parsed.error) };
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
export async function updateSession(actor: Actor, id: string, raw: unknown, now: Date = new Date()): Promise<SaveSessionResult> {
  const db = await getDb();
  const s = await sessionFor(db, actor, id, 'write');
  if (s.status !== 'scheduled') throw new ForbiddenError('session not editable');
  const parsed = sessionSchema({ timeZone: s.timeZone, now, storedStart: s.startsAt }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<SessionField>(parsed.error) };
  const v = parsed.data;
  const bad = await placeError(db, actor, v.villageId, v.posyanduId, s);
  if (bad) return { ok: false, fieldErrors: bad };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(groupSessions).where(eq(groupSessions.id, s.id)).for('update');
    const [after] = await tx.update(groupSessions).set({ ...v, updatedAt: sql`now()` }).where(eq(groupSessions.id, s.id)).returning();
    await inviteEligible(tx, after!, s.timeZone);
    await audit(tx, actor, 'session.update', 'group_session', s.id, before, after);
    return { ok: true as const, id: s.id, created: false };
  });
}

export type SimpleResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<string, string>> };

/** Cancels with a reason; the session stays visible as cancelled. Cancelling twice changes nothing. */
export async function cancelSession(actor: Actor, raw: unknown): Promise<SimpleResult> {
  const parsed = cancelSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const s = await sessionFor(db, actor, parsed.data.sessionId, 'write');
  if (s.status === 'closed') throw new ForbiddenError('session closed');
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(groupSessions)
      .set({ status: 'cancelled', cancelReason: parsed.data.reason, updatedAt: sql`now()` })
      .where(and(eq(groupSessions.id, s.id), eq(groupSessions.status, 'scheduled')))
      .returning({ status: groupSessions.status });
    if (after) await audit(tx, actor, 'session.cancel', 'group_session', s.id, { status: s.status }, after, parsed.data.reason);
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Lists

/** Condition: sessions the actor may read (staff: puskesmas; kader and ibu: their village). */
function readable(actor: Actor): SQL {
  const scope = scopeOf(actor, 'read', 'groupSessions');
  const tenant = eq(groupSessions.puskesmasId, actor.puskesmasId);
  if (scope === 'puskesmas') return tenant;
  if (scope === 'village') {
    const own = villageIdsOf(actor);
    return own.length > 0 ? and(tenant, inArray(groupSessions.villageId, [...own]))! : sql`false`;
  }
  throw new ForbiddenError(`${actor.role} may not read groupSessions`);
}

const countsSql = {
  invited: sql<number>`(select count(*)::int from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${groupSessions.id})`,
  rsvpYes: sql<number>`(select count(*)::int from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${groupSessions.id} and ${sessionInvitations.rsvp} = 'yes')`,
  presentMothers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.status} = 'present' and ${attendance.attendeeRole} = 'mother')`,
  presentOthers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.status} = 'present' and ${attendance.attendeeRole} <> 'mother')`,
  recordedMothers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.attendeeRole} = 'mother')`,
};

const listColumns = {
  id: groupSessions.id,
  title: groupSessions.title,
  topic: groupSessions.topic,
  topicText: groupSessions.topicText,
  startsAt: groupSessions.startsAt,
  endsAt: groupSessions.endsAt,
  place: groupSessions.place,
  status: groupSessions.status,
  cancelReason: groupSessions.cancelReason,
  capacity: groupSessions.capacity,
  villageId: groupSessions.villageId,
  villageName: villages.name,
  ...countsSql,
};

export type SessionListItem = Awaited<ReturnType<typeof listSessions>>['items'][number];

/** Upcoming (soonest first) or past (latest first) sessions the actor may read. */
export async function listSessions(actor: Actor, opts: { when: 'upcoming' | 'past'; villageId?: string | null; limit?: number }, now: Date = new Date()) {
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const conds: SQL[] = [readable(actor)];
  if (opts.villageId && z.uuid().safeParse(opts.villageId).success) conds.push(eq(groupSessions.villageId, opts.villageId));
  const past = or(eq(groupSessions.status, 'closed'), lt(groupSessions.endsAt, now))!;
  conds.push(opts.when === 'past' ? past : and(sql`${groupSessions.status} <> 'closed'`, gte(groupSessions.endsAt, now))!);
  const rows = await db
    .select(listColumns)
    .from(groupSessions)
    .innerJoin(villages, eq(villages.id, groupSessions.villageId))
    .where(and(...conds))
    .orderBy(opts.when === 'past' ? desc(groupSessions.startsAt) : asc(groupSessions.startsAt))
    .limit(opts.limit ?? 50);
  return { timeZone, items: rows.map((r) => ({ ...r, status: r.status as Status, attendanceRate: attendanceRate(r.presentMothers, r.recordedMothers) })) };
}

/** Sessions of one month (in the puskesmas zone), for the staff calendar. */
export async function monthSessions(actor: Actor, year: number, month: number) {
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const rows = await db
    .select(listColumns)
    .from(groupSessions)
    .innerJoin(villages, eq(villages.id, groupSessions.villageId))
    .where(
      and(
        readable(actor),
        sql`to_char(${groupSessions.startsAt} at time zone ${timeZone}, 'YYYY-MM') = ${first.slice(0, 7)}`,
      ),
    )
    .orderBy(asc(groupSessions.startsAt));
  return { timeZone, items: rows.map((r) => ({ ...r, status: r.status as Status, day: zonedParts(r.startsAt, timeZone).date })) };
}

/** Attendance per village over the sessions held (closed) in the last 12 months. */
export async function villageAttendance(actor: Actor, now: Date = new Date()) {
  assertCan(actor, 'read', 'attendance');
  const db = await getDb();
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await db
    .select({
      villageId: villages.id,
      villageName: villages.name,
      held: sql<number>`count(distinct ${groupSessions.id})::int`,
      presentMothers: sql<number>`count(${attendance.id}) filter (where ${attendance.status} = 'present' and ${attendance.attendeeRole} = 'mother')::int`,
      presentOthers: sql<number>`count(${attendance.id}) filter (where ${attendance.status} = 'present' and ${attendance.attendeeRole} <> 'mother')::int`,
      recordedMothers: sql<number>`count(${attendance.id}) filter (where ${attendance.attendeeRole} = 'mother')::int`,
    })
    .from(groupSessions)
    .innerJoin(villages, eq(villages.id, groupSessions.villageId))
    .leftJoin(attendance, eq(attendance.sessionId, groupSessions.id))
    .where(and(readable(actor), eq(groupSessions.status, 'closed'), gte(groupSessions.startsAt, since)))
    .groupBy(villages.id, villages.name)
    .orderBy(asc(villages.name));
  return rows.map((r) => ({ ...r, attendanceRate: attendanceRate(r.presentMothers, r.recordedMothers) }));
}

// ---------------------------------------------------------------------------------------------
// One session

/** The session page: facts, invitations with reminders and RSVPs, the register and flags. */
export async function sessionDetail(actor: Actor, id: string, now: Date = new Date()) {
  const db = await getDb();
  const s = await sessionFor(db, actor, id, 'read');
  const mayWrite = can(actor, 'write', 'groupSessions', { puskesmasId: s.puskesmasId, villageId: s.villageId });
  const invited = await db
    .select({
      motherId: mothers.id,
      name: mothers.name,
      phone: mothers.phone,
      posyanduId: mothers.posyanduId,
      posyanduName: posyandu.name,
      remindedAt: sessionInvitations.remindedAt,
      rsvp: sessionInvitations.rsvp,
    })
    .from(sessionInvitations)
    .innerJoin(mothers, eq(mothers.id, sessionInvitations.motherId))
    .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
    .where(eq(sessionInvitations.sessionId, s.id))
    .orderBy(asc(mothers.name));
  const marks = await db
    .select({
      id: attendance.id,
      motherId: attendance.motherId,
      attendeeName: attendance.attendeeName,
      attendeeRole: attendance.attendeeRole,
      status: attendance.status,
      motherName: mothers.name,
    })
    .from(attendance)
    .leftJoin(mothers, eq(mothers.id, attendance.motherId))
    .where(eq(attendance.sessionId, s.id))
    .orderBy(asc(attendance.createdAt));
  const byMother = new Map(marks.filter((m) => m.motherId).map((m) => [m.motherId!, m.status]));
  const invitedIds = new Set(invited.map((i) => i.motherId));
  // A mother's phone (for the WhatsApp reminder) only to those who may write to the session and,
  // for a kader, only for mothers of her own posyandu(s): a village session page is copied to
  // her phone for offline use (issue #22, decision 036), and the village's other mothers are
  // reminded by their own kader.
  const ownPosyandu = new Set(posyanduIdsOf(actor));
  const phoneShown = (posyanduId: string) => mayWrite && (actor.role !== 'kader' || ownPosyandu.has(posyanduId));
  const mothersList = [
    ...invited.map((i) => ({ motherId: i.motherId, name: i.name, phone: phoneShown(i.posyanduId) ? i.phone : null, posyanduName: i.posyanduName, remindedAt: i.remindedAt, rsvp: i.rsvp, status: byMother.get(i.motherId) ?? null, invited: true })),
    // Registered mothers who came without an invitation.
    ...marks
      .filter((m) => m.motherId && !invitedIds.has(m.motherId))
      .map((m) => ({ motherId: m.motherId!, name: m.motherName ?? '', phone: null, posyanduName: null, remindedAt: null, rsvp: null, status: m.status, invited: false })),
  ];
  const others = marks.filter((m) => !m.motherId).map((m) => ({ id: m.id, name: m.attendeeName ?? '', role: m.attendeeRole, status: m.status }));
  const present = marks.filter((m) => m.status === 'present').length;
  const status = s.status as Status;
  return {
    ...s,
    status,
    timeZone: s.timeZone,
    mayWrite,
    mayPublish: mayWrite && scopeOf(actor, 'write', 'groupSessions') === 'puskesmas' && can(actor, 'write', 'forum'),
    registerOpen: mayWrite && registerOpen({ status, startsAt: s.startsAt }, now),
    past: isPastSession({ status, endsAt: s.endsAt }, now),
    mothers: mothersList,
    others,
    counts: {
      invited: invited.length,
      reminded: invited.filter((i) => i.remindedAt).length,
      rsvpYes: invited.filter((i) => i.rsvp === 'yes').length,
      rsvpNo: invited.filter((i) => i.rsvp === 'no').length,
      present,
      presentMothers: marks.filter((m) => m.status === 'present' && m.attendeeRole === 'mother').length,
      overCapacity: present > s.capacity,
      invitedOverCapacity: invited.length > s.capacity,
    },
    publishedPostId: await publishedPostOf(db, s.id),
  };
}

/** Facts for the edit form. */
export async function sessionForEdit(actor: Actor, id: string) {
  const db = await getDb();
  const s = await sessionFor(db, actor, id, 'write');
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
    },
  };
}

/** The .ics event of a session: the session only, no personal data. */
export async function sessionForCalendar(actor: Actor, id: string) {
  const db = await getDb();
  const s = await sessionFor(db, actor, id, 'read');
  return { id: s.id, title: s.title, topic: s.topic, topicText: s.topicText, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, villageName: s.villageName, status: s.status as Status, cancelReason: s.cancelReason };
}

// ---------------------------------------------------------------------------------------------
// Invitations, reminders, RSVP

/** Marks that the kader or staff sent the WhatsApp reminder (again: the time moves on). */
export async function markReminded(actor: Actor, raw: unknown): Promise<void> {
  const v = remindSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessionInvitations)
      .set({ remindedAt: sql`now()`, remindedBy: actor.id })
      .where(and(eq(sessionInvitations.sessionId, s.id), eq(sessionInvitations.motherId, v.motherId)))
      .returning({ id: sessionInvitations.id });
    if (!row) throw new NotFoundError('invitation');
    await audit(tx, actor, 'session.remind', 'session_invitation', row.id, null, { motherId: v.motherId });
  });
}

/** Mothers the actor may add to a session by hand or as a walk-in: by name or phone. */
export async function findMothers(actor: Actor, raw: unknown) {
  const parsed = findMotherSchema.safeParse(raw);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf<'q'>(parsed.error) };
  const db = await getDb();
  const s = await sessionFor(db, actor, parsed.data.sessionId, 'write', 'attendance');
  const q = parsed.data.q;
  const phone = normalizePhone(q);
  // Staff: any mother of the puskesmas; a kader: the mothers of the session's village (hers).
  const where = and(
    eq(mothers.puskesmasId, actor.puskesmasId),
    scopeOf(actor, 'write', 'attendance') === 'puskesmas' ? undefined : eq(mothers.villageId, s.villageId),
    or(ilike(mothers.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), ...(phone ? [eq(mothers.phone, phone)] : [])),
  );
  const rows = await db
    .select({ motherId: mothers.id, name: mothers.name, posyanduName: posyandu.name, villageName: villages.name })
    .from(mothers)
    .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
    .innerJoin(villages, eq(villages.id, mothers.villageId))
    .where(where)
    .orderBy(asc(mothers.name))
    .limit(10);
  return { ok: true as const, mothers: rows };
}

async function motherForSession(db: DbOrTx, actor: Actor, s: SessionRow, motherId: string) {
  const [m] = await db
    .select({ id: mothers.id, villageId: mothers.villageId, invited: sql<boolean>`exists (select 1 from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${s.id} and ${sessionInvitations.motherId} = ${mothers.id})` })
    .from(mothers)
    .where(and(eq(mothers.id, motherId), eq(mothers.puskesmasId, actor.puskesmasId)));
  if (!m) throw new NotFoundError('mother');
  const staffScope = scopeOf(actor, 'write', 'attendance') === 'puskesmas';
  if (!staffScope && !m.invited && m.villageId !== s.villageId) throw new ForbiddenError('mother outside the village');
  return m;
}

/** Adds a mother to the invited list by hand. Twice: one invitation. */
export async function inviteMother(actor: Actor, raw: unknown): Promise<void> {
  const v = inviteSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write');
  if (s.status !== 'scheduled') throw new ForbiddenError('session not open');
  await motherForSession(db, actor, s, v.motherId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessionInvitations)
      .values({ puskesmasId: s.puskesmasId, sessionId: s.id, motherId: v.motherId })
      .onConflictDoNothing()
      .returning({ id: sessionInvitations.id });
    if (row) await audit(tx, actor, 'session.invite', 'session_invitation', row.id, null, { motherId: v.motherId });
  });
}

/** A mother answers "Saya akan hadir" / "Tidak bisa hadir" for a session of her village. */
export async function answerRsvp(actor: Actor, raw: unknown, now: Date = new Date()): Promise<{ ok: true } | { ok: false; reason: 'closed' }> {
  assertCan(actor, 'rsvp', 'groupSessions', { puskesmasId: actor.puskesmasId, motherId: actor.motherId });
  const v = rsvpSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'rsvp');
  if (!rsvpOpen({ status: s.status as Status, startsAt: s.startsAt }, now)) return { ok: false, reason: 'closed' };
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessionInvitations)
      .values({ puskesmasId: s.puskesmasId, sessionId: s.id, motherId: actor.motherId!, rsvp: v.answer, rsvpAt: sql`now()` })
      .onConflictDoUpdate({ target: [sessionInvitations.sessionId, sessionInvitations.motherId], set: { rsvp: v.answer, rsvpAt: sql`now()` } })
      .returning({ id: sessionInvitations.id });
    await audit(tx, actor, 'session.rsvp', 'session_invitation', row!.id, null, { rsvp: v.answer });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Attendance

function assertRegisterOpen(s: SessionRow, now: Date) {
  if (!registerOpen({ status: s.status as Status, startsAt: s.startsAt }, now)) throw new RegisterClosedError();
}

/** The register is not open (cancelled, closed, or more than an hour before the start). */
export class RegisterClosedError extends Error {
  constructor() {
    super('register not open');
    this.name = 'RegisterClosedError';
  }
}

/**
 * One tap: a registered mother's status. Marking her again updates her one row (the unique
 * index on session and mother, upserted): never a second row.
 */
export async function markAttendance(actor: Actor, raw: unknown, now: Date = new Date()): Promise<void> {
  const v = markSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write', 'attendance');
  assertRegisterOpen(s, now);
  await motherForSession(db, actor, s, v.motherId);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: attendance.status })
      .from(attendance)
      .where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
    const [row] = await tx
      .insert(attendance)
      .values({ puskesmasId: s.puskesmasId, sessionId: s.id, motherId: v.motherId, attendeeRole: 'mother', status: v.status, recordedBy: actor.id, recordedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.motherId],
        set: { status: v.status, recordedBy: actor.id, recordedAt: sql`now()`, updatedAt: sql`now()` },
      })
      .returning({ id: attendance.id });
    if (before?.status !== v.status) await audit(tx, actor, 'attendance.mark', 'attendance', row!.id, before ?? null, { motherId: v.motherId, status: v.status });
  });
}

export type DeviceMarkResult =
  | { ok: true; created: boolean; attendanceId: string }
  | { ok: false; fieldErrors: Partial<Record<string, string>> };

/**
 * A marking sent from a kader's phone outbox (docs/decisions/036): the same checks as
 * markAttendance (policy, village, register open), plus the phone's id. The same id sent again,
 * one after the other or at once, changes nothing and writes no second audit row: the upsert
 * only updates a row that does not already carry this id.
 */
export async function markAttendanceFromDevice(actor: Actor, raw: unknown, now: Date = new Date()): Promise<DeviceMarkResult> {
  const parsed = deviceMarkSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write', 'attendance');
  const onDevice = v.recordedAt ? new Date(v.recordedAt) : null;
  return db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: attendance.id, deviceRecordId: attendance.deviceRecordId, status: attendance.status })
      .from(attendance)
      .where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
    // A resend of a marking already stored is answered as stored, even once the register closed.
    if (already?.deviceRecordId === v.id) return { ok: true as const, created: false, attendanceId: already.id };
    assertRegisterOpen(s, now);
    await motherForSession(tx, actor, s, v.motherId);
    const [row] = await tx
      .insert(attendance)
      .values({
        puskesmasId: s.puskesmasId,
        sessionId: s.id,
        motherId: v.motherId,
        attendeeRole: 'mother',
        status: v.status,
        recordedBy: actor.id,
        recordedAt: sql`now()`,
        deviceRecordId: v.id,
        recordedOnDeviceAt: onDevice,
      })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.motherId],
        set: { status: v.status, recordedBy: actor.id, recordedAt: sql`now()`, updatedAt: sql`now()`, deviceRecordId: v.id, recordedOnDeviceAt: onDevice },
        // Two requests with the same id at once: the second finds the first's row and leaves it.
        setWhere: sql`${attendance.deviceRecordId} is distinct from ${v.id}::uuid`,
      })
      .returning({ id: attendance.id });
    if (!row) {
      const [stored] = await tx.select({ id: attendance.id }).from(attendance).where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
      return { ok: true as const, created: false, attendanceId: stored!.id };
    }
    await audit(tx, actor, 'attendance.mark', 'attendance', row.id, already ? { status: already.status } : null, {
      motherId: v.motherId,
      status: v.status,
      deviceRecordId: v.id,
      recordedOnDeviceAt: onDevice,
    });
    return { ok: true as const, created: true, attendanceId: row.id };
  });
}

/** A walk-in by name (pregnant woman or family member). The form's id makes a resend harmless. */
export async function addWalkIn(actor: Actor, raw: unknown, now: Date = new Date()): Promise<SimpleResult> {
  const parsed = walkInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write', 'attendance');
  assertRegisterOpen(s, now);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attendance)
      .values({ id: v.id, puskesmasId: s.puskesmasId, sessionId: s.id, motherId: null, attendeeName: v.name, attendeeRole: v.role, status: 'present', recordedBy: actor.id, recordedAt: sql`now()` })
      .onConflictDoNothing({ target: attendance.id })
      .returning();
    if (row) await audit(tx, actor, 'attendance.walkIn', 'attendance', row.id, null, { role: v.role, status: 'present' });
    else {
      const [existing] = await tx.select({ sessionId: attendance.sessionId }).from(attendance).where(eq(attendance.id, v.id));
      if (!existing || existing.sessionId !== s.id) throw new ForbiddenError('attendance id in use');
    }
  });
  return { ok: true };
}

/** One tap on a walk-in's row. */
export async function markWalkIn(actor: Actor, raw: unknown, now: Date = new Date()): Promise<void> {
  const v = markWalkInStatusSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write', 'attendance');
  assertRegisterOpen(s, now);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(attendance)
      .set({ status: v.status, recordedBy: actor.id, recordedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(attendance.id, v.attendanceId), eq(attendance.sessionId, s.id), isNull(attendance.motherId)))
      .returning({ id: attendance.id });
    if (!row) throw new NotFoundError('attendance');
    await audit(tx, actor, 'attendance.mark', 'attendance', row.id, null, { status: v.status });
  });
}

/** Closes the register: invited mothers not marked are recorded absent. */
export async function closeRegister(actor: Actor, sessionId: string, now: Date = new Date()): Promise<void> {
  const db = await getDb();
  const s = await sessionFor(db, actor, sessionId, 'write', 'attendance');
  if (s.status === 'closed') return;
  assertRegisterOpen(s, now);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: groupSessions.status }).from(groupSessions).where(eq(groupSessions.id, s.id)).for('update');
    if (locked?.status !== 'scheduled') return;
    const unmarked = await tx
      .select({ motherId: sessionInvitations.motherId })
      .from(sessionInvitations)
      .where(
        and(
          eq(sessionInvitations.sessionId, s.id),
          sql`not exists (select 1 from ${attendance} where ${attendance.sessionId} = ${s.id} and ${attendance.motherId} = ${sessionInvitations.motherId})`,
        ),
      );
    if (unmarked.length) {
      await tx
        .insert(attendance)
        .values(unmarked.map((u) => ({ puskesmasId: s.puskesmasId, sessionId: s.id, motherId: u.motherId, attendeeRole: 'mother' as const, status: 'absent' as const, recordedBy: actor.id, recordedAt: sql`now()` })))
        .onConflictDoNothing();
    }
    await tx.update(groupSessions).set({ status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(groupSessions.id, s.id));
    await audit(tx, actor, 'session.close', 'group_session', s.id, { status: 'scheduled' }, { status: 'closed', markedAbsent: unmarked.length });
  });
}

/** What was discussed and the main experiences shared (kader or staff, before or after closing). */
export async function saveSummary(actor: Actor, raw: unknown): Promise<SimpleResult> {
  const parsed = summarySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const s = await sessionFor(db, actor, parsed.data.sessionId, 'write');
  if (s.status === 'cancelled') throw new ForbiddenError('session cancelled');
  await db.transaction(async (tx) => {
    await tx.update(groupSessions).set({ summary: parsed.data.summary, updatedAt: sql`now()` }).where(eq(groupSessions.id, s.id));
    await audit(tx, actor, 'session.summary', 'group_session', s.id, { summary: s.summary }, { summary: parsed.data.summary });
  });
  return { ok: true };
}

async function publishedPostOf(db: DbOrTx, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'group_session'), eq(auditLog.entityId, sessionId), eq(auditLog.action, 'session.publish')))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return (row?.after as { postId?: string } | null)?.postId ?? null;
}

/** Forum categories staff may publish a summary to. */
export async function publishCategories(actor: Actor) {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db
    .select({ id: forumCategories.id, name: forumCategories.name })
    .from(forumCategories)
    .where(eq(forumCategories.puskesmasId, actor.puskesmasId))
    .orderBy(asc(forumCategories.sortOrder));
}

/**
 * Staff publish the summary as a forum post (lib/data/forum.ts createPost: the forum's own
 * checks, blocked terms and audit), then record which post in the session's audit trail.
 * Publishing again returns the post already made.
 */
export async function publishSummary(actor: Actor, raw: unknown, texts: { title: (title: string, date: string) => string }): Promise<{ postId: string; created: boolean }> {
  const v = publishSchema.parse(raw);
  const db = await getDb();
  const s = await sessionFor(db, actor, v.sessionId, 'write');
  if (scopeOf(actor, 'write', 'groupSessions') !== 'puskesmas') throw new ForbiddenError('only staff publish');
  if (!s.summary) throw new ForbiddenError('no summary');
  const existing = await publishedPostOf(db, s.id);
  if (existing) return { postId: existing, created: false };
  const date = zonedParts(s.startsAt, s.timeZone).date;
  const post = await createPost(actor, { categoryId: v.categoryId, title: texts.title(s.title, date).slice(0, 120), body: s.summary, anonymous: false });
  await db.insert(auditLog).values({ puskesmasId: actor.puskesmasId, userId: actor.id, action: 'session.publish', entity: 'group_session', entityId: s.id, after: { postId: post.id, status: post.status } });
  return { postId: post.id, created: true };
}

// ---------------------------------------------------------------------------------------------
// Home pages and the mother's record

/** A mother's upcoming sessions (her village, and any she is invited to) with her answer. */
export async function mySessions(actor: Actor, now: Date = new Date()) {
  assertCan(actor, 'read', 'groupSessions');
  if (!actor.motherId) return { timeZone: 'Asia/Jakarta', upcoming: [], attended: [] };
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const upcoming = await db
    .select({
      id: groupSessions.id,
      title: groupSessions.title,
      topic: groupSessions.topic,
      topicText: groupSessions.topicText,
      startsAt: groupSessions.startsAt,
      endsAt: groupSessions.endsAt,
      place: groupSessions.place,
      status: groupSessions.status,
      cancelReason: groupSessions.cancelReason,
      rsvp: sessionInvitations.rsvp,
    })
    .from(groupSessions)
    .leftJoin(sessionInvitations, and(eq(sessionInvitations.sessionId, groupSessions.id), eq(sessionInvitations.motherId, actor.motherId)))
    .where(and(readable(actor), sql`${groupSessions.status} <> 'closed'`, gte(groupSessions.endsAt, now)))
    .orderBy(asc(groupSessions.startsAt))
    .limit(3);
  const attended = await attendedBy(db, actor.motherId);
  return {
    timeZone,
    upcoming: upcoming.map((u) => ({ ...u, status: u.status as Status, rsvpOpen: rsvpOpen({ status: u.status as Status, startsAt: u.startsAt }, now) })),
    attended,
  };
}

async function attendedBy(db: DbOrTx, motherId: string) {
  return db
    .select({ id: groupSessions.id, title: groupSessions.title, topic: groupSessions.topic, topicText: groupSessions.topicText, startsAt: groupSessions.startsAt, place: groupSessions.place })
    .from(attendance)
    .innerJoin(groupSessions, eq(groupSessions.id, attendance.sessionId))
    .where(and(eq(attendance.motherId, motherId), eq(attendance.status, 'present')))
    .orderBy(desc(groupSessions.startsAt));
}

/** Sessions a mother attended, for her page (staff, her kader; the mother herself). */
export async function sessionsAttendedByMother(actor: Actor, motherId: string) {
  if (!z.uuid().safeParse(motherId).success) throw new NotFoundError('mother');
  const db = await getDb();
  const [m] = await db
    .select({ id: mothers.id, puskesmasId: mothers.puskesmasId, posyanduId: mothers.posyanduId, villageId: mothers.villageId })
    .from(mothers)
    .where(and(eq(mothers.id, motherId), eq(mothers.puskesmasId, actor.puskesmasId)));
  if (!m) throw new NotFoundError('mother');
  const readsMother = can(actor, 'read', 'mothers', { puskesmasId: m.puskesmasId, posyanduId: m.posyanduId, villageId: m.villageId, motherId: m.id });
  const readsAttendance = can(actor, 'read', 'attendance', { puskesmasId: m.puskesmasId, villageId: m.villageId, motherId: m.id });
  if (!readsMother && !readsAttendance) throw new ForbiddenError('attendance of another mother');
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  return { timeZone, sessions: await attendedBy(db, m.id) };
}

/** The kader's next sessions (her village), for her home page. */
export async function nextSessionsForKader(actor: Actor, now: Date = new Date()) {
  const { timeZone, items } = await listSessions(actor, { when: 'upcoming', limit: 2 }, now);
  return { timeZone, items };
}

/** Counts for the staff list header. */
export async function sessionCounts(actor: Actor, now: Date = new Date()) {
  const db = await getDb();
  const [r] = await db
    .select({ upcoming: count() })
    .from(groupSessions)
    .where(and(readable(actor), eq(groupSessions.status, 'scheduled'), gte(groupSessions.startsAt, now)));
  return { upcoming: r?.upcoming ?? 0 };
}

