/**
 * The puskesmas's blocked terms (formula brands, "sampel gratis"…: PP 28/2024). A term matches
 * case-insensitively as a whole word or phrase: not inside a longer word, and any run of spaces
 * or punctuation between its words matches any other.
 */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termPattern(term: string): RegExp | null {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escape).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The blocked terms that occur in `text` (in the order of the list). */
export function matchBlockedTerms(text: string, terms: readonly string[]): string[] {
  const hay = text.normalize('NFKC');
  return terms.filter((t) => termPattern(t.normalize('NFKC'))?.test(hay) ?? false);
}
