/**
 * Sign-in check with a lockout stored in the database (shared by every server instance):
 * 10 failed attempts in a row for one phone lock it for 15 minutes; 50 failures from one IP
 * address within the window lock that address. Keys are SHA-256 hashes, never phone numbers.
 * Why not rate-limiter-flexible: its PostgreSQL store needs node-postgres/knex/sequelize and
 * cannot use postgres.js or the embedded PGlite (docs/decisions/003-login-throttle.md).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { loginThrottle, mothers, users, userSessions } from '@/db/schema';
import { loginSchema } from '@/lib/validation/auth';
import { DUMMY_HASH, verifyPassword } from './password';
import type { Role } from './policy';

export const PHONE_MAX_FAILURES = 10;
export const IP_MAX_FAILURES = 50;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count towards a lock. */
export const FAILURE_WINDOW_MINUTES = 60;

export type LoginError = 'malformed' | 'invalid' | 'locked';
export type LoginOk = {
  id: string;
  role: Role;
  puskesmasId: string;
  sessionVersion: number;
  sessionId: string;
};

/**
 * What a counter counts: failed sign-ins per phone or IP, and failed account activations
 * (one-time code guesses at /aktivasi) per phone or IP — the same table and the same rule.
 */
export type ThrottleKind = 'phone' | 'ip' | 'activation-phone' | 'activation-ip';

export const throttleKey = (kind: ThrottleKind, value: string) =>
  createHash('sha256').update(`${kind}:${value}`).digest('hex');
const keyOf = throttleKey;

/** True when one of the counters is locked now. */
export async function isLocked(keys: string[]): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), sql`${loginThrottle.lockedUntil} > now()`));
  return rows.length > 0;
}

/** Counts one failure (a run of failures older than the window starts again) and locks at `max`. */
export async function recordFailure(key: string, max: number): Promise<void> {
  const db = await getDb();
  const window = sql.raw(`interval '${FAILURE_WINDOW_MINUTES} minutes'`);
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.updatedAt} < now() - ${window}
          or (${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= now())
          then 1 else ${loginThrottle.failures} + 1 end`,
        lockedUntil: sql`case when ${loginThrottle.lockedUntil} <= now() then null else ${loginThrottle.lockedUntil} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  if (row && row.failures >= max) {
    await db
      .update(loginThrottle)
      .set({ lockedUntil: sql`now() + ${sql.raw(`interval '${LOCK_MINUTES} minutes'`)}` })
      .where(eq(loginThrottle.key, key));
  }
}

/** Ends the run of failures of one counter (after a success). */
export async function clearFailures(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Checks phone and password; on success opens a server-side session row. */
export async function verifyLogin(
  input: { phone?: unknown; password?: unknown },
  ip: string,
): Promise<{ ok: true; user: LoginOk } | { ok: false; error: LoginError }> {
  const ipKey = keyOf('ip', ip);
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) {
    await recordFailure(ipKey, IP_MAX_FAILURES);
    return { ok: false, error: 'malformed' };
  }
  const { phone, password } = parsed.data;
  const phoneKey = keyOf('phone', phone);
  if (await isLocked([phoneKey, ipKey])) return { ok: false, error: 'locked' };

  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      puskesmasId: users.puskesmasId,
      passwordHash: users.passwordHash,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.phone, phone))
    .limit(1);
  const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !user.active || !good) {
    await recordFailure(phoneKey, PHONE_MAX_FAILURES);
    await recordFailure(ipKey, IP_MAX_FAILURES);
    return { ok: false, error: 'invalid' };
  }
  const sessionId = await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, phoneKey));
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    const [s] = await tx.insert(userSessions).values({ userId: user.id }).returning({ id: userSessions.id });
    return s!.id;
  });
  return {
    ok: true,
    user: { id: user.id, role: user.role, puskesmasId: user.puskesmasId ?? '', sessionVersion: user.sessionVersion, sessionId },
  };
}

/** Used by the ibu section to know her own mother record. */
export async function motherIdOfUser(userId: string): Promise<string | null> {
  const db = await getDb();
  const [m] = await db.select({ id: mothers.id }).from(mothers).where(eq(mothers.userId, userId)).limit(1);
  return m?.id ?? null;
}
