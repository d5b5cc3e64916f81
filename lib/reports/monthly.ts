/**
 * The monthly report as a table with Indonesian headings, and its CSV and XLSX files.
 * Pure apart from exceljs: no database, no personal data (places and counts only).
 */
import ExcelJS from 'exceljs';
import { roundPercent, type IndicatorTotals } from '@/lib/domain/indicators';
import type { YearMonth } from '@/lib/domain/types';
import type { DistrictPeriod } from '@/lib/validation/district';
import type { KnowledgeFigures } from '@/lib/domain/knowledge-figures';
import { addKnowledgeSheet } from './knowledge';

export const NO_DATA = 'belum ada data';

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export function monthNameId(ym: YearMonth): string {
  return `${MONTHS_ID[ym.month - 1]} ${ym.year}`;
}

const QUARTERS_ID = ['I', 'II', 'III', 'IV'];

/** "Oktober 2026", "Triwulan I 2026", "Tahun 2026": a period in the files' Indonesian. */
export function periodNameId(period: Pick<DistrictPeriod, 'kind' | 'year' | 'quarter' | 'from'>): string {
  if (period.kind === 'month') return monthNameId(period.from);
  if (period.kind === 'quarter') return `Triwulan ${QUARTERS_ID[(period.quarter ?? 1) - 1]} ${period.year}`;
  return `Tahun ${period.year}`;
}

/** F1 section O rows, as the paper form names them. */
export const O_ROWS = [
  { key: 'O1', label: 'O1 ASI Proses (hanya ASI 0–5 bulan 29 hari)' },
  { key: 'O2', label: 'O2 Sudah diberi makanan/minuman lain' },
  { key: 'O3', label: 'O3 Tidak terdata' },
  { key: 'O4', label: 'O4 Bayi mencapai 6 bulan bulan ini' },
  { key: 'O5', label: 'O5 Lulus ASI Eksklusif' },
] as const;

export type ReportInput = {
  puskesmas: { name: string; code: string };
  month: YearMonth;
  rows: { name: string; villageName: string; villageId?: string; totals: IndicatorTotals }[];
  /**
   * The villages, each with its sum: when given, each village's posyandu rows are followed by a
   * row "<desa>, Jumlah desa" and the last row ("Jumlah") is their sum.
   */
  villages?: { id: string; name: string; totals: IndicatorTotals }[];
  total: IndicatorTotals;
  /** The period before (its name and total), for the summary sheet: "this month beside last month". */
  previous?: { label: string; total: IndicatorTotals };
  /** The village the report is narrowed to (summary sheet "Desa"), when it is. */
  villageName?: string | null;
  /** The period as written in the URL (`2026-10`, `2026-Q1`, `2026`), for the file name. */
  periodParam?: string;
  sessions: { held: number; present: number; mothers: number };
  certificatesIssued: number;
  /** The puskesmas's target % for the report's year; null = not set that year ("belum ditetapkan"). */
  target?: number | null;
  /** The first two column headings when the rows are not posyandu (the district's: Kecamatan, Puskesmas). */
  columns?: readonly [string, string];
  /** Whose report, in the summary sheet (default "Puskesmas"; the district's: "Kabupaten/Kota"). */
  unitLabel?: string;
  /** The period in words when it is not `month` alone ("Triwulan I 2026"): the summary says "Periode". */
  periodLabel?: string;
  /** The knowledge figures of the period (issue #28): the XLSX gets a sheet "Pengetahuan" (lib/reports/knowledge.ts). */
  knowledge?: KnowledgeFigures;
};

export const NO_TARGET = 'belum ditetapkan';

export const HEADERS: string[] = [
  'Desa',
  'Posyandu',
  ...O_ROWS.flatMap((o) => [`${o.label} L`, `${o.label} P`, `${o.label} Jumlah`]),
  'Cakupan ASI eksklusif recall 24 jam (%)',
  'Recall eksklusif (pembilang)',
  'Bayi dengan recall (penyebut)',
  'Cakupan ASI eksklusif 6 bulan (%)',
  'Lulus ASI Eksklusif (pembilang)',
  'Bayi mencapai 6 bulan (penyebut)',
];

/**
 * A percentage as the page shows it (roundPercent: one decimal, decision 048) but as a number,
 * or "belum ada data" when the denominator is 0.
 */
export function percentCell(percent: number | null): number | string {
  return roundPercent(percent) ?? NO_DATA;
}

function line(village: string, name: string, t: IndicatorTotals): (string | number)[] {
  return [
    village,
    name,
    ...O_ROWS.flatMap((o) => [t[o.key].L, t[o.key].P, t[o.key].total]),
    percentCell(t.recallCoverage.percent),
    t.recallCoverage.numerator,
    t.recallCoverage.denominator,
    percentCell(t.sixMonthCoverage.percent),
    t.sixMonthCoverage.numerator,
    t.sixMonthCoverage.denominator,
  ];
}

export const VILLAGE_TOTAL = 'Jumlah desa';

/**
 * Header row, one row per posyandu (each village's followed by its "Jumlah desa" row when the
 * villages are given), then the total row ("Jumlah").
 */
