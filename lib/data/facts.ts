/** Loads babies with their visits as lib/domain BabyFacts, for the rules to compute on. */
import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { VISIT_FACT_COLUMNS } from '@/db/coverage';
import { babies, visits } from '@/db/schema';
import { JOURNEY_STATUSES, type BabyFacts, type JourneyStatus, type StatusTimeline, type VisitFacts } from '@/lib/domain';

export type BabyRow = {
  id: string;
  sex: 'L' | 'P';
  birthDate: string;
  exitDate: string | null;
  exitReason: 'moved' | 'died' | 'transferred' | null;
};

const CHUNK = 1000;

/** Visits of the given babies, oldest first, grouped by baby. */
export async function visitFactsByBaby(db: DbOrTx, babyIds: readonly string[]): Promise<Map<string, VisitFacts[]>> {
  const out = new Map<string, VisitFacts[]>();
  for (let i = 0; i < babyIds.length; i += CHUNK) {
    const ids = babyIds.slice(i, i + CHUNK);
    const rows = await db
      .select({ ...VISIT_FACT_COLUMNS, babyId: visits.babyId })
      .from(visits)
      // One uuid[] parameter rather than one per id: cheaper to build and to plan for long lists.
      .where(sql`${visits.babyId} = any(${'{' + ids.join(',') + '}'}::uuid[])`)
      .orderBy(asc(visits.babyId), asc(visits.visitDate), asc(visits.receivedAt));
    for (const { babyId, ...v } of rows) {
      const list = out.get(babyId) ?? [];
      list.push(v);
      out.set(babyId, list);
    }
  }
  return out;
}

export async function babyFacts(db: DbOrTx, babies: readonly BabyRow[]): Promise<Map<string, BabyFacts>> {
  const byBaby = await visitFactsByBaby(
    db,
    babies.map((b) => b.id),
  );
  return new Map(
    babies.map((b) => [b.id, { id: b.id, sex: b.sex, birthDate: b.birthDate, exitDate: b.exitDate, exitReason: b.exitReason, visits: byBaby.get(b.id) ?? [] }]),
  );
}

/** The stored status timeline of a baby (lib/domain statusTimeline, written with every change of its visits or exit). */
export const TIMELINE_COLUMNS = {
  statusInitial: babies.statusInitial,
  statusChange1: babies.statusChange1,
  status1: babies.status1,
  statusChange2: babies.statusChange2,
  status2: babies.status2,
};

type TimelineRow = { statusInitial: string | null; statusChange1: string | null; status1: string | null; statusChange2: string | null; status2: string | null };
const isStatus = (s: string | null): s is JourneyStatus => s !== null && (JOURNEY_STATUSES as readonly string[]).includes(s);

/**
 * The timeline as lib/domain's StatusTimeline, for statusFromTimeline: a page that shows only a
 * baby's status today reads these five columns instead of every visit (issue #31). Null when
 * not computed yet (a baby written before the columns existed): the caller reads the visits.
 */
export function storedTimeline(r: TimelineRow): StatusTimeline | null {
  if (!isStatus(r.statusInitial)) return null;
  const changes: StatusTimeline['changes'] = [];
  if (r.statusChange1 && isStatus(r.status1)) changes.push({ from: r.statusChange1, status: r.status1 });
  if (r.statusChange2 && isStatus(r.status2)) changes.push({ from: r.statusChange2, status: r.status2 });
  return { initial: r.statusInitial, changes };
}
