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

/** Month names as Indonesian registers write them (and the English ones Excel may produce), full or short. */
const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  agustus: 8,
  august: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nopember: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  december: 12,
  des: 12,
  dec: 12,
};

/** The date formats a register may use, as the refusal of an unreadable date names them. */
export const IMPORT_DATE_FORMATS = '7 November 2026, 7 Nov 2026, 07-11-2026, 7/11/2026, 07.11.2026, 2026-11-07';

/**
 * A date as written in a register, as an ISO date: 2026-03-09, day first with - / or .
 * (09/03/2026, 9-3-2026, 09.03.2026), or with the month's name ("7 November 2026",
 * "7 Nov 2026", "7-Nov-2026"; Indonesian or English names, any case). Anything else, or a date
 * that does not exist (31/02/2026), is left as written for the rules to refuse
 * (`isImportDate` says whether it was read).
 */
export function importDate(text: string): string {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const named = /^(\d{1,2})[\s.-]+([a-z]+)\.?[\s.-]+(\d{4})$/i.exec(s);
  const month = named ? MONTHS[named[2]!.toLowerCase()] : undefined;
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : named && month ? [named[3], String(month), named[1]] : null;
  if (!parts) return s;
  const candidate = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  // Not a real date: left as written, and the form's rule refuses it.
  return isIsoDate(candidate) ? (candidate as IsoDate) : s;
}

/** True when a non-empty date cell was read as a date by importDate. */
export function isImportDate(text: string): boolean {
  return isIsoDate(importDate(text));
}

/**
 * A cell that holds a formula: an XLSX formula cell is read as "=" and its formula text
 * (cellText), and a CSV cell beginning with "=" is what a formula looks like. Refused as
 * "rumus tidak dibaca: tulis nilainya": a formula is never evaluated, and its text is not the value.
 */
export function isFormulaCell(text: string): boolean {
  return /^=\S/.test(text.trim());
}

/**
 * A place's name as matched: case, spaces and the kind's prefix do not matter. "Posyandu Mawar 1",
 * "posyandu  mawar 1" and "Mawar 1" are one posyandu (the village's "Desa"/"Kelurahan" prefix is
 * taken off by lib/validation/places villageNameOf the same way).
 */
export function posyanduKey(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^(posyandu|pos yandu|psy)\.?\s+/, '');
}

/**
 * The CSV separator from the header line: ";" (Excel with Indonesian settings, where the comma is
 * the decimal mark), a tab, or "," — whichever occurs most outside quotes; "," on a tie.
 */
export function csvDelimiter(headerLine: string): ',' | ';' | '\t' {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  const n = (c: string) => outside.split(c).length - 1;
  const counts: [',' | ';' | '\t', number][] = [
    [',', n(',')],
    [';', n(';')],
    ['\t', n('\t')],
  ];
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Windows-1252 bytes 0x80–0x9F (WHATWG encoding table); 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * The text of a CSV file: UTF-8 when the bytes are valid UTF-8 (a byte-order mark removed), else
 * Windows-1252 — what Excel in Indonesia writes with "CSV (Comma delimited)" (é, ’, – in names
 * and addresses). Windows-1252 gives every byte a character, so nothing is refused here.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  let text: string;
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Node's TextDecoder reads 'windows-1252' as Latin-1 (0x80–0x9F become C1 controls, not
    // “ ” ‘ ’ – — € …): those 32 bytes are mapped by the WHATWG table here.
    text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
    encoding = 'windows-1252';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
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
  /** Why it is "sudah ada": the same NIK, the same phone and baby's birth date, or a repeat of an earlier row of the file. */
  existingBy?: 'nik' | 'phoneBirth' | 'repeat';
  /** A repeated row: the earlier row of the file it repeats (never created). */
  repeatOf?: number;
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

/** What makes a row the same baby of the same mother, as registers repeat it (values as checked: phone in E.164). */
export type RowIdentity = { motherName: string; nik: string | null | undefined; phone: string; babyName: string; sex: string; birthDate: string };

const norm = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Repeated rows (issue #29): a row with the same mother's name, NIK, phone, baby's name, sex and
 * birth date as an earlier row is that row again — a copy, not a twin — and is never created.
 * Twins differ in the baby's name or sex (unnamed twins of one sex: give them names, e.g. "Bayi 1",
 * "Bayi 2"). Case and spaces do not matter. Returns, per repeated row, the first row it repeats.
 */
export function repeatedRows(rows: readonly { row: number; id: RowIdentity }[]): Map<number, number> {
  const first = new Map<string, number>();
  const out = new Map<number, number>();
  for (const r of rows) {
    const key = [norm(r.id.motherName), norm(r.id.nik), r.id.phone, norm(r.id.babyName), r.id.sex, r.id.birthDate].join('\u0000');
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.row);
    else out.set(r.row, seen);
  }
  return out;
}
