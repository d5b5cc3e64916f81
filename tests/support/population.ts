/**
 * A synthetic population of babies with random visits (breaks, late reports, confirmations,
 * exits, same-day visits, month-end births), deterministic for a seed. Used by the test that
 * holds the SQL equal to lib/domain and by the benchmarks at district scale.
 */
import { Rng } from '@/db/seed/random';
import type { DbOrTx } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { babies, knowledgeChecks, mothers, posyandu, puskesmas, users, villages, visits } from '@/db/schema';
import {
  addDays,
  BREAK_REASONS,
  COUNSELLING_CODES,
  fiveMonthDate,
  KNOWLEDGE_ANSWERS,
  KNOWLEDGE_STATEMENTS,
  RECALL_ITEMS,
  scoreKnowledge,
  type BabyFacts,
  type VisitFacts,
} from '@/lib/domain';

/** A knowledge check of the generated baby's mother (source 'kader', at one of its visits). */
export type GeneratedCheck = { id: string; visitId: string; takenOn: string; answers: Record<string, string> };

export type GeneratedBaby = {
  villageIdx: number;
  posyanduIdx: number;
  baby: BabyFacts & { id: string; visits: (VisitFacts & { id: string })[] };
  /** With `knowledge`: counselling topics per visit id, and the mother's checks. */
  counselling?: Record<string, string[]>;
  checks?: GeneratedCheck[];
};

export type PopulationOptions = {
  babies: number;
  seed: number;
  /** Births spread from start − 180 days to start + spanDays − 180. */
  start: string;
  spanDays: number;
  /** No visit or exit after this day. */
  today: string;
  villages: number;
  posyanduPerVillage: number;
  /** Up to this many visits per baby (1 + a uniform draw below it); default 8. */
  maxVisits?: number;
  /**
   * Counselling on visits and knowledge checks (a baseline at the first visit, an endline at the
   * first visit from the 5-month date), from a generator of their own: the babies and visits are
   * the same with or without it (issue #28; the dashboard bench).
   */
  knowledge?: boolean;
};

function uuid(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function generatePopulation(o: PopulationOptions): GeneratedBaby[] {
  const r = new Rng(o.seed);
  const out: GeneratedBaby[] = [];
  for (let i = 0; i < o.babies; i++) {
    let birth = addDays(o.start, Math.floor(r.next() * o.spanDays) - 180);
    // Extra weight on the 29th–31st and leap day.
    if (r.chance(0.08)) birth = r.pick(['2024-08-31', '2024-12-31', '2025-03-31', '2025-05-30', '2025-10-31', '2024-02-29', '2025-08-29', '2026-01-31']);
    const vs: (VisitFacts & { id: string })[] = [];
    const nVisits = r.chance(0.1) ? 0 : 1 + Math.floor(r.next() * (o.maxVisits ?? 8));
    for (let k = 0; k < nVisits; k++) {
      const visitDate = addDays(birth, Math.floor(r.next() * 220) + 1);
      if (visitDate > o.today) continue;
      const breakKind = r.next();
      const items: string[] = [];
      if (breakKind < 0.12) items.push(r.pick(RECALL_ITEMS));
      if (breakKind < 0.03) items.push(r.pick(['ors', 'vitamins', 'medicine']));
      const givenSinceLast = r.chance(0.08);
      vs.push({
        id: uuid(r),
        visitDate,
        breastfed: !r.chance(0.04),
        recallItems: items,
        givenSinceLast,
        givenSinceLastDate: givenSinceLast && r.chance(0.7) ? addDays(visitDate, -Math.floor(r.next() * 60)) : null,
        confirmedExclusive: r.chance(0.5) ? r.chance(0.85) : null,
        breakReason: r.chance(0.5) ? r.pick(BREAK_REASONS) : null,
      });
      // A second visit on the same day now and then.
      if (r.chance(0.03)) vs.push({ ...vs[vs.length - 1]!, id: uuid(r), recallItems: r.chance(0.5) ? [] : ['formula'] });
    }
    let exitDate: string | null = null;
    if (r.chance(0.07)) {
      exitDate = addDays(birth, Math.floor(r.next() * 240));
      if (exitDate > o.today) exitDate = null;
    }
    const villageIdx = Math.floor(r.next() * o.villages);
    out.push({
      villageIdx,
      posyanduIdx: villageIdx * o.posyanduPerVillage + Math.floor(r.next() * o.posyanduPerVillage),
      baby: {
        id: uuid(r),
        sex: r.chance(0.5) ? 'L' : 'P',
        birthDate: birth,
        exitDate,
        exitReason: exitDate ? r.pick(['moved', 'died', 'transferred'] as const) : null,
        visits: vs,
      },
    });
  }
  if (o.knowledge) addKnowledge(out, new Rng(`${o.seed}-knowledge`));
  return out;
}

function addKnowledge(gen: GeneratedBaby[], r: Rng) {
  for (const g of gen) {
    const vs = [...g.baby.visits].sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0));
    g.counselling = Object.fromEntries(vs.map((v) => [v.id, r.sample(COUNSELLING_CODES, r.int(0, 3))]));
    g.checks = [];
    // How likely the mother answers a statement right: baseline lower, endline higher.
    const skill = 0.35 + r.next() * 0.45;
    const check = (v: (typeof vs)[number], p: number) =>
      g.checks!.push({
        id: uuid(r),
        visitId: v.id,
        takenOn: v.visitDate,
        answers: Object.fromEntries(KNOWLEDGE_STATEMENTS.map((s) => [s.id, r.chance(p) ? s.correct : r.pick(KNOWLEDGE_ANSWERS)])),
      });
    const first = vs[0];
    if (first && r.chance(0.85)) check(first, skill);
    const five = fiveMonthDate(g.baby.birthDate);
    const late = vs.find((v) => v !== first && v.visitDate >= five);
    if (late && r.chance(0.8)) check(late, Math.min(0.95, skill + 0.2));
  }
}

