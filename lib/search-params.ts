import { isSafeLine } from '@/lib/validation/text';

/**
 * The one reader of a page's query string (issue #22, decision 052). A parameter may come as a
 * string, as several (`?q=a&q=b`) or not at all; a page takes the first value. A value that
 * breaks the shared string rule (lib/validation/text.ts: control characters such as NUL, lone
 * surrogates, text-direction overrides) or is absurdly long is dropped, as if it had not been
 * sent: a hand-typed or hostile link shows the page unfiltered, never an error (PostgreSQL
 * refuses NUL in text with a 500).
 */
export type SearchParams = Record<string, string | string[] | undefined>;

/** Longer than any filter, id, month or search term the pages read. */
export const SEARCH_PARAM_MAX = 500;

export function searchParam(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string') return undefined;
  if (v.length > SEARCH_PARAM_MAX || !isSafeLine(v)) return undefined;
  return v;
}

/** Every parameter of a query string through `searchParam` (hostile values left out). */
export function searchParams(sp: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sp)) {
    const one = searchParam(v);
    if (one !== undefined) out[k] = one;
  }
  return out;
}
