import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Rules = {
  MAX_AGE_MS: number;
  STAMP: string;
  isFresh: (cachedAt: number, confirmedAt: number, now: number) => boolean;
  cachedAtOf: (headers: Headers) => number;
  sessionVerdict: (status: number) => 'valid' | 'ended' | 'unknown';
  lockRecord: (rec: Record<string, unknown>) => Record<string, unknown>;
  isLessonPath: (pathname: unknown) => boolean;
  lessonPagesOf: (body: unknown) => string[] | null;
  staleLessonPaths: (cached: string[], listed: string[]) => string[];
};
// public/sw-rules.js is a plain script for the service worker's importScripts().
const scope: { KK_OFFLINE?: Rules } = {};
new Function('self', readFileSync(join(process.cwd(), 'public/sw-rules.js'), 'utf8'))(scope);
const rules = scope.KK_OFFLINE!;

const DAY = 86_400_000;
const now = Date.UTC(2026, 2, 10, 3);

describe('offline copies expire (issue #22, decision 036)', () => {
  it('keeps 7 days', () => expect(rules.MAX_AGE_MS).toBe(7 * DAY));

  it.each([
    ['stored and confirmed just now', now, now, true],
    ['stored 6 days ago, confirmed today', now - 6 * DAY, now, true],
    ['exactly 7 days', now - 7 * DAY, now - 7 * DAY, true],
    ['stored 7 days and a minute ago', now - 7 * DAY - 60_000, now, false],
    ['stored today, sign-in last confirmed 8 days ago', now, now - 8 * DAY, false],
    ['no stamp (a copy of the old worker)', Number.NaN, now, false],
    ['never confirmed', now, Number.NaN, false],
    ['stored in the future (clock moved back a day)', now + DAY, now, false],
    ['2 minutes of clock drift', now + 120_000, now, true],
    ['zero', 0, now, false],
  ])('%s → %s', (_l, cachedAt, confirmedAt, fresh) => {
    expect(rules.isFresh(cachedAt, confirmedAt, now)).toBe(fresh);
  });

  it('reads the stamp a stored copy carries', () => {
    expect(rules.cachedAtOf(new Headers({ [rules.STAMP]: String(now) }))).toBe(now);
    expect(rules.cachedAtOf(new Headers({ [rules.STAMP]: 'soon' }))).toBeNaN();
    expect(rules.cachedAtOf(new Headers())).toBeNaN();
  });

  it.each([
    [204, 'valid'],
    [200, 'valid'],
    [401, 'ended'],
    [403, 'ended'],
    [500, 'unknown'],
    [503, 'unknown'],
    [429, 'unknown'],
  ] as const)('GET /api/sesi %i → %s', (status, verdict) => {
    expect(rules.sessionVerdict(status)).toBe(verdict);
  });

  it('a locked outbox record keeps what the server needs and loses the names', () => {
    const rec = {
      id: 'a1',
      kind: 'visit',
      payload: { id: 'a1', babyId: 'b1', breastfed: 'yes' },
      recordedAt: '2026-03-09T04:00:00.000Z',
      status: 'rejected',
      label: 'Ahmad Fauzan · Ibu Dewi Anggraini · 9 Maret',
      href: '/kader/bayi/b1/kunjungan?outbox=a1',
      message: 'Tanggal tidak valid.',
      fieldErrors: { visitDate: 'Tanggal tidak valid.' },
    };
    const locked = rules.lockRecord(rec);
    expect(locked).toEqual({
      id: 'a1',
      kind: 'visit',
      payload: rec.payload,
      recordedAt: rec.recordedAt,
      status: 'waiting',
      label: 'Kunjungan tersimpan 2026-03-09',
      locked: true,
    });
    expect(JSON.stringify(locked)).not.toMatch(/Dewi|Ahmad|kunjungan\?/);
  });
});

describe('lesson pages kept on the phone (issue #28)', () => {
  it.each([
    ['/materi/pkm/BJN', true],
    ['/materi/pkm/BJN/untuk-ayah', true],
    ['/materi/pkm/bjn-2/tanda-cukup-asi', true],
    ['/materi/pkm/BJN/untuk-ayah/', false],
    ['/materi/pkm/BJN/Untuk-Ayah', false],
    ['/materi/pkm/BJN/untuk--ayah', false],
    ['/materi/pkm/BJN/a/b', false],
    ['/materi/untuk-ayah', false],
    ['/materi', false],
    ['/kader/bayi/00000000-0000-4000-8000-000000000000', false],
    ['/ibu', false],
    ['/materi/pkm/../kader', false],
    [42, false],
  ])('%s is a lesson page to answer from the copies: %s', (path, yes) => {
    expect(rules.isLessonPath(path)).toBe(yes);
  });

  it('keeps only well-formed lesson addresses from the server’s list, once each', () => {
    expect(
      rules.lessonPagesOf({ pages: ['/materi/pkm/BJN', '/materi/pkm/BJN/untuk-ayah', '/materi/pkm/BJN/untuk-ayah', '/kader', 'https://evil.example/materi/pkm/X/y', 7] }),
    ).toEqual(['/materi/pkm/BJN', '/materi/pkm/BJN/untuk-ayah']);
    expect(rules.lessonPagesOf({ pages: [] })).toEqual([]);
    expect(rules.lessonPagesOf({ pages: Array.from({ length: 600 }, (_, i) => `/materi/pkm/BJN/l${i}`) })).toHaveLength(500);
  });

  it('an answer that is no list keeps the copies as they are (null)', () => {
    for (const body of [null, undefined, {}, { pages: 'x' }, 'pages', []]) expect(rules.lessonPagesOf(body)).toBeNull();
  });

  it('a lesson no longer listed (hidden, unpublished) is dropped; the others stay', () => {
    expect(
      rules.staleLessonPaths(['/materi/pkm/BJN', '/materi/pkm/BJN/untuk-ayah', '/materi/pkm/BJN/untuk-nenek'], ['/materi/pkm/BJN', '/materi/pkm/BJN/untuk-nenek']),
    ).toEqual(['/materi/pkm/BJN/untuk-ayah']);
    expect(rules.staleLessonPaths(['/materi/pkm/BJN/untuk-ayah'], [])).toEqual(['/materi/pkm/BJN/untuk-ayah']);
  });
});
