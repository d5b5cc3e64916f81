/**
 * Shared primitive types of the domain.
 *
 * Calendar dates are plain ISO strings 'YYYY-MM-DD' everywhere in the domain: they carry no
 * time and no zone, so no rule can depend on the machine's TZ. Convert "now" to a calendar
 * date once, at the edge, with `isoToday(timeZone)`.
 */

/** A calendar date 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

/** Sex as the posyandu F1 form splits it: L = laki-laki (boy), P = perempuan (girl). */
export type Sex = 'L' | 'P';

export const SEXES = ['L', 'P'] as const satisfies readonly Sex[];

/** A calendar month; `month` is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}
