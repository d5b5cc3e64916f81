/**
 * The deterministic demo data (docs/program.md): Puskesmas Bojong Nangka with four villages, nine
 * posyandu, ten kaders and 150 mothers whose babies are at every stage of the journey on
 * `today`, a year of visits, group sessions, a sharing forum and certificates — and a small
 * second puskesmas (Gunung Putri) to show tenant isolation. Everything is relative to `today`
 * (DEMO_TODAY, else today in Asia/Jakarta); the same day always gives the same rows.
 *
 * All people are fictional. Every demo login uses DEMO_PASSWORD.
 */
import bcrypt from 'bcryptjs';
import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { isIsoDate, isoToday, type IsoDate } from '../lib/domain';
import { isUniqueViolation } from './pg-errors';
import type { Db, DbOrTx } from './client';
import { refreshCoverage } from './coverage';
import * as schema from './schema';
import { buildSeedData, type SeedData } from './seed/build';
import { Rng } from './seed/random';

export const DEMO_PASSWORD = 'DemoKekasihku!2026';

export type DemoLogin = {
  role: 'admin' | 'staff' | 'kader' | 'ibu' | 'dinkes';
  name: string;
  /** Display form, as typed on the login page. Stored as E.164. */
  phone: string;
  what: string;
};

/** The demo accounts, for the README and the start-up message (staff of BJN first). */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'admin', name: 'Hendra Gunawan, S.Kom.', phone: '0811-1000-0001', what: 'Admin, Puskesmas Bojong Nangka' },
  { role: 'staff', name: 'Sri Wahyuni, A.Md.Keb.', phone: '0811-1000-0002', what: 'Bidan koordinator KP-ASI, Puskesmas Bojong Nangka' },
  { role: 'staff', name: 'Ratna Dewi Lestari, S.Gz.', phone: '0811-1000-0003', what: 'Nutrisionis, Puskesmas Bojong Nangka' },
  { role: 'kader', name: 'Euis Komalasari', phone: '0812-2000-0001', what: 'Kader Posyandu Melati 1, Desa Bojong Nangka' },
  { role: 'kader', name: 'Nining Suryani', phone: '0812-2000-0002', what: 'Kader Posyandu Anggrek 1, Desa Bojong Kulur' },
  { role: 'kader', name: 'Iis Aisyah', phone: '0812-2000-0007', what: 'Kader Posyandu Kenanga, Desa Cicadas' },
  { role: 'ibu', name: 'Rina Kartikasari', phone: '0813-3000-0001', what: 'Ibu dengan bayi 3 bulan, masih ASI eksklusif (Posyandu Melati 1)' },
  { role: 'ibu', name: 'Dewi Anggraini', phone: '0813-3000-0002', what: 'Ibu dengan bayi 7 bulan, lulus ASI eksklusif dan bersertifikat (Posyandu Anggrek 1)' },
  {
    role: 'staff',
    name: 'Maya Puspitasari, A.Md.Keb.',
    phone: '0811-1000-0101',
    what: 'Bidan, Puskesmas Gunung Putri (puskesmas kedua, untuk melihat isolasi data)',
  },
  {
    role: 'dinkes',
    name: 'dr. Yohana Simanjuntak, M.K.M., Dinas Kesehatan Kabupaten Bogor',
    phone: '0811-1000-0201',
    what: 'Dinas Kesehatan Kabupaten Bogor: angka agregat kedua puskesmas, tanpa data pribadi',
  },
];

/** The day the demo is built around: DEMO_TODAY, else today in Asia/Jakarta. */
export function defaultSeedToday(): IsoDate {
  const env = process.env.DEMO_TODAY?.trim();
  if (env) {
    if (!isIsoDate(env)) throw new Error(`DEMO_TODAY must be a date YYYY-MM-DD, got "${env}"`);
    return env;
  }
  return isoToday('Asia/Jakarta');
}

