/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"; decision 051).
 * After a successful sign-in the browser gets a signed, HttpOnly cookie that names the account
 * it signed in to: `<userId>.<issued day>.<signature>` entries, up to DEVICE_MAX_ENTRIES (a shared
 * puskesmas computer is used by several staff). A later sign-in attempt for that same account
 * from that browser is a "known device": the per-address limit does not apply to it, so a
 * puskesmas behind one NAT is not locked out by someone else's failures. The per-account limit
 * applies to every device. Pure (node:crypto only): the secret comes in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'kk_device';
export const DEVICE_MAX_ENTRIES = 5;
/** A device not used to sign in for this long is new again. */
export const DEVICE_MAX_AGE_DAYS = 180;
export const DEVICE_COOKIE_MAX_AGE_SECONDS = DEVICE_MAX_AGE_DAYS * 24 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

const signature = (secret: string, userId: string, day: number) =>
  createHmac('sha256', secret).update(`kekasihku-device-v1:${userId.toLowerCase()}:${day}`).digest('base64url');

function parse(value: string | undefined | null): { userId: string; day: number; sig: string }[] {
  if (!value || value.length > 2000) return [];
  const out: { userId: string; day: number; sig: string }[] = [];
  for (const part of value.split('~').slice(0, DEVICE_MAX_ENTRIES)) {
    const [userId, dayText, sig] = part.split('.');
    if (!userId || !UUID.test(userId) || !dayText || !/^\d{1,6}$/.test(dayText) || !sig) continue;
    out.push({ userId: userId.toLowerCase(), day: Number(dayText), sig });
  }
  return out;
}

/** Whether the cookie holds a valid, unexpired entry for this account. */
export function isKnownDevice(value: string | undefined | null, userId: string, secret: string, now: Date = new Date()): boolean {
  if (!secret) return false;
  const today = Math.floor(now.getTime() / DAY_MS);
  return parse(value).some((e) => {
    if (e.userId !== userId.toLowerCase() || e.day > today || today - e.day > DEVICE_MAX_AGE_DAYS) return false;
    const expected = Buffer.from(signature(secret, e.userId, e.day));
    const given = Buffer.from(e.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** The cookie after a successful sign-in to `userId`: its entry renewed, newest first, at most five. */
export function rememberDevice(value: string | undefined | null, userId: string, secret: string, now: Date = new Date()): string {
  const day = Math.floor(now.getTime() / DAY_MS);
  const id = userId.toLowerCase();
  const others = parse(value)
    .filter((e) => e.userId !== id)
    .map((e) => `${e.userId}.${e.day}.${e.sig}`);
  return [`${id}.${day}.${signature(secret, id, day)}`, ...others].slice(0, DEVICE_MAX_ENTRIES).join('~');
}
