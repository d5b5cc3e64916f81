/**
 * Counters against guessing and flooding, kept in the database so that every server instance
 * shares them. Keys are SHA-256 hashes of a kind and a value (throttleKey): never a phone
 * number or an address. Two counters, each in its own table:
 * - a failure lockout (login_throttle): failed sign-ins, activation codes and setup codes per
 *   phone or address. A run of failures ends after FAILURE_WINDOW_MINUTES without one, or once
 *   its lock has passed; reaching the caller's maximum locks the key for LOCK_MINUTES. An
 *   address may instead be slowed down to one attempt per interval (mustWait, decision 051).
 * - a fixed-window hit counter (verification_throttle): public certificate look-ups per address.
 * The two stay two tables: the lockout counts from its last failure and locks, the look-up
 * counter counts every hit in a window that starts with the first, so one table would give each
 * of them columns it never uses (issue #21 item 4 asked for one; see the commit that made this).
 * Why not rate-limiter-flexible: its PostgreSQL store needs node-postgres/knex/sequelize and
 * cannot use postgres.js or the embedded PGlite (docs/decisions/003-login-throttle.md).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { loginThrottle, verificationThrottle } from '@/db/schema';

/** A locked key stays locked this long. */
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count towards a lock. */
export const FAILURE_WINDOW_MINUTES = 60;

/**
 * What a counter counts: failed sign-ins per phone or IP, failed account activations (one-time
 * code guesses at /aktivasi) per phone or IP, and public certificate look-ups per IP ('verify').
 */
export type ThrottleKind = 'phone' | 'ip' | 'activation-phone' | 'activation-ip' | 'verify';

export const throttleKey = (kind: ThrottleKind, value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');

const minutes = (n: number) => sql.raw(`interval '${n} minutes'`);

// ---------------------------------------------------------------------------------------------
// Failure lockout (login_throttle)

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
  const window = minutes(FAILURE_WINDOW_MINUTES);
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
      .set({ lockedUntil: sql`now() + ${minutes(LOCK_MINUTES)}` })
      .where(eq(loginThrottle.key, key));
  }
}

/** Ends the run of failures of one counter (after a success); `tx` to do it inside a transaction. */
export async function clearFailures(key: string, tx?: DbOrTx): Promise<void> {
  const db = tx ?? (await getDb());
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * The key's turn when it is slowed down: false while it has fewer than `after` failures or its
 * run of failures is over; otherwise claims the next slot (one per `everySeconds`, atomically,
 * so parallel attempts do not all get through) and answers whether this attempt must wait.
 */
export async function mustWait(key: string, rule: { after: number; everySeconds: number }): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, key), sql`${loginThrottle.updatedAt} >= now() - ${minutes(FAILURE_WINDOW_MINUTES)}`));
  if (!row || row.failures < rule.after) return false;
  const claimed = await db
    .update(loginThrottle)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(loginThrottle.key, key), sql`${loginThrottle.updatedAt} < now() - ${sql.raw(`interval '${rule.everySeconds} seconds'`)}`))
    .returning({ key: loginThrottle.key });
  return claimed.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Fixed-window hit counter (verification_throttle)

/**
 * Counts one hit of `key` and answers the hits of the current window, this one included; a
 * window starts with the first hit after the previous one ended (`windowMinutes` long).
 */
export async function countHit(key: string, windowMinutes: number): Promise<number> {
  const db = await getDb();
  const expired = sql`${verificationThrottle.windowStart} < now() - ${minutes(windowMinutes)}`;
  const [row] = await db
    .insert(verificationThrottle)
    .values({ key, hits: 1 })
    .onConflictDoUpdate({
      target: verificationThrottle.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${verificationThrottle.hits} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${verificationThrottle.windowStart} end`,
      },
    })
    .returning({ hits: verificationThrottle.hits });
  return row?.hits ?? 0;
}
