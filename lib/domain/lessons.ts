/**
 * Lessons (materi) and which of them fit a baby on a day (DESIGN §3 "Lessons and knowledge",
 * issue #28, docs/decisions/059-lessons-and-knowledge.md).
 *
 * A lesson is for a stage of the baby's age (a day range from birth, or pregnancy), an audience,
 * and the problems it answers: counselling topics, break reasons and visit findings. The lessons
 * that fit a baby on a day are those of its age stage, then those answering what its latest visit
 * found; unpublished or hidden lessons never (the caller passes only the lessons the reader may see).
 */
import { ageInDays } from './age';
import { PROBLEM_CODES, type CounsellingCode } from './catalogue';
import { BREAKING_ITEMS, type BreakReason } from './recall';
import type { IsoDate } from './types';

/** Who a lesson speaks to. */
export const LESSON_AUDIENCES = ['mother', 'father', 'family', 'working_mother', 'kader'] as const;
export type LessonAudience = (typeof LESSON_AUDIENCES)[number];

/** What a visit can find that a lesson answers: what the baby got, what happened, the problems. */
export const LESSON_FINDINGS = [
  ...BREAKING_ITEMS.filter((i) => i !== 'other'),
  'given_since_last',
  'danger_sign',
  'referral',
  ...PROBLEM_CODES.filter((p) => p !== 'other'),
] as const;
export type LessonFinding = (typeof LESSON_FINDINGS)[number];

/** A lesson's slug: lowercase letters, digits and single hyphens, 3–60 characters. */
export const LESSON_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LESSON_SLUG_MAX = 60;

export type LessonStage = { kind: 'pregnancy' } | { kind: 'age'; fromDay: number; toDay: number | null };

/** What the selection rule needs of a lesson (built-in or a puskesmas's own). */
export interface LessonMeta {
  slug: string;
  audience: LessonAudience;
  stage: LessonStage;
  counselling: readonly CounsellingCode[] | readonly string[];
  breakReasons: readonly BreakReason[] | readonly string[];
  findings: readonly LessonFinding[] | readonly string[];
}

/** The facts of one visit the selection reads. */
export interface VisitFindingFacts {
  visitDate: IsoDate;
  recallItems: readonly string[];
  givenSinceLast: boolean;
  dangerSigns: readonly string[];
  referral: boolean;
  problems: readonly string[];
  breakReason: BreakReason | null;
}

/** What a visit found, as LESSON_FINDINGS codes (in that list's order). */
export function visitFindings(v: VisitFindingFacts): LessonFinding[] {
  const found = new Set<string>();
  for (const i of v.recallItems) found.add(i);
  for (const p of v.problems) found.add(p);
  if (v.givenSinceLast) found.add('given_since_last');
  if (v.dangerSigns.length > 0) found.add('danger_sign');
  if (v.referral) found.add('referral');
  return LESSON_FINDINGS.filter((f) => found.has(f));
}

/** Is the lesson's age stage the one of a baby `ageDay` days old? */
export function fitsAge(stage: LessonStage, ageDay: number): boolean {
  if (stage.kind !== 'age') return false;
  return ageDay >= stage.fromDay && (stage.toDay === null || ageDay <= stage.toDay);
}

/** Narrower age ranges first: the lesson most specific to this age leads. */
function stageWidth(stage: LessonStage): number {
  if (stage.kind !== 'age') return Number.MAX_SAFE_INTEGER;
  return stage.toDay === null ? 100_000 - stage.fromDay : stage.toDay - stage.fromDay;
}

function bySpecificity<L extends LessonMeta>(a: L, b: L): number {
  return stageWidth(a.stage) - stageWidth(b.stage) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** How well a lesson answers a visit: one point per finding and break reason it names. */
function answerScore(l: LessonMeta, findings: readonly string[], breakReason: BreakReason | null): number {
  let n = 0;
  for (const f of findings) if ((l.findings as readonly string[]).includes(f)) n += 1;
  if (breakReason && (l.breakReasons as readonly string[]).includes(breakReason)) n += 2;
  return n;
}

export interface LessonSituation {
  birthDate: IsoDate;
  today: IsoDate;
  /** The baby's latest visit, if any. */
  latestVisit: VisitFindingFacts | null;
}

export interface LessonSelection<L extends LessonMeta> {
  /** Lessons of the baby's age stage, most specific first. */
  forAge: L[];
  /** Lessons answering what the latest visit found, best answer first (none when it found nothing). */
  forFindings: L[];
  /** What the latest visit found (LESSON_FINDINGS), for the reader's "because the last visit found …". */
  findings: LessonFinding[];
}

/**
 * DESIGN §3: the lessons that fit a baby on a day — those of its age stage, then those answering
 * what its latest visit found. `audiences` limits the lessons to those readers (default: all).
 */
export function lessonsFor<L extends LessonMeta>(lessons: readonly L[], s: LessonSituation, audiences?: readonly LessonAudience[]): LessonSelection<L> {
  const pool = audiences ? lessons.filter((l) => audiences.includes(l.audience)) : [...lessons];
  const ageDay = ageInDays(s.birthDate, s.today);
  const forAge = ageDay < 0 ? pool.filter((l) => l.stage.kind === 'pregnancy').sort(bySpecificity) : pool.filter((l) => fitsAge(l.stage, ageDay)).sort(bySpecificity);
  const findings = s.latestVisit ? visitFindings(s.latestVisit) : [];
  const reason = s.latestVisit?.breakReason ?? null;
  const forFindings = pool
    .map((l) => ({ l, score: answerScore(l, findings, reason) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || bySpecificity(a.l, b.l))
    .map((x) => x.l);
  return { forAge, forFindings, findings };
}

/**
 * The mother's lesson of the week (/ibu): of the age-stage lessons for her, one a week in turn,
 * so that each week of the baby's age brings the next one. Null when none fits.
 */
export function lessonOfTheWeek<L extends LessonMeta>(forAge: readonly L[], birthDate: IsoDate, today: IsoDate): L | null {
  if (forAge.length === 0) return null;
  const week = Math.max(0, Math.floor(ageInDays(birthDate, today) / 7));
  return forAge[week % forAge.length] ?? null;
}

/** How many lessons a kader gets as "bahan konseling" for a visit. */
export const COUNSELLING_MATERIALS_MAX = 3;

/**
 * "Bahan konseling" for the kader's visit: what the latest visit found comes first (at most two),
 * then the lessons of the baby's age, without repeats, at most COUNSELLING_MATERIALS_MAX.
 */
export function counsellingMaterials<L extends LessonMeta>(sel: LessonSelection<L>): L[] {
  const out: L[] = [];
  const seen = new Set<string>();
  const add = (l: L) => {
    if (out.length < COUNSELLING_MATERIALS_MAX && !seen.has(l.slug)) {
      seen.add(l.slug);
      out.push(l);
    }
  };
  sel.forFindings.slice(0, 2).forEach(add);
  sel.forAge.forEach(add);
  return out;
}

/** The lessons answering a break reason (the dashboard's stop reasons link the first). */
export function lessonsForBreakReason<L extends LessonMeta>(lessons: readonly L[], reason: BreakReason): L[] {
  return lessons.filter((l) => (l.breakReasons as readonly string[]).includes(reason)).sort(bySpecificity);
}

/** The lessons answering a counselling topic (the visit form lists them under the topic). */
export function lessonsForTopic<L extends LessonMeta>(lessons: readonly L[], topic: CounsellingCode): L[] {
  return lessons.filter((l) => (l.counselling as readonly string[]).includes(topic)).sort(bySpecificity);
}
