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
/** The lessons a mother reads for herself (/ibu's lesson of the week). */
export const MOTHER_AUDIENCES = ['mother', 'working_mother'] as const satisfies readonly LessonAudience[];
/** The lessons written to the family, which a mother sends on ("Kirim ke keluarga"). */
export const FAMILY_AUDIENCES = ['father', 'family'] as const satisfies readonly LessonAudience[];
/**
 * What a kader goes through with the household at a visit: everything but the lessons written
 * to the kader herself (how to counsel), which are for her, not for the mother.
 */
export const COUNSELLING_AUDIENCES = ['mother', 'working_mother', 'father', 'family'] as const satisfies readonly LessonAudience[];

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
  /** The baby's age in days on the day asked (negative before birth). */
  ageDay: number;
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
  // Best answer first; between equal answers, one written for this age before one for another
  // (a danger-sign lesson for newborns still answers a danger sign at 2 months, after one for that age).
  const ageFit = (l: L) => ((ageDay < 0 ? l.stage.kind === 'pregnancy' : fitsAge(l.stage, ageDay)) ? 0 : 1);
  const forFindings = pool
    .map((l) => ({ l, score: answerScore(l, findings, reason) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || ageFit(a.l) - ageFit(b.l) || bySpecificity(a.l, b.l))
    .map((x) => x.l);
  return { ageDay, forAge, forFindings, findings };
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

/** Why a lesson was chosen: for the baby's age, or for what the latest visit found (a finding or its break reason). */
export type LessonBecause = { kind: 'age'; ageDay: number } | { kind: 'finding'; finding: LessonFinding } | { kind: 'breakReason'; reason: BreakReason };

/** A lesson chosen for a reader, with why ("untuk umur 5 hari", "karena kunjungan terakhir: susu formula"). */
export interface ChosenLesson<L extends LessonMeta> {
  lesson: L;
  because: LessonBecause;
}

/**
 * Why a lesson of the selection fits: the first finding of the visit it answers (LESSON_FINDINGS
 * order: what the baby got comes before the problems), else the break reason it answers, else
 * the baby's age.
 */
export function becauseOf<L extends LessonMeta>(lesson: L, sel: LessonSelection<L>, breakReason: BreakReason | null): LessonBecause {
  const f = sel.findings.find((x) => (lesson.findings as readonly string[]).includes(x));
  if (f) return { kind: 'finding', finding: f };
  if (breakReason && (lesson.breakReasons as readonly string[]).includes(breakReason)) return { kind: 'breakReason', reason: breakReason };
  return { kind: 'age', ageDay: sel.ageDay };
}

/**
 * "Bahan konseling" for the kader's visit: what the latest visit found comes first (at most
 * two), then the lessons of the baby's age, without repeats, at most COUNSELLING_MATERIALS_MAX.
 * Pass a selection made over COUNSELLING_AUDIENCES, and the latest visit's break reason for the why.
 */
export function counsellingMaterials<L extends LessonMeta>(sel: LessonSelection<L>, breakReason: BreakReason | null = null): ChosenLesson<L>[] {
  const out: ChosenLesson<L>[] = [];
  const seen = new Set<string>();
  const add = (l: L, because: LessonBecause) => {
    if (out.length < COUNSELLING_MATERIALS_MAX && !seen.has(l.slug)) {
      seen.add(l.slug);
      out.push({ lesson: l, because });
    }
  };
  sel.forFindings.slice(0, 2).forEach((l) => add(l, becauseOf(l, sel, breakReason)));
  sel.forAge.forEach((l) => add(l, { kind: 'age', ageDay: sel.ageDay }));
  return out;
}

/** The bahan konseling of a baby on a day: lessonsFor over COUNSELLING_AUDIENCES, then counsellingMaterials. */
export function counsellingFor<L extends LessonMeta>(lessons: readonly L[], s: LessonSituation): ChosenLesson<L>[] {
  return counsellingMaterials(lessonsFor(lessons, s, COUNSELLING_AUDIENCES), s.latestVisit?.breakReason ?? null);
}

/**
 * The mother's lessons on /ibu: the lesson of the week among those for her baby's age
 * (MOTHER_AUDIENCES), and the best answer to what the latest visit found when it is another
 * lesson; then the family lessons for the baby's age that she can send on ("Kirim ke keluarga").
 */
export function mothersLessons<L extends LessonMeta>(lessons: readonly L[], s: LessonSituation): { week: L | null; forVisit: ChosenLesson<L> | null; family: L[] } {
  const sel = lessonsFor(lessons, s, MOTHER_AUDIENCES);
  const week = lessonOfTheWeek(sel.forAge, s.birthDate, s.today);
  const answer = sel.forFindings.find((l) => l.slug !== week?.slug) ?? null;
  // The family lessons of the baby's age; when none is written for it, every family lesson.
  const forFamily = lessonsFor(lessons, s, FAMILY_AUDIENCES).forAge;
  const family = forFamily.length ? forFamily : lessons.filter((l) => (FAMILY_AUDIENCES as readonly string[]).includes(l.audience)).sort(bySpecificity);
  return {
    week,
    forVisit: answer ? { lesson: answer, because: becauseOf(answer, sel, s.latestVisit?.breakReason ?? null) } : null,
    family,
  };
}

/** The lessons answering a break reason (the dashboard's stop reasons link the first). */
export function lessonsForBreakReason<L extends LessonMeta>(lessons: readonly L[], reason: BreakReason): L[] {
  return lessons.filter((l) => (l.breakReasons as readonly string[]).includes(reason)).sort(bySpecificity);
}

/** The lessons answering a counselling topic (the visit form lists them under the topic). */
export function lessonsForTopic<L extends LessonMeta>(lessons: readonly L[], topic: CounsellingCode): L[] {
  return lessons.filter((l) => (l.counselling as readonly string[]).includes(topic)).sort(bySpecificity);
}
