import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { coverage, sumIndicators } from '@/lib/domain';
import { HEADERS, NO_DATA, percentCell, periodNameId, reportCsv, reportFileName, reportTable, reportXlsx, toCsv, VILLAGE_TOTAL, type ReportInput } from './monthly';

const counts = (L: number, P: number) => ({ L, P, total: L + P });
const t = {
  O1: counts(3, 4),
  O2: counts(1, 1),
  O3: counts(0, 2),
  O4: counts(2, 3),
  O5: counts(1, 2),
  recallCoverage: coverage(7, 9),
  sixMonthCoverage: coverage(3, 5),
};
const input: ReportInput = {
  puskesmas: { name: 'Puskesmas "Bojong", Nangka', code: 'BJN' },
  month: { year: 2026, month: 10 },
  rows: [
    { villageName: 'Desa A', name: 'Melati 1', totals: t },
    { villageName: 'Desa B', name: 'Anggrek', totals: sumIndicators([]) },
  ],
  total: t,
  sessions: { held: 2, present: 15, mothers: 12 },
  certificatesIssued: 3,
};

describe('CSV', () => {
  it('RFC 4180: quotes commas, quotes and line breaks; CRLF; no BOM; decimal point', () => {
    expect(
      toCsv(
        ['a', 'b,c'],
        [
          ['x"y', 1],
          ['p\nq', 2.5],
        ],
        'rfc4180',
      ),
    ).toBe('a,"b,c"\r\n"x""y",1\r\n"p\nq",2.5\r\n');
    const rows = parse(reportCsv(input, 'rfc4180'), { bom: false }) as string[][];
    expect(rows[1]).toEqual('Desa A,Melati 1,3,4,7,1,1,2,0,2,2,2,3,5,1,2,3,77.8,7,9,60,3,5'.split(','));
  });

  it('as Excel in Indonesia reads it (issue #29): UTF-8 BOM, ";" between fields, decimal comma; read back as such', () => {
    const csv = reportCsv(input);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Read back as Excel would: the BOM says UTF-8, ";" separates, "," is the decimal mark.
    const rows = parse(bytes, { delimiter: ';', bom: true, record_delimiter: '\r\n' }) as string[][];
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === HEADERS.length)).toBe(true);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[0]![2]).toBe('O1 ASI Proses (hanya ASI 0–5 bulan 29 hari) L');
    expect(rows[1]).toEqual('Desa A;Melati 1;3;4;7;1;1;2;0;2;2;2;3;5;1;2;3;77,8;7;9;60;3;5'.split(';'));
    expect(Number(rows[1]![17]!.replace(',', '.'))).toBe(77.8);
    expect(rows[2]!.slice(-6)).toEqual([NO_DATA, '0', '0', NO_DATA, '0', '0']);
    expect(rows[3]!.slice(0, 2)).toEqual(['Jumlah', 'Puskesmas "Bojong", Nangka']);
    // A ";" inside a name is quoted, not a new column.
    expect(parse(toCsv(['x', 'y'], [['a;b', 1.5]]), { delimiter: ';', bom: true })).toEqual([
      ['x', 'y'],
      ['a;b', '1,5'],
    ]);
  });
  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+62812', "'+62812"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Melati 1', 'Melati 1'],
  ])('a text a spreadsheet would run as a formula stays text: %s', (text, field) => {
    expect(toCsv(['x'], [[text]], 'rfc4180').split('\r\n')[1]).toBe(field);
  });
  it('numbers are written as numbers', () => {
    expect(toCsv(['x'], [[-1], [0]], 'rfc4180')).toBe('x\r\n-1\r\n0\r\n');
    expect(toCsv(['x'], [[-1], [0.5]])).toBe('\uFEFFx\r\n-1\r\n0,5\r\n');
  });
  it('a percentage is rounded to one decimal, none is "belum ada data"', () => {
    expect(percentCell(null)).toBe(NO_DATA);
    expect(percentCell(11.9666)).toBe(12);
    expect(percentCell(200 / 3)).toBe(66.7);
  });
});

