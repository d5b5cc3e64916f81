import 'server-only';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';

/** One audit row by the actor, written in the caller's transaction. */
export async function audit(tx: DbOrTx, actor: Actor, action: string, entity: string, entityId: string, before: unknown, after: unknown, reason?: string | null) {
  await tx.insert(auditLog).values({
    // A district account belongs to no puskesmas.
    puskesmasId: actor.puskesmasId || null,
    userId: actor.id,
    action,
    entity,
    entityId,
    before: before ?? null,
    after: after ?? null,
    reason: reason ?? null,
  });
}
