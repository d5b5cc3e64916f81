/**
 * The SQL of db/queries/indicators.ts must count exactly what lib/domain counts: a generated
 * population of 2,400 babies with random visits (breaks, late reports, confirmations, exits,
 * twins, same-day visits), every month over 20 months, per village and in total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { puskesmas } from '@/db/schema';
import { babyStateFromVisitsSql, coverageTrendSql, statusCountsSql, indicatorsForMonthSql, indicatorsForMonthsSql } from '@/db/queries/indicators';
import { babies, visits } from '@/db/schema';
import { rowsOf } from '@/db/client';
import { addDays, firstBreak, hasConfirmation, type BabyFacts, type VisitFacts } from '@/lib/domain';
import { indicatorsForMonth, journeyStatus } from '@/lib/domain';
import { generatePopulation, insertPopulation } from '../support/population';
import { BACKENDS, useDatabase, type TestDb } from './support';

const TODAY = '2026-09-30';
const MONTHS: { year: number; month: number }[] = [];
for (let y = 2025, m = 1; y < 2026 || m <= 9; m === 12 ? ((m = 1), y++) : m++) MONTHS.push({ year: y, month: m });
const VILLAGES = 4;

describe.each(BACKENDS)('indicators in SQL = lib/domain, on $name', (backend) => {
  let db: TestDb;
  const gen = generatePopulation({
    babies: 2400,
    seed: 20261128,
    start: '2025-01-01',
    spanDays: 700,
    today: TODAY,
    villages: VILLAGES,
    posyanduPerVillage: 2,
  });
  let villageIds: string[] = [];
  let posyanduOrder: string[] = [];
  let puskesmasId = '';

  beforeAll(async () => {
    db = await useDatabase(backend);
    ({
      puskesmasId,
      villageIds,
      posyanduIds: posyanduOrder,
    } = await insertPopulation(db.db, gen, { code: 'GEN', villages: VILLAGES, posyanduPerVillage: 2, batch: 500 }));
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
      const expected = indicatorsForMonth(
        gen.map((g) => g.baby),
        year,
        month,
      );
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
      for (let v = 0; v < VILLAGES; v++) {
        const got = perVillage.find((x) => x.groupId === villageIds[v])?.totals ?? empty;
        const {
          year: _a,
          month: _b,
          ...want
        } = indicatorsForMonth(
          gen.filter((g) => g.villageIdx === v).map((g) => g.baby),
          year,
          month,
        );
        expect(got, `${year}-${month} village ${v}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBe(MONTHS.length * VILLAGES);
  }, 240_000);

  it('a range of months in one query, per posyandu, equals lib/domain month by month', async () => {
    const where = sql`b.puskesmas_id = ${puskesmasId}`;
    const from = MONTHS[3]!;
    const to = MONTHS[14]!;
    const rows = await indicatorsForMonthsSql(db.db, from, to, where, 'posyandu');
    const posyanduIds = [...new Set(rows.map((r) => r.groupId))];
    expect(posyanduIds.length).toBe(VILLAGES * 2);
    let compared = 0;
    for (const { year, month } of MONTHS.slice(3, 15)) {
      for (let p = 0; p < VILLAGES * 2; p++) {
        const babiesOf = gen.filter((g) => g.posyanduIdx === p).map((g) => g.baby);
        const { year: _a, month: _b, ...want } = indicatorsForMonth(babiesOf, year, month);
        // Posyandu ids are assigned in creation order: find the group by one of its babies' counts.
        const got = rows.filter((r) => r.year === year && r.month === month && r.groupId === posyanduOrder[p]).map((r) => r.totals)[0];
        expect(got, `${year}-${month} posyandu ${p}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBe(12 * VILLAGES * 2);
  }, 240_000);

  it('the coverage trend (both coverages per month, one query) equals lib/domain, in total and for one village', async () => {
    const where = sql`b.puskesmas_id = ${puskesmasId}`;
    const from = MONTHS[0]!;
    const to = MONTHS[MONTHS.length - 1]!;
    for (const [w, babiesOf] of [
      [where, gen.map((g) => g.baby)],
      [sql`${where} and m.village_id = ${villageIds[2]!}`, gen.filter((g) => g.villageIdx === 2).map((g) => g.baby)],
    ] as const) {
      const rows = await coverageTrendSql(db.db, from, to, w);
      expect(rows).toHaveLength(MONTHS.length);
      for (const r of rows) {
        const want = indicatorsForMonth(babiesOf, r.year, r.month);
        expect({ recall: r.recallCoverage, six: r.sixMonthCoverage }, `${r.year}-${r.month}`).toEqual({ recall: want.recallCoverage, six: want.sixMonthCoverage });
      }
    }
  }, 240_000);

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

  it('the stored baby state follows visits added, changed and deleted, and corrected birth dates', async () => {
    const where = sql`b.puskesmas_id = ${puskesmasId}`;
    const stored = async () =>
      rowsOf<{ id: string; first_break: string | null; confirmed: boolean }>(
        await db.db.execute(
          sql`select b.id::text as id, b.state_first_break::text as first_break, b.state_confirmed as confirmed from babies b join mothers m on m.id = b.mother_id where ${where} order by 1`,
        ),
      );
    const computed = async () =>
      rowsOf<{ id: string; first_break: string | null; confirmed: boolean }>(await db.db.execute(sql`${babyStateFromVisitsSql(where)} order by 1`));
    expect(await stored()).toEqual(await computed());

    const modified: (BabyFacts & { id: string; visits: VisitFacts[] })[] = gen.map((g) => ({ ...g.baby, visits: [...g.baby.visits] }));
    const pick = modified.filter((b) => b.visits.length >= 2 && b.exitDate === null).slice(0, 60);
    // Delete the first visit of 15 babies.
    const del = pick.slice(0, 15).map((b) => b.visits.shift()!.id!);
    await db.db.delete(visits).where(inArray(visits.id, del));
    // Turn the last visit of 15 babies into formula, and confirm on another 15.
    for (const b of pick.slice(15, 30)) {
      const v = b.visits[b.visits.length - 1]!;
      b.visits[b.visits.length - 1] = { ...v, recallItems: ['formula'] };
      await db.db
        .update(visits)
        .set({ recallItems: ['formula'] })
        .where(eq(visits.id, v.id!));
    }
    for (const b of pick.slice(30, 45)) {
      const v = b.visits[b.visits.length - 1]!;
      b.visits[b.visits.length - 1] = { ...v, confirmedExclusive: true, recallItems: [], breastfed: true, givenSinceLast: false };
      await db.db.update(visits).set({ confirmedExclusive: true, recallItems: [], breastfed: true, givenSinceLast: false }).where(eq(visits.id, v.id!));
    }
    // Correct the birth date of 15 babies by 20 days.
    for (const b of pick.slice(45, 60)) {
      b.birthDate = addDays(b.birthDate, -20);
      await db.db.update(babies).set({ birthDate: b.birthDate }).where(eq(babies.id, b.id));
    }
    // Nobody can write the state by hand.
    await db.db.execute(sql`update babies set state_first_break = '2000-01-01', state_confirmed = true where id = ${pick[0]!.id}`);

    const after = await stored();
    expect(after).toEqual(await computed());
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const b of modified) {
      const r = byId.get(b.id)!;
      const fb = firstBreak(b);
      expect({ first_break: r.first_break, confirmed: r.confirmed }, b.id).toEqual({ first_break: fb?.date ?? null, confirmed: hasConfirmation(b) });
    }
    const got = await statusCountsSql(db.db, TODAY, where);
    const want: Record<string, number> = {};
    for (const b of modified) {
      const st = journeyStatus(b, TODAY).status;
      want[st] = (want[st] ?? 0) + 1;
    }
    expect(got).toEqual(want);
  });
});
