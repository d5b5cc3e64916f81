/**
 * The public library's filters (/materi?usia=…&untuk=…&q=…): by the baby's age, by reader, by
 * words. Pure; the page reads the values from its GET form, unknown values mean "all".
 */
import { LESSON_AUDIENCES, type LessonAudience, type LessonStage } from '@/lib/domain/lessons';

/** Age groups of the filter, as day ranges from birth (pregnancy: before birth). */
export const AGE_GROUPS = {
  hamil: null,
  'baru-lahir': [0, 28],
  '1-6-bulan': [29, 182],
  '6-bulan': [183, 730],
} as const satisfies Record<string, readonly [number, number] | null>;
export type AgeGroup = keyof typeof AGE_GROUPS;

export interface LibraryFilter {
  usia: AgeGroup | null;
  untuk: LessonAudience | null;
  /** The words typed, at most 100 characters. */
  q: string;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** The filter of a request's search parameters; anything unknown is left out. */
export function libraryFilter(sp: Record<string, string | string[] | undefined>): LibraryFilter {
  const usia = one(sp.usia);
  const untuk = one(sp.untuk);
  return {
    usia: Object.hasOwn(AGE_GROUPS, usia) ? (usia as AgeGroup) : null,
    untuk: (LESSON_AUDIENCES as readonly string[]).includes(untuk) ? (untuk as LessonAudience) : null,
    q: one(sp.q)
      .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ')
      .trim()
      .slice(0, 100),
  };
}

/** Does a lesson's stage fall in (or overlap) the age group? */
export function inAgeGroup(stage: LessonStage, group: AgeGroup): boolean {
  const range = AGE_GROUPS[group];
  if (range === null) return stage.kind === 'pregnancy';
  if (stage.kind !== 'age') return false;
  const to = stage.toDay ?? Number.MAX_SAFE_INTEGER;
  return stage.fromDay <= range[1] && to >= range[0];
}

const words = (s: string) =>
  s
    .toLocaleLowerCase('id')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every word of the query occurs (as the start of a word) in the text. */
export function matchesWords(text: string, q: string): boolean {
  const want = words(q);
  if (want.length === 0) return true;
  const have = words(text);
  return want.every((w) => have.some((h) => h.startsWith(w)));
}

/** The lessons that pass the filter, in their order. `textOf` gives a lesson's whole text for the word search. */
export function filterLessons<L extends { slug: string; audience: string; stage: LessonStage }>(lessons: readonly L[], f: LibraryFilter, textOf: (l: L) => string): L[] {
  return lessons.filter((l) => (!f.usia || inAgeGroup(l.stage, f.usia)) && (!f.untuk || l.audience === f.untuk) && (!f.q || matchesWords(textOf(l), f.q)));
}
