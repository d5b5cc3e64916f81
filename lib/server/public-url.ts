import 'server-only';
import { isNotNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { puskesmas } from '@/db/schema';
import { puskesmasRow } from '@/lib/data/puskesmas-row';
import { configuredOrigin } from './forwarded.mjs';

/**
 * The portal's public address, for every link sent to people: the /aktivasi link on WhatsApp,
 * the certificate's QR code, reminders, share links (issue #29 point 3, decision 061).
 *
 * Only from configuration, never from the request: the puskesmas's own setting "Alamat portal"
 * (`puskesmas.public_url`, /staff/pengaturan), else APP_URL (else AUTH_URL) of the server. A
 * request's Host or X-Forwarded-Host is never used: anyone can send `X-Forwarded-Host:
 * evil.example`, and a link built from it would send a mother's activation code elsewhere.
 * An empty string when nothing is configured: the link stays a path (`/aktivasi`) and the
 * settings page and the code notices say that the address is missing.
 */

/** APP_URL, else AUTH_URL, as an origin; '' when neither is a usable address. */
export function configuredAppOrigin(): string {
  return configuredOrigin(process.env.APP_URL, process.env.AUTH_URL);
}

/**
 * The public address for links of a puskesmas: its own setting, else APP_URL. Without a
 * puskesmas (a public page such as a lesson): APP_URL, else the setting of the installation's
 * only puskesmas with one (a single-puskesmas install), else ''.
 */
export async function publicOrigin(puskesmasId?: string | null): Promise<string> {
  const db = await getDb();
  if (puskesmasId) {
    const p = await puskesmasRow(db, puskesmasId);
    return configuredOrigin(p?.publicUrl ?? undefined) || configuredAppOrigin();
  }
  const app = configuredAppOrigin();
  if (app) return app;
  const set = await db.select({ publicUrl: puskesmas.publicUrl }).from(puskesmas).where(isNotNull(puskesmas.publicUrl)).limit(2);
  return set.length === 1 ? configuredOrigin(set[0]!.publicUrl ?? undefined) : '';
}

/** The /aktivasi address sent with an activation code ('/aktivasi' when no address is configured). */
export async function activationUrlFor(puskesmasId?: string | null): Promise<string> {
  return `${await publicOrigin(puskesmasId)}/aktivasi`;
}
