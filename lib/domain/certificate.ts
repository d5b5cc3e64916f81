/**
 * Sertifikat ASI Eksklusif (DESIGN §3 "Certificate").
 */
import { journeyStatus, type BabyFacts } from './journey';
import type { IsoDate } from './types';

export type CertificateIneligibleReason = 'ongoing' | 'broken' | 'unrecorded' | 'exited' | 'already_issued';

export type CertificateEligibility = { eligible: true } | { eligible: false; reason: CertificateIneligibleReason };

/**
 * Only a `graduated` baby's mother can get a certificate. The status is checked first (a break
 * reported after issuing shows as 'broken', so staff can revoke). `alreadyIssued` should be true
 * when the baby has a certificate that is not revoked; a revoked one stays on record but does
 * not block a new issue.
 */
export function certificateEligibility(baby: BabyFacts, today: IsoDate, options: { alreadyIssued: boolean }): CertificateEligibility {
  const { status } = journeyStatus(baby, today);
  if (status !== 'graduated') return { eligible: false, reason: status };
  if (options.alreadyIssued) return { eligible: false, reason: 'already_issued' };
  return { eligible: true };
}

/** Serial numbers are zero-padded to at least this many digits (n > 9999 simply grows). */
export const SERIAL_PAD = 4;

/**
 * `KEKASIHKU/<puskesmas code>/<year>/<n>`, n zero-padded to 4 digits
 * (e.g. KEKASIHKU/BJN/2024/0007). n counts per puskesmas per year from 1.
 * Throws on an empty code or one containing '/' or whitespace, a non-4-digit year, or n < 1.
 */
export function formatSerial(puskesmasCode: string, year: number, n: number): string {
  const code = puskesmasCode.trim();
  if (code === '' || /[/\s]/.test(code)) throw new RangeError(`Invalid puskesmas code: ${puskesmasCode}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Invalid serial number: ${n}`);
  return `KEKASIHKU/${code}/${year}/${String(n).padStart(SERIAL_PAD, '0')}`;
}

/** Parse a serial made by formatSerial; null when it does not match. */
export function parseSerial(serial: string): { puskesmasCode: string; year: number; n: number } | null {
  const m = /^KEKASIHKU\/([^/\s]+)\/(\d{4})\/(\d{4,})$/.exec(serial.trim());
  if (!m) return null;
  const n = Number(m[3]);
  return n >= 1 && Number.isSafeInteger(n) ? { puskesmasCode: m[1]!, year: Number(m[2]), n } : null;
}

/**
 * Initials for the public verification page: the first letter of every word, upper-cased,
 * each followed by '.', joined by spaces: "Siti Nurhaliza" → "S. N.". Words without a letter
 * are skipped; an empty name gives ''.
 */
export function initials(fullName: string): string {
  return fullName
    .slice(0, 500)
    .split(/[\s.,]+/u)
    .map((word) => word.match(/\p{L}/u)?.[0])
    .filter((c): c is string => c !== undefined)
    .map((c) => `${c.toLocaleUpperCase('id-ID')}.`)
    .join(' ');
}
