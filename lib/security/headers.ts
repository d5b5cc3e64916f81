/**
 * Security headers, in one place (docs/decisions/035-security-headers.md).
 * - Pages get a Content-Security-Policy with a fresh nonce per request (set by proxy.ts):
 *   scripts only from this origin and with the nonce, no `unsafe-inline` scripts, no framing.
 *   Styles keep 'unsafe-inline' for style attributes (React `style`, charts).
 * - Every response gets the static headers below (next.config.ts).
 * - Signed-in sections are health pages: never cached (`no-store`).
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    `default-src 'self'`,
    // React's development build evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `manifest-src 'self'`,
    `worker-src 'self'`,
  ].join('; ');
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Sent with every response (pages, route handlers, static files). */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  // Browsers honour HSTS only over HTTPS, so it is harmless on a local http:// start.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Never tell another site which page (and so which record) a link was followed from.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** Pages of the signed-in sections hold health data: not kept by browsers or proxies. */
export const NO_STORE = 'private, no-store, max-age=0';

/**
 * Same origin for a route handler's POST (server actions check this themselves): the Origin
 * header, which every browser sends on a POST, names the host the request came to.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
