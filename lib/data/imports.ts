/**
 * Bringing a puskesmas's registers in from Excel/CSV (issue #19, /staff/impor,
 * docs/decisions/045-import.md). Staff and admin ('imports', write, puskesmas scope).
 *
 * - previewImport: reads the file (lib/data/import-file.ts), checks every row with the
 *   registration form's schema and rules, classifies it as new / already there / refused and
 *   keeps that preview in import_batches. Nothing is written to the health tables.
 * - confirmImport: checks the rows again against the database as it is now and, in ONE
 *   transaction, creates the new mothers and their babies (no logins: each mother gets hers from
 *   her baby's page when staff are with her; the result lists, per posyandu, how many still need
 *   one, printable with mothersWithoutLogin), the per-record audit rows registration writes and
 *   one audit row for the import with its counts. A row that became invalid since the preview (a phone taken meanwhile) stops the
 *   whole import: nothing is created. Confirming twice, or the same file again, creates nothing
 *   new (the rows are then "sudah ada").
 *
 * Duplicates: the same NIK in this puskesmas, else the same phone with a baby of the same birth
 * date. Registration itself has no NIK check (it refuses a phone that is taken, and asks about a
 * namesake with the same birth date); the NIK rule lives here, for the import only.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDb, type DbOrTx } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { auditLog, babies, importBatches, mothers, posyandu, puskesmas, users, villages } from '@/db/schema';
import { assertCanHere, NotFoundError, type Actor } from '@/lib/auth/policy';
import { isoToday, isUnderSixMonths, maskNik, type IsoDate } from '@/lib/domain';
import {
  countRows,
  hasFeeding,
  IMPORT_BATCH_HOURS,
  IMPORT_COLUMNS,
  IMPORT_HEADERS,
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_ROWS,
  importSex,
  IMPORT_DATE_FORMATS,
  isFormulaCell,
  isImportDate,
  posyanduKey,
  repeatedRows,
  type ImportCells,
  type ImportCounts,
  type ImportRow,
  type ImportRowError,
} from '@/lib/domain/import';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { columnOfField, confirmImportSchema, motherValuesOfRow, type ConfirmImportField } from '@/lib/validation/import';
import { CONSENT_TEXT_VERSION, MAX_BABIES, motherSchema, type MotherInput } from '@/lib/validation/mother';
import { readImportFile, type FileRefusal } from './import-file';
import { isUniqueViolation } from '@/db/pg-errors';
import { villageNameOf } from '@/lib/validation/places';

function assertImporter(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'write', 'imports');
}

async function todayOf(db: DbOrTx, puskesmasId: string): Promise<IsoDate> {
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  return isoToday(p?.timeZone);
}

type PlaceRow = { villageId: string; village: string; villageActive: boolean; posyanduId: string; posyandu: string; posyanduActive: boolean };

async function placesOf(db: DbOrTx, puskesmasId: string): Promise<PlaceRow[]> {
  return db
    .select({
      villageId: villages.id,
      village: villages.name,
      villageActive: villages.active,
      posyanduId: posyandu.id,
      posyandu: posyandu.name,
      posyanduActive: posyandu.active,
    })
    .from(villages)
    .innerJoin(posyandu, eq(posyandu.villageId, villages.id))
    .where(eq(villages.puskesmasId, puskesmasId))
    .orderBy(asc(villages.name), asc(posyandu.name));
}

/** What the import page shows: the active places (their names go into the file) and the limits. */
export async function importContext(actor: Actor) {
  assertImporter(actor);
  const db = await getDb();
  const places = (await placesOf(db, actor.puskesmasId)).filter((p) => p.villageActive && p.posyanduActive);
  return { places: places.map((p) => ({ village: p.village, posyandu: p.posyandu })), maxRows: IMPORT_MAX_ROWS, maxMb: IMPORT_MAX_FILE_BYTES / 1024 / 1024 };
}

