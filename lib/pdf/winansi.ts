/**
 * Text for pdf-lib's standard fonts (the certificate, decision 010; "Data saya", decision 062).
 * They encode WinAnsi only: letters with diacritics are kept when WinAnsi has them, otherwise
 * their base letter, otherwise '?'. Indonesian names are Latin script.
 */
import type { PDFFont } from 'pdf-lib';

export function encodable(font: PDFFont, text: string): string {
  const set = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (set.has(cp)) out += ch;
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...base].every((c) => set.has(c.codePointAt(0)!)) && base ? base : '?';
    }
  }
  return out;
}
