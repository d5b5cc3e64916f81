/**
 * Sign-in check with a lockout stored in the database (shared by every server instance):
 * 10 failed attempts in a row for one phone lock it for 15 minutes. 50 failures from one IP
 * address within the window slow that address down (decision 051): from then on an unknown
 * device there gets one attempt every IP_SLOW_SECONDS, while a device that has signed in to
 * the account before (signed device cookie, lib/auth/device.ts) is not held back by the
 * address at all. The counters are lib/data/throttle.ts (keys are SHA-256 hashes, never phone
 * numbers); their functions are exported from here too, as before.
 */
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mothers, users, userSessions } from '@/db/schema';
import { clearFailures, isLocked, mustWait, recordFailure, throttleKey } from '@/lib/data/throttle';
import { loginSchema } from '@/lib/validation/auth';
import { isKnownDevice, rememberDevice } from './device';
import { DUMMY_HASH, verifyPassword } from './password';
import type { Role } from './policy';

export const PHONE_MAX_FAILURES = 10;
export const IP_MAX_FAILURES = 50;
/** Past IP_MAX_FAILURES, an unknown device at that address gets one attempt this often. */
export const IP_SLOW_SECONDS = 30;
export { clearFailures, FAILURE_WINDOW_MINUTES, isLocked, LOCK_MINUTES, recordFailure, throttleKey, type ThrottleKind } from '@/lib/data/throttle';

export type LoginError = 'malformed' | 'invalid' | 'locked' | 'slowed';
export type LoginOk = {
  id: string;
  role: Role;
  puskesmasId: string;
  sessionVersion: number;
  sessionId: string;
};

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
  const ipKey = throttleKey('ip', ip);
  const secret = process.env.AUTH_SECRET ?? '';
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) {
    await recordAddressFailure(ipKey);
    return { ok: false, error: 'malformed' };
  }
  const { phone, password } = parsed.data;
  const phoneKey = throttleKey('phone', phone);
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
  if (!knownDevice && (await mustWait(ipKey, { after: IP_MAX_FAILURES, everySeconds: IP_SLOW_SECONDS }))) return { ok: false, error: 'slowed' };
  const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !user.active || !good) {
    await recordFailure(phoneKey, PHONE_MAX_FAILURES);
    // A known device's mistakes count for its account only, not against the whole office.
    if (!knownDevice) await recordAddressFailure(ipKey);
    return { ok: false, error: 'invalid' };
  }
  const sessionId = await db.transaction(async (tx) => {
    await clearFailures(phoneKey, tx);
    await tx
      .update(users)
      .set({ lastLoginAt: sql`now()` })
      .where(eq(users.id, user.id));
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