// ---------------------------------------------------------------------------------------------
// Template

const EXPLAIN: Record<(typeof IMPORT_COLUMNS)[number], string> = {
  motherName: 'Wajib. Nama lengkap ibu (2–100 huruf).',
  nik: 'Boleh kosong. 16 angka sesuai KTP, ditulis sebagai teks.',
  phone: 'Wajib. Nomor HP ibu, contoh 0812-3456-7890. Dipakai untuk masuk ke portal; satu nomor untuk satu ibu.',
  village: 'Wajib. Nama desa/kelurahan persis seperti daftar di bawah (huruf besar/kecil tidak berpengaruh).',
  posyandu: 'Wajib. Nama posyandu di desa tersebut seperti daftar di bawah ("Posyandu Mawar 1" atau "Mawar 1"; huruf besar/kecil tidak berpengaruh).',
  rt: 'Boleh kosong. Paling banyak 3 karakter.',
  rw: 'Boleh kosong. Paling banyak 3 karakter.',
  address: 'Boleh kosong. Paling banyak 200 karakter.',
  babyName: 'Boleh kosong.',
  sex: 'Wajib. L (laki-laki) atau P (perempuan).',
  birthDate: `Wajib. Tanggal lahir bayi, misalnya ${IMPORT_DATE_FORMATS}. Tidak di masa depan; bayi harus berumur di bawah 6 bulan pada hari impor.`,
  birthWeight: 'Boleh kosong. Dalam gram, 300–7000.',
  visitDate:
    'Boleh kosong. Pemberian makan terakhir yang diketahui: hanya ditampilkan saat pemeriksaan, tidak disimpan sebagai kunjungan (kunjungan dicatat oleh kader).',
  exclusive: 'Boleh kosong. ya/tidak. Hanya ditampilkan, tidak disimpan.',
  givenOther: 'Boleh kosong. Hanya ditampilkan, tidak disimpan.',
};

