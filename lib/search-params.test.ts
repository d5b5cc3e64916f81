import { describe, expect, it } from 'vitest';
import { searchParam, searchParams } from './search-params';

describe('searchParam', () => {
  it.each([
    ['a string', 'melati', 'melati'],
    ['the first of several', ['a', 'b'], 'a'],
    ['absent', undefined, undefined],
    ['an empty list', [], undefined],
    ['NUL', 'a\u0000', undefined],
    ['NUL first of several', ['\u0000', 'b'], undefined],
    ['a lone surrogate', '\uD800', undefined],
    ['an RTL override', 'abc\u202E', undefined],
    ['a newline', 'a\nb', undefined],
    ['too long', 'x'.repeat(501), undefined],
    ['other scripts and emoji', 'ありがとう 👶🏽', 'ありがとう 👶🏽'],
  ] as const)('%s', (_l, value, expected) => {
    expect(searchParam(value as string | string[] | undefined)).toBe(expected);
  });

  it('searchParams keeps only the safe ones', () => {
    expect(searchParams({ a: 'x', b: ['y', 'z'], c: '\u0000', d: undefined })).toEqual({ a: 'x', b: 'y' });
  });
});
