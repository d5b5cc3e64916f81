/**
 * A puskesmas's own lesson (materi, issue #28; /staff/materi): the form's schema, parsed on the
 * server by lib/data/lessons.ts before anything is stored. Messages are keys of messages/*.json
 * ("validation.*" or "lessons.errors.*"), shown on the field in Indonesian. A huge text is refused
 * on its field (its length is checked before anything else reads it).
 */
import { z } from 'zod';
import { COUNSELLING_CODES } from '@/lib/domain/catalogue';
import { LESSON_AUDIENCES, LESSON_FINDINGS, LESSON_SLUG_MAX, LESSON_SLUG_PATTERN } from '@/lib/domain/lessons';
import { BREAK_REASONS } from '@/lib/domain/recall';
import { isBuiltinLessonSlug } from '@/lib/lessons/builtin-slugs';
import { safeLine, safeMultiline } from './text';

export const LESSON_LIMITS = {
  slugMin: 3,
  slugMax: LESSON_SLUG_MAX,
  titleMin: 3,
  titleMax: 120,
  summaryMin: 10,
  summaryMax: 300,
  /** About 400 words (issue #28), and a character cap so that nobody pastes a book. */
  bodyWords: 400,
  bodyMax: 4000,
  keyPointMax: 200,
  sourcesMax: 1000,
  /** Day range from birth: two years at most. */
  dayMax: 730,
} as const;

export const LESSON_FIELDS = [
  'slug',
  'title',
  'summary',
  'body',
  'keyPoint1',
  'keyPoint2',
  'keyPoint3',
  'audience',
  'stage',
  'ageFromDay',
  'ageToDay',
  'counselling',
  'breakReasons',
  'findings',
  'sources',
] as const;
export type LessonField = (typeof LESSON_FIELDS)[number];

/** Words as a reader counts them (Markdown marks are not words). */
export function lessonWords(text: string): number {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A text field: a string (anything else is refused), too long refused before it is read further. */
const text = (min: number, max: number, multiline = false) =>
  z
    .string({ error: 'validation.required' })
    .check(multiline ? safeMultiline : safeLine)
    .max(max * 2, 'validation.tooLong')
    .transform((s) => (multiline ? s.replace(/\r\n?/g, '\n').trim() : s.replace(/\s+/g, ' ').trim()))
    .pipe(z.string().check(safeMultiline).min(1, 'validation.required').min(min, 'validation.tooShort').max(max, 'validation.tooLong'));

const codes = (list: readonly string[]) =>
  z
    .union([z.string().check(safeLine), z.array(z.string().check(safeLine))], { error: 'validation.unknownCode' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z
            .string()
            .check(safeLine)
            .refine((c) => list.includes(c), 'validation.unknownCode'),
        )
        .max(list.length, 'validation.unknownCode'),
    )
    .transform((v) => list.filter((c) => v.includes(c)));

/** A day count typed in a form: '' is none. */
const day = z
  .union([z.string().check(safeLine), z.number()], { error: 'validation.invalid' })
  .optional()
  .transform((v) => (v === undefined ? '' : String(v).trim()))
  .pipe(
    z
      .string()
      .check(safeLine)
      .max(4, 'lessons.errors.day')
      .refine((s) => s === '' || /^\d{1,4}$/.test(s), 'lessons.errors.day')
      .transform((s) => (s === '' ? null : Number(s)))
      .refine((n) => n === null || n <= LESSON_LIMITS.dayMax, 'lessons.errors.day'),
  );

export const lessonSchema = z
  .object({
    slug: z
      .string({ error: 'validation.required' })
      .check(safeLine)
      .max(LESSON_LIMITS.slugMax * 2, 'validation.tooLong')
      .transform((s) => s.trim().toLowerCase())
      .pipe(
        z
          .string()
          .check(safeLine)
          .min(1, 'validation.required')
          .min(LESSON_LIMITS.slugMin, 'validation.tooShort')
          .max(LESSON_LIMITS.slugMax, 'validation.tooLong')
          .regex(LESSON_SLUG_PATTERN, 'validation.slug')
          .refine((s) => !isBuiltinLessonSlug(s), 'lessons.errors.slugBuiltin'),
      ),
    title: text(LESSON_LIMITS.titleMin, LESSON_LIMITS.titleMax),
    summary: text(LESSON_LIMITS.summaryMin, LESSON_LIMITS.summaryMax),
    body: text(1, LESSON_LIMITS.bodyMax, true).refine((s) => lessonWords(s) <= LESSON_LIMITS.bodyWords, 'lessons.errors.tooManyWords'),
    keyPoint1: text(3, LESSON_LIMITS.keyPointMax),
    keyPoint2: text(3, LESSON_LIMITS.keyPointMax),
    keyPoint3: text(3, LESSON_LIMITS.keyPointMax),
    audience: z.enum(LESSON_AUDIENCES, { error: 'validation.unknownCode' }),
    stage: z.enum(['pregnancy', 'age'], { error: 'validation.unknownCode' }),
    ageFromDay: day,
    ageToDay: day,
    counselling: codes(COUNSELLING_CODES),
    breakReasons: codes(BREAK_REASONS),
    findings: codes(LESSON_FINDINGS),
    sources: text(3, LESSON_LIMITS.sourcesMax, true),
  })
  .superRefine((v, ctx) => {
    if (v.stage === 'age') {
      if (v.ageFromDay === null) ctx.addIssue({ code: 'custom', path: ['ageFromDay'], message: 'lessons.errors.fromDayRequired' });
      else if (v.ageToDay !== null && v.ageToDay < v.ageFromDay) ctx.addIssue({ code: 'custom', path: ['ageToDay'], message: 'lessons.errors.dayOrder' });
    }
  })
  .transform(({ keyPoint1, keyPoint2, keyPoint3, ...v }) => ({
    ...v,
    ageFromDay: v.stage === 'age' ? v.ageFromDay : null,
    ageToDay: v.stage === 'age' ? v.ageToDay : null,
    keyPoints: [keyPoint1, keyPoint2, keyPoint3],
    sources: v.sources
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .join('\n'),
  }));
export type LessonInput = z.output<typeof lessonSchema>;
