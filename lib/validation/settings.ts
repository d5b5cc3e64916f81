import { z } from 'zod';
import { MAX_WINDOW_DAY } from '@/lib/domain/windows';
import { safeLine, safeMultiline } from './text';

/**
 * The puskesmas settings (/staff/pengaturan, issue #18), one schema per form, shared by the
 * server actions and lib/data/settings.ts. Messages are keys of messages/*.json ("validation.*"
 * or "settings.errors.*"); a field inside the window list is named "windows.<row>.<field>".
 */

export const SETTINGS_LIMITS = {
  name: 120,
  /** As at setup (lib/validation/setup.ts): a kabupaten typed there can be saved here again. */
  place: 100,
  address: 300,
  signatoryName: 120,
  signatoryTitle: 120,
  /** Blocked terms: how many, how long each, and the whole textarea. */
  terms: 500,
  term: 60,
  termsText: 40_000,
  windows: 20,
  yearMin: 2000,
  yearMax: 2100,
} as const;

/** The three time zones of Indonesia (WIB, WITA, WIT). */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZoneId = (typeof TIME_ZONES)[number];

/** No markup and no control characters in a one-line setting (names, places, titles). */
const PLAIN_LINE = /^[^<>\p{Cc}]*$/u;

/** A required one-line text: trimmed, inner runs of spaces made one. */
function line(min: number, max: number) {
  return z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .transform((s) => s.replace(/[\s\u00a0]+/g, ' ').trim())
    .pipe(
      z
        .string()
        .check(safeLine)
        .min(1, 'validation.required')
        .min(min, 'settings.errors.tooShort')
        .max(max, 'validation.tooLong')
        .regex(PLAIN_LINE, 'settings.errors.markup'),
    );
}

