/**
 * Reading an uploaded register (XLSX or CSV) into rows of text cells, within limits that refuse
 * cleanly (docs/decisions/045-import.md): the file's size, its type by content (an XLSX is a zip
 * with a workbook; a CSV is UTF-8 text), an XLSX's unpacked size and entry count (checked with
 * yauzl, entry by entry and byte by byte, before exceljs reads it: a zip bomb is refused without
 * being inflated), and the number of rows. Formulas are read as their text, never evaluated.
 * No database here.
 */
import 'server-only';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import yauzl from 'yauzl';
import {
  cellText,
  columnOfHeader,
  csvDelimiter,
  decodeCsv,
  IMPORT_HEADERS,
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_ROWS,
  IMPORT_MAX_UNZIPPED_BYTES,
  IMPORT_MAX_ZIP_ENTRIES,
  IMPORT_REQUIRED_COLUMNS,
  type ImportCells,
  type ImportColumn,
} from '@/lib/domain/import';

export type FileRefusal = 'tooBig' | 'empty' | 'type' | 'encoding' | 'unzippedTooBig' | 'tooManyRows' | 'noRows' | 'columnsMissing' | 'unreadable';

export type ReadResult =
  { ok: true; kind: 'xlsx' | 'csv'; rows: { row: number; cells: ImportCells }[] } | { ok: false; refusal: FileRefusal; params?: Record<string, string | number> };

const refuse = (refusal: FileRefusal, params?: Record<string, string | number>): ReadResult => ({ ok: false, refusal, params });

/** A zip file's local header: "PK\x03\x04". */
function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

class Stop extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(refusal);
  }
}

/**
 * Walks every entry of the zip without keeping it: counts the unpacked bytes (the real ones,
 * not the sizes the zip claims) and the `<row` elements of each worksheet. Stops at the first
 * limit passed. True when it holds a workbook.
 */
function inspectZip(buf: Buffer): Promise<{ workbook: boolean }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(new Stop('type'));
      if (zip.entryCount > IMPORT_MAX_ZIP_ENTRIES) {
        zip.close();
        return reject(new Stop('unzippedTooBig'));
      }
      let total = 0;
      let workbook = false;
      let types = false;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e instanceof Stop ? e : new Stop('type'));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (!failed) resolve({ workbook: workbook && types });
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name === 'xl/workbook.xml') workbook = true;
        if (name === '[Content_Types].xml') types = true;
        // What the zip claims is checked first (cheap), then what it really holds.
        if (total + entry.uncompressedSize > IMPORT_MAX_UNZIPPED_BYTES) return fail(new Stop('unzippedTooBig'));
        if (name.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
          let rows = 0;
          let tail = '';
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > IMPORT_MAX_UNZIPPED_BYTES) {
              stream.destroy();
              return fail(new Stop('unzippedTooBig'));
            }
            if (sheet) {
              const text = tail + chunk.toString('latin1');
              rows += text.split('<row ').length - 1 + text.split('<row>').length - 1;
              // Four characters cannot hold a whole "<row " or "<row>": nothing is counted twice.
              tail = text.slice(-4);
              // The header and the data rows, with some room for rows left empty.
              if (rows > IMPORT_MAX_ROWS + 1 + 100) {
                stream.destroy();
                return fail(new Stop('tooManyRows'));
              }
            }
          });
          stream.on('error', fail);
          stream.on('end', () => {
            if (!failed) zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

type RawRow = { row: number; values: string[] };

/** The header row's columns and the data rows' cells; refuses a file without the needed columns. */
function toCells(rows: RawRow[]): ReadResult {
  const header = rows[0];
  if (!header) return refuse('noRows');
  const columns = new Map<number, ImportColumn>();
  header.values.forEach((h, i) => {
    const c = columnOfHeader(h);
    if (c && ![...columns.values()].includes(c)) columns.set(i, c);
  });
  const have = new Set(columns.values());
  const missing = IMPORT_REQUIRED_COLUMNS.filter((c) => !have.has(c));
  if (missing.length > 0) return refuse('columnsMissing', { columns: missing.map((c) => IMPORT_HEADERS[c]).join(', ') });
  const out: { row: number; cells: ImportCells }[] = [];
  for (const r of rows.slice(1)) {
    const cells: ImportCells = {};
    let any = false;
    for (const [i, c] of columns) {
      const v = (r.values[i] ?? '').trim();
      if (v) any = true;
      cells[c] = v;
    }
    if (!any) continue;
    if (out.length >= IMPORT_MAX_ROWS) return refuse('tooManyRows', { max: IMPORT_MAX_ROWS });
    out.push({ row: r.row, cells });
  }
  if (out.length === 0) return refuse('noRows');
  return { ok: true, kind: 'csv', rows: out };
}

async function readXlsx(buf: Buffer): Promise<ReadResult> {
  try {
    const { workbook } = await inspectZip(buf);
    if (!workbook) return refuse('type');
  } catch (err) {
    if (err instanceof Stop) return err.refusal === 'tooManyRows' ? refuse('tooManyRows', { max: IMPORT_MAX_ROWS }) : refuse(err.refusal);
    return refuse('type');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return refuse('unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) return refuse('noRows');
  const rows: RawRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    if (rows.length > IMPORT_MAX_ROWS + 1) {
      tooMany = true;
      return;
    }
    const values: string[] = [];
    // Only the first columns can be the template's; a sheet of 16,384 columns is not read.
    const last = Math.min(row.cellCount, 60);
    for (let i = 1; i <= last; i++) {
      const cell = row.getCell(i);
      const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : null;
      values[i - 1] = cellText(cell.value, formula);
    }
    rows.push({ row: rowNumber, values });
  });
  if (tooMany) return refuse('tooManyRows', { max: IMPORT_MAX_ROWS });
  const res = toCells(rows);
  return res.ok ? { ...res, kind: 'xlsx' } : res;
}

function readCsv(buf: Buffer): ReadResult {
  if (buf.includes(0)) return refuse('type');
  // UTF-8 when it is valid UTF-8, else Windows-1252 (Excel's "CSV" in Indonesia): lib/domain decodeCsv.
  const { text } = decodeCsv(buf);
  // Far more lines than rows allowed (with room for blank lines and line breaks inside cells):
  // refused before parsing.
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && lines <= IMPORT_MAX_ROWS + 1000; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > IMPORT_MAX_ROWS + 1000) return refuse('tooManyRows', { max: IMPORT_MAX_ROWS });
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = csvDelimiter(firstLine);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return refuse('unreadable');
  }
  const rows: RawRow[] = records.map((r, i) => ({ row: i === 0 ? 1 : r.info.lines, values: r.record.map((v) => cellText(v)) }));
  if (records.length > IMPORT_MAX_ROWS + 1) return refuse('tooManyRows', { max: IMPORT_MAX_ROWS });
  return toCells(rows);
}

/** The rows of an uploaded file, or why it is refused. */
export async function readImportFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return refuse('empty');
  if (bytes.length > IMPORT_MAX_FILE_BYTES) return refuse('tooBig', { mb: IMPORT_MAX_FILE_BYTES / 1024 / 1024 });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isZip(buf)) return readXlsx(buf);
  // Other binary formats (XLS, PDF, images…) are refused by their signature or a NUL byte.
  if (buf[0] === 0xd0 && buf[1] === 0xcf) return refuse('type');
  return readCsv(buf);
}
