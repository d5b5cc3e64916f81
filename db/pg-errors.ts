/**
 * PostgreSQL errors the data layer turns into a field message instead of a 500. Walks the
 * causes: drizzle wraps the driver's error (postgres.js or PGlite); both carry the SQLSTATE in
 * `code`. Used by the data layer and by the demo seed.
 */

/** True for a PostgreSQL error with this SQLSTATE, however the driver wraps it. */
export function hasSqlState(err: unknown, code: string): boolean {
  for (let e = err, depth = 0; e && depth < 6; depth++) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === code) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A unique violation (SQLSTATE 23505): a second insert of the same key. */
export const isUniqueViolation = (err: unknown) => hasSqlState(err, '23505');

/** A foreign-key violation (SQLSTATE 23503): e.g. deleting a row others still point at. */
export const isForeignKeyViolation = (err: unknown) => hasSqlState(err, '23503');
