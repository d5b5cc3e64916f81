/**
 * First-run setup (issue #18), the pure parts: the one-time setup code's shape, the puskesmas's
 * short code (certificate serials) and the three Indonesian time zones. No database, no Next.
 */

/** No 0/O, 1/I/L: read from a server log and typed without mistakes (as activation codes). */
export const SETUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const SETUP_CODE_LENGTH = 12;

/**
 * A new code from a source of random indexes (`randomInt` of node:crypto on the server; the
 * caller chooses, so that this stays pure and testable).
 */
export function makeSetupCode(randomIndex: (n: number) => number): string {
  return Array.from({ length: SETUP_CODE_LENGTH }, () => SETUP_CODE_ALPHABET[randomIndex(SETUP_CODE_ALPHABET.length)]).join('');
}

/** 'ABCDEFGHJKMN' → 'ABCD-EFGH-JKMN', as printed in the log. */
export function formatSetupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * What was typed → the bare code (upper case, without spaces and dashes), or null when it cannot
 * be a setup code (wrong length or a character outside the alphabet).
 */
export function normalizeSetupCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const bare = input.replace(/[\s-]/g, '').toUpperCase();
  if (bare.length !== SETUP_CODE_LENGTH) return null;
  for (const ch of bare) if (!SETUP_CODE_ALPHABET.includes(ch)) return null;
  return bare;
}

/** The puskesmas's short code in certificate serials (KEKASIHKU/<code>/<year>/<n>). */
export const SHORT_CODE_PATTERN = /^[A-Z0-9]{2,10}$/;

/** WIB, WITA, WIT and the IANA zone each stands for. */
export const TIME_ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type ZoneLabel = keyof typeof TIME_ZONES;
export const ZONE_LABELS = Object.keys(TIME_ZONES) as ZoneLabel[];

export function isZoneLabel(value: unknown): value is ZoneLabel {
  return typeof value === 'string' && Object.hasOwn(TIME_ZONES, value);
}

/** 'Asia/Makassar' → 'WITA'; null for a zone outside Indonesia's three. */
export function zoneLabelOf(timeZone: string): ZoneLabel | null {
  return ZONE_LABELS.find((l) => TIME_ZONES[l] === timeZone) ?? null;
}

/**
 * Names of places and people typed in the setup: letters of any script, digits, spaces and the
 * punctuation names use (". , ' ’ ( ) / & -"); nothing that could be markup.
 */
export function isPlainName(value: string): boolean {
  return /^[\p{L}\p{M}\p{N} .,'’()/&-]+$/u.test(value);
}