/** The XLSX template: the data sheet with its headers, and a sheet explaining each column with the active places. */
export async function importTemplate(actor: Actor): Promise<Buffer> {
  const { places } = await importContext(actor);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KEKASIHKU';
  const data = wb.addWorksheet('Data');
  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: IMPORT_HEADERS[c],
    key: c,
    width: Math.max(12, IMPORT_HEADERS[c].length + 4),
    // NIK, phone, RT and RW as text: a spreadsheet would drop a leading 0 or round 16 digits.
    style: ['nik', 'phone', 'rt', 'rw'].includes(c) ? { numFmt: '@' } : undefined,
  }));
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Petunjuk');
  help.columns = [
    { header: 'Kolom', key: 'col', width: 24 },
    { header: 'Penjelasan', key: 'text', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow({ col: IMPORT_HEADERS[c], text: EXPLAIN[c] });
  help.addRow({});
  help.addRow({
    col: 'Batas',
    text: `Satu baris untuk satu bayi (bayi kembar: satu baris per bayi dengan nomor HP ibu yang sama). Paling banyak ${IMPORT_MAX_ROWS} baris dan ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB. Rumus tidak dibaca: sel berisi rumus ditolak, tulis nilainya. Baris yang sama persis (ibu, NIK, nomor HP, nama bayi, jenis kelamin, tanggal lahir) dihitung sekali.`,
  });
  help.addRow({});
  const title = help.addRow({ col: 'Desa', text: 'Posyandu (yang aktif)' });
  title.font = { bold: true };
  for (const p of places) help.addRow({ col: p.village, text: p.posyandu });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Checking rows (preview and confirm)

/** A posyandu id that matches nothing, for rows whose place is unknown (the other fields are still checked). */
const NO_PLACE = '00000000-0000-4000-8000-000000000000';

type Checked = ImportRow & { input?: MotherInput; villageId?: string };

/**
 * Every row, checked as the registration form checks it, then against the file itself (twins,
 * the same phone or NIK twice) and against the database (duplicates, a phone taken).
 */
async function checkRows(db: DbOrTx, actor: Actor, raw: readonly { row: number; cells: ImportCells }[]): Promise<Checked[]> {
  const today = await todayOf(db, actor.puskesmasId);
  const schema = motherSchema({ today });
  const places = await placesOf(db, actor.puskesmasId);
  // A village as registers write it: "Desa Sukamaju", "sukamaju" and "Sukamaju" are one.
  const villageKey = (name: string) => villageNameOf(name.replace(/\s+/g, ' ').trim()).toLowerCase();
  const villageByName = new Map<string, PlaceRow[]>();
  for (const p of places) {
    const k = villageKey(p.village);
    villageByName.set(k, [...(villageByName.get(k) ?? []), p]);
  }

  // The valid names a refusal lists (the active ones; the Petunjuk sheet of the template has them too).
  const listOf = (names: string[]) => {
    const unique = [...new Set(names)];
    return unique.length > 12 ? `${unique.slice(0, 12).join(', ')}, …` : unique.join(', ');
  };
  const activeVillages = listOf(places.filter((p) => p.villageActive).map((p) => p.village));

  const rows: Checked[] = raw.map(({ row, cells }) => {
    const errors: ImportRowError[] = [];
    // A formula in any cell: refused on its column, before any other rule reads its text.
    const formulas = new Set(IMPORT_COLUMNS.filter((c) => isFormulaCell(cells[c] ?? '')));
    for (const c of formulas) errors.push({ column: c, message: 'imports.errors.formula' });
    // The place, by name within the puskesmas (case and the "Desa"/"Posyandu" prefix do not matter).
    let posyanduId = NO_PLACE;
    let villageId: string | undefined;
    const vName = formulas.has('village') ? '' : villageKey(cells.village ?? '');
    const pName = formulas.has('posyandu') ? '' : posyanduKey(cells.posyandu ?? '');
    const inVillage = villageByName.get(vName);
    if (formulas.has('village')) {
      // refused above
    } else if (!vName) errors.push({ column: 'village', message: 'validation.required' });
    else if (!inVillage) errors.push({ column: 'village', message: 'imports.errors.villageUnknown', params: { valid: activeVillages } });
    else if (!inVillage[0]!.villageActive) errors.push({ column: 'village', message: 'imports.errors.villageInactive' });
    if (formulas.has('posyandu')) {
      // refused above
    } else if (!pName) errors.push({ column: 'posyandu', message: 'validation.required' });
    else if (inVillage && inVillage[0]!.villageActive) {
      const post = inVillage.find((p) => posyanduKey(p.posyandu) === pName);
      if (!post)
        errors.push({
          column: 'posyandu',
          message: 'imports.errors.posyanduUnknown',
          params: { valid: listOf(inVillage.filter((p) => p.posyanduActive).map((p) => p.posyandu)) },
        });
      else if (!post.posyanduActive) errors.push({ column: 'posyandu', message: 'imports.errors.posyanduInactive' });
      else {
        posyanduId = post.posyanduId;
        villageId = post.villageId;
      }
    }
    const sex = formulas.has('sex') ? '' : importSex(cells.sex ?? '');
    if (sex === null) errors.push({ column: 'sex', message: 'imports.errors.sex' });
    // A birth date written in none of the formats read: say which are.
    const birthText = (cells.birthDate ?? '').trim();
    if (birthText && !formulas.has('birthDate') && !isImportDate(birthText)) {
      errors.push({ column: 'birthDate', message: 'imports.errors.dateFormat', params: { formats: IMPORT_DATE_FORMATS } });
    }
    const parsed = schema.safeParse(motherValuesOfRow(cells, posyanduId));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOfField(issue.path);
        if (column === 'posyandu' || (column === 'sex' && sex === null)) continue;
        if (errors.some((e) => e.column === column)) continue;
        errors.push({ column, message: /^(validation|imports)\./.test(issue.message) ? issue.message : 'validation.invalid' });
      }
    } else if (!isUnderSixMonths(parsed.data.birthDate, today)) {
      // The import brings in babies still in the program: under 6 months on the day of the import.
      errors.push({ column: 'birthDate', message: 'imports.errors.babyTooOld' });
    }
    const ok = errors.length === 0 && parsed.success;
    return { row, cells, status: ok ? 'new' : 'rejected', errors, input: ok ? parsed.data : undefined, villageId };
  });

  // In the file: one phone is one mother. Rows with her phone and the same birth date are twins
  // (up to MAX_BABIES); the same phone with another birth date, or a NIK on two phones, is refused.
  // First, rows that repeat an earlier row exactly (lib/domain repeatedRows): copies, never created.
  const repeats = repeatedRows(
    rows
      .filter((r) => r.status === 'new' && r.input)
      .map((r) => ({
        row: r.row,
        id: {
          motherName: r.input!.name,
          nik: r.input!.nik,
          phone: r.input!.phone,
          babyName: r.input!.babies[0]!.name ?? '',
          sex: r.input!.babies[0]!.sex,
          birthDate: r.input!.birthDate,
        },
      })),
  );
  for (const r of rows) {
    const of = repeats.get(r.row);
    if (of === undefined) continue;
    r.status = 'existing';
    r.existingBy = 'repeat';
    r.repeatOf = of;
  }
  const firstByPhone = new Map<string, Checked>();
  const firstByNik = new Map<string, Checked>();
  const twins = new Map<number, number>();
  for (const r of rows) {
    if (r.status !== 'new' || !r.input) continue;
    const v = r.input;
    const first = firstByPhone.get(v.phone);
    if (first) {
      const same = first.input!.birthDate === v.birthDate && (first.input!.nik ?? null) === (v.nik ?? null);
      const n = (twins.get(first.row) ?? 1) + 1;
      if (!same) {
        r.status = 'rejected';
        r.errors.push({ column: 'phone', message: 'imports.errors.samePhoneInFile', params: { row: first.row } });
      } else if (n > MAX_BABIES) {
        r.status = 'rejected';
        r.errors.push({ column: 'phone', message: 'imports.errors.tooManyTwins', params: { row: first.row, max: MAX_BABIES } });
      } else {
        twins.set(first.row, n);
        r.twinOf = first.row;
      }
      continue;
    }
    if (v.nik) {
      const byNik = firstByNik.get(v.nik);
      if (byNik) {
        r.status = 'rejected';
        r.errors.push({ column: 'nik', message: 'imports.errors.sameNikInFile', params: { row: byNik.row } });
        continue;
      }
      firstByNik.set(v.nik, r);
    }
    firstByPhone.set(v.phone, r);
  }

  // In the database: duplicates (sudah ada) and phones already taken (refused).
  const heads = rows.filter((r) => r.status === 'new' && !r.twinOf);
  const niks = [...new Set(heads.map((r) => r.input!.nik).filter((n): n is string => Boolean(n)))];
  const phones = [...new Set(heads.map((r) => r.input!.phone))];
  const existingNik = new Set<string>();
  const motherByPhone = new Map<string, Set<string>>();
  const takenPhones = new Set<string>();
  for (let i = 0; i < niks.length; i += 1000) {
    const found = await db
      .select({ nik: mothers.nik })
      .from(mothers)
      .where(and(eq(mothers.puskesmasId, actor.puskesmasId), isNotNull(mothers.nik), inArray(mothers.nik, niks.slice(i, i + 1000))));
    for (const f of found) existingNik.add(f.nik!);
  }
  for (let i = 0; i < phones.length; i += 1000) {
    const chunk = phones.slice(i, i + 1000);
    const found = await db
      .select({ phone: mothers.phone, birthDate: babies.birthDate })
      .from(mothers)
      .leftJoin(babies, eq(babies.motherId, mothers.id))
      .where(and(eq(mothers.puskesmasId, actor.puskesmasId), inArray(mothers.phone, chunk)));
    for (const f of found) {
      const set = motherByPhone.get(f.phone!) ?? new Set<string>();
      if (f.birthDate) set.add(f.birthDate);
      motherByPhone.set(f.phone!, set);
    }
    // A phone is one login across the installation (another puskesmas's mother, a kader…).
    const taken = await db.select({ phone: users.phone }).from(users).where(inArray(users.phone, chunk));
    for (const t of taken) takenPhones.add(t.phone);
    const takenMothers = await db.select({ phone: mothers.phone }).from(mothers).where(inArray(mothers.phone, chunk));
    for (const t of takenMothers) if (t.phone) takenPhones.add(t.phone);
  }
  const headStatus = new Map<number, Pick<ImportRow, 'status' | 'existingBy' | 'errors'>>();
  for (const r of heads) {
    const v = r.input!;
    if (v.nik && existingNik.has(v.nik)) {
      r.status = 'existing';
      r.existingBy = 'nik';
    } else if (motherByPhone.get(v.phone)?.has(v.birthDate)) {
      r.status = 'existing';
      r.existingBy = 'phoneBirth';
    } else if (takenPhones.has(v.phone)) {
      r.status = 'rejected';
      r.errors.push({ column: 'phone', message: 'validation.phoneTaken' });
    }
    headStatus.set(r.row, { status: r.status, existingBy: r.existingBy, errors: r.errors });
  }
  for (const r of rows) {
    if (!r.twinOf) continue;
    const head = headStatus.get(r.twinOf);
    if (!head || head.status === 'new') continue;
    r.status = head.status;
    r.existingBy = head.existingBy;
    if (head.status === 'rejected') r.errors.push({ column: 'phone', message: 'imports.errors.twinRefused', params: { row: r.twinOf } });
  }
  return rows;
}

