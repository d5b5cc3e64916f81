import * as z from 'zod/mini';

/**
 * The one string rule (issue #22, decision 052). Every string a form, an action, a search
 * parameter or an import sends is refused with a field message when it carries:
 * - a C0 control character U+0000–U+001F or DEL U+007F (PostgreSQL refuses NUL in text with a
 *   22021 error, the others are invisible and break exports), except tab, line feed and carriage
 *   return in a multi-line text (a textarea);
 * - a lone (unpaired) UTF-16 surrogate: not a character at all, cannot be stored as UTF-8;
 * - a bidirectional embedding/override/isolate U+202A–U+202E, U+2066–U+2069: it makes text show
 *   in another order than it is stored ("Trojan Source"), e.g. a name or a phone that reads as
 *   something else.
 * Written with zod/mini so the checks go into client bundles cheaply; a mini check works in a
 * classic schema's `.check()` too.
 */

export const UNSAFE_TEXT_MESSAGE = 'validation.unsafeText';

const CONTROL_LINE = /[\u0000-\u001F\u007F]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeKind = 'control' | 'surrogate' | 'bidi';

/** Which unsafe kind a text carries, or null when it is fine. Pure. */
export function unsafeTextKind(value: string, options: { multiline?: boolean } = {}): UnsafeKind | null {
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(value)) return 'control';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (BIDI.test(value)) return 'bidi';
  return null;
}

export const isSafeLine = (value: string): boolean => unsafeTextKind(value) === null;
export const isSafeMultiline = (value: string): boolean => unsafeTextKind(value, { multiline: true }) === null;

/** A check for a one-line text field (input, search, phone, password...). */
export const safeLine = z.refine<string>(isSafeLine, { error: UNSAFE_TEXT_MESSAGE, abort: true });
/** A check for a text area: tab and line breaks allowed. */
export const safeMultiline = z.refine<string>(isSafeMultiline, { error: UNSAFE_TEXT_MESSAGE, abort: true });
