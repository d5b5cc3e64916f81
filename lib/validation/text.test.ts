import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activationSchema, motherSchema } from './mother';
import { loginSchema } from './auth';
import { postSchema, searchSchema } from './forum';
import { profileSchema, signatorySchema } from './settings';
import { accountFilterSchema } from './account';
import { isSafeLine, isSafeMultiline, unsafeTextKind, UNSAFE_TEXT_MESSAGE } from './text';

describe('the one string rule (decision 052)', () => {
  it.each([
    ['plain text', 'Ibu Siti Aminah', null, null],
    ['emoji and other scripts', '👶🏽 ありがとう مرحبا', null, null],
    ['a paired surrogate (emoji)', '\uD83D\uDC76', null, null],
    ['left-to-right mark (not an override)', 'a\u200Eb', null, null],
    ['NUL', 'a\u0000b', 'control', 'control'],
    ['bell', '\u0007', 'control', 'control'],
    ['escape', 'x\u001B[31m', 'control', 'control'],
    ['DEL', 'a\u007F', 'control', 'control'],
    ['tab', 'a\tb', 'control', null],
    ['line feed', 'a\nb', 'control', null],
    ['carriage return', 'a\r\nb', 'control', null],
    ['vertical tab', 'a\u000Bb', 'control', 'control'],
    ['lone high surrogate', 'a\uD800b', 'surrogate', 'surrogate'],
    ['lone low surrogate at the end', 'ab\uDC00', 'surrogate', 'surrogate'],
    ['reversed pair', '\uDC00\uD800', 'surrogate', 'surrogate'],
    ['RTL override', 'abc\u202Edcb', 'bidi', 'bidi'],
    ['LRE', '\u202Ax', 'bidi', 'bidi'],
    ['RLI isolate', '\u2067x', 'bidi', 'bidi'],
    ['PDI', 'x\u2069', 'bidi', 'bidi'],
  ] as const)('%s', (_label, value, line, multiline) => {
    expect(unsafeTextKind(value)).toBe(line);
    expect(unsafeTextKind(value, { multiline: true })).toBe(multiline);
    expect(isSafeLine(value)).toBe(line === null);
    expect(isSafeMultiline(value)).toBe(multiline === null);
  });
});

describe('schemas refuse unsafe text with the field message', () => {
  const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('classic and mini schemas, single-line and text-area fields', () => {
    expect(issuesOf(loginSchema.safeParse({ phone: '0812\u00002000', password: 'x' }))).toContain(`phone: ${UNSAFE_TEXT_MESSAGE}`);
    expect(issuesOf(postSchema.safeParse({ categoryId: crypto.randomUUID(), title: 'Judul \u202Eyang', body: 'Isi', anonymous: null }))).toContain(
      `title: ${UNSAFE_TEXT_MESSAGE}`,
    );
    expect(issuesOf(postSchema.safeParse({ categoryId: crypto.randomUUID(), title: 'Judul biasa', body: 'Isi\u0000', anonymous: null }))).toContain(
      `body: ${UNSAFE_TEXT_MESSAGE}`,
    );
    // A text area keeps its line breaks and tabs.
    expect(
      issuesOf(postSchema.safeParse({ categoryId: crypto.randomUUID(), title: 'Judul biasa', body: 'Baris satu\n\tbaris dua', anonymous: null })).filter((i) =>
        i.startsWith('body'),
      ),
    ).toEqual([]);
    const mother = motherSchema({ today: '2026-01-10' });
    expect(
      issuesOf(
        mother.safeParse({
          name: 'Siti\uD800',
          phone: '0812-3456-7890',
          posyanduId: crypto.randomUUID(),
          birthDate: '2026-01-05',
          babies: [{ sex: 'L' }],
          consent: true,
        }),
      ),
    ).toEqual([`name: ${UNSAFE_TEXT_MESSAGE}`]);
    expect(issuesOf(activationSchema.safeParse({ phone: '0812-3456-7890', code: 'AB\u0000CD', password: 'Melati sore 9', confirm: 'Melati sore 9' }))).toEqual([
      `code: ${UNSAFE_TEXT_MESSAGE}`,
    ]);
    expect(
      issuesOf(profileSchema.safeParse({ name: 'Puskesmas\u202E', district: 'Bogor', subdistrict: 'Gunung Putri', province: 'Jawa Barat', timeZone: 'Asia/Jakarta' })),
    ).toEqual([`name: ${UNSAFE_TEXT_MESSAGE}`]);
    expect(issuesOf(signatorySchema.safeParse({ signatoryName: 'dr. Uji', signatoryNip: '1978\u0000', signatoryTitle: 'Kepala' }))[0]).toMatch(/^signatoryNip: /);
  });

  it('a search parameter with a hostile value is dropped, never an error', () => {
    expect(searchSchema.safeParse({ q: '\u0000' }).success).toBe(false);
    expect(accountFilterSchema.parse({ q: 'ibu\u0000' }).q).toBeUndefined();
  });
});

describe('every string field of lib/validation carries the rule', () => {
  it('each `.string(` in a schema module is followed by safeLine or safeMultiline', () => {
    const dir = join(process.cwd(), 'lib/validation');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'text.ts')) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/\.string\(/.test(line) || /^\s*(\*|\/\/)/.test(line)) return;
        const window = lines.slice(i, i + 3).join('\n');
        if (!/safe(Line|Multiline)/.test(window)) missing.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(missing).toEqual([]);
  });
});
