/**
 * Redirects only: a visitor without a session cookie who opens a signed-in section goes to
 * /login. Every real check is in the data layer and in each page (requireUser), which checks
 * the session against the database and answers 403 for another role's section; "/" and
 * /login send a signed-in user to the home of their role themselves.
 */
import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { authConfig, claimsOf } from '@/lib/auth/auth.config';
import { sectionOf } from '@/lib/auth/policy';

const { auth } = NextAuth(authConfig);

export default auth((req) => {
  const { pathname } = req.nextUrl;
  const claims = claimsOf(req.auth);
  if (!claims) {
    if (sectionOf(pathname)) return NextResponse.redirect(new URL('/login', req.nextUrl));
    return NextResponse.next();
  }
  return NextResponse.next();
});

export const config = {
  matcher: ['/staff/:path*', '/kader/:path*', '/ibu/:path*', '/forum/:path*'],
};
