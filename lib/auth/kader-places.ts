/**
 * The posyandu a kader works in (issue #18: one or more) and their villages, her home posyandu
 * first: what scopes her records (policy `posyandu` and `village` scopes). Used by the session
 * (lib/auth/session.ts) and by the tests' actors, so both build the same Actor.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { kaderPosyandu, posyandu } from '@/db/schema';

export async function kaderPlaces(
  db: DbOrTx,
  kader: { id: string; posyanduId: string | null; villageId: string | null },
): Promise<{ posyanduIds: string[]; villageIds: string[] }> {
  const assigned = await db
    .select({ id: posyandu.id, villageId: posyandu.villageId })
    .from(kaderPosyandu)
    .innerJoin(posyandu, eq(posyandu.id, kaderPosyandu.posyanduId))
    .where(eq(kaderPosyandu.kaderId, kader.id))
    .orderBy(posyandu.name);
  return placesOf(kader, assigned);
}

/** Her home posyandu and village first, then those she is assigned to (ordered by posyandu name). */
export function placesOf(
  kader: { posyanduId: string | null; villageId: string | null },
  assigned: readonly { id: string; villageId: string }[],
): { posyanduIds: string[]; villageIds: string[] } {
  return {
    posyanduIds: [...new Set([...(kader.posyanduId ? [kader.posyanduId] : []), ...assigned.map((a) => a.id)])],
    villageIds: [...new Set([...(kader.villageId ? [kader.villageId] : []), ...assigned.map((a) => a.villageId)])],
  };
}
