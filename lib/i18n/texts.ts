import 'server-only';
import { getTranslations } from 'next-intl/server';

/**
 * Translated texts of whole message sections, flattened to "section.key", for a client form:
 * the form gets only what it shows, never the whole catalogue.
 */
export async function flatTexts(sections: readonly string[]): Promise<Record<string, string>> {
  const t = await getTranslations();
  const out: Record<string, string> = {};
  for (const s of sections) {
    for (const [k, v] of Object.entries(t.raw(s) as Record<string, unknown>)) if (typeof v === 'string') out[`${s}.${k}`] = v;
  }
  return out;
}
