import { describe, expect, it } from 'vitest';
import {
  formatSetupCode,
  isPlainName,
  isZoneLabel,
  makeSetupCode,
  normalizeSetupCode,
  SETUP_CODE_ALPHABET,
  SETUP_CODE_LENGTH,
  SHORT_CODE_PATTERN,
  TIME_ZONES,
  zoneLabelOf,
} from './setup';

describe('setup code', () => {
  it('is 12 characters of the unambiguous alphabet, printed in groups of four', () => {
    let i = 0;
    const code = makeSetupCode((n) => i++ % n);
    expect(code).toHaveLength(SETUP_CODE_LENGTH);
    expect(code).toBe(SETUP_CODE_ALPHABET.slice(0, 12));
    expect(formatSetupCode(code)).toBe('ABCD-EFGH-JKMN');
    for (const ch of '01ILO') expect(SETUP_CODE_ALPHABET).not.toContain(ch);
  });

  it('uses every index the random source gives, and only the alphabet', () => {
    const code = makeSetupCode((n) => n - 1);
    expect(code).toBe('9'.repeat(12));
  });

  it('accepts what people type: lower case, spaces, dashes', () => {
    expect(normalizeSetupCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normalizeSetupCode(' ABCD EFGH JKMN ')).toBe('ABCDEFGHJKMN');
    expect(normalizeSetupCode('ABCDEFGHJKMN')).toBe('ABCDEFGHJKMN');
  });

  it('refuses the wrong length, letters outside the alphabet and markup', () => {
    expect(normalizeSetupCode('ABCD-EFGH')).toBeNull();
    expect(normalizeSetupCode('ABCD-EFGH-JKMNP')).toBeNull();
    expect(normalizeSetupCode('ABCD-EFGH-JKM0')).toBeNull(); // zero
    expect(normalizeSetupCode('ABCD-EFGH-JKMI')).toBeNull();
    expect(normalizeSetupCode('<script>x</s>')).toBeNull();
    expect(normalizeSetupCode('')).toBeNull();
    expect(normalizeSetupCode('A'.repeat(10_000))).toBeNull();
  });
});

describe('short code', () => {
  it('is 2–10 upper-case letters or digits', () => {
    for (const ok of ['BJN', 'GP', 'PKM01', 'ABCDEFGHIJ']) expect(SHORT_CODE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['B', 'bjn', 'BJ N', 'BJN-1', 'ABCDEFGHIJK', '<B>']) expect(SHORT_CODE_PATTERN.test(bad)).toBe(false);
  });
});

describe('time zones', () => {
  it('maps WIB, WITA, WIT to their IANA zones and back', () => {
    expect(TIME_ZONES.WIB).toBe('Asia/Jakarta');
    expect(TIME_ZONES.WITA).toBe('Asia/Makassar');
    expect(TIME_ZONES.WIT).toBe('Asia/Jayapura');
    expect(zoneLabelOf('Asia/Makassar')).toBe('WITA');
    expect(zoneLabelOf('Europe/Paris')).toBeNull();
    expect(isZoneLabel('WIT')).toBe(true);
    expect(isZoneLabel('toString')).toBe(false);
    expect(isZoneLabel('wib')).toBe(false);
  });
});

describe('plain names', () => {
  it('accepts the names of places and people', () => {
    for (const ok of [
      'Puskesmas Bojong Nangka',
      'Kab. Bogor',
      'Kota Bau-Bau',
      "Siti Nur'aini, S.Tr.Keb.",
      'Puskesmas Ciawi (DTP)',
      'Nusa Tenggara Timur',
      'Ngurah Rai 2',
    ]) {
      expect(isPlainName(ok)).toBe(true);
    }
  });
  it('refuses markup and symbols', () => {
    for (const bad of ['<script>alert(1)</script>', 'a;b', 'x"y', 'tab\there', '{{7*7}}']) expect(isPlainName(bad)).toBe(false);
  });
});

describe('the example code the documents show (issue #29)', () => {
  it('is one the portal accepts: README, /pasang texts and decision 047', async () => {
    const fs = await import('node:fs');
    const files = ['README.md', 'messages/id.json', 'messages/en.json', 'docs/decisions/047-first-run-setup.md'];
    const examples = files.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b/g)].map((m) => [f, m[0]] as const).filter(([, c]) => /[A-Z]/.test(c)),
    );
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const [file, code] of examples) expect(normalizeSetupCode(code), `${file}: ${code}`).not.toBeNull();
  });
});