/** An optional one-line text: empty → null. */
function optionalLine(max: number) {
  return z
    .union([z.string().check(safeLine), z.null()], { error: 'validation.invalid' })
    .optional()
    .transform((s) => (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim())
    .pipe(z.string().check(safeLine).max(max, 'validation.tooLong').regex(PLAIN_LINE, 'settings.errors.markup'))
    .transform((s) => (s === '' ? null : s));
}

/** A whole number typed in a form (a string) or sent as a number; empty → "required". */
function wholeNumber(min: number, max: number, rangeMessage: string) {
  return z.preprocess(
    (v) => {
      if (typeof v === 'string') {
        const s = v.trim();
        if (s === '') return undefined;
        return /^[+-]?\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
      }
      return v;
    },
    z
      .number({ error: (iss) => (iss.input === undefined || iss.input === null ? 'validation.required' : 'settings.errors.wholeNumber') })
      .int('settings.errors.wholeNumber')
      .min(min, rangeMessage)
      .max(max, rangeMessage),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Profile

export const profileSchema = z.object({
  name: line(3, SETTINGS_LIMITS.name),
  district: line(3, SETTINGS_LIMITS.place),
  subdistrict: line(3, SETTINGS_LIMITS.place),
  province: line(3, SETTINGS_LIMITS.place),
  address: optionalLine(SETTINGS_LIMITS.address),
  timeZone: z.enum(TIME_ZONES, { error: 'settings.errors.timeZone' }),
});
export type ProfileField = keyof z.input<typeof profileSchema>;
export type ProfileInput = z.output<typeof profileSchema>;

// ---------------------------------------------------------------------------------------------
// 2. Coverage target of a year (the puskesmas's, or one village's)

export const targetSchema = z.object({
  year: wholeNumber(SETTINGS_LIMITS.yearMin, SETTINGS_LIMITS.yearMax, 'settings.errors.yearRange'),
  targetPercent: wholeNumber(0, 100, 'settings.errors.percentRange'),
  villageId: z
    .union([z.literal(''), z.null(), z.uuid({ error: 'settings.errors.villageUnknown' })], { error: 'settings.errors.villageUnknown' })
    .optional()
    .transform((v) => (v ? v : null)),
});
export type TargetField = keyof z.input<typeof targetSchema>;
export type TargetInput = z.output<typeof targetSchema>;

// ---------------------------------------------------------------------------------------------
// 3. Certificate signatory

/**
 * NIP (Nomor Induk Pegawai, 18 digits): birth date YYYYMMDD, appointment YYYYMM, sex 1/2 and a
 * 3-digit number. Spaces are allowed when typed ("19780512 200604 1 009") and dropped.
 */
export function nipProblem(nip: string): string | null {
  if (!/^\d{18}$/.test(nip)) return 'settings.errors.nipDigits';
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  const born = new Date(Date.UTC(y, m - 1, d));
  const validBirth = y >= 1900 && born.getUTCFullYear() === y && born.getUTCMonth() === m - 1 && born.getUTCDate() === d;
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  const validAppointment = ay >= 1950 && ay >= y + 15 && am >= 1 && am <= 12;
  const sex = nip[14];
  if (!validBirth || !validAppointment || (sex !== '1' && sex !== '2')) return 'settings.errors.nipShape';
  return null;
}

export const signatorySchema = z.object({
  signatoryName: line(3, SETTINGS_LIMITS.signatoryName),
  signatoryNip: z
    .union([z.string().check(safeLine), z.null()], { error: 'validation.invalid' })
    .optional()
    .transform((s) => (s ?? '').replace(/[\s.\-]/g, ''))
    .superRefine((s, ctx) => {
      const problem = s === '' ? null : s.length > 40 ? 'validation.tooLong' : nipProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((s) => (s === '' ? null : s)),
  signatoryTitle: line(3, SETTINGS_LIMITS.signatoryTitle),
});
export type SignatoryField = keyof z.input<typeof signatorySchema>;
export type SignatoryInput = z.output<typeof signatorySchema>;

// ---------------------------------------------------------------------------------------------
// 4. The forum's blocked terms

/**
 * The textarea's lines as terms: trimmed, inner spaces made one, empty lines dropped, repeats
 * dropped case-insensitively (the first spelling kept). Pure, also used to show the result.
 */
export function termsOf(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const term = raw
      .normalize('NFKC')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim();
    if (!term) continue;
    const key = term.toLocaleLowerCase('id');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

export const blockedTermsSchema = z.object({
  terms: z
    .string({ error: 'settings.errors.termsRequired' })
    .check(safeMultiline)
    .max(SETTINGS_LIMITS.termsText, 'settings.errors.termsTooMany')
    .transform(termsOf)
    .superRefine((terms, ctx) => {
      const add = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (terms.length === 0) return add('settings.errors.termsRequired');
      if (terms.length > SETTINGS_LIMITS.terms) return add('settings.errors.termsTooMany');
      if (terms.some((t) => t.length > SETTINGS_LIMITS.term)) return add('settings.errors.termTooLong');
      if (terms.some((t) => !PLAIN_LINE.test(t))) return add('settings.errors.markup');
      // A term of punctuation only would match nothing (lib/forum/blocked.ts matches words).
      if (terms.some((t) => !/[\p{L}\p{N}]/u.test(t))) return add('settings.errors.termNoWord');
    }),
});
export type BlockedTermsField = keyof z.input<typeof blockedTermsSchema>;

// ---------------------------------------------------------------------------------------------
// 5. Visit windows

const windowDay = wholeNumber(0, MAX_WINDOW_DAY, 'settings.errors.dayRange');
/** Empty → null: "until the day before the 6-month date" (the last window only). */
const windowEnd = z.preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v), windowDay.nullable());

export const visitWindowsSchema = z
  .object({
    windows: z
      .array(z.object({ fromDay: windowDay, toDay: windowEnd }), { error: 'settings.errors.windowsRequired' })
      .min(1, 'settings.errors.windowsRequired')
      .max(SETTINGS_LIMITS.windows, 'settings.errors.windowsTooMany'),
  })
  .superRefine(({ windows }, ctx) => {
    // In order, not overlapping, only the last open-ended (lib/domain validateWindows, per field).
    let prevEnd = -1;
    windows.forEach((w, i) => {
      const at = (field: 'fromDay' | 'toDay', message: string) => ctx.addIssue({ code: 'custom', path: ['windows', i, field], message });
      const last = i === windows.length - 1;
      if (w.fromDay <= prevEnd) at('fromDay', 'settings.errors.overlap');
      if (w.toDay === null && !last) at('toDay', 'settings.errors.onlyLastOpen');
      if (w.toDay !== null && w.toDay < w.fromDay) at('toDay', 'settings.errors.toBeforeFrom');
      prevEnd = w.toDay ?? MAX_WINDOW_DAY;
    });
  });
export type VisitWindowsInput = z.output<typeof visitWindowsSchema>;

/** Field errors of a settings form: the first message of each field, fields inside lists as "windows.0.toDay". */
export function settingsErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_form';
    if (out[key]) continue;
    out[key] = /^(validation|settings)\.[\w.]+$/.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 6. The portal's public address (issue #29, decision 061): every link sent to people is built
//    from it, never from a request's Host.

/** Host names that are only reachable inside a local network (http is allowed there, with a warning). */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  if (/\.(local|lan|internal|home\.arpa|test)$/.test(h)) return true;
  const ip = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!ip) return /^f[cd][0-9a-f]{2}:/.test(h) || h.startsWith('fe80:');
  const [a, b] = [Number(ip[1]), Number(ip[2])];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

export type PublicUrlCheck =
  | { ok: true; origin: string | null; warning: 'httpLocal' | null }
  | { ok: false; error: 'settings.errors.publicUrlInvalid' | 'settings.errors.publicUrlPath' | 'settings.errors.publicUrlHttps' | 'validation.tooLong' };

/**
 * "Alamat portal" as typed → the origin stored (`https://kekasihku.example.go.id`), or null when
 * emptied (back to APP_URL). Only a scheme, a host and a port: no path, query, fragment or user
 * (a path would make every link wrong). https; http only for a local or private-network host
 * (a puskesmas serving its own Wi-Fi), with a warning. A typed address without a scheme is https.
 */
export function checkPublicUrl(raw: string): PublicUrlCheck {
  const typed = raw.trim();
  if (typed === '') return { ok: true, origin: null, warning: null };
  if (typed.length > 200) return { ok: false, error: 'validation.tooLong' };
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { ok: false, error: 'settings.errors.publicUrlInvalid' };
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname || ['0.0.0.0', '[::]', '::'].includes(u.hostname))
    return { ok: false, error: 'settings.errors.publicUrlInvalid' };
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '') || /[?#]$/.test(typed))
    return { ok: false, error: 'settings.errors.publicUrlPath' };
  const local = isLocalHost(u.hostname);
  if (!local && !u.hostname.includes('.')) return { ok: false, error: 'settings.errors.publicUrlInvalid' };
  if (u.protocol === 'http:' && !local) return { ok: false, error: 'settings.errors.publicUrlHttps' };
  return { ok: true, origin: u.origin, warning: u.protocol === 'http:' ? 'httpLocal' : null };
}

export const publicUrlSchema = z.object({
  publicUrl: z
    .string({ error: 'validation.invalid' })
    .check(safeLine)
    .transform((s, ctx) => {
      const c = checkPublicUrl(s);
      if (!c.ok) {
        ctx.addIssue({ code: 'custom', message: c.error });
        return z.NEVER;
      }
      return c.origin;
    }),
});
export type PublicUrlField = keyof z.input<typeof publicUrlSchema>;