/** What is kept of a checked row in the batch (no parsed input: it is checked again on confirm). */
function stored(r: Checked): ImportRow {
  const out: ImportRow = { row: r.row, cells: r.cells, status: r.status, errors: r.errors };
  if (r.existingBy) out.existingBy = r.existingBy;
  if (r.twinOf) out.twinOf = r.twinOf;
  if (r.repeatOf) out.repeatOf = r.repeatOf;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Preview

export type PreviewResult = { ok: true; batchId: string; counts: ImportCounts } | { ok: false; refusal: FileRefusal; params?: Record<string, string | number> };

/** Reads and checks an uploaded file and keeps the preview; writes nothing else. */
export async function previewImport(actor: Actor, bytes: Uint8Array): Promise<PreviewResult> {
  assertImporter(actor);
  const file = await readImportFile(bytes);
  if (!file.ok) return file;
  const db = await getDb();
  const checked = await checkRows(db, actor, file.rows);
  const rows = checked.map(stored);
  const counts = countRows(rows);
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const batchId = await db.transaction(async (tx) => {
    // Old previews nobody confirmed: their rows (personal data) are not kept longer than a day.
    await tx
      .delete(importBatches)
      .where(and(eq(importBatches.status, 'preview'), lt(importBatches.createdAt, sql`now() - ${sql.raw(`interval '${IMPORT_BATCH_HOURS} hours'`)}`)));
    const [b] = await tx
      .insert(importBatches)
      .values({
        puskesmasId: actor.puskesmasId,
        createdBy: actor.id,
        fileHash,
        rows,
        newCount: counts.new,
        existingCount: counts.existing,
        rejectedCount: counts.rejected,
      })
      .returning({ id: importBatches.id });
    return b!.id;
  });
  return { ok: true, batchId, counts };
}

export type ImportResultCounts = ImportCounts & { mothers: number; babies: number };

export type BatchView = {
  id: string;
  status: 'preview' | 'confirmed';
  counts: ImportCounts;
  result: ImportResultCounts | null;
  createdAt: Date;
  /** Rows with problems, and rows already there (up to 1,000 each, in file order). */
  rejected: ImportRow[];
  existing: ImportRow[];
  /** New rows (mother's name, baby's birth date) to look over: the first 200. */
  fresh: { row: number; name: string; village: string; posyandu: string; birthDate: string; twinOf?: number }[];
  /** Rows that filled the optional last-feeding columns (not stored). */
  feedingRows: number;
};

/** A batch of the actor's own puskesmas, made by the actor: anything else is not found. */
export async function getImportBatch(actor: Actor, id: string): Promise<BatchView> {
  assertImporter(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFoundError('import');
  const db = await getDb();
  const [b] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, id), eq(importBatches.puskesmasId, actor.puskesmasId), eq(importBatches.createdBy, actor.id)));
  if (!b) throw new NotFoundError('import');
  const rows = (b.rows ?? []) as ImportRow[];
  return {
    id: b.id,
    status: b.status,
    counts: { new: b.newCount, existing: b.existingCount, rejected: b.rejectedCount },
    result: (b.result as ImportResultCounts | null) ?? null,
    createdAt: b.createdAt,
    rejected: rows.filter((r) => r.status === 'rejected').slice(0, 1000),
    existing: rows.filter((r) => r.status === 'existing').slice(0, 1000),
    fresh: rows
      .filter((r) => r.status === 'new')
      .slice(0, 200)
      .map((r) => ({
        row: r.row,
        name: r.cells.motherName ?? '',
        village: r.cells.village ?? '',
        posyandu: r.cells.posyandu ?? '',
        birthDate: r.cells.birthDate ?? '',
        ...(r.twinOf ? { twinOf: r.twinOf } : {}),
      })),
    feedingRows: rows.filter((r) => hasFeeding(r.cells)).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Confirm

/** A posyandu of the import and how many of its mothers still have no portal login. */
export type LoginsNeeded = { posyanduId: string; posyandu: string; village: string; mothers: number };
export type ConfirmResult =
  | { ok: true; already: boolean; counts: ImportResultCounts; logins: LoginsNeeded[] }
  | { ok: false; fieldErrors?: Partial<Record<ConfirmImportField, string>>; formError?: string; rows?: ImportRow[] };

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for every table here. */
const CHUNK = 500;

async function insertChunks<T, R>(items: readonly T[], insert: (chunk: T[]) => Promise<R[]>, size = CHUNK): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await insert(items.slice(i, i + size))));
  return out;
}

