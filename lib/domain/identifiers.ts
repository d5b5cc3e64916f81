/**
 * Phone numbers and NIK (DESIGN §2 "Formats").
 */
import { formatIsoDate, isIsoDate } from './dates';
import type { IsoDate, Sex } from './types';

/** Longest raw phone input we look at; anything longer is rejected without further work. */
const MAX_PHONE_INPUT = 32;

/**
 * Normalise an Indonesian mobile number to E.164 ('+62812…'), or null.
 * Accepts '0812-3456-7890', '0812 3456 7890', '(0812) 3456.7890', '62812…', '+62812…' and
 * '+62 0812…'. The national significant number (after 0 / 62) must start with 8 and have
 * 9–12 digits. Letters or other symbols are rejected.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_PHONE_INPUT) return null;
  const compact = input.trim().replace(/[\s\-.()]/g, '');
  const m = /^(?:\+62|62|0)(0?)(\d+)$/.exec(compact);
  if (!m) return null;
  const national = m[2]!;
  // A leading 0 after 62 is only tolerated in the '+62 0812…' form, not after a bare 0.
  if (m[1] === '0' && !compact.startsWith('+62') && !compact.startsWith('62')) return null;
  if (!/^8\d{8,11}$/.test(national)) return null;
  return `+62${national}`;
}

/**
 * Show a phone the Indonesian way: '+6281234567890' → '0812-3456-7890'. The number after the
 * first four digits is split in two groups of at most 4 + rest (0812-3456-789, 0812-345-678).
 * Input that is not a valid number is returned unchanged.
 */
export function formatPhoneDisplay(e164: string): string {
  const normalized = normalizePhone(e164);
  if (normalized === null) return e164;
  const local = `0${normalized.slice(3)}`;
  const head = local.slice(0, 4);
  const rest = local.slice(4);
  const cut = Math.min(4, Math.ceil(rest.length / 2));
  return `${head}-${rest.slice(0, cut)}-${rest.slice(cut)}`;
}

export type NikResult = { ok: true; birthDate: IsoDate; sex: Sex } | { ok: false; error: 'shape' | 'date' };

/**
 * Validate a NIK: 16 digits `PPKKCC DDMMYY NNNN` (spaces between groups are ignored), women
 * add 40 to the day, no check digit. Century: 20YY unless that date is after `reference`
 * (the caller's today, in the puskesmas's zone), then 19YY — so a NIK never gives a birth date in the future
 * and covers ages up to about 100. An impossible day/month (31 Apr, 29 Feb in a common year,
 * day 32–40 or 72+, month 13) is error 'date'.
 */
export function validateNik(nik: string, reference: IsoDate): NikResult {
  if (typeof nik !== 'string' || nik.length > 40) return { ok: false, error: 'shape' };
  const digits = nik.replace(/ /g, '');
  if (!/^\d{16}$/.test(digits)) return { ok: false, error: 'shape' };
  const rawDay = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const yy = Number(digits.slice(10, 12));
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  for (const century of [2000, 1900]) {
    const date = safeIso(century + yy, month, day);
    if (date !== null && date <= reference) return { ok: true, birthDate: date, sex };
  }
  return { ok: false, error: 'date' };
}

function safeIso(year: number, month: number, day: number): IsoDate | null {
  const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(d) ? formatIsoDate(year, month, day) : null;
}

/**
 * Mask a NIK for non-staff: keep the first 4 (province + regency) and the last 2 digits,
 * '*' for the rest: '3201014201900001' → '3201**********01'. Spaces are dropped first;
 * anything shorter than 8 characters is masked completely.
 */
export function maskNik(nik: string): string {
  const s = nik.replace(/ /g, '').slice(0, 64);
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 6)}${s.slice(-2)}`;
}
