/**
 * Runs before every page, prefetches included (issue #22): (1) a fresh CSP nonce per request,
 * passed to Next.js on the request (it puts the nonce on its own scripts) and sent as the
 * response's Content-Security-Policy; (2) anonymous visitors of a signed-in section go to
 * /login?ke=<the page> (lib/auth/return-to.ts: sign-in returns there); (3) section pages are
 * `no-store`.
 * Every real check is in the data layer and in each page (requireUser), which checks the
 * session against the database and answers 403 for another role's section; "/" and /login
 * send a signed-in user to the home of their role themselves; (4) the page's path for the
 * root layout, which leads every page to /pasang while no puskesmas exists (issue #18).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { sectionOf } from '@/lib/auth/policy';
import { loginPathFor } from '@/lib/auth/return-to';
import { claimsOfToken, sessionTokenOf } from '@/lib/auth/session-token';
import { contentSecurityPolicy, newNonce, NO_STORE } from '@/lib/security/headers';

// The session cookie is read with the page's own decoder, once per token (decision 063), not
// through Auth.js's session endpoint, which re-encrypted and re-sent the cookie on every request.
export default async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const section = sectionOf(pathname);
  if (section && !(await claimsOfToken(sessionTokenOf(req.cookies)))) {
    const res = NextResponse.redirect(new URL(loginPathFor(pathname), req.nextUrl));
    res.headers.set('Content-Security-Policy', contentSecurityPolicy(newNonce()));
    return res;
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // The page's path, for the first-run redirect to /pasang in app/layout.tsx (set, never taken
  // from the client).
  requestHeaders.set('x-pathname', pathname);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  if (section || pathname === '/akun') res.headers.set('Cache-Control', NO_STORE);
  return res;
}

export const config = {
  // Every page, prefetch requests (`Next-Router-Prefetch`, `Purpose: prefetch`) included: their
  // answers carry the CSP too (issue #22). Not route handlers (they answer files and JSON and set
  // their own headers) or Next's static files.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icons/|manifest.webmanifest|sw.js).*)'],
};
