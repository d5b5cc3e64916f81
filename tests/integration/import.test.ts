/**
 * Import (issue #19, docs/decisions/045-import.md) on both databases: a preview writes nothing
 * but its batch; a confirmation creates everything or nothing; formulas are text; duplicates by
 * NIK and by phone + birth date; the file limits (size, type, zip bomb, rows) refuse and write
 * nothing; one audit row with the counts; kader, ibu and another puskesmas's staff are refused;
 * and an empty installation (setup → village → posyandu → import) works too. The files are
 * made here: XLSX with exceljs, CSV as text, a zip bomb with node:zlib.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, babies, importBatches, mothers, posyandu, users, villages } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday, normalizePhone } from '@/lib/domain';
import { IMPORT_COLUMNS, IMPORT_DATE_FORMATS, IMPORT_HEADERS, IMPORT_MAX_ROWS, type ImportColumn } from '@/lib/domain/import';
import { confirmImport, getImportBatch, importContext, importTemplate, mothersWithoutLogin, previewImport } from '@/lib/data/imports';
import { activateAccount, giveMotherLogin } from '@/lib/data/mothers';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { setupFromCli } from '@/lib/data/setup';
import { actorFor, BACKENDS, demoActors, fingerprint, rowCounts, useDatabase, type TestDb } from './support';

type Cells = Partial<Record<ImportColumn, string | number | Date | { formula: string; result?: unknown }>>;

const today = isoToday('Asia/Jakarta');
const born = (daysAgo: number) => addDays(today, -daysAgo);
/** A valid NIK of a woman born 12 May 1995, numbered n. */
const nikOf = (n: number) => `320101520595${String(n).padStart(4, '0')}`;
let phoneSeq = 0;
/** A phone nobody has: 0857 + 8 digits. */
const freshPhone = () => `0857${String(70_000_000 + phoneSeq++).padStart(8, '0')}`;

async function xlsx(rows: Cells[], opts: { headers?: ImportColumn[] } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  const cols = opts.headers ?? [...IMPORT_COLUMNS];
  ws.addRow(cols.map((c) => IMPORT_HEADERS[c]));
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? null));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function csv(rows: Cells[], sep = ',', bom = false): Uint8Array {
  const quote = (v: unknown) => {
    const s = v == null ? '' : String(v);
    return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [IMPORT_COLUMNS.map((c) => quote(IMPORT_HEADERS[c])).join(sep), ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c])).join(sep))];
  return new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
}