/** Inserts a puskesmas with its villages and posyandu, and the population, in batches. */
export async function insertPopulation(
  db: DbOrTx,
  gen: GeneratedBaby[],
  o: { code: string; villages: number; posyanduPerVillage: number; batch?: number },
): Promise<{ puskesmasId: string; villageIds: string[]; posyanduIds: string[] }> {
  const batch = o.batch ?? 1000;
  const [p] = await db
    .insert(puskesmas)
    .values({ code: o.code, name: `Puskesmas ${o.code}`, district: 'Bogor', subdistrict: o.code, province: 'Jawa Barat', visitWindows: [] })
    .returning();
  const puskesmasId = p!.id;
  const [staff] = await db
    .insert(users)
    .values({
      puskesmasId,
      role: 'staff',
      name: `Petugas ${o.code}`,
      phone: `+62811${String(Math.abs(hash(o.code)))
        .padStart(8, '0')
        .slice(0, 8)}`,
    })
    .returning();
  const villageIds: string[] = [];
  const posyanduIds: string[] = [];
  for (let v = 0; v < o.villages; v++) {
    const [vil] = await db
      .insert(villages)
      .values({ puskesmasId, name: `Desa ${v + 1}` })
      .returning();
    villageIds.push(vil!.id);
    for (let k = 0; k < o.posyanduPerVillage; k++) {
      const [pos] = await db
        .insert(posyandu)
        .values({ puskesmasId, villageId: vil!.id, name: `Posyandu ${v + 1}.${k + 1}` })
        .returning();
      posyanduIds.push(pos!.id);
    }
  }
  const now = new Date();
  for (let i = 0; i < gen.length; i += batch) {
    const slice = gen.slice(i, i + batch);
    const ms = await db
      .insert(mothers)
      .values(
        slice.map((g, j) => ({
          puskesmasId,
          villageId: villageIds[g.villageIdx]!,
          posyanduId: posyanduIds[g.posyanduIdx]!,
          name: `Ibu ${i + j}`,
          consentAt: now,
          consentTextVersion: 'synthetic',
          consentRecordedBy: staff!.id,
          createdBy: staff!.id,
        })),
      )
      .returning({ id: mothers.id });
    await db.insert(babies).values(
      slice.map((g, j) => ({
        id: g.baby.id,
        puskesmasId,
        motherId: ms[j]!.id,
        sex: g.baby.sex,
        birthDate: g.baby.birthDate,
        exitDate: g.baby.exitDate,
        exitReason: g.baby.exitReason ?? null,
        // Registered the day after birth, one in ten late (day 45: its first two windows closed
        // before, decision 060), at 10.00 WIB.
        createdAt: new Date(`${addDays(g.baby.birthDate, registrationDay(g.baby.id))}T03:00:00Z`),
      })),
    );
    const vrows = slice.flatMap((g) =>
      g.baby.visits.map((v) => ({
        id: v.id,
        puskesmasId,
        babyId: g.baby.id,
        kaderId: staff!.id,
        visitDate: v.visitDate,
        breastfed: v.breastfed,
        recallItems: [...v.recallItems],
        givenSinceLast: v.givenSinceLast,
        givenSinceLastDate: v.givenSinceLastDate,
        confirmedExclusive: v.confirmedExclusive,
        breakReason: v.breakReason,
        counselling: (v.id && g.counselling?.[v.id]) || [],
      })),
    );
    for (let k = 0; k < vrows.length; k += batch) await db.insert(visits).values(vrows.slice(k, k + batch));
    const krows = slice.flatMap((g, j) =>
      (g.checks ?? []).map((c) => {
        const score = scoreKnowledge(c.answers);
        return {
          id: c.id,
          puskesmasId,
          motherId: ms[j]!.id,
          babyId: g.baby.id,
          visitId: c.visitId,
          source: 'kader',
          takenOn: c.takenOn,
          answers: c.answers,
          score: score.score,
          total: score.total,
          correct: score.correct,
          recordedBy: staff!.id,
        };
      }),
    );
    for (let k = 0; k < krows.length; k += batch) await db.insert(knowledgeChecks).values(krows.slice(k, k + batch));
    // The derived coverage rows, as every write of lib/data stores them (db/coverage.ts).
    await refreshCoverage(
      db,
      slice.map((g) => g.baby.id),
    );
  }
  return { puskesmasId, villageIds, posyanduIds };
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** The day of age a generated baby was registered on (insertPopulation): 45 for about one in ten, else 1. */
export function registrationDay(babyId: string): number {
  return parseInt(babyId.replace(/-/g, '').slice(-2), 16) % 10 === 0 ? 45 : 1;
}
