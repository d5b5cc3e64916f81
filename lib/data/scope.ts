/**
 * The policy's scopes as query conditions. Every read of mothers, babies and visits in the data
 * layer goes through `motherScope`, so a kader never sees another posyandu's mothers and staff
 * never see another puskesmas.
 */
import 'server-only';
import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { kaderAssignments, mothers } from '@/db/schema';
import { ForbiddenError, scopeOf, type Action, type Actor } from '@/lib/auth/policy';

/** Condition on `mothers` for what `actor` may `action` on mothers (and their babies). */
export function motherScope(actor: Actor, action: Action = 'read', resource: 'mothers' | 'visits' | 'certificates' = 'mothers'): SQL {
  const scope = scopeOf(actor, action, resource);
  const tenant = eq(mothers.puskesmasId, actor.puskesmasId);
  switch (scope) {
    case 'puskesmas':
      return tenant;
    case 'posyandu': {
      const assigned = exists(
        sql`(select 1 from ${kaderAssignments} where ${kaderAssignments.motherId} = ${mothers.id} and ${kaderAssignments.kaderId} = ${actor.id})`,
      );
      return and(tenant, actor.posyanduId ? or(eq(mothers.posyanduId, actor.posyanduId), assigned) : assigned)!;
    }
    case 'own':
      if (!actor.motherId) return sql`false`;
      return and(tenant, eq(mothers.id, actor.motherId))!;
    default:
      throw new ForbiddenError(`${actor.role} may not ${action} ${resource}`);
  }
}
