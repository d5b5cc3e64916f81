/**
 * The SQL of db/queries/indicators.ts must count exactly what lib/domain counts: a generated
 * population of 2,400 babies with random visits (breaks, late reports, confirmations, exits,
 * twins, same-day visits), every month over 20 months, per village and in total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { babies, mothers, posyandu, puskesmas, users, villages, visits } from '@/db/schema';
import { statusCountsSql, indicatorsForMonthSql } from '@/db/queries/indicators';
import {
  addDays,
  BREAK_REASONS,
  indicatorsForMonth,
  journeyStatus,
  RECALL_ITEMS,
  sixMonthDate,
  type BabyFacts,
  type VisitFacts,
} from '@/lib/domain';
import { BACKENDS, useDatabase, type TestDb } from './support';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BABIES = 2400;
const START = '2025-01-01';
const TODAY = '2026-09-30';
const MONTHS: { year: number; month: number }[] = [];
for (let y = 2025, m = 1; y < 2026 || m <= 9; m === 12 ? ((m = 1), y++) : m++) MONTHS.push({ year: y, month: m });

type Gen = { villageIdx: number; baby: BabyFacts & { id: string }; visits: (VisitFacts & { id: string })[] };

function uuidFrom(r: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function generate(): Gen[] {
  const r = prng(20261128);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: Gen[] = [];
  for (let i = 0; i < BABIES; i++) {
    // Births over ~20 months, with extra weight on the 29th–31st and leap day.
    let birth = addDays(START, Math.floor(r() * 700) - 180);
    if (r() < 0.08) birth = pick(['2024-08-31', '2024-12-31', '2025-03-31', '2025-05-30', '2025-10-31', '2024-02-29', '2025-08-29', '2026-01-31']);
    const six = sixMonthDate(birth);
    const id = uuidFrom(r);
    const vs: (VisitFacts & { id: string })[] = [];
    const nVisits = r() < 0.1 ? 0 : 1 + Math.floor(r() * 8);
    for (let k = 0; k < nVisits; k++) {
      const day = Math.floor(r() * 220) + 1;
      const visitDate = addDays(birth, day);
      if (visitDate > TODAY) continue;
      const breakKind = r();
      const items: string[] = [];
      if (breakKind < 0.12) items.push(pick(RECALL_ITEMS));
      if (breakKind < 0.03) items.push(pick(['ors', 'vitamins', 'medicine']));
      const givenSinceLast = r() < 0.08;
      vs.push({
        id: uuidFrom(r),
        visitDate,
        breastfed: r() > 0.04,
        recallItems: items,
        givenSinceLast,
        givenSinceLastDate: givenSinceLast && r() < 0.7 ? addDays(visitDate, -Math.floor(r() * 60)) : null,
        confirmedExclusive: r() < 0.5 ? (r() < 0.85) : null,
        breakReason: r() < 0.5 ? pick(BREAK_REASONS) : null,
      });
      // Same-day second visit now and then.
      if (r() < 0.03) vs.push({ ...vs[vs.length - 1]!, id: uuidFrom(r), recallItems: r() < 0.5 ? [] : ['formula'] });
    }
    let exitDate: string | null = null;
    if (r() < 0.07) {
      exitDate = addDays(birth, Math.floor(r() * 240));
      if (exitDate > TODAY) exitDate = null;
    }
    out.push({
      villageIdx: Math.floor(r() * 4),
      baby: { id, sex: r() < 0.5 ? 'L' : 'P', birthDate: birth, exitDate, exitReason: exitDate ? pick(['moved', 'died', 'transferred'] as const) : null, visits: vs },
      visits: vs,
    });
    void six;
  }
  return out;
}

describe.each(BACKENDS)('indicators in SQL = lib/domain, on $name', (backend) => {
  let db: TestDb;
  const gen = generate();
  const villageIds: string[] = [];
  let puskesmasId = '';

  beforeAll(async () => {
    db = await useDatabase(backend);
    const [p] = await db.db
      .insert(puskesmas)
      .values({ code: 'GEN', name: 'Puskesmas Generasi', district: 'Bogor', subdistrict: 'X', province: 'Jawa Barat', visitWindows: [] })
      .returning();
    puskesmasId = p!.id;
    const [kader] = await db.db.insert(users).values({ puskesmasId, role: 'staff', name: 'Petugas', phone: '+6281100009999' }).returning();
    const posyanduIds: string[] = [];
    for (let v = 0; v < 4; v++) {
      const [vil] = await db.db.insert(villages).values({ puskesmasId, name: `Desa ${v}` }).returning();
      const [pos] = await db.db.insert(posyandu).values({ puskesmasId, villageId: vil!.id, name: `Posyandu ${v}` }).returning();
      villageIds.push(vil!.id);
      posyanduIds.push(pos!.id);
    }
    const now = new Date();
    const motherRows = gen.map((g, i) => ({
      puskesmasId,
      villageId: villageIds[g.villageIdx]!,
      posyanduId: posyanduIds[g.villageIdx]!,
      name: `Ibu ${i}`,
      consentAt: now,
      consentTextVersion: 'test',
      consentRecordedBy: kader!.id,
      createdBy: kader!.id,
    }));
    const motherIds: string[] = [];
    for (let i = 0; i < motherRows.length; i += 500) {
      const ins = await db.db.insert(mothers).values(motherRows.slice(i, i + 500)).returning({ id: mothers.id });
      motherIds.push(...ins.map((m) => m.id));
    }
    const babyRows = gen.map((g, i) => ({
      id: g.baby.id,
      puskesmasId,
      motherId: motherIds[i]!,
      sex: g.baby.sex,
      birthDate: g.baby.birthDate,
      exitDate: g.baby.exitDate,
      exitReason: g.baby.exitReason ?? null,
    }));
    for (let i = 0; i < babyRows.length; i += 500) await db.db.insert(babies).values(babyRows.slice(i, i + 500));
    const visitRows = gen.flatMap((g) =>
      g.visits.map((v) => ({
        id: v.id,
        puskesmasId,
        babyId: g.baby.id,
        kaderId: kader!.id,
        visitDate: v.visitDate,
        breastfed: v.breastfed,
        recallItems: [...v.recallItems],
        givenSinceLast: v.givenSinceLast,
        givenSinceLastDate: v.givenSinceLastDate,
        confirmedExclusive: v.confirmedExclusive,
        breakReason: v.breakReason,
      })),
    );
    for (let i = 0; i < visitRows.length; i += 500) await db.db.insert(visits).values(visitRows.slice(i, i + 500));
  }, 300_000);
  afterAll(() => db.dispose());

  it('generated a population large and varied enough', () => {
    expect(gen.length).toBeGreaterThanOrEqual(2000);
    const statuses = new Set(gen.map((g) => journeyStatus(g.baby, TODAY).status));
    expect([...statuses].sort()).toEqual(['broken', 'exited', 'graduated', 'ongoing', 'unrecorded']);
  });

  it('every month, in total and per village, the counts and coverages are identical', async () => {
    const where = sql`b.puskesmas_id = ${puskesmasId}`;
    let compared = 0;
    for (const { year, month } of MONTHS) {
      const [total] = await indicatorsForMonthSql(db.db, year, month, where);
      const expected = indicatorsForMonth(gen.map((g) => g.baby), year, month);
      const { year: _y, month: _m, ...exp } = expected;
      const empty = {
        O1: { L: 0, P: 0, total: 0 },
        O2: { L: 0, P: 0, total: 0 },
        O3: { L: 0, P: 0, total: 0 },
        O4: { L: 0, P: 0, total: 0 },
        O5: { L: 0, P: 0, total: 0 },
        recallCoverage: { numerator: 0, denominator: 0, percent: null },
        sixMonthCoverage: { numerator: 0, denominator: 0, percent: null },
      };
      expect(total?.totals ?? empty, `${year}-${month}`).toEqual(exp);
      const perVillage = await indicatorsForMonthSql(db.db, year, month, where, 'village');
      for (let v = 0; v < villageIds.length; v++) {
        const got = perVillage.find((x) => x.groupId === villageIds[v])?.totals ?? empty;
        const { year: _a, month: _b, ...want } = indicatorsForMonth(
          gen.filter((g) => g.villageIdx === v).map((g) => g.baby),
          year,
          month,
        );
        expect(got, `${year}-${month} village ${v}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBe(MONTHS.length * 4);
  });

  it('status counts on several days are identical', async () => {
    for (const day of ['2025-03-01', '2025-08-31', '2026-02-28', TODAY]) {
      const got = await statusCountsSql(db.db, day, sql`b.puskesmas_id = ${puskesmasId}`);
      const want: Record<string, number> = {};
      for (const g of gen) {
        const s = journeyStatus(g.baby, day).status;
        want[s] = (want[s] ?? 0) + 1;
      }
      expect(got, day).toEqual(want);
    }
  });

  it('a month with no babies is "no data", not 0%', async () => {
    const rows = await indicatorsForMonthSql(db.db, 2030, 1, sql`b.puskesmas_id = ${puskesmasId}`);
    expect(rows).toEqual([]);
    const [none] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'NONE'));
    expect(none).toBeUndefined();
  });
});
