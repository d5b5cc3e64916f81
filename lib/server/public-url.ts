import 'server-only';
import { networkInterfaces } from 'node:os';
import { headers } from 'next/headers';
import { configuredOrigin, lanAddress, requestOrigin } from './forwarded.mjs';

/**
 * The site's address as its users reach it, for links a phone opens: the certificate's QR code
 * and the /aktivasi link sent on WhatsApp (issue #22). APP_URL, else AUTH_URL, else the origin
 * of the request itself (X-Forwarded-Host / Host and X-Forwarded-Proto, validated), never the
 * bind address 0.0.0.0 (replaced by this machine's LAN address). An empty string when none is
 * usable, so a link stays a path.
 */
export function publicOriginOf(h: Pick<Headers, 'get'>): string {
  return (
    configuredOrigin(process.env.APP_URL, process.env.AUTH_URL) ||
    requestOrigin({
      forwardedHost: h.get('x-forwarded-host'),
      host: h.get('host'),
      forwardedProto: h.get('x-forwarded-proto'),
      lan: lanAddress(networkInterfaces()),
    })
  );
}

/** publicOriginOf for the request being answered (pages, server actions). */
export async function publicOrigin(): Promise<string> {
  return publicOriginOf(await headers());
}
