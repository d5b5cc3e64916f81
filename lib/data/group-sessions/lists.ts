/**
 * Group sessions, reading: the lists and the calendar, attendance per village, the session
 * page, and the home pages and the mother's record.
 */
import 'server-only';
import { and, asc, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { attendance, groupSessions, mothers, posyandu, sessionInvitations, villages } from '@/db/schema';
import { assertCan, can, ForbiddenError, NotFoundError, posyanduIdsOf, scopeOf, type Actor } from '@/lib/auth/policy';
import { attendanceRate, isPastGroupSession, registerOpen, rsvpOpen, zonedParts } from '@/lib/domain';
import { publishedPostOf, readable, groupSessionFor, timeZoneOf, type Status } from './shared';

const countsSql = {
  invited: sql<number>`(select count(*)::int from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${groupSessions.id})`,
  rsvpYes: sql<number>`(select count(*)::int from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${groupSessions.id} and ${sessionInvitations.rsvp} = 'yes')`,
  presentMothers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.status} = 'present' and ${attendance.attendeeRole} = 'mother')`,
  presentOthers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.status} = 'present' and ${attendance.attendeeRole} <> 'mother')`,
  recordedMothers: sql<number>`(select count(*)::int from ${attendance} where ${attendance.sessionId} = ${groupSessions.id} and ${attendance.attendeeRole} = 'mother')`,
};

/** What every list of sessions shows of one: its title, topic, time, place and state. */
const sessionColumns = {
  id: groupSessions.id,
  title: groupSessions.title,
  topic: groupSessions.topic,
  topicText: groupSessions.topicText,
  startsAt: groupSessions.startsAt,
  endsAt: groupSessions.endsAt,
  place: groupSessions.place,
  status: groupSessions.status,
  cancelReason: groupSessions.cancelReason,
};

const listColumns = {
  ...sessionColumns,
  capacity: groupSessions.capacity,
  villageId: groupSessions.villageId,
  villageName: villages.name,
  ...countsSql,
};

export type GroupSessionListItem = Awaited<ReturnType<typeof listGroupSessions>>['items'][number];

/** Upcoming (soonest first) or past (latest first) sessions the actor may read. */
export async function listGroupSessions(actor: Actor, opts: { when: 'upcoming' | 'past'; villageId?: string | null; limit?: number }, now: Date = new Date()) {
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
export async function monthGroupSessions(actor: Actor, year: number, month: number) {
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const rows = await db
    .select(listColumns)
    .from(groupSessions)
    .innerJoin(villages, eq(villages.id, groupSessions.villageId))
    .where(and(readable(actor), sql`to_char(${groupSessions.startsAt} at time zone ${timeZone}, 'YYYY-MM') = ${first.slice(0, 7)}`))
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

/** The session page: facts, invitations with reminders and RSVPs, the register and flags. */
export async function groupSessionDetail(actor: Actor, id: string, now: Date = new Date()) {
  const db = await getDb();
  const s = await groupSessionFor(db, actor, id, 'read');
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
    ...invited.map((i) => ({
      motherId: i.motherId,
      name: i.name,
      phone: phoneShown(i.posyanduId) ? i.phone : null,
      posyanduName: i.posyanduName,
      remindedAt: i.remindedAt,
      rsvp: i.rsvp,
      status: byMother.get(i.motherId) ?? null,
      invited: true,
    })),
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
    past: isPastGroupSession({ status, endsAt: s.endsAt }, now),
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

/** A mother's upcoming sessions (her village, and any she is invited to) with her answer. */
export async function myGroupSessions(actor: Actor, now: Date = new Date()) {
  assertCan(actor, 'read', 'groupSessions');
  if (!actor.motherId) return { timeZone: 'Asia/Jakarta', upcoming: [], attended: [] };
  const db = await getDb();
  const timeZone = await timeZoneOf(db, actor.puskesmasId);
  const upcoming = await db
    .select({ ...sessionColumns, rsvp: sessionInvitations.rsvp })
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
    .select({
      id: groupSessions.id,
      title: groupSessions.title,
      topic: groupSessions.topic,
      topicText: groupSessions.topicText,
      startsAt: groupSessions.startsAt,
      place: groupSessions.place,
    })
    .from(attendance)
    .innerJoin(groupSessions, eq(groupSessions.id, attendance.sessionId))
    .where(and(eq(attendance.motherId, motherId), eq(attendance.status, 'present')))
    .orderBy(desc(groupSessions.startsAt));
}

/** Sessions a mother attended, for her page (staff, her kader; the mother herself). */
export async function groupSessionsAttendedByMother(actor: Actor, motherId: string) {
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
export async function nextGroupSessionsForKader(actor: Actor, now: Date = new Date()) {
  const { timeZone, items } = await listGroupSessions(actor, { when: 'upcoming', limit: 2 }, now);
  return { timeZone, items };
}

/** Counts for the staff list header. */
export async function groupSessionCounts(actor: Actor, now: Date = new Date()) {
  const db = await getDb();
  const [r] = await db
    .select({ upcoming: count() })
    .from(groupSessions)
    .where(and(readable(actor), eq(groupSessions.status, 'scheduled'), gte(groupSessions.startsAt, now)));
  return { upcoming: r?.upcoming ?? 0 };
}
