/**
 * One-time activation codes: the one place that makes, hashes and stores them, for a newly
 * registered mother (lib/data/mothers.ts) and for a new or locked-out kader, staff or admin
 * account (lib/data/accounts.ts). Only the SHA-256 hash is stored; the code itself is shown
 * once to whoever created it, who sends it on (WhatsApp). /aktivasi (activateAccount) takes
 * any role's code.
 */
import 'server-only';
import { createHash, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { activationCodes } from '@/db/schema';

export const ACTIVATION_DAYS = 7;
/** No 0/O, 1/I/L: read aloud or typed from WhatsApp without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newActivationCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function hashActivationCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}

/**
 * A new code for `userId`, stored (hash only) in the caller's transaction. With
 * `replace`, the user's unused older codes stop working at once (they expire now; the rows
 * stay as history). Returns the code in clear: the caller shows it once and never stores it.
 */
export async function issueActivationCode(tx: DbOrTx, userId: string, createdBy: string, opts: { replace?: boolean } = {}): Promise<{ code: string; expiresAt: Date }> {
  if (opts.replace) {
    await tx
      .update(activationCodes)
      .set({ expiresAt: sql`now()` })
      .where(and(eq(activationCodes.userId, userId), isNull(activationCodes.usedAt), gt(activationCodes.expiresAt, sql`now()`)));
  }
  const code = newActivationCode();
  const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 86_400_000);
  await tx.insert(activationCodes).values({ userId, codeHash: hashActivationCode(code), expiresAt, createdBy });
  return { code, expiresAt };
}
