/**
 * Sign-in returns to the page that was asked for (issue #23 item 4). The proxy and
 * requireUser send an anonymous visitor to `/login?ke=<path>`; after sign-in the user goes
 * there when her role may open it, else to her role's home. Only a same-origin path is kept:
 * it starts with one "/", has no backslash, no scheme, no control or hidden characters, no
 * query or fragment (a query could carry a search term; paths here hold ids only), and is not
 * /login or /api. Pure: used by proxy.ts (edge) and the login page/action.
 */
import { HOME_OF, SECTION_ROLES, sectionOf, type Role } from './policy';

export const RETURN_PARAM = 'ke';
export const RETURN_PATH_MAX = 300;

/** Pages outside the sections that any signed-in user may open. */
const SIGNED_IN_PAGES = ['/akun'];

/** The path when it is a safe same-origin page path, else null. */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > RETURN_PATH_MAX) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  // Printable ASCII path characters only (ids, slugs, percent escapes): no control, space,
  // hidden or bidi characters, no query, no fragment.
  if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(raw)) return null;
  if (/%(?![0-9A-Fa-f]{2})/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://kekasihku.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://kekasihku.invalid' || url.pathname !== raw) return null;
  // Decoded, the path must not turn into another origin or climb out ("/%2F%2Fevil", "/..").
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.startsWith('//') || decoded.includes('\\') || /[\u0000-\u001F\u007F]/.test(decoded) || /(^|\/)\.\.?(\/|$)/.test(decoded)) return null;
  if (raw === '/login' || raw.startsWith('/login/') || raw === '/api' || raw.startsWith('/api/') || raw.startsWith('/_next/')) return null;
  return raw;
}

/** Whether a signed-in user of this role may open the path (the page checks again). */
export function roleMayOpen(role: Role, path: string): boolean {
  const section = sectionOf(path);
  if (section) return SECTION_ROLES[section].includes(role);
  return SIGNED_IN_PAGES.includes(path);
}

/** Where a user of this role goes after sign-in, given the (untrusted) requested path. */
export function afterSignIn(role: Role, requested: unknown): string {
  const path = safeReturnPath(requested);
  return path && roleMayOpen(role, path) ? path : HOME_OF[role];
}

/** The sign-in address that remembers a requested path (or plain /login). */
export function loginPathFor(requested: unknown): string {
  const path = safeReturnPath(requested);
  return path && path !== '/' ? `/login?${RETURN_PARAM}=${encodeURIComponent(path)}` : '/login';
}
