import 'server-only';
import { headers } from 'next/headers';

/**
 * The site's address as its users reach it, for links sent on WhatsApp (the /aktivasi link with
 * an activation code): APP_URL, else AUTH_URL, else this request's Host and X-Forwarded-Proto.
 * An empty string when none is usable, so the link stays a path.
 */
export async function publicOrigin(): Promise<string> {
  for (const value of [process.env.APP_URL, process.env.AUTH_URL]) {
    if (!value) continue;
    try {
      return new URL(value).origin;
    } catch {
      // not a URL: ignore
    }
  }
  const h = await headers();
  const host = h.get('host');
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return host && /^[\w.:[\]-]+$/.test(host) && /^https?$/.test(proto) ? `${proto}://${host}` : '';
}
