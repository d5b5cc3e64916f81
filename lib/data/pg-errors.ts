/**
 * PostgreSQL errors the data layer turns into a field message instead of a 500. Walks the
 * causes: drizzle wraps the driver's error (postgres.js or PGlite); both carry the SQLSTATE in
 * `code`. (lib/data/certificates.ts and db/seed.ts still have their own copy of this check.)
 */

/** True for a unique violation (SQLSTATE 23505), however the driver wraps it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 6; depth++) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
