/**
 * Group sessions (issue 5): what the schedule, lists, rsvp, attendance and summary modules
 * share. Policy (DESIGN §4): staff and admin write every session of their puskesmas; a kader
 * writes her village's; a mother reads her village's and answers for herself. A session of the
 * puskesmas outside the actor's village is a 403 (ForbiddenError); another puskesmas's or an
 * unknown id is a 404. Every write is one transaction with its audit row.
 */
import 'server-only';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx } from '@/db/client';
import { auditLog, groupSessions, mothers, posyandu, puskesmas, sessionInvitations, villages } from '@/db/schema';
import { puskesmasRow } from '@/lib/data/puskesmas-row';
import { assertCan, ForbiddenError, NotFoundError, scopeOf, villageIdsOf, type Actor } from '@/lib/auth/policy';

/** The first message of each field: "validation.*" or this feature's "sessions.errors.*" keys. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = /^(validation|sessions\.errors)\./.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}

export type Status = 'scheduled' | 'cancelled' | 'closed';

export async function timeZoneOf(db: DbOrTx, puskesmasId: string): Promise<string> {
  return (await puskesmasRow(db, puskesmasId))?.timeZone ?? 'Asia/Jakarta';
}

/**
 * The session if `actor` may `action` it: unknown or another puskesmas's → NotFoundError; the
 * puskesmas's but outside the actor's scope → ForbiddenError.
 */
export async function groupSessionFor(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: 'read' | 'write' | 'rsvp',
  resource: 'groupSessions' | 'attendance' = 'groupSessions',
) {
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
      lessons: groupSessions.lessons,
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

export type GroupSessionRow = Awaited<ReturnType<typeof groupSessionFor>>;

export type SimpleResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<string, string>> };

/** Condition: sessions the actor may read (staff: puskesmas; kader and ibu: their village). */
export function readable(actor: Actor): SQL {
  const scope = scopeOf(actor, 'read', 'groupSessions');
  const tenant = eq(groupSessions.puskesmasId, actor.puskesmasId);
  if (scope === 'puskesmas') return tenant;
  if (scope === 'village') {
    const own = villageIdsOf(actor);
    return own.length > 0 ? and(tenant, inArray(groupSessions.villageId, [...own]))! : sql`false`;
  }
  throw new ForbiddenError(`${actor.role} may not read groupSessions`);
}

export async function motherForGroupSession(db: DbOrTx, actor: Actor, s: GroupSessionRow, motherId: string) {
  const [m] = await db
    .select({
      id: mothers.id,
      villageId: mothers.villageId,
      invited: sql<boolean>`exists (select 1 from ${sessionInvitations} where ${sessionInvitations.sessionId} = ${s.id} and ${sessionInvitations.motherId} = ${mothers.id})`,
    })
    .from(mothers)
    .where(and(eq(mothers.id, motherId), eq(mothers.puskesmasId, actor.puskesmasId)));
  if (!m) throw new NotFoundError('mother');
  const staffScope = scopeOf(actor, 'write', 'attendance') === 'puskesmas';
  if (!staffScope && !m.invited && m.villageId !== s.villageId) throw new ForbiddenError('mother outside the village');
  return m;
}

/** The forum post a session's summary was published as (from the session's audit trail). */
export async function publishedPostOf(db: DbOrTx, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'group_session'), eq(auditLog.entityId, sessionId), eq(auditLog.action, 'session.publish')))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return (row?.after as { postId?: string } | null)?.postId ?? null;
}
