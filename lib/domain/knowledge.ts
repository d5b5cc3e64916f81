/**
 * The knowledge check (cek pengetahuan, DESIGN §3 "Lessons and knowledge", issue #28,
 * docs/decisions/059-lessons-and-knowledge.md): a fixed set of statements, each answered
 * benar / salah / tidak tahu, each linked to the lesson that teaches it; its score; which check
 * is a baby's baseline and endline; and what one baby contributes to the knowledge figures.
 * The statements' texts are in messages/*.json (knowledge.statements.<id>).
 */
import { fiveMonthDate, sixMonthDate } from './age';
import { COUNSELLING_CODES, type CounsellingCode } from './catalogue';
import { compareIsoDates } from './dates';
import type { IsoDate } from './types';

export const KNOWLEDGE_ANSWERS = ['true', 'false', 'dont_know'] as const;
export type KnowledgeAnswer = (typeof KNOWLEDGE_ANSWERS)[number];

export interface KnowledgeStatement {
  id: string;
  /** The right answer ('dont_know' is never right). */
  correct: 'true' | 'false';
  /** The built-in lesson (content/lessons/<slug>.id.md) that teaches it. */
  lesson: string;
}

/** The statements, in the order they are asked. Facts from DESIGN §6 (WHO/UNICEF, CDC). */
export const KNOWLEDGE_STATEMENTS = [
  { id: 'only_breast_milk_six_months', correct: 'true', lesson: 'tanpa-air-madu-pisang' },
  { id: 'water_in_hot_weather', correct: 'false', lesson: 'tanpa-air-madu-pisang' },
  { id: 'colostrum_discard', correct: 'false', lesson: 'imd-dan-kolostrum' },
  { id: 'honey_newborn', correct: 'false', lesson: 'untuk-nenek' },
  { id: 'more_suckling_more_milk', correct: 'true', lesson: 'lonjakan-pertumbuhan' },
  { id: 'fussy_means_low_milk', correct: 'false', lesson: 'lonjakan-pertumbuhan' },
  { id: 'wet_nappies_enough', correct: 'true', lesson: 'tanda-cukup-asi' },
  { id: 'night_feeds', correct: 'true', lesson: 'menyusu-sesuai-keinginan-bayi' },
  { id: 'expressed_milk_four_hours', correct: 'true', lesson: 'memerah-menyimpan-asi' },
  { id: 'porridge_before_six_months', correct: 'false', lesson: 'mp-asi-di-6-bulan' },
] as const satisfies readonly KnowledgeStatement[];
export type KnowledgeStatementId = (typeof KNOWLEDGE_STATEMENTS)[number]['id'];
export const KNOWLEDGE_STATEMENT_IDS = KNOWLEDGE_STATEMENTS.map((s) => s.id) as readonly KnowledgeStatementId[];

/** A baseline with at least this share of statements right is "high" knowledge. */
export const HIGH_KNOWLEDGE_SHARE = 0.8;

export type KnowledgeAnswers = Readonly<Record<string, string>>;

export interface KnowledgeScore {
  score: number;
  total: number;
  /** Ids of the statements answered correctly, in KNOWLEDGE_STATEMENTS order. */
  correct: KnowledgeStatementId[];
  /** Ids answered wrongly or "tidak tahu". */
  missed: KnowledgeStatementId[];
}

/** Statements with no answer or an answer that is not one of KNOWLEDGE_ANSWERS (empty: complete). */
export function unansweredStatements(answers: KnowledgeAnswers): KnowledgeStatementId[] {
  return KNOWLEDGE_STATEMENT_IDS.filter((id) => !(KNOWLEDGE_ANSWERS as readonly string[]).includes(answers[id] ?? ''));
}

/** DESIGN §3: the number of statements answered correctly ("tidak tahu" is not correct) over the number of statements. */
export function scoreKnowledge(answers: KnowledgeAnswers): KnowledgeScore {
  const correct: KnowledgeStatementId[] = [];
  const missed: KnowledgeStatementId[] = [];
  for (const s of KNOWLEDGE_STATEMENTS) (answers[s.id] === s.correct ? correct : missed).push(s.id);
  return { score: correct.length, total: KNOWLEDGE_STATEMENTS.length, correct, missed };
}

/** The fewest statements right that make a check of `total` statements "high" (8 of 10). */
export function highKnowledgeMin(total: number): number {
  return Math.ceil(HIGH_KNOWLEDGE_SHARE * total - 1e-9);
}

export function isHighKnowledge(score: number, total: number): boolean {
  return total > 0 && score >= highKnowledgeMin(total);
}

export type KnowledgeSource = 'kader' | 'self';
export type KnowledgeOccasion = 'baseline' | 'endline';

export interface KnowledgeCheckFacts {
  id: string;
  source: KnowledgeSource;
  takenOn: IsoDate;
  score: number;
  total: number;
  /** Tie-break for checks of one day: the order they were stored in. */
  createdAt?: string | Date;
}

