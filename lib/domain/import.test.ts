import { describe, expect, it } from 'vitest';
import { csvDelimiter, decodeCsv, importDate, isFormulaCell, isImportDate, posyanduKey, repeatedRows, type RowIdentity } from './import';

describe('importDate: dates as Indonesian registers write them', () => {
  it.each<[string, string]>([
    ['2026-11-07', '2026-11-07'],
    ['2026-11-07T00:00:00', '2026-11-07'],
    ['07-11-2026', '2026-11-07'],
    ['7/11/2026', '2026-11-07'],
    ['07.11.2026', '2026-11-07'],
    ['7 November 2026', '2026-11-07'],
    ['7 november 2026', '2026-11-07'],
    ['7 Nov 2026', '2026-11-07'],
    ['7 Nop 2026', '2026-11-07'],
    ['07-Nov-2026', '2026-11-07'],
    ['17 Agustus 2026', '2026-08-17'],
    ['17 Agt 2026', '2026-08-17'],
    ['1 Mei 2026', '2026-05-01'],
    ['1 Des. 2026', '2026-12-01'],
    ['9 Okt 2026', '2026-10-09'],
    ['29 Februari 2028', '2028-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(importDate(text)).toBe(iso);
    expect(isImportDate(text)).toBe(true);
  });

  it.each(['31/02/2026', '29 Februari 2026', '7 Novembre 2026', 'kemarin', '11/2026', '7 11 26', '2026/11/07'])('%s is not read (left as written)', (text) => {
    expect(importDate(text)).toBe(text);
    expect(isImportDate(text)).toBe(false);
  });
});

describe('isFormulaCell', () => {
  it.each<[string, boolean]>([
    ['=SUM(A1:A2)', true],
    ['=HYPERLINK("http://x","y")', true],
    [' =A1', true],
    ['Siti', false],
    ['+6281234567890', false],
    ['-', false],
    ['=', false],
    ['', false],
  ])('%s → %s', (text, want) => {
    expect(isFormulaCell(text)).toBe(want);
  });
});

describe('posyanduKey: a posyandu with or without its prefix', () => {
  it.each<[string, string]>([
    ['Posyandu Mawar 1', 'mawar 1'],
    ['posyandu  mawar 1 ', 'mawar 1'],
    ['Mawar 1', 'mawar 1'],
    ['MAWAR 1', 'mawar 1'],
    ['Posyandu. Melati', 'melati'],
    ['Pos Yandu Anggrek', 'anggrek'],
    ['Posyandu', 'posyandu'],
  ])('%s → %s', (name, key) => {
    expect(posyanduKey(name)).toBe(key);
  });
});

describe('csvDelimiter', () => {
  it.each<[string, string]>([
    ['Nama ibu,NIK,Nomor HP,Desa', ','],
    ['Nama ibu;NIK;Nomor HP;Desa', ';'],
    ['"Nama, ibu";NIK;Nomor HP', ';'],
    ['Nama ibu\tNIK\tNomor HP', '\t'],
    ['Nama ibu', ','],
  ])('%s → %j', (line, d) => {
    expect(csvDelimiter(line)).toBe(d);
  });
});

describe('decodeCsv: UTF-8 when valid, else Windows-1252', () => {
  it.each<[string, number[], string, string]>([
    ['UTF-8', [...Buffer.from('Désa;Sukamaju – 1', 'utf8')], 'Désa;Sukamaju – 1', 'utf-8'],
    ['UTF-8 with a BOM', [0xef, 0xbb, 0xbf, ...Buffer.from('Nama', 'utf8')], 'Nama', 'utf-8'],
    ['Windows-1252: é, en dash, curly quotes', [0x44, 0xe9, 0x73, 0x61, 0x20, 0x96, 0x20, 0x93, 0x41, 0x94], 'Désa – “A”', 'windows-1252'],
    ['Windows-1252: euro, ellipsis', [0x80, 0x85], '€…', 'windows-1252'],
  ])('%s', (_n, bytes, text, encoding) => {
    expect(decodeCsv(Uint8Array.from(bytes))).toEqual({ text, encoding });
  });
});

describe('repeatedRows: exact copies, not twins', () => {
  const base: RowIdentity = { motherName: 'Siti Aminah', nik: '3201234567890001', phone: '+6281234567890', babyName: 'Adi', sex: 'L', birthDate: '2026-10-01' };
  const rows = (...ids: Partial<RowIdentity>[]) => ids.map((d, i) => ({ row: i + 2, id: { ...base, ...d } }));
  it.each<[string, Partial<RowIdentity>[], [number, number][]]>([
    [
      'the same row three times: two copies of row 2',
      [{}, {}, {}],
      [
        [3, 2],
        [4, 2],
      ],
    ],
    ['case and spaces do not matter', [{}, { motherName: ' siti  AMINAH', babyName: 'adi' }], [[3, 2]]],
    ['twins: another name', [{}, { babyName: 'Ida', sex: 'P' }], []],
    ['twins without names, a boy and a girl', [{ babyName: '' }, { babyName: '', sex: 'P' }], []],
    ['another birth date', [{}, { birthDate: '2026-10-02' }], []],
    ['another NIK', [{}, { nik: '3201234567890002' }], []],
    ['another phone', [{}, { phone: '+6281234567891' }], []],
    ['no NIK in both: still a copy', [{ nik: null }, { nik: '' }], [[3, 2]]],
  ])('%s', (_n, ids, want) => {
    expect([...repeatedRows(rows(...ids))]).toEqual(want);
  });
});
