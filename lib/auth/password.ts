import bcrypt from 'bcryptjs';

/** bcryptjs: pure JavaScript (no install scripts, which npm 11 does not run), cost 10. */
export const BCRYPT_COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the phone is unknown, so that timing does not tell. */
export const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8DgAZ3sPZQbQ9fz5rSRnTCvyWB1W3C';