function byTaken(a: KnowledgeCheckFacts, b: KnowledgeCheckFacts): number {
  const d = compareIsoDates(a.takenOn, b.takenOn);
  if (d !== 0) return d;
  const ta = a.createdAt ? new Date(a.createdAt).getTime() : 0;
  const tb = b.createdAt ? new Date(b.createdAt).getTime() : 0;
  return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface BabyKnowledgeInput {
  birthDate: IsoDate;
  /** The dates of the baby's visits. */
  visitDates: readonly IsoDate[];
  /** Counselling topics of each visit, with its date. */
  counselling: readonly { visitDate: IsoDate; topics: readonly string[] }[];
  /** The checks recorded for this baby (a mother's own checks have no baby and are not passed). */
  checks: readonly KnowledgeCheckFacts[];
}

export interface BabyKnowledge {
  /** The baseline and endline check of the baby, by id, or null. */
  baselineId: string | null;
  endlineId: string | null;
  /** On the endline: its score is above the baseline's (null without both). */
  rose: boolean | null;
  /** The baseline's level, null without a baseline. */
  baselineLevel: 'high' | 'low' | null;
  /** Counselling topics recorded on visits before the 6-month date, in COUNSELLING_CODES order. */
  counselledTopics: CounsellingCode[];
}

/**
 * DESIGN §3: *baseline* is the first check recorded (by a kader, for this baby) at or before the
 * first visit (any check when there is no visit yet), *endline* the first one from the 5-month
 * date on. A check can be both only if the first visit is from the 5-month date on: then it is
 * the baseline, and the endline is the next one.
 */
export function babyKnowledge(b: BabyKnowledgeInput): BabyKnowledge {
  const checks = b.checks.filter((c) => c.source === 'kader').sort(byTaken);
  const firstVisit = [...b.visitDates].sort()[0] ?? null;
  const baseline = checks.find((c) => firstVisit === null || compareIsoDates(c.takenOn, firstVisit) <= 0) ?? null;
  const five = fiveMonthDate(b.birthDate);
  const endline = checks.find((c) => c !== baseline && compareIsoDates(c.takenOn, five) >= 0) ?? null;
  const rose = baseline && endline ? endline.score / endline.total > baseline.score / baseline.total : null;
  const six = sixMonthDate(b.birthDate);
  const topics = new Set<string>();
  for (const v of b.counselling) if (compareIsoDates(v.visitDate, six) < 0) for (const t of v.topics) topics.add(t);
  return {
    baselineId: baseline?.id ?? null,
    endlineId: endline?.id ?? null,
    rose,
    baselineLevel: baseline ? (isHighKnowledge(baseline.score, baseline.total) ? 'high' : 'low') : null,
    counselledTopics: COUNSELLING_CODES.filter((t) => topics.has(t)),
  };
}

/** What refreshCoverage stores on one check of the baby: its occasion, and on the endline whether the score rose. */
export function knowledgeCheckDerived(
  checkId: string,
  k: Pick<BabyKnowledge, 'baselineId' | 'endlineId' | 'rose'>,
): { occasion: KnowledgeOccasion | null; rose: boolean | null } {
  if (checkId === k.baselineId) return { occasion: 'baseline', rose: null };
  if (checkId === k.endlineId) return { occasion: 'endline', rose: k.rose };
  return { occasion: null, rose: null };
}

export interface KnowledgePromptInput {
  birthDate: IsoDate;
  exitDate?: IsoDate | null;
  visitDates: readonly IsoDate[];
  checks: readonly KnowledgeCheckFacts[];
}

/**
 * Which check a kader should be prompted to take with the mother on `day` (the visit's date, or
 * today on the baby page) — a prompt only, never blocking a visit:
 * - `baseline` while the baby has none and a check taken on `day` would be one (no visit yet, or
 *   `day` is on or before the first visit's date);
 * - `endline` while it has none, from the 5-month date on, unless a check was already taken with
 *   her that day (the baseline of a first visit after the 5-month date: the endline is a later one);
 * - nothing on or after the 6-month date (visits end there) or once the baby has left the program.
 */
export function knowledgePrompt(b: KnowledgePromptInput, day: IsoDate): KnowledgeOccasion | null {
  const six = sixMonthDate(b.birthDate);
  if (compareIsoDates(day, six) >= 0) return null;
  if (b.exitDate && compareIsoDates(b.exitDate, day) <= 0) return null;
  const k = babyKnowledge({ birthDate: b.birthDate, visitDates: b.visitDates, counselling: [], checks: b.checks });
  const firstVisit = [...b.visitDates].sort()[0] ?? null;
  if (!k.baselineId && (firstVisit === null || compareIsoDates(day, firstVisit) <= 0)) return 'baseline';
  const takenToday = b.checks.some((c) => c.source === 'kader' && c.takenOn === day);
  if (!k.endlineId && compareIsoDates(day, fiveMonthDate(b.birthDate)) >= 0 && !takenToday) return 'endline';
  return null;
}
