/**
 * Issue #20 on both databases: the F1 report by village (village rows add up to the puskesmas
 * row, a village filter), quarters and years as the sum of their months' numerators and
 * denominators (with a constructed case where averaging the months' percentages would say
 * something else), and a past month that stays past (the kader table of October is unchanged by
 * a visit recorded after it through the data layer).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { babies, mothers, puskesmas, villages } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import type { Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { coverageDashboard, kaderSummary, monthlyReport, reportFileInput } from '@/lib/data/coverage';
import { visitFactsByBaby } from '@/lib/data/facts';
import { registerMother } from '@/lib/data/mothers';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { recordVisit } from '@/lib/data/visits';
import {
  addDays,
  addToYearMonth,
  indicatorsForMonth,
  indicatorsForPeriod,
  isoToday,
  monthBounds,
  monthOf,
  roundPercent,
  sumIndicators,
  yearMonthRange,
  type BabyFacts,
  type IndicatorTotals,
  type YearMonth,
} from '@/lib/domain';
import { reportTable, VILLAGE_TOTAL } from '@/lib/reports/monthly';
import { periodParamSchema } from '@/lib/validation/district';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

const O = ['O1', 'O2', 'O3', 'O4', 'O5'] as const;
const period = (p: string) => periodParamSchema.parse(p);
const strip = ({ year: _y, month: _m, ...t }: ReturnType<typeof indicatorsForMonth>): IndicatorTotals => t;

/** The months' totals added by hand: counts, numerators and denominators; the percentage from the sums. */
function byHand(list: IndicatorTotals[]) {
  const add = (k: 'recallCoverage' | 'sixMonthCoverage') => ({
    numerator: list.reduce((n, t) => n + t[k].numerator, 0),
    denominator: list.reduce((n, t) => n + t[k].denominator, 0),
  });
  return {
    counts: Object.fromEntries(O.map((o) => [o, { L: list.reduce((n, t) => n + t[o].L, 0), P: list.reduce((n, t) => n + t[o].P, 0) }])),
    recall: add('recallCoverage'),
    six: add('sixMonthCoverage'),
  };
}
const shape = (t: IndicatorTotals) => ({
  counts: Object.fromEntries(O.map((o) => [o, { L: t[o].L, P: t[o].P }])),
  recall: { numerator: t.recallCoverage.numerator, denominator: t.recallCoverage.denominator },
  six: { numerator: t.sixMonthCoverage.numerator, denominator: t.sixMonthCoverage.denominator },
});

