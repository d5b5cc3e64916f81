/**
 * The monthly report's sheet "Pengetahuan" (issue #28 point 6): the knowledge figures of the
 * period as rows of five columns — part, figure, value, numerator, denominator — so that a
 * district adding puskesmas up adds numerators and denominators, never rounded percentages
 * (decision 048). A zero denominator is "belum ada data". Indonesian labels from messages/id.json
 * (the page's own words). Counts only: no names.
 */
import type ExcelJS from 'exceljs';
import messages from '@/messages/id.json';
import { COUNSELLING_CODES } from '@/lib/domain/catalogue';
import type { Coverage } from '@/lib/domain/indicators';
import { highKnowledgeMin, KNOWLEDGE_STATEMENTS } from '@/lib/domain/knowledge';
import type { KnowledgeFigures, ScoreFigures } from '@/lib/domain/knowledge-figures';
import { NO_DATA, percentCell } from './monthly';

export const KNOWLEDGE_SHEET = 'Pengetahuan';
export const KNOWLEDGE_HEADERS = ['Bagian', 'Angka', 'Nilai', 'Pembilang', 'Penyebut'] as const;

const K = messages.knowledgeFigures;
const TOTAL = KNOWLEDGE_STATEMENTS.length;
const HIGH_MIN = highKnowledgeMin(TOTAL);

type Row = [string, string, number | string, number, number];

const pct = (part: string, label: string, c: Coverage): Row => [part, `${label} (%)`, percentCell(c.percent), c.numerator, c.denominator];

function scoreRows(part: string, s: ScoreFigures, scoreSum: number): Row[] {
  return [
    [part, 'Jumlah cek', s.checks, s.checks, s.checks],
    // The mean as a number with one decimal: its numerator is the sum of scores, its denominator the checks.
    [part, `${K.meanScore} (dari ${TOTAL})`, s.meanScore === null ? NO_DATA : Math.round(s.meanScore * 10) / 10, scoreSum, s.checks],
    pct(part, K.shareCorrect, s.shareCorrect),
    ...s.perStatement.map((x) => pct(part, `${K.shareCorrect}: ${K.statementLabel[x.id]}`, x.correct)),
  ];
}

/** The sheet's rows (header first), for the file and its test. */
export function knowledgeSheetRows(f: KnowledgeFigures): (string | number)[][] {
  const six = K.sixMonth;
  const rows: Row[] = [
    ...scoreRows(K.baseline, f.baseline, f.baseline.shareCorrect.numerator),
    ...scoreRows(K.endline, f.endline, f.endline.shareCorrect.numerator),
    pct(K.endline, K.rose, f.rose),
    pct(six, K.high.replace('{min}', String(HIGH_MIN)).replace('{total}', String(TOTAL)), f.byBaseline.high),
    pct(six, K.low, f.byBaseline.low),
    pct(six, K.none, f.byBaseline.none),
    pct(six, K.all, f.sixMonth),
    ...f.byTopic.flatMap((x) => [
      pct(six, `${messages.counsel[x.topic]}: ${K.counselled.toLowerCase()}`, x.counselled),
      pct(six, `${messages.counsel[x.topic]}: ${K.notCounselled.toLowerCase()}`, x.notCounselled),
    ]),
  ];
  return [[...KNOWLEDGE_HEADERS], ...rows];
}

/** Adds the sheet to a workbook, with the note on what counts in the period. */
export function addKnowledgeSheet(wb: ExcelJS.Workbook, f: KnowledgeFigures, periodLabel: string) {
  const ws = wb.addWorksheet(KNOWLEDGE_SHEET);
  for (const r of knowledgeSheetRows(f)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.addRow([]);
  ws.addRow([K.periodNote.replace('{period}', periodLabel)]);
  ws.addRow([K.topicHelp]);
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 64;
  for (const c of [3, 4, 5]) ws.getColumn(c).width = 12;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Checked once here so a new topic is not silently left out of the sheet. */
void (COUNSELLING_CODES satisfies readonly (keyof typeof messages.counsel)[]);
