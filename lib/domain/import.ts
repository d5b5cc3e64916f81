/**
 * Bringing a register in from a spreadsheet (issue #19, docs/decisions/045-import.md): the
 * template's columns, how a header names a column, how a cell becomes text, and the import's
 * own limits. Pure: no database, no file reading (lib/data/import-file.ts), no next.
 */
import { formatIsoDate, isIsoDate } from './dates';
import type { IsoDate } from './types';

/** Refused before anything is read further. */
export const IMPORT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Data rows (the header not counted). */
export const IMPORT_MAX_ROWS = 5000;
/** An XLSX unpacked: all its entries together (a zip bomb is refused at this size). */
export const IMPORT_MAX_UNZIPPED_BYTES = 60 * 1024 * 1024;
export const IMPORT_MAX_ZIP_ENTRIES = 500;
/** A cell is kept up to this length (every field's own limit is far below). */
export const IMPORT_MAX_CELL = 500;
/** Unconfirmed previews are deleted after this. */
export const IMPORT_BATCH_HOURS = 24;

export const IMPORT_COLUMNS = [
  'motherName',
  'nik',
  'phone',
  'village',
  'posyandu',
  'rt',
  'rw',
  'address',
  'babyName',
  'sex',
  'birthDate',
  'birthWeight',
  'visitDate',
  'exclusive',
  'givenOther',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The template's headers, as the issue lists them (Indonesian: the file is read as it is). */
export const IMPORT_HEADERS: Record<ImportColumn, string> = {
  motherName: 'Nama ibu',
  nik: 'NIK',
  phone: 'Nomor HP',
  village: 'Desa',
  posyandu: 'Posyandu',
  rt: 'RT',
  rw: 'RW',
  address: 'Alamat',
  babyName: 'Nama bayi',
  sex: 'Jenis kelamin (L/P)',
  birthDate: 'Tanggal lahir',
  birthWeight: 'Berat lahir (gram)',
  visitDate: 'Tanggal kunjungan',
  exclusive: 'ASI saja (ya/tidak)',
  givenOther: 'Diberi selain ASI',
};

/** Columns a file must have (a value may still be optional, e.g. RT). */
export const IMPORT_REQUIRED_COLUMNS: readonly ImportColumn[] = ['motherName', 'phone', 'village', 'posyandu', 'sex', 'birthDate'];
/** The optional last known feeding: read, shown, never stored (decision 045). */
export const IMPORT_FEEDING_COLUMNS: readonly ImportColumn[] = ['visitDate', 'exclusive', 'givenOther'];

const ALIASES: Record<string, ImportColumn> = {
  'nama ibu': 'motherName',
  nama: 'motherName',
  nik: 'nik',
  'nik ibu': 'nik',
  'nomor hp': 'phone',
  'nomor hp ibu': 'phone',
  'no hp': 'phone',
  hp: 'phone',
  'nomor telepon': 'phone',
  'no telp': 'phone',
  desa: 'village',
  'desa kelurahan': 'village',
  kelurahan: 'village',
  posyandu: 'posyandu',
  rt: 'rt',
  rw: 'rw',
  alamat: 'address',
  'nama bayi': 'babyName',
  'jenis kelamin': 'sex',
  jk: 'sex',
  'tanggal lahir': 'birthDate',
  'tanggal lahir bayi': 'birthDate',
  'tgl lahir': 'birthDate',
  'berat lahir': 'birthWeight',
  'bb lahir': 'birthWeight',
  'tanggal kunjungan': 'visitDate',
  'tgl kunjungan': 'visitDate',
  'asi saja': 'exclusive',
  'diberi selain asi': 'givenOther',
};

/** The column a header names, or null: case, spaces, punctuation and "(…)" do not matter. */
export function columnOfHeader(header: string): ImportColumn | null {
  const key = header
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ALIASES[key] ?? null;
}

/** A spreadsheet cell, as a reader gives it (exceljs values, CSV strings). */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function dateCell(d: Date): string {
  try {
    return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  } catch {
    return '';
  }
}

/**
 * A cell as plain text. A formula is its formula TEXT ("=SUM(A1:A2)", never its cached result:
 * nothing is evaluated or trusted); rich text is its text; a date its ISO date (read in UTC,
 * as Excel stores dates without a zone); a number too large to be exact (a 16-digit NIK typed
 * as a number) keeps a "?" so that it fails validation instead of being stored wrong.
 */
export function cellText(v: unknown, formula?: string | null): string {
  let out: string;
  if (formula) out = `=${formula}`;
  else if (v === null || v === undefined) out = '';
  else if (typeof v === 'string') out = v;
  else if (typeof v === 'number') out = Number.isFinite(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER ? `${v}?` : String(v);
  else if (typeof v === 'boolean') out = v ? 'ya' : 'tidak';
  else if (v instanceof Date) out = dateCell(v);
  else if (isObject(v)) {
    if (typeof v.formula === 'string') out = `=${v.formula}`;
    else if (typeof v.sharedFormula === 'string') out = `=${v.sharedFormula}`;
    else if (Array.isArray(v.richText)) out = v.richText.map((r) => (isObject(r) && typeof r.text === 'string' ? r.text : '')).join('');
    else if (typeof v.text === 'string') out = v.text;
    else if (isObject(v.text) && Array.isArray(v.text.richText)) out = cellText(v.text);
    else if (typeof v.error === 'string') out = v.error;
    else out = '';
  } else out = '';
  return out.length > IMPORT_MAX_CELL ? out.slice(0, IMPORT_MAX_CELL) : out;
}

/** A date as written in a register: 2026-03-09, 09/03/2026, 9-3-2026, 09.03.2026 (day first). */
export function importDate(text: string): string {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return s;
  const candidate = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  // Not a real date: left as written, and the form's rule refuses it.
  return isIsoDate(candidate) ? (candidate as IsoDate) : s;
}

/** A phone whose leading 0 a spreadsheet dropped (8123… as a number) gets it back. */
export function importPhone(text: string): string {
  const s = text.trim();
  return /^8\d{8,11}$/.test(s) ? `0${s}` : s;
}

/** L or P; "laki-laki" / "perempuan" too. '' when empty, null when it is something else. */
export function importSex(text: string): 'L' | 'P' | '' | null {
  const s = text.trim().toLowerCase();
  if (!s) return '';
  if (s === 'l' || s === 'laki-laki' || s === 'laki laki' || s === 'laki') return 'L';
  if (s === 'p' || s === 'perempuan' || s === 'pr') return 'P';
  return null;
}

/** Grams, with a thousands dot allowed (3.100). Anything else is left for the form's rule. */
export function importWeight(text: string): string {
  const s = text.trim().replace(/\s*(g|gr|gram)$/i, '');
  return /^\d{1,2}\.\d{3}$/.test(s) ? s.replace('.', '') : s;
}

export type ImportCells = Partial<Record<ImportColumn, string>>;
export type ImportRowError = { column: ImportColumn | null; message: string; params?: Record<string, string | number> };
export type ImportRowStatus = 'new' | 'existing' | 'rejected';

/** One data row of a file, checked (kept in import_batches.rows until confirmed). */
export type ImportRow = {
  /** Its row number in the file (the header is row 1). */
  row: number;
  cells: ImportCells;
  status: ImportRowStatus;
  errors: ImportRowError[];
  /** Why it is "sudah ada": the same NIK, or the same phone and baby's birth date. */
  existingBy?: 'nik' | 'phoneBirth';
  /** A twin: the row of the first baby of the same mother in this file. */
  twinOf?: number;
};

export type ImportCounts = { new: number; existing: number; rejected: number };

export function countRows(rows: readonly Pick<ImportRow, 'status'>[]): ImportCounts {
  const c: ImportCounts = { new: 0, existing: 0, rejected: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

/** True when a row filled any of the optional feeding columns. */
export function hasFeeding(cells: ImportCells): boolean {
  return IMPORT_FEEDING_COLUMNS.some((c) => (cells[c] ?? '').trim() !== '');
}
