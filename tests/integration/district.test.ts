/**
 * The district office (issue #19, role dinkes) on the seeded demo: the dinkes user of Kabupaten
 * Bogor sees both demo puskesmas and a kabupaten total that is the SUM of their numerators and
 * denominators (equal to each puskesmas's own staff figures) for a month, a quarter and a year;
 * a district of another kabupaten sees neither; every other role is refused; `npm run setup
 * -- --dinkes` refuses bad input and writes nothing; a puskesmas set up later in the kabupaten
 * appears; nothing the district functions return carries a mother's or baby's name, NIK or phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { activationCodes, auditLog, babies, kabupaten, mothers, puskesmas, users } from '@/db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import { verifyLogin } from '@/lib/auth/login';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { changeOwnPassword, endOwnSessions } from '@/lib/data/accounts';
import { coverageDashboard, monthlyReport } from '@/lib/data/coverage';
import { createDistrictAccount, districtOverview, districtReport, listDistrictAccounts, periodLabelId } from '@/lib/data/district';
import { activateAccount } from '@/lib/data/mothers';
import { setupDistrictFromCli, setupFromCli } from '@/lib/data/setup';
import { coverage, formatPhoneDisplay, sumIndicators, yearMonthRange, type IndicatorTotals, type YearMonth } from '@/lib/domain';
import { reportCsv, reportTable, reportXlsx } from '@/lib/reports/monthly';
import { parsePeriodParam } from '@/lib/validation/district';
import { actorFor, BACKENDS, demoActors, fingerprint, useDatabase, type TestDb } from './support';

const DINKES = DEMO_LOGINS.find((l) => l.role === 'dinkes')!;
const GPT_STAFF = '0811-1000-0101';

/** Depok's district office: another kabupaten, made with the setup function. */
const DEPOK = { kabupaten: 'Kota Depok', province: 'Jawa Barat', name: 'Nur Aini, S.K.M.', phone: '0811-7000-0001' };

/** The periods compared: a month, a quarter and a year of the demo (built around 2026-11-15). */
const PERIODS: { param: string; months: YearMonth[] }[] = [
  { param: '2026-10', months: [{ year: 2026, month: 10 }] },
  { param: '2026-Q3', months: yearMonthRange({ year: 2026, month: 7 }, { year: 2026, month: 9 }) },
  { param: '2026', months: yearMonthRange({ year: 2026, month: 1 }, { year: 2026, month: 12 }) },
];

