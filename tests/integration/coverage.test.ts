/**
 * The coverage dashboard, kader summary and monthly report on the seeded demo data: the numbers
 * equal lib/domain's for a chosen month; the XLSX reads back with the page's numbers; the CSV is
 * UTF-8 with a header row; a kader sees only her posyandu and may not export; an empty month is
 * "no data", never 0% or NaN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { babies, mothers, puskesmas, villages } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { coverageDashboard, isEmptyTotals, kaderSummary, monthlyReport, reportFileInput } from '@/lib/data/coverage';
import { visitFactsByBaby } from '@/lib/data/facts';
import { exclusivityCurve, indicatorsForMonth, sumIndicators, type BabyFacts } from '@/lib/domain';
import { parse } from 'csv-parse/sync';
import { HEADERS, NO_DATA, reportCsv, reportTable, reportXlsx } from '@/lib/reports/monthly';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

const OCT = { year: 2026, month: 10 };

describe.each(BACKENDS)('coverage dashboard and reports on $name', (backend) => {
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

  const domain = (babiesOf: BabyFacts[], ym = OCT) => {
    const { year: _y, month: _m, ...totals } = indicatorsForMonth(babiesOf, ym.year, ym.month);
    return totals;
  };

  it("the dashboard's numbers for October 2026 equal lib/domain's: total, 12 months, per village and posyandu, curve", async () => {
    const d = await coverageDashboard(staff, { month: OCT, villageId: null, posyanduId: null });
    expect(d.current).toEqual(domain(all));
    expect(d.current!.O4.total).toBeGreaterThan(0);
    expect(d.current!.recallCoverage.denominator).toBeGreaterThan(0);
    expect(d.trend).toHaveLength(12);
    for (const m of d.trend) {
      const want = domain(all, m);
      expect({ r: m.recallCoverage, s: m.sixMonthCoverage }, `${m.year}-${m.month}`).toEqual({ r: want.recallCoverage, s: want.sixMonthCoverage });
    }
    expect(d.previous).toEqual(domain(all, { year: 2026, month: 9 }));
    expect(d.villages.length).toBeGreaterThan(1);
    for (const v of d.villages) expect(v.current ?? sumIndicators([]), v.name).toEqual(domain(all.filter((b) => b.villageId === v.id)));
    for (const p of d.posyandu) expect(p.current ?? sumIndicators([]), p.name).toEqual(domain(all.filter((b) => b.posyanduId === p.id)));
    // Babies each place follows in the period's month (issue #29): O1 + O2 + O3 of October, from lib/domain.
    for (const v of d.villages) {
      const o = domain(all.filter((b) => b.villageId === v.id));
      expect(v.followed, v.name).toBe(o.O1.total + o.O2.total + o.O3.total);
    }
    expect(d.posyandu.reduce((n, p) => n + p.followed, 0)).toBe(d.current!.O1.total + d.current!.O2.total + d.current!.O3.total);
    expect(d.curve).toEqual(exclusivityCurve(all, d.curveDay));
    expect(d.target).toBe(50);
  });

  it('a village filter narrows every number to that village; an id of another puskesmas is ignored', async () => {
    const [v] = await db.db.select().from(villages).where(eq(villages.puskesmasId, staff.puskesmasId)).limit(1);
    const d = await coverageDashboard(staff, { month: OCT, villageId: v!.id, posyanduId: null });
    expect(d.filters.villageId).toBe(v!.id);
    expect(d.current).toEqual(domain(all.filter((b) => b.villageId === v!.id)));
    expect(d.villages.map((x) => x.id)).toEqual([v!.id]);
    const [other] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'GPT'));
    const [ov] = await db.db.select().from(villages).where(eq(villages.puskesmasId, other!.id)).limit(1);
    const d2 = await coverageDashboard(staff, { month: OCT, villageId: ov!.id, posyanduId: null });
    expect(d2.filters.villageId).toBeNull();
    expect(d2.current).toEqual(domain(all));
  });

  it("a kader's summary counts only her posyandu; she may not export the district report", async () => {
    const s = await kaderSummary(kader, { month: OCT });
    const mine = all.filter((b) => b.posyanduId === kader.posyanduId);
    expect(mine.length).toBeLessThan(all.length);
    expect(s.current).toEqual(domain(mine));
    expect(s.me.id).toBe(kader.id);
    await expect(monthlyReport(kader, OCT)).rejects.toBeInstanceOf(ForbiddenError);
    const ibu = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'ibu')!.phone);
    await expect(coverageDashboard(ibu, { month: OCT, villageId: null, posyanduId: null })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the monthly report equals lib/domain; the XLSX reads back with the same numbers; the CSV is UTF-8 with a header row', async () => {
    const r = await monthlyReport(staff, OCT);
    expect(r.total).toEqual(domain(all));
    for (const row of r.rows) expect(row.totals, row.name).toEqual(domain(all.filter((b) => b.posyanduId === row.id)));
    expect(r.sessions.held).toBeGreaterThanOrEqual(0);

    const file = reportFileInput(r);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(file)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Laporan')!;
    const table = reportTable(file);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.rowCount).toBe(table.rows.length + 1);
    table.rows.forEach((row, i) => expect((ws.getRow(i + 2).values as unknown[]).slice(1), `row ${i}`).toEqual(row));
    const last = (ws.getRow(ws.rowCount).values as unknown[]).slice(1);
    expect(last[0]).toBe('Jumlah');
    expect(last.slice(2, 5)).toEqual([r.total.O1.L, r.total.O1.P, r.total.O1.total]);
    const summary = wb.getWorksheet('Ringkasan')!;
    expect(summary.getRow(8).getCell(2).value).toBe(r.certificatesIssued);

    // The CSV as Excel in Indonesia reads it (issue #29): UTF-8 BOM, ";", decimal comma.
    const bytes = Buffer.from(reportCsv(file), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const lines = parse(bytes, { delimiter: ';', bom: true }) as string[][];
    expect(lines[0]!.slice(0, 2)).toEqual(['Desa', 'Posyandu']);
    // Header, each posyandu, each village's sum ("Jumlah desa"), the puskesmas's sum.
    expect(lines).toHaveLength(r.rows.length + r.villages.length + 2);
    lines.slice(1).forEach((l, i) =>
      expect(
        l.map((c) => c.replace(',', '.')),
        `row ${i}`,
      ).toEqual(table.rows[i]!.map(String)),
    );
    expect(text).not.toMatch(/NaN|undefined/);
  });

  it('a month with no babies is "belum ada data", never 0% or NaN', async () => {
    const empty = { year: 2031, month: 1 };
    const d = await coverageDashboard(staff, { month: empty, villageId: null, posyanduId: null });
    expect(isEmptyTotals(d.current)).toBe(true);
    expect(d.current).toBeNull();
    expect(d.villages.every((v) => v.current === null)).toBe(true);
    const r = await monthlyReport(staff, empty);
    expect(r.total.recallCoverage.percent).toBeNull();
    expect(r.total.sixMonthCoverage.percent).toBeNull();
    const csv = reportCsv(r);
    expect(csv).toContain(NO_DATA);
    expect(csv).not.toMatch(/NaN|Infinity/);
  });
});
