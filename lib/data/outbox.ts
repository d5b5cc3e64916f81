/**
 * What the kader's phone sends from its outbox (docs/decisions/036-offline-kader.md): one
 * record at a time, a visit or an attendance marking, each with the id made on the phone.
 * Nothing here decides policy, scope or idempotency itself: it calls the same data-layer
 * functions as the forms (recordVisit, markAttendanceFromDevice), which validate with the
 * forms' zod schemas, check the policy and scope, and write the record and its audit row in one
 * transaction — so a resend returns the stored record and never stores a second one.
 * Answers carry message keys (messages/*.json); the route handler translates them.
 */
import 'server-only';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { recordVisit } from './visits';
import { markAttendanceFromDevice, RegisterClosedError } from './group-sessions';

export type OutboxAnswer =
  | { http: 200; body: { status: 'stored' | 'duplicate'; id: string } }
  | { http: 422; body: { status: 'invalid'; message: string; fieldErrors: Record<string, string> } }
  | { http: 400 | 403 | 404 | 409; body: { status: 'refused'; message: string } };

const envelope = z.object({
  kind: z.enum(['visit', 'attendance']),
  id: z.uuid(),
  payload: z.record(z.string(), z.unknown()),
  /** The phone's time when the kader saved it (ISO instant). */
  recordedAt: z.iso.datetime().optional(),
});

export async function receiveOutboxRecord(actor: Actor, raw: unknown): Promise<OutboxAnswer> {
  const env = envelope.safeParse(raw);
  if (!env.success) return { http: 400, body: { status: 'refused', message: 'offline.badRecord' } };
  const { kind, id, payload, recordedAt } = env.data;
  // The record's own id is the envelope's: the phone cannot send one id and store another.
  const values = { ...payload, id, recordedAt };
  try {
    if (kind === 'visit') {
      const res = await recordVisit(actor, values);
      if (!res.ok) return { http: 422, body: { status: 'invalid', message: 'visit.fixErrors', fieldErrors: res.fieldErrors as Record<string, string> } };
      return { http: 200, body: { status: res.created ? 'stored' : 'duplicate', id: res.visitId } };
    }
    const res = await markAttendanceFromDevice(actor, values);
    if (!res.ok) return { http: 422, body: { status: 'invalid', message: 'offline.attendanceInvalid', fieldErrors: res.fieldErrors as Record<string, string> } };
    return { http: 200, body: { status: res.created ? 'stored' : 'duplicate', id } };
  } catch (err) {
    // Out of scope and unknown look alike to the phone, as on the pages.
    if (err instanceof NotFoundError) return { http: 404, body: { status: 'refused', message: kind === 'visit' ? 'offline.deniedVisit' : 'offline.deniedAttendance' } };
    if (err instanceof ForbiddenError) return { http: 403, body: { status: 'refused', message: kind === 'visit' ? 'offline.deniedVisit' : 'offline.deniedAttendance' } };
    if (err instanceof RegisterClosedError) return { http: 409, body: { status: 'refused', message: 'offline.registerClosed' } };
    throw err;
  }
}
