import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { coverage, sumIndicators } from '@/lib/domain';
import { HEADERS, NO_DATA, percentCell, reportCsv, reportXlsx, toCsv, type ReportInput } from './monthly';

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
  it('quotes commas, quotes and line breaks; CRLF; no BOM', () => {
    expect(toCsv(['a', 'b,c'], [['x"y', 1], ['p\nq', 2.5]])).toBe('a,"b,c"\r\n"x""y",1\r\n"p\nq",2.5\r\n');
    const csv = reportCsv(input);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith('Desa,Posyandu,O1 ASI Proses')).toBe(true);
    expect(lines[1]).toBe('Desa A,Melati 1,3,4,7,1,1,2,0,2,2,2,3,5,1,2,3,77.8,7,9,60,3,5');
    expect(lines[2]).toContain(`,${NO_DATA},0,0,${NO_DATA},0,0`);
    expect(lines[3]!.startsWith('Jumlah,"Puskesmas ""Bojong"", Nangka",')).toBe(true);
  });
  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+62812', "'+62812"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Melati 1', 'Melati 1'],
  ])('a text a spreadsheet would run as a formula stays text: %s', (text, field) => {
    expect(toCsv(['x'], [[text]]).split('\r\n')[1]).toBe(field);
  });
  it('numbers are written as numbers', () => {
    expect(toCsv(['x'], [[-1], [0]])).toBe('x\r\n-1\r\n0\r\n');
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
