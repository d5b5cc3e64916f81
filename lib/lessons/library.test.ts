import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNSELLING_CODES } from '@/lib/domain/catalogue';
import { KNOWLEDGE_STATEMENTS } from '@/lib/domain/knowledge';
import { LESSON_AUDIENCES, LESSON_FINDINGS, LESSON_SLUG_PATTERN } from '@/lib/domain/lessons';
import { BREAK_REASONS } from '@/lib/domain/recall';
import { BUILTIN_LESSON_SLUGS } from './builtin-slugs';
import { builtinLesson, builtinLessons, LESSON_KEY_POINTS, LESSON_MAX_WORDS, LESSONS_FOLDER, loadLessonFolder, wordCount } from './library';
import { renderLesson } from './render';
import { lessonVersionHash } from './version';

const lessons = builtinLessons();

describe('the built-in lesson library (content/lessons)', () => {
  it('has at least 14 lessons, each with an Indonesian and an English file', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(14);
    const files = readdirSync(LESSONS_FOLDER).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(files.sort()).toEqual(lessons.flatMap((l) => [`${l.slug}.en.md`, `${l.slug}.id.md`]).sort());
  });

  it('names exactly the slugs of lib/lessons/builtin-slugs.ts, each once, each a valid slug', () => {
    const slugs = lessons.map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect([...slugs].sort()).toEqual([...BUILTIN_LESSON_SLUGS].sort());
    for (const s of slugs) expect(s).toMatch(LESSON_SLUG_PATTERN);
  });

  it('has a lesson for every knowledge-check statement', () => {
    for (const s of KNOWLEDGE_STATEMENTS) expect(builtinLesson(s.lesson), `${s.id} → ${s.lesson}`).not.toBeNull();
  });

  describe.each(lessons.map((l) => [l.slug, l] as const))('%s', (_slug, l) => {
    it('uses only codes of the domain lists', () => {
      expect(LESSON_AUDIENCES).toContain(l.audience);
      for (const c of l.counselling) expect(COUNSELLING_CODES as readonly string[]).toContain(c);
      for (const r of l.breakReasons) expect(BREAK_REASONS as readonly string[]).toContain(r);
      for (const f of l.findings) expect(LESSON_FINDINGS as readonly string[]).toContain(f);
      if (l.stage.kind === 'age') expect(l.stage.toDay === null || l.stage.toDay >= l.stage.fromDay).toBe(true);
    });

    it.each(['id', 'en'] as const)('%s: title, summary, 3 key points, a short body that renders with no HTML passing through', (locale) => {
      const t = l.text[locale];
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.summary.length).toBeGreaterThan(0);
      expect(t.keyPoints).toHaveLength(LESSON_KEY_POINTS);
      expect(wordCount(t.body)).toBeLessThanOrEqual(LESSON_MAX_WORDS * 1.1);
      expect(wordCount(t.body)).toBeGreaterThan(50);
      expect(t.body).not.toMatch(/<[a-zA-Z/!]/);
      const html = renderLesson(t.body);
      expect(html).not.toMatch(/<(script|img|iframe|style|table|pre|div)\b/i);
      for (const m of html.matchAll(/href="([^"]*)"/g)) {
        const href = m[1]!;
        const inner = /^\/materi\/([a-z0-9-]+)$/.exec(href);
        if (inner) expect(builtinLesson(inner[1]!), `link to ${href}`).not.toBeNull();
        else expect(href).toMatch(/^(https:\/\/|\/)/);
      }
    });

    it('names at least one source and has a content hash', () => {
      expect(l.sources.length).toBeGreaterThanOrEqual(1);
      expect(l.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});

describe('loadLessonFolder fails loudly on a bad file', () => {
  const good = (slug: string, extra = '') =>
    `---\nslug: ${slug}\ntitle: "Judul"\nsummary: "Ringkas."\naudience: mother\nstage: age\nageFromDay: 0\nageToDay: 7\ncounselling: [exclusive_bf]\nkeyPoints: ["a", "b", "c"]\nsources: ["WHO"]\n${extra}---\nIsi materi.\n`;
  const en = (slug: string) => `---\nslug: ${slug}\ntitle: "Title"\nsummary: "Short."\nkeyPoints: ["a", "b", "c"]\n---\nBody.\n`;
  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'lessons-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('reads a good folder, and a changed file changes the hash', () => {
    const a = loadLessonFolder(folder({ 'satu-dua.id.md': good('satu-dua'), 'satu-dua.en.md': en('satu-dua') }));
    const b = loadLessonFolder(folder({ 'satu-dua.id.md': good('satu-dua').replace('Isi', 'Isi baru'), 'satu-dua.en.md': en('satu-dua') }));
    expect(a).toHaveLength(1);
    expect(a[0]!.stage).toEqual({ kind: 'age', fromDay: 0, toDay: 7 });
    expect(a[0]!.hash).not.toBe(b[0]!.hash);
  });

  it.each([
    ['an unknown code', { 'satu-dua.id.md': good('satu-dua', 'findings: [formula_brand]\n'), 'satu-dua.en.md': en('satu-dua') }, /satu-dua\.id\.md: findings/],
    ['a slug that is not the file name', { 'satu-dua.id.md': good('dua-tiga'), 'satu-dua.en.md': en('satu-dua') }, /not the file's name/],
    ['a missing English file', { 'satu-dua.id.md': good('satu-dua') }, /satu-dua\.en\.md: missing/],
    ['two key points', { 'satu-dua.id.md': good('satu-dua').replace('["a", "b", "c"]', '["a", "b"]'), 'satu-dua.en.md': en('satu-dua') }, /keyPoints/],
    ['no front matter', { 'satu-dua.id.md': 'Isi saja', 'satu-dua.en.md': en('satu-dua') }, /no YAML front matter/],
    ['a body too long', { 'satu-dua.id.md': good('satu-dua') + ' kata'.repeat(500), 'satu-dua.en.md': en('satu-dua') }, /words/],
    ['an unknown field', { 'satu-dua.id.md': good('satu-dua', 'image: x.png\n'), 'satu-dua.en.md': en('satu-dua') }, /satu-dua\.id\.md/],
  ])('%s', (_what, files, message) => {
    expect(() => loadLessonFolder(folder(files))).toThrow(message);
  });
});

describe('a lesson version (the hash a review is for)', () => {
  it('is lessonVersionHash of its two files as they are, the one the demo seed stores for a review (db/seed/tenant-knowledge.ts)', () => {
    for (const l of lessons) {
      const read = (lang: string) => readFileSync(path.join(LESSONS_FOLDER, `${l.slug}.${lang}.md`), 'utf8');
      expect(l.hash, l.slug).toBe(lessonVersionHash(read('id'), read('en')));
    }
    expect(lessonVersionHash('a', 'b')).not.toBe(lessonVersionHash('a', 'c'));
    expect(lessonVersionHash('ab', '')).not.toBe(lessonVersionHash('a', 'b'));
  });
});
