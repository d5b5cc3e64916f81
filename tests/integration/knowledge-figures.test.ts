/**
 * Issue #28 point 6: the knowledge figures summed by the database (db/queries/knowledge-figures.ts
 * through lib/data/knowledge-figures.ts) equal lib/domain knowledgeCountsForPeriod computed from
 * the records read back (babies, their visits with counselling, their knowledge checks) — for
 * several periods and scopes (puskesmas, a village, a kader's posyandu, the district per
 * puskesmas and in total), on PGlite and PostgreSQL. A period with nothing is "no data", and the
 * report's XLSX carries the sheet "Pengetahuan", read back with exceljs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { VISIT_FACT_COLUMNS } from '@/db/coverage';
import { babies, knowledgeChecks, mothers, puskesmas, villages, visits } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { coverageDashboard, monthlyReport, reportFileInput } from '@/lib/data/coverage';
import { districtKnowledge, knowledgeFiguresFor, knowledgeFiguresForReport } from '@/lib/data/knowledge-figures';
import type { BabyFacts } from '@/lib/domain';
import { knowledgeCountsForPeriod, knowledgeFigures, sumKnowledgeCounts, type KnowledgeBabyRecord, type KnowledgeCounts } from '@/lib/domain/knowledge-figures';
import { KNOWLEDGE_SHEET, KNOWLEDGE_HEADERS, knowledgeSheetRows } from '@/lib/reports/knowledge';
import { reportXlsx } from '@/lib/reports/monthly';
import { monthPeriod, periodParamSchema, type DistrictPeriod } from '@/lib/validation/district';
import { actorFor, BACKENDS, demoActors, useDatabase, type TestDb } from './support';

type Rec = KnowledgeBabyRecord & { puskesmasId: string; villageId: string; posyanduId: string };

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** Every baby with its records, read back from the database. */
async function records(db: TestDb): Promise<Rec[]> {
  const bs = await db.db
    .select({
      id: babies.id,
      puskesmasId: babies.puskesmasId,
      sex: babies.sex,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      exitReason: babies.exitReason,
      villageId: mothers.villageId,
      posyanduId: mothers.posyanduId,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId));
  const vs = await db.db
    .select({ ...VISIT_FACT_COLUMNS, babyId: visits.babyId, counselling: visits.counselling })
    .from(visits)
    .orderBy(asc(visits.babyId), asc(visits.visitDate), asc(visits.id));
  const ks = await db.db.select().from(knowledgeChecks);
  const visitsOf = groupBy(vs, (v) => v.babyId);
  const checksOf = groupBy(
    ks.filter((k) => k.babyId),
    (k) => k.babyId!,
  );
  return bs.map((b) => {
    const own = visitsOf.get(b.id) ?? [];
    const facts: BabyFacts = {
      id: b.id,
      sex: b.sex,
      birthDate: b.birthDate,
      exitDate: b.exitDate,
      exitReason: b.exitReason,
      visits: own.map(({ babyId: _b, counselling: _c, ...v }) => v),
    };
    return {
      puskesmasId: b.puskesmasId,
      villageId: b.villageId,
      posyanduId: b.posyanduId!,
      facts,
      counselling: own.map((v) => ({ visitDate: v.visitDate, topics: v.counselling })),
      checks: (checksOf.get(b.id) ?? []).map((k) => ({
        id: k.id,
        source: k.source as 'kader' | 'self',
        takenOn: k.takenOn,
        score: k.score,
        total: k.total,
        correct: k.correct,
        createdAt: k.createdAt,
      })),
    };
  });
}

const period = (p: string): DistrictPeriod => periodParamSchema.parse(p);
const expected = (recs: Rec[], keep: (r: Rec) => boolean, p: DistrictPeriod): KnowledgeCounts => knowledgeCountsForPeriod(recs.filter(keep), p.from, p.to);

const PERIODS = ['2026-10', '2026-11', '2026-06', '2026-Q3', '2026', '2025-Q4'];

