/** Group sessions: the attendance register (marks, marks from a phone, walk-ins, closing). */
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { babiesAttendingSessions, babiesOfMothers, refreshCoverage } from '@/db/coverage';
import { attendance, groupSessions, sessionInvitations } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { registerOpen } from '@/lib/domain';
import { deviceMarkSchema, markSchema, markWalkInStatusSchema, walkInSchema } from '@/lib/validation/group-session';
import { audit } from '../audit';
import { fieldErrorsOf, motherForGroupSession, groupSessionFor, type GroupSessionRow, type SimpleResult, type Status } from './shared';

function assertRegisterOpen(s: GroupSessionRow, now: Date) {
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
  const s = await groupSessionFor(db, actor, v.sessionId, 'write', 'attendance');
  assertRegisterOpen(s, now);
  await motherForGroupSession(db, actor, s, v.motherId);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: attendance.status })
      .from(attendance)
      .where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
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
      })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.motherId],
        set: { status: v.status, recordedBy: actor.id, recordedAt: sql`now()`, updatedAt: sql`now()` },
      })
      .returning({ id: attendance.id });
    await refreshCoverage(tx, await babiesOfMothers(tx, [v.motherId]));
    if (before?.status !== v.status) await audit(tx, actor, 'attendance.mark', 'attendance', row!.id, before ?? null, { motherId: v.motherId, status: v.status });
  });
}

export type DeviceMarkResult = { ok: true; created: boolean; attendanceId: string } | { ok: false; fieldErrors: Partial<Record<string, string>> };

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
  const s = await groupSessionFor(db, actor, v.sessionId, 'write', 'attendance');
  const onDevice = v.recordedAt ? new Date(v.recordedAt) : null;
  return db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: attendance.id, deviceRecordId: attendance.deviceRecordId, status: attendance.status })
      .from(attendance)
      .where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
    // A resend of a marking already stored is answered as stored, even once the register closed.
    if (already?.deviceRecordId === v.id) return { ok: true as const, created: false, attendanceId: already.id };
    assertRegisterOpen(s, now);
    await motherForGroupSession(tx, actor, s, v.motherId);
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
      const [stored] = await tx
        .select({ id: attendance.id })
        .from(attendance)
        .where(and(eq(attendance.sessionId, s.id), eq(attendance.motherId, v.motherId)));
      return { ok: true as const, created: false, attendanceId: stored!.id };
    }
    await refreshCoverage(tx, await babiesOfMothers(tx, [v.motherId]));
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
  const s = await groupSessionFor(db, actor, v.sessionId, 'write', 'attendance');
  assertRegisterOpen(s, now);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attendance)
      .values({
        id: v.id,
        puskesmasId: s.puskesmasId,
        sessionId: s.id,
        motherId: null,
        attendeeName: v.name,
        attendeeRole: v.role,
        status: 'present',
        recordedBy: actor.id,
        recordedAt: sql`now()`,
      })
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
  const s = await groupSessionFor(db, actor, v.sessionId, 'write', 'attendance');
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
  const s = await groupSessionFor(db, actor, sessionId, 'write', 'attendance');
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
        .values(
          unmarked.map((u) => ({
            puskesmasId: s.puskesmasId,
            sessionId: s.id,
            motherId: u.motherId,
            attendeeRole: 'mother' as const,
            status: 'absent' as const,
            recordedBy: actor.id,
            recordedAt: sql`now()`,
          })),
        )
        .onConflictDoNothing();
    }
    await tx
      .update(groupSessions)
      .set({ status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(groupSessions.id, s.id));
    await refreshCoverage(tx, await babiesAttendingSessions(tx, [s.id]));
    await audit(tx, actor, 'session.close', 'group_session', s.id, { status: 'scheduled' }, { status: 'closed', markedAbsent: unmarked.length });
  });
}
