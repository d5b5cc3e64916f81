/**
 * The policy's scopes as query conditions. Every read of mothers, babies and visits in the data
 * layer goes through `motherScope`, so a kader never sees another posyandu's mothers and staff
 * never see another puskesmas.
 */
import 'server-only';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { kaderAssignments, mothers } from '@/db/schema';
import { ForbiddenError, posyanduIdsOf, scopeOf, type Action, type Actor } from '@/lib/auth/policy';

/** Condition on `mothers` for what `actor` may `action` on mothers (and their babies). */
export function motherScope(actor: Actor, action: Action = 'read', resource: 'mothers' | 'visits' | 'certificates' | 'knowledgeChecks' = 'mothers'): SQL {
  const scope = scopeOf(actor, action, resource);
  const tenant = eq(mothers.puskesmasId, actor.puskesmasId);
  switch (scope) {
    case 'puskesmas':
      return tenant;
    case 'posyandu': {
      // "Assigned to her" as `id = any(array(…))`, evaluated once (an init plan), rather than a
      // correlated exists: OR-ed with the posyandu, the exists made PostgreSQL scan every mother
      // of the district and run the sub-query for each (78 ms at 50,000 mothers, issue #11);
      // this way both sides use an index (a bitmap OR of mothers_posyandu_idx and the key).
      const assigned = sql`${mothers.id} = any(array(select ${kaderAssignments.motherId} from ${kaderAssignments} where ${kaderAssignments.kaderId} = ${actor.id}))`;
      const own = posyanduIdsOf(actor);
      const ofPosyandu = own.length === 1 ? eq(mothers.posyanduId, own[0]!) : inArray(mothers.posyanduId, [...own]);
      return and(tenant, own.length > 0 ? or(ofPosyandu, assigned) : assigned)!;
    }
    case 'own':
      if (!actor.motherId) return sql`false`;
      return and(tenant, eq(mothers.id, actor.motherId))!;
    default:
      throw new ForbiddenError(`${actor.role} may not ${action} ${resource}`);
  }
}
