/**
 * The built-in lesson library (issue #28): content/lessons/<slug>.id.md and <slug>.en.md, kept in
 * the repository and reviewed like code. Read once per process from the file system (the
 * standalone server has them: next.config.ts outputFileTracingIncludes and scripts/bundle.mjs),
 * each file validated with the schema below; a bad file fails loudly, naming the file, rather
 * than leaving a lesson out. Each lesson carries a hash of both its files, so a puskesmas's
 * review (builtin_lesson_states.reviewed_hash) asks for a new review when the text changes.
 */
import 'server-only';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { COUNSELLING_CODES } from '@/lib/domain/catalogue';
import { LESSON_AUDIENCES, LESSON_FINDINGS, LESSON_SLUG_MAX, LESSON_SLUG_PATTERN, type LessonAudience, type LessonMeta, type LessonStage } from '@/lib/domain/lessons';
import { BREAK_REASONS } from '@/lib/domain/recall';
import type { Locale } from '@/lib/i18n/config';
import { lessonVersionHash } from './version';

/** Where the files are, relative to the server's working directory (as db/migrations). */
export const LESSONS_FOLDER = path.join(process.cwd(), 'content', 'lessons');

/** At most this many words in a lesson's body (issue #28: "at most ~400 words"). */
export const LESSON_MAX_WORDS = 400;
export const LESSON_KEY_POINTS = 3;

/** Words of a Markdown text, as a reader counts them (marks and link targets left out). */
export function wordCount(markdown: string): number {
  const text = markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#*_>`[\]-]+/g, ' ')
    .trim();
  return text ? text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}

const line = (max: number) => z.string().trim().min(1).max(max);
const list = (codes: readonly string[]) => z.array(z.enum(codes as readonly [string, ...string[]])).default([]);

const sourcesSchema = z.union([line(300).transform((s) => [s]), z.array(line(300)).min(1)]);

/** The front matter of <slug>.id.md: everything about the lesson. */
const idFrontMatter = z
  .strictObject({
    slug: z.string().regex(LESSON_SLUG_PATTERN).min(3).max(LESSON_SLUG_MAX),
    title: line(120),
    summary: line(300),
    audience: z.enum(LESSON_AUDIENCES),
    stage: z.enum(['pregnancy', 'age']),
    ageFromDay: z.number().int().min(0).max(2000).nullish(),
    ageToDay: z.number().int().min(0).max(2000).nullish(),
    counselling: list(COUNSELLING_CODES),
    breakReasons: list(BREAK_REASONS),
    findings: list(LESSON_FINDINGS),
    keyPoints: z.array(line(200)).length(LESSON_KEY_POINTS),
    sources: sourcesSchema,
  })
  .superRefine((v, ctx) => {
    if (v.stage === 'age') {
      if (v.ageFromDay == null) ctx.addIssue({ code: 'custom', path: ['ageFromDay'], message: 'an age stage needs ageFromDay' });
      else if (v.ageToDay != null && v.ageToDay < v.ageFromDay) ctx.addIssue({ code: 'custom', path: ['ageToDay'], message: 'ageToDay before ageFromDay' });
    } else if (v.ageFromDay != null || v.ageToDay != null) {
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'a pregnancy lesson has no day range' });
    }
  });

/** The front matter of <slug>.en.md: the English text only (the facts are the Indonesian file's). */
const enFrontMatter = z.object({
  slug: z.string(),
  title: line(120),
  summary: line(300),
  keyPoints: z.array(line(200)).length(LESSON_KEY_POINTS),
  sources: sourcesSchema.optional(),
});

export interface LessonText {
  title: string;
  summary: string;
  keyPoints: string[];
  /** Markdown: render with lib/lessons/render.ts. */
  body: string;
}

export interface BuiltinLesson extends LessonMeta {
  slug: string;
  audience: LessonAudience;
  stage: LessonStage;
  counselling: string[];
  breakReasons: string[];
  findings: string[];
  sources: string[];
  /** sha256 of both files: a review is for this version. */
  hash: string;
  text: Record<Locale, LessonText>;
}

export class LessonFileError extends Error {
  constructor(file: string, problem: string) {
    super(`content/lessons/${file}: ${problem}`);
    this.name = 'LessonFileError';
  }
}

