/**
 * "Does knowing matter" (issue #28 point 6): the knowledge figures of a period for the staff
 * dashboard, the kader summary, the monthly report's XLSX and the district view. Counts and sums
 * only (db/queries/knowledge-figures.ts); every share is made by lib/domain knowledgeFigures from
 * the sums, with the period semantics of decision 050 (which checks and babies count:
 * lib/domain/knowledge-figures.ts).
 *
 * Policy: 'coverage' read (staff and admin: their puskesmas, optionally a village or posyandu;
 * kader: her own posyandu), 'coverage' export for the report file, 'district' read/export for the
 * district office — per puskesmas and the kabupaten, no village or posyandu, never a name.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { posyandu, villages } from '@/db/schema';
import type { CoverageScope } from '@/db/queries/coverage-months';
import { knowledgeCountsStored } from '@/db/queries/knowledge-figures';
import { assertCan, ForbiddenError, NotFoundError, posyanduIdsOf, scopeOf, type Actor } from '@/lib/auth/policy';
import { isoToday, monthOf } from '@/lib/domain';
import { knowledgeFigures, sumKnowledgeCounts, type KnowledgeCounts, type KnowledgeFigures } from '@/lib/domain/knowledge-figures';
import { monthPeriod, periodParamSchema, type DistrictPeriod } from '@/lib/validation/district';
import { kabupatenOf, placesOf } from './district';
import { puskesmasOf } from './overview';

export type KnowledgeFiguresView = {
  period: DistrictPeriod;
  counts: KnowledgeCounts;
  figures: KnowledgeFigures;
};

const NIL = '00000000-0000-0000-0000-000000000000';

/** The babies and checks the actor may count for 'coverage', narrowed by filters of its own puskesmas. */
async function scopeFor(db: DbOrTx, actor: Actor, action: 'read' | 'export', filters: { villageId?: string | null; posyanduId?: string | null }): Promise<CoverageScope> {
  const scope = scopeOf(actor, action, 'coverage');
  if (scope === 'posyandu') {
    // A kader counts one of her own posyandu: the one asked for when it is hers, else her home one
    // (as the kader summary picks it); a kader without a posyandu counts nothing.
    const mine = posyanduIdsOf(actor);
    const own = filters.posyanduId && mine.includes(filters.posyanduId) ? filters.posyanduId : (mine[0] ?? NIL);
    return { puskesmasId: actor.puskesmasId, posyanduId: own };
  }
  if (scope !== 'puskesmas') throw new ForbiddenError(`${actor.role} may not ${action} coverage`);
  // Unknown ids (another puskesmas, deleted) are dropped, as the dashboard drops them.
  const [vs, ps] = await Promise.all([
    filters.villageId
      ? db
          .select({ id: villages.id })
          .from(villages)
          .where(and(eq(villages.id, filters.villageId), eq(villages.puskesmasId, actor.puskesmasId)))
      : Promise.resolve([]),
    filters.posyanduId
      ? db
          .select({ id: posyandu.id, villageId: posyandu.villageId })
          .from(posyandu)
          .where(and(eq(posyandu.id, filters.posyanduId), eq(posyandu.puskesmasId, actor.puskesmasId)))
      : Promise.resolve([]),
  ]);
  const villageId = vs[0]?.id ?? null;
  const posyanduId = ps[0] && (!villageId || ps[0].villageId === villageId) ? ps[0].id : null;
  return { puskesmasId: actor.puskesmasId, villageId, posyanduId };
}

/**
 * The knowledge figures of a period (a month, quarter or year; null: this month) for staff and
 * admin (their puskesmas, optionally one village or posyandu) and for a kader (her own posyandu:
 * `posyanduId` one of hers, else her home one). 'coverage' read.
 */
export async function knowledgeFiguresFor(
  actor: Actor,
  params: { period: DistrictPeriod | null; villageId?: string | null; posyanduId?: string | null },
): Promise<KnowledgeFiguresView> {
  assertCan(actor, 'read', 'coverage');
  const db = await getDb();
  const [p, scope] = await Promise.all([puskesmasOf(db, actor), scopeFor(db, actor, 'read', params)]);
  const period = params.period ?? monthPeriod(monthOf(isoToday(p.timeZone)));
  const counts = await knowledgeCountsStored(db, scope, period.from, period.to);
  return { period, counts, figures: knowledgeFigures(counts) };
}

/** The same for the monthly report's file ('coverage' export: staff and admin), optionally one village. */
export async function knowledgeFiguresForReport(actor: Actor, period: DistrictPeriod, opts: { villageId?: string | null } = {}): Promise<KnowledgeFiguresView> {
  assertCan(actor, 'export', 'coverage');
  const db = await getDb();
  const scope = await scopeFor(db, actor, 'export', { villageId: opts.villageId ?? null });
  const counts = await knowledgeCountsStored(db, scope, period.from, period.to);
  return { period, counts, figures: knowledgeFigures(counts) };
}

export type DistrictKnowledgeRow = { id: string; name: string; code: string; subdistrict: string; counts: KnowledgeCounts; figures: KnowledgeFigures };

/**
 * The district office's knowledge figures: every puskesmas of its kabupaten and the kabupaten
 * (their counts added, never percentages averaged). Aggregates per puskesmas only — no village,
 * posyandu or name (decision 046). `rawPeriod` as /dinkes takes it (`2026-10`, `2026-Q1`, `2026`;
 * empty: this month; anything else 404).
 */
export async function districtKnowledge(actor: Actor | null, rawPeriod: unknown, action: 'read' | 'export' = 'read') {
  assertCan(actor, action, 'district');
  const db = await getDb();
  // The kabupaten and its puskesmas as /dinkes reads them (policy, kabupaten scope).
  const kab = await kabupatenOf(db, actor, action, 'district');
  const places = await placesOf(db, actor, kab, action);
  const today = isoToday(places[0]?.timeZone);
  let period: DistrictPeriod;
  if (rawPeriod === undefined || rawPeriod === null || rawPeriod === '') period = monthPeriod(monthOf(today));
  else {
    const parsed = periodParamSchema.safeParse(rawPeriod);
    if (!parsed.success) throw new NotFoundError('period');
    period = parsed.data;
  }
  const perPlace = await Promise.all(places.map((p) => knowledgeCountsStored(db, { puskesmasId: p.id }, period.from, period.to)));
  const rows: DistrictKnowledgeRow[] = places.map((p, i) => ({
    id: p.id,
    name: p.name,
    code: p.code,
    subdistrict: p.subdistrict,
    counts: perPlace[i]!,
    figures: knowledgeFigures(perPlace[i]!),
  }));
  const total = sumKnowledgeCounts(perPlace);
  return { period, puskesmas: rows, total: { counts: total, figures: knowledgeFigures(total) } };
}
