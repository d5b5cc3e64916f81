/**
 * The puskesmas's own settings that pages read on almost every request (its time zone, visit
 * windows and their changes, public address, names), in one query per request and database
 * handle (issue #31: pages read them from three to five places, each a query of its own).
 * React `cache` keeps it for one server render only: a write is seen by the next request on every
 * instance, and nothing is kept between users or requests.
 */
import 'server-only';
import { cache } from 'react';
import { eq, sql } from 'drizzle-orm';
import { jsonColumn, type DbOrTx } from '@/db/client';
import { puskesmas, visitWindowSettings, type VisitWindowSetting } from '@/db/schema';

export type WindowSettingRow = { effectiveFrom: string; windows: VisitWindowSetting[] };

export const puskesmasRow = cache(async function puskesmasRow(db: DbOrTx, puskesmasId: string) {
  // A district account belongs to no puskesmas ('' is no uuid).
  if (!puskesmasId) return null;
  const [p] = await db
    .select({
      id: puskesmas.id,
      name: puskesmas.name,
      code: puskesmas.code,
      timeZone: puskesmas.timeZone,
      visitWindows: puskesmas.visitWindows,
      publicUrl: puskesmas.publicUrl,
      signatoryName: puskesmas.signatoryName,
      // The changes of the visit windows (docs/decisions/043), oldest first, as windowsInForce reads them.
      windowSettings: sql<
        WindowSettingRow[] | string | null
      >`(select json_agg(json_build_object('effectiveFrom', s.effective_from, 'windows', s.windows) order by s.effective_from)
        from ${visitWindowSettings} s where s.puskesmas_id = ${puskesmas.id})`,
    })
    .from(puskesmas)
    .where(eq(puskesmas.id, puskesmasId));
  if (!p) return null;
  return { ...p, windowSettings: jsonColumn(p.windowSettings) ?? [] };
});
