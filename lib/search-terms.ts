import 'server-only';
/**
 * Search terms that may be a name or a phone number never travel in a URL (server and proxy
 * logs, browser history, Referer): the search form posts them, and they are kept for a short
 * while in an HttpOnly cookie scoped to the page that searches (docs/security.md).
 */
import { cookies } from 'next/headers';
import { isSafeLine } from '@/lib/validation/text';

const MAX_AGE_SECONDS = 30 * 60;
const name = (scope: string) => `q_${scope}`;

/** Remembers (or with an empty value forgets) the search term of a page. */
export async function rememberSearch(scope: string, path: string, value: unknown): Promise<void> {
  // A term that breaks the shared string rule (decision 052) is forgotten, never searched for.
  const q = typeof value === 'string' && isSafeLine(value) ? value.trim().slice(0, 64) : '';
  const jar = await cookies();
  if (!q) jar.delete({ name: name(scope), path });
  else
    jar.set({
      name: name(scope),
      value: q,
      path,
      httpOnly: true,
      sameSite: 'strict',
      secure: process.env.NODE_ENV === 'production' && process.env.AUTH_URL?.startsWith('https:'),
      maxAge: MAX_AGE_SECONDS,
    });
}

/** The page's remembered search term, if any. */
export async function searchOf(scope: string): Promise<string | undefined> {
  const v = (await cookies()).get(name(scope))?.value;
  return v && isSafeLine(v) ? v.slice(0, 64) : undefined;
}
