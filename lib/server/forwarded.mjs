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