export function reportTable(r: ReportInput): { headers: string[]; rows: (string | number)[][] } {
  const headers = r.columns ? [...r.columns, ...HEADERS.slice(2)] : HEADERS;
  const body = r.villages
    ? r.villages.flatMap((v) => [...r.rows.filter((x) => x.villageId === v.id).map((x) => line(x.villageName, x.name, x.totals)), line(v.name, VILLAGE_TOTAL, v.totals)])
    : r.rows.map((x) => line(x.villageName, x.name, x.totals));
  return { headers, rows: [...body, line('Jumlah', r.villageName ?? r.puskesmas.name, r.total)] };
}

/**
 * A text that a spreadsheet would read as a formula (= + - @, or a tab or CR first) gets a
 * leading apostrophe (OWASP "CSV injection"): a place named `=HYPERLINK(…)` stays text in Excel.
 * Numbers are never touched (a negative count does not exist; the numbers stay numbers).
 */
export function csvText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * The two ways of writing CSV (docs/decisions/032-reports-xlsx-csv.md, issue #29 point 5):
 * - `excel-id` (what the downloads write): as Excel on a computer set to Indonesian reads it
 *   when the file is opened by a double click: UTF-8 with a byte-order mark (else "0–5 bulan"
 *   opens as "0â€“5 bulan"), `;` between fields (the list separator of the Indonesian regional
 *   settings) and a decimal comma (77,8);
 * - `rfc4180`: plain RFC 4180, `,` and a decimal point, no BOM, for programs rather than people.
 * Both: CRLF line ends, fields quoted when they hold the separator, a quote or a line break.
 */
export type CsvDialect = 'excel-id' | 'rfc4180';

function csvField(v: string | number, dialect: CsvDialect): string {
  const s = typeof v === 'number' ? (dialect === 'excel-id' ? String(v).replace('.', ',') : String(v)) : csvText(v);
  const quote = dialect === 'excel-id' ? /[";\r\n]/ : /[",\r\n;]/;
  return quote.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in `dialect` (default: as Excel in Indonesia reads it: BOM, `;`, decimal comma). */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number)[])[], dialect: CsvDialect = 'excel-id'): string {
  const sep = dialect === 'excel-id' ? ';' : ',';
  const body = [headers, ...rows].map((r) => r.map((v) => csvField(v, dialect)).join(sep)).join('\r\n') + '\r\n';
  return dialect === 'excel-id' ? `\uFEFF${body}` : body;
}

export function reportCsv(r: ReportInput, dialect: CsvDialect = 'excel-id'): string {
  const { headers, rows } = reportTable(r);
  return toCsv(headers, rows, dialect);
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** `laporan-asi-BJN-2026-10.xlsx`, `laporan-asi-BJN-2026-Q1-desa-Cicadas.csv`: the period (and village) named. */
export function reportFileName(r: Pick<ReportInput, 'puskesmas' | 'month' | 'periodParam' | 'villageName'>, ext: 'csv' | 'xlsx'): string {
  const period = r.periodParam ?? `${r.month.year}-${String(r.month.month).padStart(2, '0')}`;
  const village = r.villageName ? `-desa-${slug(r.villageName) || 'x'}` : '';
  return `laporan-asi-${slug(r.puskesmas.code)}-${period}${village}.${ext}`;
}

/** The report as an XLSX workbook: sheet "Laporan" (the table) and "Ringkasan" (sessions, certificates, coverages). */
export async function reportXlsx(r: ReportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KEKASIHKU';
  wb.created = new Date(Date.UTC(r.month.year, r.month.month - 1, 1));
  const { headers, rows } = reportTable(r);
  const ws = wb.addWorksheet('Laporan');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  rows.forEach((row, i) => {
    if (row[1] === VILLAGE_TOTAL || i === rows.length - 1) ws.getRow(i + 2).font = { bold: true };
  });
  ws.columns.forEach((c, i) => (c.width = i < 2 ? 22 : 14));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  const s = wb.addWorksheet('Ringkasan');
  s.addRow(['Keterangan', 'Nilai']);
  s.getRow(1).font = { bold: true };
  const summary: [string, string | number][] = [
    [r.unitLabel ?? 'Puskesmas', r.puskesmas.name],
    r.periodLabel ? ['Periode', r.periodLabel] : ['Bulan', monthNameId(r.month)],
    ...(r.villageName ? [['Desa', r.villageName] as [string, string]] : []),
    ['Cakupan ASI eksklusif recall 24 jam (%)', percentCell(r.total.recallCoverage.percent)],
    ['Cakupan ASI eksklusif 6 bulan (%)', percentCell(r.total.sixMonthCoverage.percent)],
    ['Pertemuan KP-ASI yang terlaksana', r.sessions.held],
    ['Kehadiran (orang)', r.sessions.present],
    ['Sertifikat ASI Eksklusif diterbitkan', r.certificatesIssued],
    ...(r.target !== undefined ? [[`Target cakupan ASI eksklusif ${r.month.year} (%)`, r.target ?? NO_TARGET] as [string, string | number]] : []),
  ];
  if (r.previous) {
    const p = r.previous;
    summary.push(
      [`Periode sebelumnya`, p.label],
      [`Cakupan ASI eksklusif recall 24 jam, ${p.label} (%)`, percentCell(p.total.recallCoverage.percent)],
      [`Cakupan ASI eksklusif 6 bulan, ${p.label} (%)`, percentCell(p.total.sixMonthCoverage.percent)],
    );
  }
  for (const x of summary) s.addRow(x);
  s.getColumn(1).width = 42;
  s.getColumn(2).width = 28;
  if (r.knowledge) addKnowledgeSheet(wb, r.knowledge, r.periodLabel ?? monthNameId(r.month));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
