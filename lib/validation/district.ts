import { z } from 'zod';
import { addToYearMonth } from '@/lib/domain/dates';
import type { YearMonth } from '@/lib/domain/types';
import { loginPhoneField, personNameField } from './account';
import { isPlainName } from '@/lib/domain/setup';
import { safeLine } from './text';

/**
 * The district office (issue #19, role dinkes): the period of its view and files, its own
 * accounts (added by a district user or by `npm run setup -- --dinkes`). Shared by the pages,
 * the route handlers, the CLI and lib/data/district.ts / lib/data/setup.ts. Messages are keys of
 * messages/*.json: `validation.*`, `accountsNew.errors.*` or `district.errors.*`.
 */

/** A month (`2026-10`), a quarter (`2026-Q1`) or a year (`2026`): the months it adds up. */
export type DistrictPeriod = {
  kind: 'month' | 'quarter' | 'year';
  /** As written in the URL: `2026-10`, `2026-Q1`, `2026`. */
  param: string;
  year: number;
  /** 1–4 for a quarter. */
  quarter?: number;
  from: YearMonth;
  to: YearMonth;
};

const YEAR = '(20[2-9]\\d|2100)';
const PERIOD_RE = new RegExp(`^${YEAR}(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$`);

/** `2026-10`, `2026-Q1` (also `2026-q1`) or `2026` → the period; anything else is refused. */
export const periodParamSchema = z
  .string()
  .check(safeLine)
  .trim()
  .max(16)
  .transform((s) => s.toUpperCase())
  .pipe(z.string().check(safeLine).regex(PERIOD_RE))
  .transform((s): DistrictPeriod => {
    const m = PERIOD_RE.exec(s)!;
    const year = Number(m[1]);
    if (m[2]) {
      const ym = { year, month: Number(m[2]) };
      return { kind: 'month', param: s, year, from: ym, to: ym };
    }
    if (m[3]) {
      const quarter = Number(m[3]);
      const from = { year, month: quarter * 3 - 2 };
      return { kind: 'quarter', param: s, year, quarter, from, to: addToYearMonth(from, 2) };
    }
    return { kind: 'year', param: s, year, from: { year, month: 1 }, to: { year, month: 12 } };
  });

export function monthPeriod(ym: YearMonth): DistrictPeriod {
  const param = `${ym.year}-${String(ym.month).padStart(2, '0')}`;
  return { kind: 'month', param, year: ym.year, from: ym, to: ym };
}

/** The period of a URL value, or null when there is none or it is not one. */
export function parsePeriodParam(raw: unknown): DistrictPeriod | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string' || v === '') return null;
  const p = periodParamSchema.safeParse(v);
  return p.success ? p.data : null;
}

/** The same person-name and login-phone rules as every other account (lib/validation/account.ts). */
export { ACCOUNT_NAME_MAX as DISTRICT_NAME_MAX, ACCOUNT_PHONE_MAX as DISTRICT_PHONE_MAX } from './account';
const personName = personNameField;
const phone = loginPhoneField;

/** A district user adds another account of her own kabupaten: name and phone (role dinkes). */
export const districtAccountSchema = z.object({ name: personName, phone });
export type DistrictAccountField = 'name' | 'phone';

/**
 * "Kabupaten Bogor" as the one name of a kabupaten however it is typed: spaces collapsed and a
 * leading "Kab." / "Kab" written out. Lookups also ignore case (lib/data/setup.ts).
 */
export function normalizeKabupatenName(v: string): string {
  return v
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^kab(?:\.\s*|\s+)(?=\S)/i, 'Kabupaten ');
}

const placeName = z
  .string({ error: 'validation.required' })
  .check(safeLine)
  .trim()
  .min(1, 'validation.required')
  .max(100, 'validation.tooLong')
  .refine((v) => v.length >= 3, 'setup.tooShort')
  .refine((v) => isPlainName(v), 'setup.plainText')
  .transform((v) => v.replace(/\s+/g, ' '));

/** `npm run setup -- --dinkes`: the kabupaten (found or created) and its first district account. */
export const districtSetupSchema = z.object({
  kabupaten: placeName.transform(normalizeKabupatenName),
  province: placeName,
  name: personName,
  phone,
});
export type DistrictSetupField = keyof z.input<typeof districtSetupSchema>;
export type DistrictSetupInput = z.infer<typeof districtSetupSchema>;

/** The periods the picker offers: the last 12 months, 8 quarters and 4 years up to `now` (newest first). */
export function recentPeriods(now: YearMonth): { months: DistrictPeriod[]; quarters: DistrictPeriod[]; years: DistrictPeriod[] } {
  const months = Array.from({ length: 12 }, (_, i) => monthPeriod(addToYearMonth(now, -i)));
  const quarters: DistrictPeriod[] = [];
  for (let i = 0, q = Math.ceil(now.month / 3), y = now.year; i < 8; i++, q === 1 ? ((q = 4), y--) : q--) {
    const p = periodParamSchema.safeParse(`${y}-Q${q}`);
    if (p.success) quarters.push(p.data);
  }
  const years: DistrictPeriod[] = [];
  for (let y = now.year; y > now.year - 4; y--) {
    const p = periodParamSchema.safeParse(String(y));
    if (p.success) years.push(p.data);
  }
  return { months, quarters, years };
}
