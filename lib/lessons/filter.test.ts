import { describe, expect, it } from 'vitest';
import type { LessonStage } from '@/lib/domain/lessons';
import { filterLessons, inAgeGroup, libraryFilter, matchesWords } from './filter';

const age = (fromDay: number, toDay: number | null): LessonStage => ({ kind: 'age', fromDay, toDay });

describe('libraryFilter', () => {
  it('keeps known values and drops the rest', () => {
    expect(libraryFilter({ usia: 'baru-lahir', untuk: 'father', q: '  air  ' })).toEqual({ usia: 'baru-lahir', untuk: 'father', q: 'air' });
    expect(libraryFilter({ usia: 'toString', untuk: 'constructor', q: ['a', 'b'] })).toEqual({ usia: null, untuk: null, q: 'a' });
    expect(libraryFilter({ q: 'x'.repeat(500) }).q).toHaveLength(100);
    expect(libraryFilter({ q: 'a\u0000b\u202Ec' }).q).toBe('a b c');
  });
});

describe('inAgeGroup', () => {
  it.each([
    [{ kind: 'pregnancy' } as LessonStage, 'hamil', true],
    [{ kind: 'pregnancy' } as LessonStage, 'baru-lahir', false],
    [age(0, 7), 'baru-lahir', true],
    [age(0, 7), '1-6-bulan', false],
    [age(0, null), '6-bulan', true],
    [age(20, 40), 'baru-lahir', true],
    [age(20, 40), '1-6-bulan', true],
    [age(183, 365), '1-6-bulan', false],
    [age(150, 200), '6-bulan', true],
    [age(0, 7), 'hamil', false],
  ] as const)('%j in %s → %s', (stage, group, yes) => expect(inAgeGroup(stage, group)).toBe(yes));
});

describe('matchesWords', () => {
  it.each([
    ['Bayi tidak perlu air putih', 'air', true],
    ['Bayi tidak perlu air putih', 'AIR PUTIH', true],
    ['Bayi tidak perlu air putih', 'air madu', false],
    ['Memerah ASI', 'perah', false],
    ['Memerah ASI', 'memer', true],
    ['Pelekatan AMBIDA', '', true],
    ['Kolostrum adalah makanan pertama', 'kolostrum pertama', true],
  ])('%s ~ %s → %s', (text, q, yes) => expect(matchesWords(text, q)).toBe(yes));
});

describe('filterLessons', () => {
  const ls = [
    { slug: 'a', audience: 'mother', stage: age(0, 7), text: 'kolostrum' },
    { slug: 'b', audience: 'father', stage: age(0, null), text: 'ayah mendukung' },
    { slug: 'c', audience: 'mother', stage: { kind: 'pregnancy' } as LessonStage, text: 'hamil' },
  ];
  it('combines age, audience and words', () => {
    const f = (usia: string, untuk: string, q: string) => filterLessons(ls, libraryFilter({ usia, untuk, q }), (l) => l.text).map((l) => l.slug);
    expect(f('', '', '')).toEqual(['a', 'b', 'c']);
    expect(f('baru-lahir', '', '')).toEqual(['a', 'b']);
    expect(f('baru-lahir', 'mother', '')).toEqual(['a']);
    expect(f('', '', 'ayah')).toEqual(['b']);
    expect(f('hamil', 'father', '')).toEqual([]);
  });
});
