/**
 * The signed-in user, checked against the database on every request: the user must still be
 * active, the token's session version must match the user row (raised by logout-everywhere,
 * disabling or a password change) and the session row must be open and used within the idle
 * limit. Everything else in the data layer takes the Actor this returns.
 */
import 'server-only';
import { cache } from 'react';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getDb, jsonColumn, type Db } from '@/db/client';
import { kaderPosyandu, mothers, posyandu, users, userSessions } from '@/db/schema';
import { placesOf } from './kader-places';
import { claimsOfToken, sessionTokenOf } from './session-token';
import { ForbiddenError, HOME_OF, NotFoundError, type Actor, type Role } from './policy';
import { loginPathFor } from './return-to';

import { IDLE_TIMEOUT_MINUTES } from './session-config';

export { IDLE_TIMEOUT_MINUTES };

export type CurrentUser = Actor & { name: string; sessionId: string; locale: 'id' | 'en' };

/**
 * The session check of every request as a prepared query (issue #31): its SQL is built once per
 * database handle instead of on each request; the database still answers on every request.
 */
const preparedCheck = new WeakMap<Db, ReturnType<typeof prepareCheck>>();
function prepareCheck(db: Db) {
  return db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      puskesmasId: users.puskesmasId,
      kabupatenId: users.kabupatenId,
      posyanduId: users.posyanduId,
      villageId: users.villageId,
      active: users.active,
      sessionVersion: users.sessionVersion,
      locale: users.locale,
      motherId: mothers.id,
      sessionOpen: sql<boolean>`${userSessions.id} is not null`,
      lastSeenAt: userSessions.lastSeenAt,
      // A kader's posyandu (issue #18: one or more) in the same query (issue #31): the rows of
      // kader_posyandu (primary key kader_id, posyandu_id), ordered as kaderPlaces orders them.
      assigned: sql<{ id: string; villageId: string }[] | null>`case when ${users.role} = 'kader' then (
        select json_agg(json_build_object('id', p.id, 'villageId', p.village_id) order by p.name)
        from ${kaderPosyandu} kp join ${posyandu} p on p.id = kp.posyandu_id where kp.kader_id = ${users.id}) end`,
    })
    .from(users)
    .leftJoin(mothers, eq(mothers.userId, users.id))
    .leftJoin(
      userSessions,
      and(
        eq(userSessions.id, sql.placeholder('sid')),
        eq(userSessions.userId, users.id),
        isNull(userSessions.revokedAt),
        sql`${userSessions.lastSeenAt} > now() - ${sql.raw(`interval '${IDLE_TIMEOUT_MINUTES} minutes'`)}`,
      ),
    )
    .where(eq(users.id, sql.placeholder('uid')))
    .limit(1)
    .prepare('current_user_session');
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // The cookie's claims, decoded once per token (lib/auth/session-token.ts); whether the session
  // still stands is the database's answer below, on every request.
  const claims = await claimsOfToken(sessionTokenOf(await cookies()));
  if (!claims) return null;
  const db = await getDb();
  let check = preparedCheck.get(db);
  if (!check) preparedCheck.set(db, (check = prepareCheck(db)));
  const [row] = await check.execute({ uid: claims.uid, sid: claims.sid });
  if (!row || !row.active || row.sessionVersion !== claims.sv || !row.sessionOpen) return null;
  // A kader's posyandu (issue #18: one or more): her home posyandu first, then the others.
  const places = row.role === 'kader' ? placesOf(row, jsonColumn(row.assigned) ?? []) : null;
  // Sliding idle limit: refresh at most once a minute.
  if (row.lastSeenAt && Date.now() - new Date(row.lastSeenAt).getTime() > 60_000) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(userSessions.id, claims.sid));
  }
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    // A district account (dinkes) belongs to no puskesmas: '' matches no record's puskesmas.
    puskesmasId: row.puskesmasId ?? '',
    kabupatenId: row.kabupatenId,
    posyanduId: row.posyanduId,
    villageId: row.villageId,
    motherId: row.motherId,
    ...(places ?? {}),
    sessionId: claims.sid,
    locale: row.locale,
  };
});

/**
 * For pages: the user, or a redirect to sign-in that returns to this page afterwards (the
 * proxy sets `x-pathname` itself, lib/auth/return-to.ts validates it). With roles: a 403 for
 * any other role.
 */
export async function requireUser(roles?: readonly Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPathFor((await headers()).get('x-pathname')));
  if (roles && !roles.includes(user.role)) forbidden();
  return user;
}

/** For pages: turns the data layer's ForbiddenError / NotFoundError into a 403 / 404 page. */
export async function orDenied<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export function homeOf(role: Role): string {
  return HOME_OF[role];
}

/** Ends this sign-in on the server (the cookie is cleared by signOut). */
export async function revokeSession(sessionId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(eq(userSessions.id, sessionId));
}
