/** Loads babies with their visits as lib/domain BabyFacts, for the rules to compute on. */
import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { VISIT_FACT_COLUMNS } from '@/db/coverage';
import { visits } from '@/db/schema';
import type { BabyFacts, VisitFacts } from '@/lib/domain';

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
