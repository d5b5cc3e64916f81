import { describe, expect, it } from 'vitest';
import { ageWords, stageWords } from './words';

const t = (key: string, v?: Record<string, string | number>) => `${key}${v ? JSON.stringify(v) : ''}`;

describe('stage in words', () => {
  it.each([
    [3, 'lessons.age.days{"n":3}'],
    [14, 'lessons.age.weeks{"n":2}'],
    [42, 'lessons.age.weeks{"n":6}'],
    [45, 'lessons.age.days{"n":45}'],
    [91, 'lessons.age.months{"n":3}'],
    [182, 'lessons.age.months{"n":6}'],
  ])('%i days', (d, out) => expect(ageWords(d, t)).toBe(out));
  it('names each kind of stage', () => {
    expect(stageWords({ kind: 'pregnancy' }, t)).toBe('lessons.stage.pregnancy');
    expect(stageWords({ kind: 'age', fromDay: 0, toDay: null }, t)).toBe('lessons.stage.all');
    expect(stageWords({ kind: 'age', fromDay: 0, toDay: 7 }, t)).toBe('lessons.stage.upTo{"to":"lessons.age.days{\\"n\\":7}"}');
    expect(stageWords({ kind: 'age', fromDay: 182, toDay: null }, t)).toBe('lessons.stage.from{"from":"lessons.age.months{\\"n\\":6}"}');
    expect(stageWords({ kind: 'age', fromDay: 8, toDay: 28 }, t)).toMatch(/^lessons\.stage\.range/);
  });
});
