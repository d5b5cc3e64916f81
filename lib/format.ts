/**
 * Indonesian (and English) display formats of docs/program.md (Words, Formats): dates "17 Agustus 2024" and
 * "17/08/2024", time "13.05", decimal comma "11,97%". Pure Intl. Each formatter is made once per
 * language (and time zone) and kept: making an Intl formatter costs far more than using one,
 * and tables such as the dashboard's format hundreds of figures per page (issue #11, server time).
 */
import { PERCENT_DECIMALS, roundPercent } from '@/lib/domain/indicators';

export { roundPercent };
export type UiLocale = 'id' | 'en';
const tag = (l: UiLocale) => (l === 'en' ? 'en-GB' : 'id-ID');

const kept = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function keep<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let f = kept.get(key) as T | undefined;
  if (!f) {
    f = make();
    kept.set(key, f);
  }
  return f;
}

/** A calendar date 'YYYY-MM-DD' as "17 Agustus 2024". */
export function formatDate(iso: string, locale: UiLocale = 'id'): string {
  const f = keep(`date:${locale}`, () => new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** A month as "Agustus 2024" (long) or "Agu 24" (short). */
export function formatMonth(year: number, month: number, locale: UiLocale = 'id', style: 'long' | 'short' = 'long'): string {
  const f = keep(
    `month:${style}:${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { month: style, year: style === 'long' ? 'numeric' : '2-digit', timeZone: 'UTC' }),
  );
  return f.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Names as "Mawar, Melati dan Anggrek". */
export function formatList(items: readonly string[], locale: UiLocale = 'id'): string {
  return keep(`list:${locale}`, () => new Intl.ListFormat(tag(locale), { style: 'long', type: 'conjunction' })).format(items);
}

/** A calendar date as "17/08/2024". */
export function formatDateShort(iso: string, locale: UiLocale = 'id'): string {
  const f = keep(`short:${locale}`, () => new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** An instant as "13.05" in the puskesmas time zone. */
export function formatTime(at: Date, timeZone = 'Asia/Jakarta', locale: UiLocale = 'id'): string {
  const f = keep(`time:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }));
  return f.format(at);
}

/** An instant as "17 Agustus 2024 13.05". */
export function formatDateTime(at: Date, timeZone = 'Asia/Jakarta', locale: UiLocale = 'id'): string {
  const f = keep(
    `datetime:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }),
  );
  return f.format(at);
}

/**
 * 11.97 → "12%", 200/3 → "66,7%": rounded once by roundPercent (one decimal, decision 048), the
 * same value the CSV and XLSX carry; null (no data) → null, so that callers must say "belum ada data".
 */
export function formatPercent(percent: number | null, locale: UiLocale = 'id'): string | null {
  const rounded = roundPercent(percent);
  if (rounded === null) return null;
  return keep(`percent:${locale}`, () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: PERCENT_DECIMALS })).format(rounded) + '%';
}

export function formatNumber(n: number, locale: UiLocale = 'id'): string {
  return keep(`number:${locale}`, () => new Intl.NumberFormat(tag(locale))).format(n);
}