/** Splits a file into its YAML front matter and its Markdown body. */
export function splitFrontMatter(source: string, file: string): { data: unknown; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!m) throw new LessonFileError(file, 'no YAML front matter between --- lines');
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (err) {
    throw new LessonFileError(file, `front matter is not YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return { data, body: m[2]!.trim() };
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`).join('; ');
}

function checkBody(body: string, file: string) {
  if (!body) throw new LessonFileError(file, 'the body is empty');
  const words = wordCount(body);
  if (words > LESSON_MAX_WORDS * 1.1) throw new LessonFileError(file, `the body has ${words} words (at most about ${LESSON_MAX_WORDS})`);
}

/** Reads and validates every lesson in `folder` (exported for tests; the portal uses builtinLessons()). */
export function loadLessonFolder(folder: string): BuiltinLesson[] {
  if (!existsSync(folder)) throw new Error(`lessons: the folder ${folder} is missing (content/lessons is part of the portal)`);
  const names = readdirSync(folder).filter((n) => n.endsWith('.md') && n !== 'README.md');
  const slugs = [...new Set(names.filter((n) => n.endsWith('.id.md')).map((n) => n.slice(0, -'.id.md'.length)))].sort();
  for (const n of names) {
    if (!/\.(id|en)\.md$/.test(n)) throw new LessonFileError(n, 'a lesson file is named <slug>.id.md or <slug>.en.md');
    const slug = n.replace(/\.(id|en)\.md$/, '');
    if (!slugs.includes(slug)) throw new LessonFileError(n, `an English file without ${slug}.id.md`);
  }
  return slugs.map((slug) => {
    const idFile = `${slug}.id.md`;
    const enFile = `${slug}.en.md`;
    if (!existsSync(path.join(folder, enFile))) throw new LessonFileError(enFile, 'missing (every lesson has its English text)');
    const idSource = readFileSync(path.join(folder, idFile), 'utf8');
    const enSource = readFileSync(path.join(folder, enFile), 'utf8');
    const idPart = splitFrontMatter(idSource, idFile);
    const enPart = splitFrontMatter(enSource, enFile);
    const meta = idFrontMatter.safeParse(idPart.data);
    if (!meta.success) throw new LessonFileError(idFile, issuesOf(meta.error));
    const en = enFrontMatter.safeParse(enPart.data);
    if (!en.success) throw new LessonFileError(enFile, issuesOf(en.error));
    if (meta.data.slug !== slug) throw new LessonFileError(idFile, `slug "${meta.data.slug}" is not the file's name`);
    if (en.data.slug !== slug) throw new LessonFileError(enFile, `slug "${en.data.slug}" is not the file's name`);
    checkBody(idPart.body, idFile);
    checkBody(enPart.body, enFile);
    const m = meta.data;
    const stage: LessonStage = m.stage === 'pregnancy' ? { kind: 'pregnancy' } : { kind: 'age', fromDay: m.ageFromDay ?? 0, toDay: m.ageToDay ?? null };
    return {
      slug,
      audience: m.audience,
      stage,
      counselling: [...m.counselling],
      breakReasons: [...m.breakReasons],
      findings: [...m.findings],
      sources: m.sources,
      hash: lessonVersionHash(idSource, enSource),
      text: {
        id: { title: m.title, summary: m.summary, keyPoints: m.keyPoints, body: idPart.body },
        en: { title: en.data.title, summary: en.data.summary, keyPoints: en.data.keyPoints, body: enPart.body },
      },
    };
  });
}

let loaded: { list: readonly BuiltinLesson[]; bySlug: ReadonlyMap<string, BuiltinLesson> } | null = null;

function library() {
  if (!loaded) {
    const list = Object.freeze(loadLessonFolder(LESSONS_FOLDER));
    loaded = { list, bySlug: new Map(list.map((l) => [l.slug, l])) };
  }
  return loaded;
}

/** Every built-in lesson, in slug order (read once per process). */
export function builtinLessons(): readonly BuiltinLesson[] {
  return library().list;
}

export function builtinLesson(slug: string): BuiltinLesson | null {
  return library().bySlug.get(slug) ?? null;
}
