/**
 * Sign-in check with a lockout stored in the database (shared by every server instance):
 * 10 failed attempts in a row for one phone lock it for 15 minutes. 50 failures from one IP
 * address within the window slow that address down (decision 051): from then on an unknown
 * device there gets one attempt every IP_SLOW_SECONDS, while a device that has signed in to
 * the account before (signed device cookie, lib/auth/device.ts) is not held back by the
 * address at all. Keys are SHA-256 hashes, never phone numbers.
 * Why not rate-limiter-flexible: its PostgreSQL store needs node-postgres/knex/sequelize and
 * cannot use postgres.js or the embedded PGlite (docs/decisions/003-login-throttle.md).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { loginThrottle, mothers, users, userSessions } from '@/db/schema';
import { loginSchema } from '@/lib/validation/auth';
import { isKnownDevice, rememberDevice } from './device';
import { DUMMY_HASH, verifyPassword } from './password';
import type { Role } from './policy';

export const PHONE_MAX_FAILURES = 10;
export const IP_MAX_FAILURES = 50;
/** Past IP_MAX_FAILURES, an unknown device at that address gets one attempt this often. */
export const IP_SLOW_SECONDS = 30;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count towards a lock. */
export const FAILURE_WINDOW_MINUTES = 60;

export type LoginError = 'malformed' | 'invalid' | 'locked' | 'slowed';
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

/**
 * The address's turn when it is slowed down: false while it is under IP_MAX_FAILURES or its run
 * of failures is over; otherwise claims the next slot (one per IP_SLOW_SECONDS, atomically, so
 * parallel attempts do not all get through) and answers whether this attempt must wait.
 */
async function mustWait(ipKey: string): Promise<boolean> {
  const db = await getDb();
  const window = sql.raw(`interval '${FAILURE_WINDOW_MINUTES} minutes'`);
  const [row] = await db
    .select({ failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, ipKey), sql`${loginThrottle.updatedAt} >= now() - ${window}`));
  if (!row || row.failures < IP_MAX_FAILURES) return false;
  const claimed = await db
    .update(loginThrottle)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(loginThrottle.key, ipKey), sql`${loginThrottle.updatedAt} < now() - ${sql.raw(`interval '${IP_SLOW_SECONDS} seconds'`)}`))
    .returning({ key: loginThrottle.key });
  return claimed.length === 0;
}

/** The address never locks (decision 051): it is slowed down past IP_MAX_FAILURES instead. */
const recordAddressFailure = (ipKey: string) => recordFailure(ipKey, Number.POSITIVE_INFINITY);

/**
 * Checks phone and password; on success opens a server-side session row and answers the new
 * value of the device cookie. `deviceCookie` is the browser's device cookie, if any.
 */
export async function verifyLogin(
  input: { phone?: unknown; password?: unknown },
  ip: string,
  deviceCookie?: string | null,
): Promise<{ ok: true; user: LoginOk; deviceCookie: string } | { ok: false; error: LoginError }> {
  const ipKey = keyOf('ip', ip);
  const secret = process.env.AUTH_SECRET ?? '';
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) {
    await recordAddressFailure(ipKey);
    return { ok: false, error: 'malformed' };
  }
  const { phone, password } = parsed.data;
  const phoneKey = keyOf('phone', phone);
  if (await isLocked([phoneKey])) return { ok: false, error: 'locked' };

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
  // A device that signed in to this account before is not held back by its address.
  const knownDevice = Boolean(user) && isKnownDevice(deviceCookie, user!.id, secret);
  if (!knownDevice && (await mustWait(ipKey))) return { ok: false, error: 'slowed' };
  const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !user.active || !good) {
    await recordFailure(phoneKey, PHONE_MAX_FAILURES);
    // A known device's mistakes count for its account only, not against the whole office.
    if (!knownDevice) await recordAddressFailure(ipKey);
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
    deviceCookie: rememberDevice(deviceCookie, user.id, secret),
  };
}

/** Used by the ibu section to know her own mother record. */
export async function motherIdOfUser(userId: string): Promise<string | null> {
  const db = await getDb();
  const [m] = await db.select({ id: mothers.id }).from(mothers).where(eq(mothers.userId, userId)).limit(1);
  return m?.id ?? null;
}
