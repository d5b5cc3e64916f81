/**
 * The part of the Auth.js configuration that needs no database: used by proxy.ts (which only
 * redirects) and extended in lib/auth/index.ts with the credentials provider.
 */
import type { NextAuthConfig } from 'next-auth';
import type { Role } from './policy';

/** Absolute lifetime of a sign-in; the idle limit is enforced on the server (session.ts). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authConfig = {
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  logger: {
    // A refused sign-in (wrong password, lockout) is expected, not a server error: the request
    // log and login_throttle record it. Anything else: one error (a JSON line from the
    // production server, docs/deploy.md §7), without Auth.js's colour codes.
    error(error) {
      if ((error as { type?: string }).type === 'CredentialsSignin' || error.name === 'CredentialsSignin') return;
      console.error(error);
    },
  },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: Role; puskesmasId: string; sessionVersion: number; sessionId: string };
        token.uid = u.id;
        token.role = u.role;
        token.pid = u.puskesmasId;
        token.sv = u.sessionVersion;
        token.sid = u.sessionId;
        // No name, phone or e-mail in the token: it is a cookie.
        delete token.name;
        delete token.email;
        delete token.picture;
      }
      return token;
    },
    session({ session, token }) {
      const s = session as unknown as Record<string, unknown>;
      s.uid = token.uid;
      s.role = token.role;
      s.pid = token.pid;
      s.sv = token.sv;
      s.sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;

export type SessionClaims = { uid: string; role: Role; pid: string; sv: number; sid: string };

export function claimsOf(session: unknown): SessionClaims | null {
  if (!session || typeof session !== 'object') return null;
  const s = session as Partial<SessionClaims>;
  if (typeof s.uid !== 'string' || typeof s.role !== 'string' || typeof s.sid !== 'string') return null;
  return s as SessionClaims;
}