describe.each(BACKENDS)('knowledge figures on $name', (backend) => {
  let db: TestDb;
  let recs: Rec[];
  let actors: Awaited<ReturnType<typeof demoActors>>;
  let dinkes: Actor;
  let bjn: string;
  let gpt: string;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    recs = await records(db);
    actors = await demoActors(db);
    dinkes = await actorFor(db, '0811-1000-0201');
    const ps = await db.db.select({ id: puskesmas.id, code: puskesmas.code }).from(puskesmas);
    bjn = ps.find((p) => p.code === 'BJN')!.id;
    gpt = ps.find((p) => p.code === 'GPT')!.id;
  }, 240_000);
  afterAll(async () => db?.dispose());

  it('the demo has baseline and endline checks, some that rose, and a cohort split both ways', async () => {
    const year = expected(recs, (r) => r.puskesmasId === bjn, period('2026'));
    expect(year.baseline.checks).toBeGreaterThan(20);
    expect(year.endline.checks).toBeGreaterThan(10);
    expect(year.rose).toBeGreaterThan(0);
    expect(year.rose).toBeLessThan(year.compared);
    expect(year.byBaseline.high.o4).toBeGreaterThan(0);
    expect(year.byBaseline.low.o4).toBeGreaterThan(0);
  });

  it.each(PERIODS)('puskesmas %s: the sums equal lib/domain from the records', async (p) => {
    const got = await knowledgeFiguresFor(actors.staff, { period: period(p) });
    const want = expected(recs, (r) => r.puskesmasId === bjn, period(p));
    expect(got.counts).toEqual(want);
    expect(got.figures).toEqual(knowledgeFigures(want));
  });

  it('the whole cohort is the dashboard six-month coverage of the period', async () => {
    for (const p of ['2026-10', '2026-Q3']) {
      const [k, d] = await Promise.all([
        knowledgeFiguresFor(actors.staff, { period: period(p) }),
        coverageDashboard(actors.staff, { period: period(p), villageId: null, posyanduId: null }),
      ]);
      expect(k.figures.sixMonth).toEqual(d.current?.sixMonthCoverage);
    }
  });

  it('a village and a posyandu filter narrow it; an id of another puskesmas is dropped', async () => {
    const [v] = await db.db.select({ id: villages.id }).from(villages).where(eq(villages.puskesmasId, bjn)).orderBy(asc(villages.name));
    const p = period('2026');
    const got = await knowledgeFiguresFor(actors.staff, { period: p, villageId: v!.id });
    expect(got.counts).toEqual(expected(recs, (r) => r.villageId === v!.id, p));
    const post = recs.find((r) => r.villageId === v!.id)!.posyanduId;
    const onePost = await knowledgeFiguresFor(actors.staff, { period: p, villageId: v!.id, posyanduId: post });
    expect(onePost.counts).toEqual(expected(recs, (r) => r.posyanduId === post, p));
    const foreign = recs.find((r) => r.puskesmasId === gpt)!.villageId;
    expect((await knowledgeFiguresFor(actors.staff, { period: p, villageId: foreign })).counts).toEqual(expected(recs, (r) => r.puskesmasId === bjn, p));
  });

  it.each(['2026-10', '2026-Q3', '2026'])('a kader counts her own posyandu only (%s)', async (p) => {
    const kader = actors.kader;
    const got = await knowledgeFiguresFor(kader, { period: period(p) });
    expect(got.counts).toEqual(expected(recs, (r) => r.posyanduId === kader.posyanduId, period(p)));
    // Asking for a posyandu that is not hers gives her own.
    const other = recs.find((r) => r.puskesmasId === bjn && r.posyanduId !== kader.posyanduId)!.posyanduId;
    expect((await knowledgeFiguresFor(kader, { period: period(p), posyanduId: other })).counts).toEqual(got.counts);
  });

  it.each(['2026-10', '2026-Q3', '2026'])('the district: per puskesmas and the kabupaten as their sum (%s)', async (p) => {
    const d = await districtKnowledge(dinkes, p);
    const per = new Map(d.puskesmas.map((x) => [x.id, x.counts]));
    const wantBjn = expected(recs, (r) => r.puskesmasId === bjn, period(p));
    const wantGpt = expected(recs, (r) => r.puskesmasId === gpt, period(p));
    expect(per.get(bjn)).toEqual(wantBjn);
    expect(per.get(gpt)).toEqual(wantGpt);
    expect(d.total.counts).toEqual(sumKnowledgeCounts([wantBjn, wantGpt]));
    // Aggregates only: no mother's or baby's name anywhere in what it returns.
    const text = JSON.stringify(d);
    const names = await db.db.select({ name: mothers.name }).from(mothers).limit(50);
    for (const n of names) expect(text).not.toContain(n.name);
  });

  it('who may read: not a mother, not staff on the district, not dinkes on a puskesmas', async () => {
    await expect(knowledgeFiguresFor(actors.ibu, { period: null })).rejects.toThrow();
    await expect(knowledgeFiguresForReport(actors.kader, monthPeriod({ year: 2026, month: 10 }))).rejects.toThrow();
    await expect(districtKnowledge(actors.staff, '2026-10')).rejects.toThrow();
    await expect(knowledgeFiguresFor(dinkes, { period: null })).rejects.toThrow();
  });

  it('a period with nothing is "no data", never 0 %', async () => {
    const got = await knowledgeFiguresFor(actors.staff, { period: period('2020-01') });
    expect(got.figures.empty).toBe(true);
    expect(got.figures.baseline.meanScore).toBeNull();
    expect(got.figures.rose.percent).toBeNull();
    expect(got.figures.sixMonth.percent).toBeNull();
    expect(got.figures.byBaseline.high.percent).toBeNull();
    expect(got.figures.byTopic.every((t) => t.counselled.percent === null && t.notCounselled.percent === null)).toBe(true);
  });

  it('the report XLSX has the sheet "Pengetahuan" with the figures of the period', async () => {
    const p = period('2026-Q3');
    const [report, k] = await Promise.all([monthlyReport(actors.staff, p), knowledgeFiguresForReport(actors.staff, p)]);
    expect(k.counts).toEqual(expected(recs, (r) => r.puskesmasId === bjn, p));
    const buf = await reportXlsx({ ...reportFileInput(report), knowledge: k.figures });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Laporan', 'Ringkasan', KNOWLEDGE_SHEET]);
    const ws = wb.getWorksheet(KNOWLEDGE_SHEET)!;
    const rows = knowledgeSheetRows(k.figures);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...KNOWLEDGE_HEADERS]);
    rows.forEach((r, i) => expect((ws.getRow(i + 1).values as unknown[]).slice(1), `row ${i + 1}`).toEqual(r));
    const find = (label: string) => rows.find((r) => String(r[1]).startsWith(label))!;
    // Counts beside the percentages: the whole cohort's numerator and denominator.
    const all = rows.find((r) => String(r[1]).startsWith('Semua bayi'))!;
    expect(all.slice(3)).toEqual([k.figures.sixMonth.numerator, k.figures.sixMonth.denominator]);
    expect(find('Ibu yang skornya naik').slice(3)).toEqual([k.counts.rose, k.counts.compared]);
    // Without the figures (the CSV path, the district file) there is no such sheet.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await reportXlsx(reportFileInput(report))) as unknown as ArrayBuffer);
    expect(plain.worksheets.map((w) => w.name)).toEqual(['Laporan', 'Ringkasan']);
  });

  it('an empty period writes "belum ada data" in the sheet, never 0', async () => {
    const k = await knowledgeFiguresForReport(actors.staff, period('2020-01'));
    const rows = knowledgeSheetRows(k.figures);
    const pctRows = rows.slice(1).filter((r) => String(r[1]).endsWith('(%)'));
    expect(pctRows.length).toBeGreaterThan(10);
    for (const r of pctRows) expect(r[2]).toBe('belum ada data');
  });

  it('checks recorded for babies of the other puskesmas never count here', async () => {
    const mine = await knowledgeFiguresFor(actors.otherStaff, { period: period('2026') });
    const bjnYear = await knowledgeFiguresFor(actors.staff, { period: period('2026') });
    expect(mine.counts).toEqual(expected(recs, (r) => r.puskesmasId === gpt, period('2026')));
    expect(bjnYear.counts.baseline.checks + mine.counts.baseline.checks).toBe(expected(recs, () => true, period('2026')).baseline.checks);
  });
});