describe.each(BACKENDS)('report by village and period, past months on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  let kader: Actor;
  let all: (BabyFacts & { villageId: string; posyanduId: string })[];

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    staff = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'staff')!.phone);
    kader = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'kader')!.phone);
    const rows = await db.db
      .select({
        id: babies.id,
        sex: babies.sex,
        birthDate: babies.birthDate,
        exitDate: babies.exitDate,
        exitReason: babies.exitReason,
        villageId: mothers.villageId,
        posyanduId: mothers.posyanduId,
      })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(eq(babies.puskesmasId, staff.puskesmasId));
    const visits = await visitFactsByBaby(
      db.db,
      rows.map((r) => r.id),
    );
    all = rows.map((r) => ({ ...r, visits: visits.get(r.id) ?? [] }));
  }, 300_000);
  afterAll(() => db.dispose());

  it.each(['2026-10', '2026-Q3', '2026'])('%s: each village equals lib/domain, the villages add up to the puskesmas row, the posyandu to their village', async (p) => {
    const per = period(p);
    const r = await monthlyReport(staff, per);
    const range = { from: per.from, to: per.to };
    expect(r.villages.length).toBeGreaterThan(1);
    expect(r.total.O1.total + r.total.O4.total).toBeGreaterThan(0);
    for (const v of r.villages) {
      expect(v.totals, v.name).toEqual(
        indicatorsForPeriod(
          all.filter((b) => b.villageId === v.id),
          range,
        ),
      );
      expect(sumIndicators(r.rows.filter((x) => x.villageId === v.id).map((x) => x.totals)), `${v.name}: its posyandu`).toEqual(v.totals);
    }
    // O1–O5 by sex and both coverages of the puskesmas row are the sums of the village rows.
    for (const o of O) for (const s of ['L', 'P', 'total'] as const) expect(r.total[o][s], `${o} ${s}`).toBe(r.villages.reduce((n, v) => n + v.totals[o][s], 0));
    expect(r.total).toEqual(sumIndicators(r.villages.map((v) => v.totals)));
    expect(r.total).toEqual(indicatorsForPeriod(all, range));
    // The period before, beside it.
    expect(r.previousTotal).toEqual(indicatorsForPeriod(all, { from: r.previousPeriod.from, to: r.previousPeriod.to }));
    // The file: each village's posyandu rows, its "Jumlah desa" row, the puskesmas's sum last.
    const table = reportTable(reportFileInput(r));
    const villageRows = table.rows.filter((row) => row[1] === VILLAGE_TOTAL);
    expect(villageRows.map((row) => row[0])).toEqual(r.villages.map((v) => v.name));
    const last = table.rows.at(-1)!;
    expect(last[0]).toBe('Jumlah');
    for (let col = 2; col < 17; col++) expect(last[col], `column ${col}`).toBe(villageRows.reduce((n, row) => n + (row[col] as number), 0));
  });

  it('a village filter narrows the report to that village (its total is its row); a village of another puskesmas is dropped', async () => {
    const q = period('2026-Q3');
    const full = await monthlyReport(staff, q);
    const v = full.villages[1]!;
    const r = await monthlyReport(staff, q, { villageId: v.id });
    expect(r.village).toEqual({ id: v.id, name: v.name });
    expect(r.villages.map((x) => x.id)).toEqual([v.id]);
    expect(r.rows.every((x) => x.villageId === v.id)).toBe(true);
    expect(r.total).toEqual(v.totals);
    expect(r.previousTotal).toEqual(v.previous);
    expect(reportFileInput(r).villageName).toBe(v.name);
    const [other] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'GPT'));
    const [ov] = await db.db.select().from(villages).where(eq(villages.puskesmasId, other!.id)).limit(1);
    const foreign = await monthlyReport(staff, q, { villageId: ov!.id });
    expect(foreign.village).toBeNull();
    expect(foreign.total).toEqual(full.total);
  });

  it.each(['2026-Q1', '2026-Q3', '2026'])("%s: the report's and the dashboard's figures are the sums of the months' counts, numerators and denominators", async (p) => {
    const per = period(p);
    const months = yearMonthRange(per.from, per.to);
    const monthly = await Promise.all(months.map((m) => monthlyReport(staff, m)));
    const want = byHand(monthly.map((m) => m.total));
    expect(want.recall.denominator).toBeGreaterThan(0);
    const r = await monthlyReport(staff, per);
    expect(shape(r.total)).toEqual(want);
    expect(r.total.recallCoverage.percent).toBe(want.recall.denominator ? (want.recall.numerator / want.recall.denominator) * 100 : null);
    expect(r.total.sixMonthCoverage.percent).toBe(want.six.denominator ? (want.six.numerator / want.six.denominator) * 100 : null);
    // Per village too.
    for (const v of r.villages) expect(shape(v.totals), v.name).toEqual(byHand(monthly.map((m) => m.villages.find((x) => x.id === v.id)!.totals)));
    // The dashboard of the period says the same.
    const d = await coverageDashboard(staff, { period: per, villageId: null, posyanduId: null });
    expect(d.period.param).toBe(per.param);
    expect(shape(d.current!)).toEqual(want);
    for (const v of d.villages) expect(v.current ?? sumIndicators([]), v.name).toEqual(r.villages.find((x) => x.id === v.id)!.totals);
    // …and lib/domain, month by month from the visits.
    expect(r.total).toEqual(sumIndicators(months.map((m) => strip(indicatorsForMonth(all, m.year, m.month)))));
  });

  it('a quarter built so that averaging its months would differ: 1 of 1 exclusive, then 1 of 4 — 2 of 5 (40%), not 62,5%', async () => {
    // A village, posyandu and kader of their own, so that only these babies count in them.
    const vRes = await createVillage(staff, { name: `Desa Uji Triwulan ${backend.name}`, kind: 'desa' });
    if (!vRes.ok) throw new Error(JSON.stringify(vRes));
    const pRes = await createPosyandu(staff, { villageId: vRes.id, name: `Posyandu Uji Triwulan ${backend.name}`, rw: '9', address: '' });
    if (!pRes.ok) throw new Error(JSON.stringify(pRes));
    const phone = backend.name === 'pglite' ? '0819-7777-2001' : '0819-7777-2002';
    const acc = await createAccount(staff, { role: 'kader', name: 'Kader Uji Triwulan', phone, posyanduIds: [pRes.id], homePosyanduId: pRes.id });
    if (!acc.ok) throw new Error(JSON.stringify(acc));
    const k = await actorFor(db, phone);

    // The last quarter that has ended: all of it is in the past, within the year a birth may be registered.
    const today = isoToday();
    const now = monthOf(today);
    const qStart = addToYearMonth({ year: now.year, month: Math.floor((now.month - 1) / 3) * 3 + 1 }, -3);
    const q = period(`${qStart.year}-Q${(qStart.month + 2) / 3}`);
    const [m1, m2] = yearMonthRange(q.from, q.to) as [YearMonth, YearMonth, YearMonth];
    const day = (ym: YearMonth, d: number) => addDays(monthBounds(ym.year, ym.month).first, d - 1);

    let n = 0;
    const baby = async (birthDate: string) => {
      n += 1;
      const res = await registerMother(k, {
        id: randomUUID(),
        name: `Ibu Uji Triwulan ${n}`,
        phone: `0857-7777-${backend.name === 'pglite' ? 3 : 4}${String(100 + n)}`,
        nik: '',
        posyanduId: pRes.id,
        birthDate,
        babies: [{ sex: n % 2 ? 'L' : 'P', name: '', birthWeightGrams: '3000' }],
        consent: true,
      });
      if (!res.ok) throw new Error(JSON.stringify(res));
      return res.babyIds[0]!;
    };
    const visit = async (babyId: string, visitDate: string, exclusive: boolean) => {
      const res = await recordVisit(
        k,
        answeredVisit(randomUUID(), babyId, today, { visitDate, ...(exclusive ? {} : { recallItems: ['formula'], breakReason: 'low_supply' }) }),
      );
      if (!res.ok) throw new Error(JSON.stringify(res));
    };
    // Month 1: one baby, exclusive (1 of 1 = 100%).
    await visit(await baby(addDays(day(m1, 1), -20)), day(m1, 10), true);
    // Month 2: four babies, one exclusive (1 of 4 = 25%). Month 3: no recall.
    const born2 = addDays(day(m2, 1), -20);
    const second = [await baby(born2), await baby(born2), await baby(born2), await baby(born2)];
    for (const [i, id] of second.entries()) await visit(id, day(m2, 10), i === 0);

    const months = await Promise.all(yearMonthRange(q.from, q.to).map((m) => monthlyReport(staff, m, { villageId: vRes.id })));
    expect(months.map((m) => m.total.recallCoverage)).toEqual([
      { numerator: 1, denominator: 1, percent: 100 },
      { numerator: 1, denominator: 4, percent: 25 },
      { numerator: 0, denominator: 0, percent: null },
    ]);
    const r = await monthlyReport(staff, q, { villageId: vRes.id });
    expect(r.total.recallCoverage).toEqual({ numerator: 2, denominator: 5, percent: 40 });
    const averaged = (100 + 25) / 2;
    expect(roundPercent(r.total.recallCoverage.percent)).toBe(40);
    expect(roundPercent(averaged)).toBe(62.5);
    const d = await coverageDashboard(staff, { period: q, villageId: vRes.id, posyanduId: null });
    expect(d.current!.recallCoverage).toEqual({ numerator: 2, denominator: 5, percent: 40 });
    // The file carries the same: 40 with 2 and 5 as numbers.
    const last = reportTable(reportFileInput(r)).rows.at(-1)!;
    expect(last.slice(17, 20)).toEqual([40, 2, 5]);
  });

  it('the kader table of a past month is unchanged by a visit recorded after that month', async () => {
    const OCT = { year: 2026, month: 10 };
    const before = await coverageDashboard(staff, { month: OCT, villageId: null, posyanduId: null });
    const mine = await kaderSummary(kader, { month: OCT });
    const row = before.kaders.find((x) => x.id === kader.id)!;
    expect(row).toBeDefined();
    expect(before.asOf).toBe('2026-10-31');
    expect(row.lastVisit === null || row.lastVisit <= '2026-10-31').toBe(true);

    // A visit today (after October) by this kader, through the data layer.
    const [b] = await db.db
      .select({ id: babies.id })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(and(eq(mothers.posyanduId, kader.posyanduId!), isNull(babies.exitDate)))
      .orderBy(desc(babies.birthDate))
      .limit(1);
    const today = isoToday();
    const res = await recordVisit(kader, answeredVisit(randomUUID(), b!.id, today, { visitDate: today, confirmedExclusive: 'yes' }));
    expect(res.ok).toBe(true);
    // It counts today…
    const now = await kaderSummary(kader, { month: null });
    expect(now.me.lastVisit).toBe(today);
    // …but October stays as it was: mothers followed, visits, last visit, the 30-day flag, windows.
    const after = await coverageDashboard(staff, { month: OCT, villageId: null, posyanduId: null });
    expect(after.kaders).toEqual(before.kaders);
    expect(after.statusOnDay).toEqual(before.statusOnDay);
    expect(after.current).toEqual(before.current);
    expect((await kaderSummary(kader, { month: OCT })).me).toEqual(mine.me);
  });
});