describe.each(BACKENDS)('district office on $name', (backend) => {
  let db: TestDb;
  let dinkes: Actor;
  let others: Record<'admin' | 'staff' | 'kader' | 'ibu' | 'otherStaff', Actor>;
  /** Every mother's and baby's name, NIK and phone of the demo (both puskesmas). */
  let personal: string[];

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    dinkes = await actorFor(db, DINKES.phone);
    others = await demoActors(db);
    const ms = await db.db.select({ name: mothers.name, nik: mothers.nik, phone: mothers.phone }).from(mothers);
    const bs = await db.db.select({ name: babies.name }).from(babies);
    personal = [...ms.flatMap((m) => [m.name, m.nik, m.phone, m.phone ? formatPhoneDisplay(m.phone) : null]), ...bs.map((b) => b.name)].filter(
      (v): v is string => typeof v === 'string' && v.length >= 4,
    );
    expect(ms.length).toBeGreaterThan(100);
  }, 300_000);
  afterAll(() => db.dispose());

  /** The staff figures of one puskesmas over some months: its own monthly reports, added up. */
  async function staffTotals(staff: Actor, months: YearMonth[]): Promise<IndicatorTotals> {
    const list = [];
    for (const m of months) list.push((await monthlyReport(staff, m)).total);
    return sumIndicators(list);
  }

  it('the demo district account belongs to Kabupaten Bogor and no puskesmas; both demo puskesmas are linked to it', async () => {
    expect(dinkes.role).toBe('dinkes');
    expect(dinkes.puskesmasId).toBe('');
    const [k] = await db.db.select().from(kabupaten).where(eq(kabupaten.id, dinkes.kabupatenId!));
    expect(k).toMatchObject({ name: 'Kabupaten Bogor', province: 'Jawa Barat' });
    const ps = await db.db.select({ code: puskesmas.code, kab: puskesmas.kabupatenId }).from(puskesmas).orderBy(puskesmas.code);
    expect(ps).toEqual([
      { code: 'BJN', kab: k!.id },
      { code: 'GPT', kab: k!.id },
    ]);
    const login = await verifyLogin({ phone: DINKES.phone, password: DEMO_PASSWORD }, '10.19.0.1');
    expect(login.ok).toBe(true);
  });

  it.each(PERIODS)(
    'period $param: both puskesmas as their staff see them, and the kabupaten total is the sum of numerators and denominators',
    async ({ param, months }) => {
      const d = await districtOverview(dinkes, param);
      expect(d.kabupaten.name).toBe('Kabupaten Bogor');
      expect(d.period.param).toBe(param);
      expect(d.months).toEqual(months);
      expect(d.puskesmas.map((p) => p.code)).toEqual(['BJN', 'GPT']);
      const bjn = d.puskesmas.find((p) => p.code === 'BJN')!;
      const gpt = d.puskesmas.find((p) => p.code === 'GPT')!;
      expect(bjn.totals).toEqual(await staffTotals(others.staff, months));
      expect(gpt.totals).toEqual(await staffTotals(await actorFor(db, GPT_STAFF), months));
      expect(bjn.totals.recallCoverage.denominator).toBeGreaterThan(0);
      expect(gpt.totals.O4.total + gpt.totals.O1.total + gpt.totals.O3.total).toBeGreaterThan(0);
      for (const k of ['recallCoverage', 'sixMonthCoverage'] as const) {
        const num = bjn.totals[k].numerator + gpt.totals[k].numerator;
        const den = bjn.totals[k].denominator + gpt.totals[k].denominator;
        expect(d.total[k], `${param} ${k}`).toEqual(coverage(num, den));
      }
      for (const o of ['O1', 'O2', 'O3', 'O4', 'O5'] as const) {
        expect(d.total[o]).toEqual({ L: bjn.totals[o].L + gpt.totals[o].L, P: bjn.totals[o].P + gpt.totals[o].P, total: bjn.totals[o].total + gpt.totals[o].total });
      }
      // The target of each puskesmas for the period's year (the demo sets 50% this year for BJN).
      expect(bjn.target).toBe(50);
    },
  );

  it('the kabupaten total is never the average of the two percentages (a period where they differ)', async () => {
    let differing = 0;
    for (const { param } of PERIODS) {
      const d = await districtOverview(dinkes, param);
      for (const k of ['recallCoverage', 'sixMonthCoverage'] as const) {
        const [a, b] = d.puskesmas.map((p) => p.totals[k]);
        if (a!.percent === null || b!.percent === null) continue;
        const mean = (a!.percent + b!.percent) / 2;
        const summed = ((a!.numerator + b!.numerator) / (a!.denominator + b!.denominator)) * 100;
        expect(d.total[k].percent).toBeCloseTo(summed, 10);
        if (Math.abs(mean - summed) > 0.01) {
          differing++;
          expect(Math.abs(d.total[k].percent! - mean)).toBeGreaterThan(0.01);
        }
      }
    }
    // The small second puskesmas weighs less than half: averaging would show another figure.
    expect(differing).toBeGreaterThan(0);
  });

  it('the 12-month trend is the sum of both puskesmas each month', async () => {
    const d = await districtOverview(dinkes, '2026-10');
    expect(d.trend).toHaveLength(12);
    expect(d.trend[11]).toMatchObject({ year: 2026, month: 10 });
    const month = { year: 2026, month: 10 };
    const a = await coverageDashboard(others.staff, { month, villageId: null, posyanduId: null });
    const b = await coverageDashboard(await actorFor(db, GPT_STAFF), { month, villageId: null, posyanduId: null });
    d.trend.forEach((t, i) => {
      for (const k of ['recallCoverage', 'sixMonthCoverage'] as const) {
        const x = a.trend[i]![k];
        const y = b.trend[i]![k];
        expect(t[k], `${t.year}-${t.month} ${k}`).toEqual(coverage(x.numerator + y.numerator, x.denominator + y.denominator));
      }
    });
  });

  it('the period: none is this month; 2026-q3 is a quarter; anything else is not found', async () => {
    const now = await districtOverview(dinkes, undefined);
    expect(now.period.kind).toBe('month');
    expect(now.period.from).toEqual(now.period.to);
    expect((await districtOverview(dinkes, '2026-q3')).period).toMatchObject({
      kind: 'quarter',
      quarter: 3,
      from: { year: 2026, month: 7 },
      to: { year: 2026, month: 9 },
    });
    for (const bad of ['2026-13', '2026-Q5', '1999', '2026-10-01', "2026'; drop table users;--", 'x'.repeat(5000), 2026, { $gt: '' }, ['2026']]) {
      await expect(districtOverview(dinkes, bad), String(bad).slice(0, 20)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(parsePeriodParam(['2026-Q1'])?.kind).toBe('quarter');
    expect(parsePeriodParam('2026-00')).toBeNull();
    expect(periodLabelId(parsePeriodParam('2026-Q2')!)).toBe('Triwulan II 2026');
    expect(periodLabelId(parsePeriodParam('2026')!)).toBe('Tahun 2026');
  });

  it('the F1 report of the kabupaten: one row per puskesmas and the sum, as CSV and XLSX', async () => {
    const { report, fileName } = await districtReport(dinkes, '2026-Q3');
    const d = await districtOverview(dinkes, '2026-Q3');
    expect(fileName('csv')).toBe('laporan-asi-kabupaten-bogor-2026-Q3.csv');
    const { headers, rows } = reportTable(report);
    expect(headers.slice(0, 2)).toEqual(['Kecamatan', 'Puskesmas']);
    expect(rows.map((r) => r[1])).toEqual(['Puskesmas Bojong Nangka', 'Puskesmas Gunung Putri', 'Kabupaten Bogor']);
    expect(rows[2]![0]).toBe('Jumlah');
    // O1 L, O1 P, O1 J … then the coverages: the total row is the sum of the puskesmas rows.
    for (let c = 2; c < 17; c++) expect(rows[2]![c], headers[c]).toBe(Number(rows[0]![c]) + Number(rows[1]![c]));
    expect(rows[2]![headers.indexOf('Lulus ASI Eksklusif (pembilang)')]).toBe(d.total.sixMonthCoverage.numerator);
    expect(rows[2]![headers.indexOf('Bayi mencapai 6 bulan (penyebut)')]).toBe(d.total.sixMonthCoverage.denominator);
    const csv = reportCsv(report);
    expect(csv.split('\r\n')[0]!.startsWith('\uFEFFKecamatan;Puskesmas;')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Ringkasan')!;
    const pairs = new Map<string, unknown>();
    summary.eachRow((r) => pairs.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(pairs.get('Kabupaten/Kota')).toBe('Kabupaten Bogor');
    expect(pairs.get('Periode')).toBe('Triwulan III 2026');
    expect(wb.getWorksheet('Laporan')!.rowCount).toBe(4);
  });

  it("the district data carries no mother's or baby's name, NIK or phone", async () => {
    expect(personal.length).toBeGreaterThan(300);
    const texts: string[] = [];
    for (const { param } of PERIODS) {
      texts.push(JSON.stringify(await districtOverview(dinkes, param)));
      const { report } = await districtReport(dinkes, param);
      texts.push(JSON.stringify(report), reportCsv(report));
    }
    const all = texts.join('\n');
    expect(personal.filter((p) => all.includes(p))).toEqual([]);
    // Nor the name of anyone of a puskesmas (kaders, staff): only puskesmas names and counts.
    const people = (await db.db.select({ name: users.name, role: users.role }).from(users)).filter((u) => u.role !== 'dinkes').map((u) => u.name);
    expect(people.filter((p) => all.includes(p))).toEqual([]);
    // Not even a posyandu or village: puskesmas are the finest rows.
    expect(all).not.toMatch(/Posyandu Melati|Desa Bojong Kulur/);
    // The office's own account list names its own people only.
    const accounts = JSON.stringify(await listDistrictAccounts(dinkes));
    expect(personal.filter((p) => accounts.includes(p))).toEqual([]);
    expect(people.filter((p) => accounts.includes(p))).toEqual([]);
  });

  it('every other role is refused every district function; so is nobody signed in', async () => {
    for (const [role, actor] of Object.entries(others)) {
      await expect(districtOverview(actor, '2026-10'), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(districtReport(actor, '2026-10'), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listDistrictAccounts(actor), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createDistrictAccount(actor, { name: 'Siapa Saja', phone: '0811-7000-0999' }), role).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(districtOverview(null, '2026-10')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(districtReport(null, '2026')).rejects.toBeInstanceOf(ForbiddenError);
    // A dinkes actor without a kabupaten (or with an unknown one) reads nothing.
    await expect(districtOverview({ ...dinkes, kabupatenId: null }, '2026-10')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(districtOverview({ ...dinkes, kabupatenId: '00000000-0000-0000-0000-000000000000' }, '2026-10')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.db.select().from(users).where(eq(users.phone, '+6281170000999'))).toEqual([]);
  });

  it('npm run setup -- --dinkes refuses bad input and writes nothing', async () => {
    const before = await fingerprint(db);
    const long = 'x'.repeat(10_000);
    const cases: [string, Record<string, unknown>, string][] = [
      ['no kabupaten', { ...DEPOK, kabupaten: undefined }, 'kabupaten'],
      ['empty kabupaten', { ...DEPOK, kabupaten: '  ' }, 'kabupaten'],
      ['script in the kabupaten', { ...DEPOK, kabupaten: '<script>alert(1)</script>' }, 'kabupaten'],
      ['10,000 characters of kabupaten', { ...DEPOK, kabupaten: long }, 'kabupaten'],
      ['kabupaten as an object', { ...DEPOK, kabupaten: { $ne: 1 } }, 'kabupaten'],
      ['no province', { ...DEPOK, province: '' }, 'province'],
      ['script in the name', { ...DEPOK, name: '<img src=x onerror=alert(1)>' }, 'name'],
      ['no name', { ...DEPOK, name: undefined }, 'name'],
      ['bad phone', { ...DEPOK, phone: '12345' }, 'phone'],
      ['phone of 10,000 digits', { ...DEPOK, phone: '0'.repeat(10_000) }, 'phone'],
      ["a demo staff member's phone", { ...DEPOK, phone: '0811-1000-0002' }, 'phone'],
      ["the demo district's own phone", { ...DEPOK, phone: DINKES.phone }, 'phone'],
    ];
    for (const [what, input, field] of cases) {
      const res = await setupDistrictFromCli(input);
      expect(res.ok, what).toBe(false);
      if (!res.ok) expect(Object.keys(res.fieldErrors ?? {}), what).toContain(field);
    }
    expect(await setupDistrictFromCli(null)).toMatchObject({ ok: false });
    expect(await setupDistrictFromCli('--dinkes')).toMatchObject({ ok: false });
    expect(await fingerprint(db)).toEqual(before);
  });

  it('a district of another kabupaten sees neither demo puskesmas; one set up later in its kabupaten appears only to it', async () => {
    const res = await setupDistrictFromCli(DEPOK);
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res).toMatchObject({ kabupatenName: 'Kota Depok', kabupatenCreated: true });
    const [code] = await db.db.select().from(activationCodes).where(eq(activationCodes.userId, res.userId));
    expect(code!.codeHash).not.toContain(res.activationCode);
    const [log] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.userId), eq(auditLog.action, 'user.create')));
    expect(log).toMatchObject({ puskesmasId: null, userId: res.userId });
    const depok = await actorFor(db, DEPOK.phone);
    expect(depok).toMatchObject({ role: 'dinkes', puskesmasId: '', kabupatenId: res.kabupatenId });
    const empty = await districtOverview(depok, '2026-10');
    expect(empty.kabupaten.name).toBe('Kota Depok');
    expect(empty.puskesmas).toEqual([]);
    expect(empty.total.recallCoverage).toEqual(coverage(0, 0));
    expect(empty.total.sixMonthCoverage.percent).toBeNull();
    const text = JSON.stringify(empty) + reportCsv((await districtReport(depok, '2026')).report);
    expect(text).not.toMatch(/Bojong Nangka|Gunung Putri/);
    expect((await listDistrictAccounts(depok)).rows.map((r) => r.name)).toEqual([DEPOK.name]);

    // The account activates like the admin's.
    const password = 'Dinkes-Depok-2026!';
    expect(await activateAccount({ phone: DEPOK.phone, code: res.activationCode, password, confirm: password }, '10.19.0.2')).toEqual({ ok: true });
    expect((await verifyLogin({ phone: DEPOK.phone, password }, '10.19.0.2')).ok).toBe(true);

    // A puskesmas set up later, its kabupaten typed differently: found, linked, seen by Depok only.
    const later = await setupFromCli(
      {
        name: 'Puskesmas Sukmajaya',
        shortCode: 'SKJ',
        district: 'kota   depok',
        subdistrict: 'Sukmajaya',
        province: 'Jawa Barat',
        timeZone: 'WIB',
        target: '55',
        adminName: 'Rina Amelia',
        adminPhone: '0811-7000-0002',
      },
      { add: true },
    );
    expect(later.ok).toBe(true);
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'SKJ'));
    expect(p!.kabupatenId).toBe(res.kabupatenId);
    const seen = await districtOverview(depok, '2026-10');
    expect(seen.puskesmas.map((x) => x.code)).toEqual(['SKJ']);
    expect(seen.puskesmas[0]!.totals.sixMonthCoverage.percent).toBeNull();
    expect((await districtOverview(dinkes, '2026-10')).puskesmas.map((x) => x.code)).toEqual(['BJN', 'GPT']);
  });

  it('a new puskesmas set up in Kabupaten Bogor appears in its district view ("Kab. Bogor" is the same kabupaten)', async () => {
    const before = await db.db.select().from(kabupaten);
    const res = await setupFromCli(
      {
        name: 'Puskesmas Cileungsi',
        shortCode: 'CLS',
        district: 'Kab. Bogor',
        subdistrict: 'Cileungsi',
        province: 'Jawa Barat',
        timeZone: 'WIB',
        target: '60',
        adminName: 'Yuli Astuti',
        adminPhone: '0811-7000-0003',
      },
      { add: true },
    );
    expect(res.ok).toBe(true);
    expect(await db.db.select().from(kabupaten)).toHaveLength(before.length);
    const d = await districtOverview(dinkes, '2026-10');
    expect(d.puskesmas.map((x) => x.code)).toEqual(['BJN', 'CLS', 'GPT']);
    const cls = d.puskesmas.find((x) => x.code === 'CLS')!;
    expect(cls.totals.recallCoverage.percent).toBeNull();
    expect(d.total).toEqual(sumIndicators(d.puskesmas.map((x) => x.totals)));
    // A district account added with the setup option for an existing kabupaten finds it.
    const again = await setupDistrictFromCli({ kabupaten: 'kabupaten bogor', province: 'Jawa Barat', name: 'Bambang Suryadi', phone: '0811-7000-0004' });
    expect(again).toMatchObject({ ok: true, kabupatenName: 'Kabupaten Bogor', kabupatenCreated: false, kabupatenId: dinkes.kabupatenId });
  });

  it('a district user adds another district account of her kabupaten, with a one-time code; duplicates and bad input write nothing', async () => {
    const before = await fingerprint(db);
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '', phone: '0811-7100-0001' }, 'name'],
      [{ name: '<script>alert(1)</script>', phone: '0811-7100-0001' }, 'name'],
      [{ name: 'x'.repeat(5000), phone: '0811-7100-0001' }, 'name'],
      [{ name: 'Agnes Hutapea', phone: 'abc' }, 'phone'],
      [{ name: 'Agnes Hutapea', phone: DINKES.phone }, 'phone'],
      [{ name: 'Agnes Hutapea', phone: '0813-3000-0001' }, 'phone'],
      [{ name: { $ne: 1 }, phone: ['0811'] }, 'name'],
    ];
    for (const [input, field] of bad) {
      const res = await createDistrictAccount(dinkes, input);
      expect(res.ok, JSON.stringify(input).slice(0, 40)).toBe(false);
      if (!res.ok) expect(Object.keys(res.fieldErrors)).toContain(field);
    }
    const own = await createDistrictAccount(dinkes, { name: 'Agnes Hutapea', phone: DINKES.phone });
    expect(own).toEqual({ ok: false, fieldErrors: { phone: 'district.errors.phoneTakenHere' } });
    const mother = await createDistrictAccount(dinkes, { name: 'Agnes Hutapea', phone: '0813-3000-0001' });
    expect(mother).toEqual({ ok: false, fieldErrors: { phone: 'accountsNew.errors.phoneTakenElsewhere' } });
    expect(await fingerprint(db)).toEqual(before);

    const res = await createDistrictAccount(dinkes, { name: '  Agnes   Hutapea, S.K.M. ', phone: '0811-7100-0001' });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res).toMatchObject({ name: 'Agnes Hutapea, S.K.M.', phone: '+6281171000001' });
    expect(res.code).toMatch(/^[A-Z2-9]{8}$/);
    const [u] = await db.db.select().from(users).where(eq(users.id, res.userId));
    expect(u).toMatchObject({ role: 'dinkes', puskesmasId: null, kabupatenId: dinkes.kabupatenId, passwordHash: null, active: true });
    const [log] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.userId), eq(auditLog.userId, dinkes.id)));
    expect(log).toMatchObject({ action: 'user.create', puskesmasId: null });
    expect(JSON.stringify(log!.after)).not.toContain(res.code);
    // A double submit: the second gets the duplicate message, never a second account.
    expect(await createDistrictAccount(dinkes, { name: 'Agnes Hutapea', phone: '0811-7100-0001' })).toEqual({
      ok: false,
      fieldErrors: { phone: 'district.errors.phoneTakenHere' },
    });
    expect(await db.db.select().from(users).where(eq(users.phone, '+6281171000001'))).toHaveLength(1);
    const list = await listDistrictAccounts(dinkes);
    expect(list.rows.map((r) => r.name)).toContain('Agnes Hutapea, S.K.M.');
    expect(list.rows.find((r) => r.self)?.name).toBe(DINKES.name);
    expect(list.rows.find((r) => r.name === 'Agnes Hutapea, S.K.M.')).toMatchObject({ activated: false, phone: '0811-7100-0001' });
    // Depok's office does not see Bogor's accounts.
    const depok = await actorFor(db, DEPOK.phone);
    expect((await listDistrictAccounts(depok)).rows.map((r) => r.name)).not.toContain('Agnes Hutapea, S.K.M.');
  });

  it('/akun works for a district user: change the password, sign out everywhere (audit without a puskesmas)', async () => {
    await endOwnSessions(dinkes);
    const password = 'Dinkes-Bogor-Baru-2026';
    expect(await changeOwnPassword(dinkes, { current: DEMO_PASSWORD, password, confirm: password })).toEqual({ ok: true });
    const logs = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, dinkes.id), isNull(auditLog.puskesmasId)));
    expect(logs.map((l) => l.action)).toEqual(expect.arrayContaining(['user.sessions.end', 'user.password.change']));
    expect((await verifyLogin({ phone: DINKES.phone, password }, '10.19.0.3')).ok).toBe(true);
    // Back to the demo password for the tests that follow on this database.
    expect(await changeOwnPassword(dinkes, { current: password, password: DEMO_PASSWORD, confirm: DEMO_PASSWORD })).toEqual({ ok: true });
  });
});