class Changed extends Error {
  constructor(readonly rows: ImportRow[]) {
    super('import changed');
  }
}

/**
 * Creates what the preview showed as new, in one transaction. The rows are checked again first:
 * a row that was new and is now refused stops everything (nothing is created); a row that is now
 * already there is skipped. The batch can be confirmed once.
 */
export async function confirmImport(actor: Actor, raw: unknown): Promise<ConfirmResult> {
  assertImporter(actor);
  const parsed = confirmImportSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf<ConfirmImportField>(parsed.error);
    // The id is not something the user typed: a bad one is a batch that is gone.
    if (fieldErrors.batchId) return { ok: false, formError: 'imports.errors.gone' };
    return { ok: false, fieldErrors: { consent: 'imports.errors.consentRequired' } };
  }
  const { batchId } = parsed.data;
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<ConfirmResult> => {
      // Locked: a second confirmation waits, then finds it confirmed.
      const [b] = await tx
        .select()
        .from(importBatches)
        .where(and(eq(importBatches.id, batchId), eq(importBatches.puskesmasId, actor.puskesmasId), eq(importBatches.createdBy, actor.id)))
        .for('update');
      if (!b) return { ok: false, formError: 'imports.errors.gone' };
      if (b.status === 'confirmed') {
        const counts = (b.result as ImportResultCounts | null) ?? { new: 0, existing: 0, rejected: 0, mothers: 0, babies: 0 };
        return { ok: true, already: true, counts, logins: [] };
      }
      const previewRows = b.rows as ImportRow[];
      const wasNew = new Set(previewRows.filter((r) => r.status === 'new').map((r) => r.row));
      const checked = await checkRows(
        tx,
        actor,
        previewRows.map(({ row, cells }) => ({ row, cells })),
      );
      const broken = checked.filter((r) => wasNew.has(r.row) && r.status === 'rejected');
      if (broken.length > 0) throw new Changed(broken.map(stored));
      // Rows refused at preview stay refused (a file is fixed and uploaded again, not here).
      const creating = checked.filter((r) => wasNew.has(r.row) && r.status === 'new');
      const heads = creating.filter((r) => !r.twinOf);
      const twinsOf = new Map<number, Checked[]>();
      for (const r of creating) if (r.twinOf) twinsOf.set(r.twinOf, [...(twinsOf.get(r.twinOf) ?? []), r]);

      // No logins here (issue #29): an imported mother gets hers when staff are with her, from her
      // baby's page ("Akun portal ibu", decision 054), so no code is shown to a screen nobody keeps.
      const motherRows = await insertChunks(heads, (chunk) =>
        tx
          .insert(mothers)
          .values(
            chunk.map((r) => ({
              puskesmasId: actor.puskesmasId,
              villageId: r.villageId!,
              posyanduId: r.input!.posyanduId,
              userId: null,
              name: r.input!.name,
              phone: r.input!.phone,
              nik: r.input!.nik,
              address: r.input!.address,
              rt: r.input!.rt,
              rw: r.input!.rw,
              consentAt: sql`now()`,
              consentTextVersion: CONSENT_TEXT_VERSION,
              // The importing staff member confirmed that consent was recorded on paper.
              consentRecordedBy: actor.id,
              createdBy: actor.id,
            })),
          )
          .returning(),
      );
      const motherByPhone = new Map(motherRows.map((m) => [m.phone!, m]));
      const babyValues = heads.flatMap((h) =>
        [h, ...(twinsOf.get(h.row) ?? [])].map((r, i) => ({
          puskesmasId: actor.puskesmasId,
          motherId: motherByPhone.get(h.input!.phone)!.id,
          name: r.input!.babies[0]!.name,
          sex: r.input!.babies[0]!.sex,
          birthDate: h.input!.birthDate,
          birthWeightGrams: r.input!.babies[0]!.birthWeightGrams,
          earlyInitiation: null,
          birthOrder: i + 1,
        })),
      );
      const babyRows = await insertChunks(babyValues, (chunk) => tx.insert(babies).values(chunk).returning(), 5000);
      // Their coverage rows, in a few statements (refreshCoverage works in chunks of 1,000 babies).
      await refreshCoverage(
        tx,
        babyRows.map((b) => b.id),
      );
      const counts: ImportResultCounts = {
        new: creating.length,
        existing: checked.filter((r) => r.status === 'existing').length,
        // The rest: refused (at preview, and not created now).
        rejected: 0,
        mothers: motherRows.length,
        babies: babyRows.length,
      };
      counts.rejected = checked.length - counts.new - counts.existing;
      const auditRows = [
        {
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          action: 'import.confirm',
          entity: 'import_batch',
          entityId: b.id,
          before: null,
          // Counts only: no names, phones or NIK.
          after: { rows: checked.length, ...counts, fileHash: b.fileHash },
        },
        ...motherRows.map((m) => ({
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          action: 'mother.create',
          entity: 'mother',
          entityId: m.id,
          before: null,
          after: { ...m, nik: m.nik ? maskNik(m.nik) : null },
          reason: 'import',
        })),
        ...babyRows.map((x) => ({
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          action: 'baby.create',
          entity: 'baby',
          entityId: x.id,
          before: null,
          after: x,
          reason: 'import',
        })),
      ];
      await insertChunks(auditRows, async (chunk) => {
        await tx.insert(auditLog).values(chunk);
        return [];
      });
      // The rows (personal data) are not kept once they are in the registry.
      await tx
        .update(importBatches)
        .set({ status: 'confirmed', confirmedAt: sql`now()`, rows: [], result: counts })
        .where(eq(importBatches.id, b.id));
      return { ok: true, already: false, counts, logins: await loginsNeeded(tx, actor, [...new Set(motherRows.map((m) => m.posyanduId))]) };
    });
  } catch (err) {
    if (err instanceof Changed) return { ok: false, formError: 'imports.errors.changed', rows: err.rows };
    // Another import or registration took a phone at the same moment: nothing was created.
    if (isUniqueViolation(err)) return { ok: false, formError: 'imports.errors.changed' };
    throw err;
  }
}

