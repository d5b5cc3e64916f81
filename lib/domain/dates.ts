/**
 * TZ-independent helpers for calendar dates (IsoDate 'YYYY-MM-DD').
 *
 * Arithmetic works on "epoch days" (days since 1970-01-01) computed with pure integer
 * civil-calendar formulas (H. Hinnant's days_from_civil / civil_from_days), so results never
 * depend on the machine's time zone or DST, and loops over thousands of babies stay cheap.
 * `addMonths` matches date-fns `addMonths` (clamp to month end); the tests cross-check it
 * against date-fns on a UTC TZDate. No clock and no time zone here: `isoToday` (./today.ts)
 * reads the clock, so that client forms importing these helpers do not bundle @date-fns/tz.
 */
import type { IsoDate, YearMonth } from './types';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The program's default zone (WIB); each puskesmas may set its own. */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for a string 'YYYY-MM-DD' naming a real calendar day (years 0001–9999). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || value.length !== 10) return false;
  const m = ISO_RE.exec(value);
  return m !== null && validParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Split an IsoDate into numbers; throws RangeError on anything but a real calendar day. */
export function parseIsoDate(iso: IsoDate): DateParts {
  const m = typeof iso === 'string' ? ISO_RE.exec(iso) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (validParts(year, month, day)) return { year, month, day };
  }
  throw new RangeError(`Invalid IsoDate: ${String(iso).slice(0, 40)}`);
}

/** Build an IsoDate from numbers; throws RangeError when the day does not exist. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!validParts(year, month, day)) {
    throw new RangeError(`Invalid date parts: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(iso: IsoDate): number {
  const { year, month, day } = parseIsoDate(iso);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toEpochDay. */
export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Invalid epoch day: ${epochDay}`);
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

/** `iso` plus `days` calendar days (days may be negative). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(iso) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function diffDays(to: IsoDate, from: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** `iso` plus `months` calendar months, clamped to the end of a shorter month (like date-fns). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Invalid month count: ${months}`);
  const { year, month, day } = parseIsoDate(iso);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** -1, 0 or 1. Valid IsoDates compare correctly as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** from <= date <= to (inclusive). */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

function assertYearMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid year/month: ${year}/${month}`);
  }
}

/** First and last day of a month (month 1–12). */
export function monthBounds(year: number, month: number): { first: IsoDate; last: IsoDate } {
  assertYearMonth(year, month);
  return { first: formatIsoDate(year, month, 1), last: formatIsoDate(year, month, daysInMonth(year, month)) };
}

/** The month a date falls in. */
export function monthOf(iso: IsoDate): YearMonth {
  const { year, month } = parseIsoDate(iso);
  return { year, month };
}

/** A month plus n months (December + 1 = January of the next year). */
export function addToYearMonth(ym: YearMonth, n: number): YearMonth {
  assertYearMonth(ym.year, ym.month);
  const total = ym.year * 12 + (ym.month - 1) + n;
  const year = Math.floor(total / 12);
  return { year, month: total - year * 12 + 1 };
}

/** -1, 0 or 1 comparing two months. */
export function compareYearMonth(a: YearMonth, b: YearMonth): -1 | 0 | 1 {
  const d = a.year * 12 + a.month - (b.year * 12 + b.month);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Every month from `from` to `to` inclusive (empty when `to` is before `from`). */
export function yearMonthRange(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let ym = from; compareYearMonth(ym, to) <= 0; ym = addToYearMonth(ym, 1)) out.push(ym);
  return out;
}

/** The three months of quarter q (1–4). */
export function quarterMonths(year: number, quarter: 1 | 2 | 3 | 4): YearMonth[] {
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`Invalid quarter: ${quarter}`);
  const first = (quarter - 1) * 3 + 1;
  return [0, 1, 2].map((i) => ({ year, month: first + i }));
}

/** A JS Date at 00:00 UTC of the day, for libraries that need a Date (format it in UTC). */
export function isoDateToUtcDate(iso: IsoDate): Date {
  return new Date(toEpochDay(iso) * 86_400_000);
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

/** '2024-08-17' → '17 Agustus 2024' (DESIGN §2 long format). */
export function formatDateLongId(iso: IsoDate): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
}

/** '2024-08-17' → '17/08/2024' (DESIGN §2 short format). */
export function formatDateShortId(iso: IsoDate): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
