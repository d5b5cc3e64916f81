// The client's address behind a known number of reverse proxies (TRUSTED_PROXY_HOPS).
// Next keeps an X-Forwarded-For header sent by the client itself, and the login lockout
// counts failures per address (lib/auth clientIp reads the first entry), so the production
// server replaces the header with the one address it can trust:
//   hops 0 (no proxy): the socket's peer; hops 1 (nginx, a load balancer): the address that
//   proxy appended (the last entry); hops n: the n-th from the end.
// Entries further left were written by the client and are ignored.

/** @returns {string} */
export function clientAddressOf(forwardedFor, remoteAddress, hops) {
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(remoteAddress || 'unknown');
  const n = Number.isInteger(hops) && hops > 0 ? hops : 0;
  return chain[Math.max(0, chain.length - 1 - n)];
}

// The site's address as a phone reaches it (issue #22): the certificate's QR code and the
// links sent on WhatsApp need an origin a phone can open, never the bind address 0.0.0.0.

const BIND_ADDRESSES = new Set(['0.0.0.0', '::', '[::]', '']);

/** The first non-internal IPv4 address of this machine (what a phone on the same Wi-Fi uses). */
export function lanAddress(interfaces) {
  for (const list of Object.values(interfaces ?? {})) {
    for (const a of list ?? []) {
      if (a && (a.family === 'IPv4' || a.family === 4) && !a.internal && a.address && !a.address.startsWith('169.254.')) return a.address;
    }
  }
  return null;
}

const HOST_RE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * The origin of a request from its X-Forwarded-Host / Host and X-Forwarded-Proto (validated:
 * a host name or address with an optional port, http or https). A bind address (0.0.0.0, ::)
 * is replaced by `lan` (this machine's LAN address) when known. '' when nothing is usable.
 */
export function requestOrigin({ forwardedHost, host, forwardedProto, lan } = {}) {
  const first = (v) => (typeof v === 'string' ? v.split(',')[0].trim() : '');
  const proto = first(forwardedProto).toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  for (const candidate of [first(forwardedHost), first(host)]) {
    if (!candidate || candidate.length > 260) continue;
    const m = HOST_RE.exec(candidate);
    if (!m) continue;
    const port = m[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) continue;
    const hostname = port === undefined ? candidate : candidate.slice(0, -(port.length + 1));
    if (BIND_ADDRESSES.has(hostname)) {
      if (!lan) continue;
      return `${scheme}://${lan}${port ? `:${port}` : ''}`;
    }
    return `${scheme}://${candidate.toLowerCase()}`;
  }
  return '';
}

/** A configured origin (APP_URL, AUTH_URL), or '' when it is missing, not a URL, or a bind address. */
export function configuredOrigin(...values) {
  for (const value of values) {
    if (!value) continue;
    try {
      const u = new URL(value);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && !BIND_ADDRESSES.has(u.hostname)) return u.origin;
    } catch {
      // not a URL: ignore
    }
  }
  return '';
}
