/**
 * A mother's rights over her data (issue #30, docs/decisions/062-data-rights-and-erasure.md):
 * what an erased row reads, when the retention period has passed, and which values of her
 * identity are looked for in free text when she is erased. Pure.
 */
import { addMonths } from './dates';
import { formatPhoneDisplay } from './identifiers';
import type { IsoDate } from './types';

/** What an erased mother's name (and her login's name) reads from then on, on every page. */
export const ERASED_NAME = 'Ibu (data dihapus)';
/** What her forum posts and replies read. */
export const ERASED_POST_TITLE = ERASED_NAME;
export const ERASED_POST_BODY = 'Tulisan ini dihapus atas permintaan penulisnya.';
/** What stands in free text where one of her identifying values was. */
export const ERASED_MARK = '[dihapus]';

/** Months after a baby leaves the program before its and its mother's identities are erased. */
export const DEFAULT_RETENTION_MONTHS = 24;
export const RETENTION_MIN_MONTHS = 6;
export const RETENTION_MAX_MONTHS = 120;

/** How a withdrawal was asked for. */
export const WITHDRAWAL_CHANNELS = ['in_person', 'phone', 'whatsapp', 'letter'] as const;
export type WithdrawalChannel = (typeof WITHDRAWAL_CHANNELS)[number];

/** A correction request: the longest text she may send, and the shortest that says something. */
export const CORRECTION_MIN = 10;
export const CORRECTION_MAX = 1000;
/** Staff's note when closing a request (she reads it on her page). */
export const CLOSE_NOTE_MAX = 500;

export function retentionMonthsOf(setting: number | null | undefined): number {
  return setting == null ? DEFAULT_RETENTION_MONTHS : setting;
}

/**
 * The day a baby's identity may be erased: `months` after the first day it is no longer
 * followed (its 6-month date, or an earlier exit: lib/domain followedUntil).
 */
export function babyErasureDate(followedUntil: IsoDate, months: number): IsoDate {
  return addMonths(followedUntil, months);
}

/**
 * The day a mother's identity may be erased: when every one of her babies is due (a mother with
 * a younger baby still followed keeps her name until that one is due too). Null without babies.
 */
export function motherErasureDate(followedUntil: readonly IsoDate[], months: number): IsoDate | null {
  if (followedUntil.length === 0) return null;
  return followedUntil.map((d) => babyErasureDate(d, months)).reduce((a, b) => (a > b ? a : b));
}

/** Due on `today` (erased by the daily run of that day or later). */
export function isErasureDue(erasureDate: IsoDate | null, today: IsoDate): boolean {
  return erasureDate !== null && erasureDate <= today;
}

/** The shortest value looked for in free text: shorter ones would hit ordinary words. */
export const SCRUB_MIN_LENGTH = 3;

/**
 * The values of her identity that are looked for in other records' free text (a kader's note on
 * a session, a reply that names her, an audit reason): her name, her babies' names, her NIK, her
 * address and her phone in the ways people write it. Trimmed, de-duplicated, longest first (so
 * "Siti Aminah" goes before "Siti"), shorter than SCRUB_MIN_LENGTH left out.
 */
export function scrubTerms(values: { names: readonly (string | null)[]; phones: readonly (string | null)[]; others: readonly (string | null)[] }): string[] {
  const out = new Set<string>();
  const add = (v: string | null | undefined) => {
    const t = v?.trim().replace(/\s+/g, ' ');
    if (t && t.length >= SCRUB_MIN_LENGTH) out.add(t);
  };
  values.names.forEach(add);
  values.others.forEach(add);
  for (const p of values.phones) {
    if (!p) continue;
    add(p);
    if (/^\+62\d+$/.test(p)) {
      const national = p.slice(3);
      add(`0${national}`);
      add(`62${national}`);
      add(formatPhoneDisplay(p));
    }
  }
  return [...out].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** A term as a literal inside a regular expression (JavaScript and PostgreSQL ARE alike). */
export function escapeRegex(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replace(/ /g, '\\s+');
}

/**
 * One pattern that matches any of the terms as a whole word (not inside a longer word or number),
 * case-insensitively when used with the 'i' flag. Null when there is nothing to look for.
 */
export function scrubPattern(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return `(?<![[:alnum:]])(${terms.map(escapeRegex).join('|')})(?![[:alnum:]])`;
}

/** The same pattern for JavaScript (tests, and text scrubbed in the application). */
export function scrubRegExp(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Free text with every term replaced by ERASED_MARK. */
export function scrubText(text: string, terms: readonly string[]): string {
  const re = scrubRegExp(terms);
  return re ? text.replace(re, ERASED_MARK) : text;
}

/** Whole days a request has waited (its age on the staff list). */
export function requestAgeDays(createdOn: IsoDate, today: IsoDate): number {
  const a = Date.parse(`${createdOn}T00:00:00Z`);
  const b = Date.parse(`${today}T00:00:00Z`);
  return Math.max(0, Math.round((b - a) / 86_400_000));
}