/**
 * bcrypt of DEMO_PASSWORD (cost 10), made once per process. The salt comes from the seed's
 * PRNG so that the demo rows are identical run after run; the password is public anyway.
 */
let demoHash: string | undefined;
export function demoPasswordHash(): string {
  if (!demoHash) {
    const salt = `$2b$10$${bcrypt.encodeBase64(new Rng('kekasihku-bcrypt-salt').bytes(16), 16)}`;
    demoHash = bcrypt.hashSync(DEMO_PASSWORD, salt);
  }
  return demoHash;
}

export type SeedSummary = { today: IsoDate; rows: Record<string, number> };

const BATCH = 500;

/** Tables in insert order (foreign keys first). */
const ORDER: { key: keyof SeedData; table: PgTable }[] = [
  { key: 'kabupaten', table: schema.kabupaten },
  { key: 'puskesmas', table: schema.puskesmas },
  { key: 'villages', table: schema.villages },
  { key: 'posyandu', table: schema.posyandu },
  { key: 'coverageTargets', table: schema.coverageTargets },
  { key: 'users', table: schema.users },
  { key: 'mothers', table: schema.mothers },
  { key: 'kaderAssignments', table: schema.kaderAssignments },
  { key: 'kaderPosyandu', table: schema.kaderPosyandu },
  { key: 'babies', table: schema.babies },
  { key: 'visits', table: schema.visits },
  { key: 'groupSessions', table: schema.groupSessions },
  { key: 'sessionInvitations', table: schema.sessionInvitations },
  { key: 'attendance', table: schema.attendance },
  { key: 'forumCategories', table: schema.forumCategories },
  { key: 'forumPosts', table: schema.forumPosts },
  { key: 'forumComments', table: schema.forumComments },
  { key: 'forumReactions', table: schema.forumReactions },
  { key: 'forumReports', table: schema.forumReports },
  { key: 'serialCounters', table: schema.serialCounters },
  { key: 'certificates', table: schema.certificates },
  { key: 'lessons', table: schema.lessons },
  { key: 'builtinLessonStates', table: schema.builtinLessonStates },
  { key: 'knowledgeChecks', table: schema.knowledgeChecks },
];

async function insertAll(tx: DbOrTx, table: PgTable, rows: readonly Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(table).values(rows.slice(i, i + BATCH) as never);
  }
}

/**
 * Inserts the whole demo in one transaction. Fails (and writes nothing) when the demo
 * puskesmas codes already exist.
 */
export async function seedDemo(db: Db, opts: { today?: string } = {}): Promise<SeedSummary> {
  const today = opts.today ?? defaultSeedToday();
  if (!isIsoDate(today)) throw new Error(`seedDemo: today must be a date YYYY-MM-DD, got "${today}"`);
  const { data } = buildSeedData(today, demoPasswordHash());
  await db.transaction(async (tx) => {
    for (const { key, table } of ORDER) await insertAll(tx, table, data[key] as Record<string, unknown>[]);
    // The derived coverage rows of every demo baby, as a write through lib/data would store them.
    const ids = await tx
      .select({ id: schema.babies.id })
      .from(schema.babies)
      .where(
        inArray(
          schema.babies.puskesmasId,
          data.puskesmas.map((p) => p.id as string),
        ),
      );
    await refreshCoverage(
      tx,
      ids.map((b) => b.id),
    );
  });
  return { today, rows: Object.fromEntries(ORDER.map(({ key }) => [key, data[key].length])) };
}

/**
 * Loads the demo into an empty database (no puskesmas yet) and returns true; returns false
 * when there is data already. Safe when two processes race: the loser's transaction fails on
 * the unique puskesmas code, rolls back and returns false.
 */
export async function seedIfEmpty(db: Db, opts: { today?: string } = {}): Promise<boolean> {
  const existing = await db
    .select({ one: sql<number>`1` })
    .from(schema.puskesmas)
    .limit(1);
  if (existing.length > 0) return false;
  try {
    await seedDemo(db, opts);
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
