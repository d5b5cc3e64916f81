/**
 * The language switcher posts here as a plain HTML form (no JavaScript needed): the choice is
 * kept in a cookie and on the signed-in user, then the browser reloads the page it came from,
 * so that every text and `<html lang>` follow.
 */
import { eq } from 'drizzle-orm';
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { getCurrentUser } from '@/lib/auth/session';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config';

/** Only a path of this site: never another origin ("//evil", "https://…"). */
function safeBack(value: FormDataEntryValue | null): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 512 ? value : '/';
}

export async function POST(req: NextRequest) {
  const form = await req.formData().catch(() => null);
  const locale = form?.get('locale');
  const back = safeBack(form?.get('back') ?? null);
  // A relative Location: the browser stays on the host it used (behind a proxy too).
  const res = new NextResponse(null, { status: 303, headers: { Location: back } });
  if (!isLocale(locale)) return res;
  res.cookies.set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: true,
    secure: req.nextUrl.protocol === 'https:',
  });
  const user = await getCurrentUser();
  if (user) {
    const db = await getDb();
    await db.update(users).set({ locale }).where(eq(users.id, user.id));
  }
  return res;
}