describe('XLSX', () => {
  it('reads back with the same headings and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(input)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Laporan')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect((ws.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['Desa A', 'Melati 1', 3, 4, 7]);
    expect(ws.getRow(4).getCell(1).value).toBe('Jumlah');
    const summary = wb.getWorksheet('Ringkasan')!;
    expect(summary.getRow(8).values).toEqual([undefined, 'Sertifikat ASI Eksklusif diterbitkan', 3]);
  });
});

describe('by village and period (issue #20)', () => {
  const byVillage: ReportInput = {
    ...input,
    rows: [
      { villageId: 'a', villageName: 'Desa A', name: 'Melati 1', totals: t },
      { villageId: 'a', villageName: 'Desa A', name: 'Melati 2', totals: t },
      { villageId: 'b', villageName: 'Desa B', name: 'Anggrek', totals: sumIndicators([]) },
    ],
    villages: [
      { id: 'a', name: 'Desa A', totals: sumIndicators([t, t]) },
      { id: 'b', name: 'Desa B', totals: sumIndicators([]) },
    ],
    total: sumIndicators([t, t]),
    periodLabel: 'Triwulan IV 2026',
    periodParam: '2026-Q4',
    previous: { label: 'Triwulan III 2026', total: t },
  };

  it("each village's posyandu are followed by its sum; the last row is the sum of the villages", () => {
    const { rows } = reportTable(byVillage);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['Desa A', 'Melati 1'],
      ['Desa A', 'Melati 2'],
      ['Desa A', VILLAGE_TOTAL],
      ['Desa B', 'Anggrek'],
      ['Desa B', VILLAGE_TOTAL],
      ['Jumlah', input.puskesmas.name],
    ]);
    expect(rows[2]!.slice(2, 5)).toEqual([6, 8, 14]);
    // 14 of 18 = 77.8 (one decimal), numerator and denominator as numbers.
    expect(rows[5]!.slice(17)).toEqual([77.8, 14, 18, 60, 6, 10]);
  });

  it.each([
    [{ kind: 'month', year: 2026, from: { year: 2026, month: 10 } }, 'Oktober 2026'],
    [{ kind: 'quarter', year: 2026, quarter: 1, from: { year: 2026, month: 1 } }, 'Triwulan I 2026'],
    [{ kind: 'quarter', year: 2026, quarter: 4, from: { year: 2026, month: 10 } }, 'Triwulan IV 2026'],
    [{ kind: 'year', year: 2026, from: { year: 2026, month: 1 } }, 'Tahun 2026'],
  ] as const)('the period is named: %o → %s', (p, name) => {
    expect(periodNameId(p)).toBe(name);
  });

  it.each([
    [{ puskesmas: input.puskesmas, month: input.month }, 'csv', 'laporan-asi-BJN-2026-10.csv'],
    [{ puskesmas: input.puskesmas, month: input.month, periodParam: '2026-Q4' }, 'xlsx', 'laporan-asi-BJN-2026-Q4.xlsx'],
    [{ puskesmas: input.puskesmas, month: input.month, periodParam: '2026', villageName: 'Bojong Kulur' }, 'csv', 'laporan-asi-BJN-2026-desa-Bojong-Kulur.csv'],
  ] as const)('the file name names the period and village: %o', (r, ext, name) => {
    expect(reportFileName(r, ext)).toBe(name);
  });

  it('the summary sheet names the period and gives the period before beside it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx({ ...byVillage, villageName: 'Desa A' })) as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('Ringkasan')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows).toContainEqual(['Periode', 'Triwulan IV 2026']);
    expect(rows).toContainEqual(['Desa', 'Desa A']);
    expect(rows).toContainEqual(['Cakupan ASI eksklusif recall 24 jam, Triwulan III 2026 (%)', 77.8]);
    expect(rows).toContainEqual(['Cakupan ASI eksklusif 6 bulan, Triwulan III 2026 (%)', 60]);
  });
});