/** Per posyandu `posyanduIds` of the actor's puskesmas: how many mothers still have no login. */
async function loginsNeeded(db: DbOrTx, actor: Actor, posyanduIds: string[]): Promise<LoginsNeeded[]> {
  if (posyanduIds.length === 0) return [];
  const rows = await db
    .select({ posyanduId: posyandu.id, posyandu: posyandu.name, village: villages.name, mothers: sql<number>`count(${mothers.id})::int` })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .innerJoin(mothers, and(eq(mothers.posyanduId, posyandu.id), isNull(mothers.userId)))
    .where(and(eq(posyandu.puskesmasId, actor.puskesmasId), inArray(posyandu.id, posyanduIds)))
    .groupBy(posyandu.id, posyandu.name, villages.name)
    .orderBy(asc(villages.name), asc(posyandu.name));
  return rows.map((r) => ({ ...r, mothers: Number(r.mothers) }));
}

/**
 * The printable list of a posyandu's mothers who still have no portal login (issue #29): after an
 * import, staff or the posyandu's kader go through it with each mother and give her login from her
 * baby's page. Staff and admin of the posyandu's puskesmas only ('imports' write); another
 * puskesmas's posyandu is not found. Read only; nothing is audited as changed.
 */
export async function mothersWithoutLogin(actor: Actor, posyanduId: string) {
  assertImporter(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(posyanduId)) throw new NotFoundError('posyandu');
  const db = await getDb();
  const [place] = await db
    .select({ id: posyandu.id, name: posyandu.name, village: villages.name, puskesmas: puskesmas.name })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .innerJoin(puskesmas, eq(puskesmas.id, posyandu.puskesmasId))
    .where(and(eq(posyandu.id, posyanduId), eq(posyandu.puskesmasId, actor.puskesmasId)));
  if (!place) throw new NotFoundError('posyandu');
  const rows = await db
    .select({
      motherId: mothers.id,
      name: mothers.name,
      phone: mothers.phone,
      rt: mothers.rt,
      rw: mothers.rw,
      address: mothers.address,
      babyId: babies.id,
      babyName: babies.name,
      birthDate: babies.birthDate,
    })
    .from(mothers)
    .innerJoin(babies, eq(babies.motherId, mothers.id))
    .where(and(eq(mothers.puskesmasId, actor.puskesmasId), eq(mothers.posyanduId, posyanduId), isNull(mothers.userId)))
    .orderBy(asc(mothers.name), asc(mothers.id), asc(babies.birthOrder));
  const list: {
    motherId: string;
    name: string;
    phone: string | null;
    rt: string | null;
    rw: string | null;
    address: string | null;
    babies: { id: string; name: string | null; birthDate: string }[];
  }[] = [];
  for (const r of rows) {
    let m = list.at(-1);
    if (!m || m.motherId !== r.motherId) {
      m = { motherId: r.motherId, name: r.name, phone: r.phone, rt: r.rt, rw: r.rw, address: r.address, babies: [] };
      list.push(m);
    }
    m.babies.push({ id: r.babyId, name: r.babyName, birthDate: r.birthDate });
  }
  return { posyandu: place, mothers: list };
}
