/**
 * Auth.js v5 (next-auth 5.0.0-beta.32): credentials sign-in by phone and password, JWT
 * session carrying only ids, role and session version. The server re-checks the user row and
 * the session row on every request (lib/auth/session.ts).
 */
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { authConfig } from './auth.config';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from './device';
import type { LoginError } from './login';

class LoginFailed extends CredentialsSignin {
  constructor(code: LoginError) {
    super();
    this.code = code;
  }
}

/** The client address as the reverse proxy (or Next's own server) reports it. */
export function clientIp(headers: Headers): string {
  const fwd = headers.get('x-forwarded-for');
  if (fwd) return fwd.split(',')[0]!.trim();
  return headers.get('x-real-ip') ?? 'unknown';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { phone: {}, password: {} },
      async authorize(credentials, request) {
        const { verifyLogin } = await import('./login');
        const jar = await cookies();
        const result = await verifyLogin({ phone: credentials?.phone, password: credentials?.password }, clientIp(request.headers), jar.get(DEVICE_COOKIE)?.value);
        if (!result.ok) throw new LoginFailed(result.error);
        // The device cookie (decision 051): signed, HttpOnly, names only account ids.
        jar.set({
          name: DEVICE_COOKIE,
          value: result.deviceCookie,
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: process.env.NODE_ENV === 'production' && Boolean(process.env.AUTH_URL?.startsWith('https:') || process.env.APP_URL?.startsWith('https:')),
          maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
        });
        return { ...result.user };
      },
    }),
  ],
});
