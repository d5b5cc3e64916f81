/**
 * The session cookie's claims, decoded once per token and process (issue #31, decision 063).
 *
 * Auth.js's `auth()` answers through its whole session endpoint on every call: it derives the
 * encryption key from AUTH_SECRET (HKDF), decrypts the JWE, then re-encrypts a new token (with a
 * key derived again) to slide the cookie's expiry. proxy.ts and the page both called it, so one
 * page view paid four key derivations and four JWE operations. Here the cookie is decoded with
 * Auth.js's own `decode` (same key, same algorithms, same 15 s clock tolerance) and the claims are
 * kept by token until the token's own `exp`.
 *
 * What this cache holds is what the token holds (ids, role, session version; never a name or
 * phone), keyed by the whole encrypted token: only someone who sends that cookie gets its claims
 * back, and whether the session still stands is checked against the database on every request
 * (lib/auth/session.ts), so a sign-out or a disabled account ends it at once on every instance.
 *
 * The cookie is no longer re-issued on every request: the JWT's `exp` stays what sign-in set, so
 * the 12-hour absolute limit of decision 002 holds as written (the idle limit is the database's).
 */
import { decode } from 'next-auth/jwt';
import { authConfig, claimsOf, type SessionClaims } from './auth.config';

/** Auth.js's session cookie names: `__Secure-` when the site is served over https. */
const NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

type Cookie = { name: string; value: string };
export type CookieJar = { getAll(): Cookie[] };

/** The session token in a cookie jar (Auth.js splits tokens over 4 KB into `name.0`, `name.1`…). */
export function sessionTokenOf(jar: CookieJar): { name: string; value: string } | null {
  const all = jar.getAll();
  for (const name of NAMES) {
    const whole = all.find((c) => c.name === name);
    if (whole?.value) return { name, value: whole.value };
    const chunks = all
      .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length) return { name, value: chunks.map((c) => c.value).join('') };
  }
  return null;
}

const MAX_ENTRIES = 5_000;
const memo = new Map<string, { claims: SessionClaims; expMs: number }>();

/** The claims of a session token, or null (no token, not ours, tampered with, expired). */
export async function claimsOfToken(token: { name: string; value: string } | null, nowMs = Date.now()): Promise<SessionClaims | null> {
  if (!token) return null;
  const key = `${token.name}\u0000${token.value}`;
  const hit = memo.get(key);
  if (hit) {
    if (hit.expMs > nowMs) return hit.claims;
    memo.delete(key);
    return null;
  }
  const secret = authConfig.secret;
  if (!secret) return null;
  let payload: { exp?: unknown } | null = null;
  try {
    payload = await decode({ token: token.value, secret, salt: token.name });
  } catch {
    return null; // not a token of this secret, or expired
  }
  const c = claimsOf(payload);
  // The session's claims only (whatever else the token carries is not kept).
  const claims: SessionClaims | null = c ? { uid: c.uid, role: c.role, pid: c.pid, sv: c.sv, sid: c.sid } : null;
  // Only valid tokens are kept (a flood of made-up cookies cannot fill the memory), each until
  // its own expiry; at the bound the oldest entry goes first.
  if (claims && typeof payload?.exp === 'number') {
    if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(key, { claims, expMs: payload.exp * 1000 });
  }
  return claims;
}
