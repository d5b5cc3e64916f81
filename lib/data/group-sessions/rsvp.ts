/** Group sessions: invitations, WhatsApp reminders and the mothers' RSVPs. */
import 'server-only';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mothers, posyandu, sessionInvitations, villages } from '@/db/schema';
import { assertCan, ForbiddenError, NotFoundError, scopeOf, type Actor } from '@/lib/auth/policy';
import { normalizePhone, rsvpOpen } from '@/lib/domain';
import { findMotherSchema, inviteSchema, remindSchema, rsvpSchema } from '@/lib/validation/group-session';
import { audit } from '../audit';
import { fieldErrorsOf, motherForGroupSession, groupSessionFor, type Status } from './shared';

/** Marks that the kader or staff sent the WhatsApp reminder (again: the time moves on). */
export async function markReminded(actor: Actor, raw: unknown): Promise<void> {
  const v = remindSchema.parse(raw);
  const db = await getDb();
  const s = await groupSessionFor(db, actor, v.sessionId, 'write');
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
  const s = await groupSessionFor(db, actor, parsed.data.sessionId, 'write', 'attendance');
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

/** Adds a mother to the invited list by hand. Twice: one invitation. */
export async function inviteMother(actor: Actor, raw: unknown): Promise<void> {
  const v = inviteSchema.parse(raw);
  const db = await getDb();
  const s = await groupSessionFor(db, actor, v.sessionId, 'write');
  if (s.status !== 'scheduled') throw new ForbiddenError('session not open');
  await motherForGroupSession(db, actor, s, v.motherId);
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
  const s = await groupSessionFor(db, actor, v.sessionId, 'rsvp');
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