/** A zip with one entry of `size` zero bytes, deflated (a few KB on disk), claiming its real sizes. */
function zipBomb(size: number): Uint8Array {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const crc = crc32(Buffer.alloc(size));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = 30 + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

/** Everything but the import batches: what a preview must leave as it was. */
async function healthFingerprint(db: TestDb) {
  const f = await fingerprint(db);
  delete f['public.import_batches'];
  return f;
}

describe.each(BACKENDS)('import on $name', (backend) => {
  let db: TestDb;
  let a: Awaited<ReturnType<typeof demoActors>>;
  let village = '';
  let post = '';
  let n = 0;
  const row = (over: Cells = {}): Cells => {
    n++;
    return {
      motherName: `Ibu Impor ${n}`,
      nik: nikOf(n),
      phone: freshPhone(),
      village,
      posyandu: post,
      rt: '01',
      rw: '02',
      address: 'Jl. Contoh',
      babyName: `Bayi ${n}`,
      sex: n % 2 ? 'L' : 'P',
      birthDate: born(30),
      birthWeight: 3100,
      ...over,
    };
  };

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    a = await demoActors(db);
    const ctx = await importContext(a.staff);
    village = ctx.places[0]!.village;
    post = ctx.places[0]!.posyandu;
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function importFile(actor: Actor, bytes: Uint8Array) {
    const p = await previewImport(actor, bytes);
    if (!p.ok) throw new Error(`refused: ${p.refusal}`);
    return p;
  }

  it("the template has the issue's headers and lists the active places", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importTemplate(a.staff)) as unknown as ArrayBuffer);
    const headers = (wb.getWorksheet('Data')!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c]));
    const help = wb.getWorksheet('Petunjuk')!;
    const texts: string[] = [];
    help.eachRow((r) => texts.push((r.values as unknown[]).slice(1).join(' | ')));
    expect(texts.some((t) => t.includes(village) && t.includes(post))).toBe(true);
  });

  it('a preview writes nothing but its batch, and counts baru / sudah ada / ditolak with row and column', async () => {
    const before = await healthFingerprint(db);
    const rows = [
      row(),
      row(),
      row({ phone: '12345' }),
      row({ village: 'Desa Antah' }),
      row({ birthDate: born(-3) }),
      row({ birthDate: born(200) }),
      row({ birthWeight: 9000 }),
      row({ sex: 'X' }),
    ];
    const p = await importFile(a.staff, await xlsx(rows));
    expect(p.counts).toEqual({ new: 2, existing: 0, rejected: 6 });
    expect(await healthFingerprint(db)).toEqual(before);
    const view = await getImportBatch(a.staff, p.batchId);
    const errs = view.rejected.map((r) => [r.row, r.errors.map((e) => `${e.column}:${e.message}`).join(',')]);
    expect(errs).toEqual([
      [4, 'phone:validation.phoneInvalid'],
      [5, 'village:imports.errors.villageUnknown'],
      [6, 'birthDate:validation.dateInFuture'],
      [7, 'birthDate:imports.errors.babyTooOld'],
      [8, 'birthWeight:validation.birthWeightRange'],
      [9, 'sex:imports.errors.sex'],
    ]);
  });

  it('confirm creates mothers, babies and audit rows in one go, no logins (a printable list per posyandu instead); again, nothing', async () => {
    const twinPhone = freshPhone();
    const rows = [
      row(),
      row({ nik: '' }),
      row({ phone: twinPhone, nik: nikOf(900) }),
      row({ phone: twinPhone, nik: nikOf(900), babyName: 'Kembar 2' }),
      row({ posyandu: 'Tidak Ada' }),
    ];
    const file = await xlsx(rows);
    const p = await importFile(a.staff, file);
    expect(p.counts).toEqual({ new: 4, existing: 0, rejected: 1 });
    expect((await confirmImport(a.staff, { batchId: p.batchId, consent: false })).ok).toBe(false);
    const before = await rowCounts(db);
    const res = await confirmImport(a.staff, { batchId: p.batchId, consent: true });
    expect(res).toMatchObject({ ok: true, already: false, counts: { new: 4, existing: 0, rejected: 1, mothers: 3, babies: 4 } });
    if (!res.ok) return;
    const after = await rowCounts(db);
    expect(after.mothers! - before.mothers!).toBe(3);
    expect(after.babies! - before.babies!).toBe(4);
    // No login and no code at import (issue #29): each mother gets hers from her baby's page.
    expect(after.users! - before.users!).toBe(0);
    expect(after.activation_codes! - before.activation_codes!).toBe(0);
    // One import row, and registration's per-record rows (3 mothers, 4 babies).
    expect(after.audit_log! - before.audit_log!).toBe(1 + 3 + 4);
    const [imp] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import.confirm'), eq(auditLog.entityId, p.batchId)));
    expect(imp!.after).toMatchObject({ rows: 5, new: 4, existing: 0, rejected: 1, mothers: 3, babies: 4 });
    const text = JSON.stringify(imp);
    for (const r of rows) {
      expect(text).not.toContain(String(r.motherName));
      if (r.nik) expect(text).not.toContain(String(r.nik));
    }
    // The twins are one mother with two babies, birth order 1 and 2.
    const [twinMother] = await db.db
      .select()
      .from(mothers)
      .where(eq(mothers.phone, normalizePhone(twinPhone)!));
    const twins = await db.db.select().from(babies).where(eq(babies.motherId, twinMother!.id));
    expect(twins.map((b) => b.birthOrder).sort()).toEqual([1, 2]);
    expect(twinMother!.consentRecordedBy).toBe(a.staff.id);
    // The result names the posyandu and how many of its mothers still need a login; its printable
    // list (staff only) has the imported mothers, and each gets her login from the baby page.
    const [place] = await db.db.select({ id: posyandu.id }).from(posyandu).where(eq(posyandu.name, post));
    const need = res.logins.find((l) => l.posyanduId === place!.id);
    expect(need).toMatchObject({ posyandu: post, village });
    const list = await mothersWithoutLogin(a.staff, place!.id);
    expect(list.mothers.length).toBe(need!.mothers);
    const imported = list.mothers.find((m) => m.name === rows[0]!.motherName)!;
    expect(imported).toMatchObject({ phone: normalizePhone(String(rows[0]!.phone)) });
    await expect(mothersWithoutLogin(a.kader, place!.id)).rejects.toBeInstanceOf(ForbiddenError);
    const login = await giveMotherLogin(a.staff, { motherId: imported.motherId, phone: String(rows[0]!.phone) });
    if (!login.ok) throw new Error(JSON.stringify(login));
    // The code works on /aktivasi like a registered mother's.
    expect(await activateAccount({ phone: login.phone, code: login.code, password: 'Menyusui-Impor-2026', confirm: 'Menyusui-Impor-2026' }, '10.9.9.9')).toEqual({
      ok: true,
    });
    expect((await mothersWithoutLogin(a.staff, place!.id)).mothers.some((m) => m.motherId === imported.motherId)).toBe(false);
    // The batch keeps counts, not rows.
    const [b] = await db.db.select().from(importBatches).where(eq(importBatches.id, p.batchId));
    expect(b).toMatchObject({ status: 'confirmed', rows: [] });

    // The same batch again, and the same file again: nothing new.
    const snapshot = await rowCounts(db);
    expect(await confirmImport(a.staff, { batchId: p.batchId, consent: true })).toMatchObject({ ok: true, already: true, logins: [] });
    const again = await importFile(a.staff, file);
    expect(again.counts).toEqual({ new: 0, existing: 4, rejected: 1 });
    const res2 = await confirmImport(a.staff, { batchId: again.batchId, consent: true });
    expect(res2).toMatchObject({ ok: true, counts: { new: 0, mothers: 0, babies: 0 } });
    const later = await rowCounts(db);
    expect({ ...later, import_batches: 0, audit_log: 0 }).toEqual({ ...snapshot, import_batches: 0, audit_log: 0 });
    expect(later.audit_log! - snapshot.audit_log!).toBe(1);
  });

  it('duplicates: the same NIK, else the same phone and birth date; a phone taken otherwise is refused', async () => {
    const base = row();
    const noNik = row({ nik: '' });
    const p = await importFile(a.staff, await xlsx([base, noNik]));
    expect((await confirmImport(a.staff, { batchId: p.batchId, consent: true })).ok).toBe(true);
    const p2 = await importFile(
      a.staff,
      await xlsx([
        // Same NIK, another phone and name: already there.
        { ...row(), nik: base.nik },
        // Same phone and birth date, no NIK: already there.
        { ...row({ nik: '' }), phone: noNik.phone, birthDate: noNik.birthDate },
        // A kader's phone: taken.
        row({ phone: '0812-2000-0001' }),
      ]),
    );
    const view = await getImportBatch(a.staff, p2.batchId);
    expect(view.existing.map((r) => [r.row, r.existingBy])).toEqual([
      [2, 'nik'],
      [3, 'phoneBirth'],
    ]);
    expect(view.rejected.map((r) => [r.row, r.errors[0]!.message])).toEqual([[4, 'validation.phoneTaken']]);
    // Same phone, another birth date (another file): the phone is taken.
    const p3 = await importFile(a.staff, await xlsx([{ ...row({ nik: '' }), phone: noNik.phone, birthDate: born(60) }]));
    const view3 = await getImportBatch(a.staff, p3.batchId);
    expect(view3.rejected.map((r) => [r.row, r.errors[0]!.message])).toEqual([[2, 'validation.phoneTaken']]);
  });

  it('all or nothing: a phone taken between preview and confirm stops the whole import', async () => {
    const rows = [row(), row(), row()];
    const p = await importFile(a.staff, await xlsx(rows));
    expect(p.counts.new).toBe(3);
    // Someone registers the third mother's phone meanwhile (as a kader account, say).
    await db.db.insert(users).values({ puskesmasId: a.staff.puskesmasId, role: 'ibu', name: 'Orang Lain', phone: normalizePhone(String(rows[2]!.phone))! });
    const before = await fingerprint(db);
    const res = await confirmImport(a.staff, { batchId: p.batchId, consent: true });
    expect(res).toMatchObject({ ok: false, formError: 'imports.errors.changed' });
    if (res.ok) return;
    expect(res.rows!.map((r) => [r.row, r.errors[0]!.message])).toEqual([[4, 'validation.phoneTaken']]);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('a formula in any cell is refused as "rumus tidak dibaca" on its column; +, - and @ text stays text', async () => {
    const long = `HYPERLINK("http://x.test/${'a'.repeat(150)}","Klik")`;
    const r1 = row({ motherName: { formula: long, result: 'Klik' }, address: "=cmd|' /C calc'!A0" });
    const r2 = row({ motherName: '+Ibu Plus', babyName: '@SUM(1+1)' });
    const r3 = row({ motherName: '-Ibu Minus', phone: { formula: 'CONCAT("0857","70001234")', result: '085770001234' } });
    const p = await importFile(a.staff, await xlsx([r1, r2, r3]));
    expect(p.counts).toEqual({ new: 1, existing: 0, rejected: 2 });
    const b = await getImportBatch(a.staff, p.batchId);
    expect(b.rejected.map((r) => [r.row, r.errors.map((e) => [e.column, e.message])])).toEqual([
      [
        2,
        [
          ['motherName', 'imports.errors.formula'],
          ['address', 'imports.errors.formula'],
        ],
      ],
      [4, [['phone', 'imports.errors.formula']]],
    ]);
    expect((await confirmImport(a.staff, { batchId: p.batchId, consent: true })).ok).toBe(true);
    const [m2] = await db.db
      .select({ name: mothers.name, baby: babies.name })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .where(eq(mothers.phone, normalizePhone(String(r2.phone))!));
    expect(m2).toEqual({ name: '+Ibu Plus', baby: '@SUM(1+1)' });
  });

  it('a CSV saved by Excel in Indonesia (Windows-1252, ";"): read; repeated rows are duplicates, not twins; "Mawar 1" is "Posyandu Mawar 1"; dates as written', async () => {
    const short = post.replace(/^posyandu\s+/i, '');
    expect(short).not.toBe(post);
    const d = born(45);
    const [y, mo, dd] = [d.slice(0, 4), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][mo - 1]!;
    const same = row({ motherName: 'Ibu Désirée – Impor', address: 'Gg. “Melati” No. 3', posyandu: short, birthDate: `${dd} ${bulan} ${y}` });
    const rows: Cells[] = [
      same,
      { ...same },
      { ...same },
      row({ birthDate: `${dd} ${bulan.slice(0, 3)} ${y}` }),
      row({ birthDate: `${String(dd).padStart(2, '0')}-${String(mo).padStart(2, '0')}-${y}` }),
      row({ birthDate: `${dd}/${mo}/${y}` }),
      row({ birthDate: 'kemarin sore' }),
      row({ posyandu: 'Posyandu Tidak Ada' }),
    ];
    // What Excel writes with "CSV (Comma delimited)" on an Indonesian Windows: cp1252 and semicolons.
    const text = new TextDecoder().decode(csv(rows, ';'));
    const cp1252: Record<string, number> = { '–': 0x96, '“': 0x93, '”': 0x94 };
    const bytes = Uint8Array.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0)));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const p = await importFile(a.staff, bytes);
    expect(p.counts).toEqual({ new: 4, existing: 2, rejected: 2 });
    const b = await getImportBatch(a.staff, p.batchId);
    expect(b.existing.map((r) => [r.row, r.existingBy, r.repeatOf])).toEqual([
      [3, 'repeat', 2],
      [4, 'repeat', 2],
    ]);
    expect(b.fresh.every((r) => !r.twinOf)).toBe(true);
    const errs = b.rejected.map((r) => [r.row, r.errors.map((e) => [e.column, e.message, e.params])]);
    expect(errs[0]).toEqual([8, [['birthDate', 'imports.errors.dateFormat', { formats: IMPORT_DATE_FORMATS }]]]);
    expect(errs[1]![0]).toBe(9);
    const [col, msg, params] = (errs[1]![1] as [string, string, { valid: string }][])[0]!;
    expect([col, msg]).toEqual(['posyandu', 'imports.errors.posyanduUnknown']);
    expect(params.valid).toContain(post);
    const res = await confirmImport(a.staff, { batchId: p.batchId, consent: true });
    expect(res).toMatchObject({ ok: true, counts: { mothers: 4, babies: 4 } });
    const [m] = await db.db
      .select({ name: mothers.name, address: mothers.address, birthDate: babies.birthDate, posyandu: posyandu.name })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
      .where(eq(mothers.phone, normalizePhone(String(same.phone))!));
    expect(m).toEqual({ name: 'Ibu Désirée – Impor', address: 'Gg. “Melati” No. 3', birthDate: d, posyandu: post });
    const babiesOfSame = await db.db
      .select({ id: babies.id })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(eq(mothers.phone, normalizePhone(String(same.phone))!));
    expect(babiesOfSame).toHaveLength(1);
  });

  it('CSV with commas or semicolons, with or without BOM; dates as 09/03/2026', async () => {
    const d = born(40);
    const dmy = `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    const rows = [row({ birthDate: dmy, address: 'Jl. Mawar, No. 5; belakang masjid' }), row()];
    for (const [sep, bom] of [
      [',', false],
      [';', true],
    ] as const) {
      const p = await importFile(a.staff, csv(rows, sep, bom));
      expect(p.counts).toEqual({ new: 2, existing: 0, rejected: 0 });
    }
    const p = await importFile(a.staff, csv(rows, ';', true));
    expect((await confirmImport(a.staff, { batchId: p.batchId, consent: true })).ok).toBe(true);
    const [m] = await db.db
      .select({ address: mothers.address, birthDate: babies.birthDate })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .where(eq(mothers.phone, normalizePhone(String(rows[0]!.phone))!));
    expect(m).toEqual({ address: 'Jl. Mawar, No. 5; belakang masjid', birthDate: d });
  });

  it('hostile files are refused cleanly and write nothing: size, type, zip bomb, rows, columns', async () => {
    const before = await fingerprint(db);
    const cases: [string, Uint8Array, string][] = [
      ['over 2 MB', new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41), 'tooBig'],
      ['empty', new Uint8Array(0), 'empty'],
      ['a PDF', new TextEncoder().encode('%PDF-1.4\n\0\0binary'), 'type'],
      ['an old XLS', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'type'],
      ['a zip that is no workbook', zipBomb(10), 'type'],
      ['a zip bomb (200 MB of zeros)', zipBomb(200 * 1024 * 1024), 'unzippedTooBig'],
      // Not UTF-8: read as Windows-1252 (issue #29), then refused for its missing columns, not its encoding.
      ['Latin-1 CSV with two columns', new Uint8Array([...new TextEncoder().encode('Nama ibu,Nomor HP\nSiti N'), 0xfa, 0x0a]), 'columnsMissing'],
      ['no header', csv([]), 'noRows'],
      ['columns missing', new TextEncoder().encode('foo,bar\n1,2\n'), 'columnsMissing'],
    ];
    for (const [what, bytes, refusal] of cases) {
      const res = await previewImport(a.staff, bytes);
      expect(res, what).toMatchObject({ ok: false, refusal });
    }
    // 100,000 rows: refused by its size in rows, quickly, as XLSX and as CSV.
    const bigXlsx = await (async () => {
      const big = new ExcelJS.Workbook();
      const ws = big.addWorksheet('Data');
      ws.addRow(IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c]));
      for (let i = 0; i < 100_000; i++) ws.addRow(['Ibu', '', '081']);
      return new Uint8Array(await big.xlsx.writeBuffer());
    })();
    expect(bigXlsx.length).toBeLessThan(2 * 1024 * 1024);
    const t0 = Date.now();
    expect(await previewImport(a.staff, bigXlsx)).toMatchObject({ ok: false, refusal: 'tooManyRows', params: { max: IMPORT_MAX_ROWS } });
    const bigCsv = new TextEncoder().encode(`${IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c]).join(',')}\n${'Ibu,,081\n'.repeat(100_000)}`);
    expect(await previewImport(a.staff, bigCsv)).toMatchObject({ ok: false, refusal: 'tooManyRows' });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(await fingerprint(db)).toEqual(before);
  }, 60_000);

  it("kader and ibu are refused; another puskesmas's staff cannot see or confirm the batch", async () => {
    const file = await xlsx([row()]);
    await expect(previewImport(a.kader, file)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewImport(a.ibu, file)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importTemplate(a.kader)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importContext(a.ibu)).rejects.toBeInstanceOf(ForbiddenError);
    const p = await importFile(a.staff, file);
    await expect(confirmImport(a.kader, { batchId: p.batchId, consent: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getImportBatch(a.otherStaff, p.batchId)).rejects.toBeInstanceOf(NotFoundError);
    // Another staff member of the same puskesmas does not see it either (scoped by creator).
    const colleague = await actorFor(db, '0811-1000-0003');
    await expect(getImportBatch(colleague, p.batchId)).rejects.toBeInstanceOf(NotFoundError);
    const before = await fingerprint(db);
    expect(await confirmImport(a.otherStaff, { batchId: p.batchId, consent: true })).toEqual({ ok: false, formError: 'imports.errors.gone' });
    expect(await confirmImport(a.staff, { batchId: 'not-a-uuid', consent: true })).toEqual({ ok: false, formError: 'imports.errors.gone' });
    expect(await fingerprint(db)).toEqual(before);
    // The other puskesmas's places are unknown here.
    const [otherPlace] = await db.db
      .select({ v: villages.name, p: posyandu.name })
      .from(posyandu)
      .innerJoin(villages, eq(villages.id, posyandu.villageId))
      .where(sql`${posyandu.puskesmasId} <> ${a.staff.puskesmasId}`)
      .limit(1);
    const p2 = await importFile(a.staff, await xlsx([row({ village: otherPlace!.v, posyandu: otherPlace!.p })]));
    expect(p2.counts.rejected).toBe(1);
  });
});

describe.each(BACKENDS)('import into an empty installation on $name', (backend) => {
  let db: TestDb;
  afterAll(async () => {
    await db.dispose();
  });

  it('setup, a village and a posyandu, then an import', async () => {
    db = await useDatabase(backend);
    const setup = await setupFromCli(
      {
        name: 'Puskesmas Baru Sekali',
        shortCode: 'pbs',
        district: 'Kabupaten Bogor',
        subdistrict: 'Cibinong',
        province: 'Jawa Barat',
        timeZone: 'WIB',
        adminName: 'Admin Baru',
        adminPhone: '0811-7777-0001',
        target: '50',
      },
      { add: false },
    );
    expect(setup.ok).toBe(true);
    const admin = await actorFor(db, '0811-7777-0001');
    const v = await createVillage(admin, { name: 'Sukamaju', kind: 'desa' });
    if (!v.ok) throw new Error('village');
    const p = await createPosyandu(admin, { villageId: v.id, name: 'Posyandu Kenanga', rw: '01', address: '' });
    expect(p.ok).toBe(true);
    const rows: Cells[] = [0, 1].map((i) => ({
      motherName: `Ibu Sukamaju ${i}`,
      phone: `0858${String(10_000_000 + i)}`,
      village: 'sukamaju',
      posyandu: 'POSYANDU KENANGA',
      sex: 'P',
      birthDate: new Date(`${born(10 + i)}T00:00:00Z`),
    }));
    const preview = await previewImport(admin, await xlsx(rows));
    expect(preview).toMatchObject({ ok: true, counts: { new: 2, existing: 0, rejected: 0 } });
    if (!preview.ok) return;
    const res = await confirmImport(admin, { batchId: preview.batchId, consent: true });
    expect(res).toMatchObject({ ok: true, counts: { mothers: 2, babies: 2 } });
    // No codes at import: the mothers have no login yet; the result offers the posyandu's list.
    const [noLogin] = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(mothers)
      .where(isNull(mothers.userId));
    expect(Number(noLogin?.n)).toBe(2);
    if (res.ok) expect(res.logins).toEqual([{ posyanduId: p.ok ? p.id : '', posyandu: 'Posyandu Kenanga', village: 'Sukamaju', mothers: 2 }]);
  });
});
