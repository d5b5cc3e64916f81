/**
 * First-run setup (issue #18, DESIGN §4 "first-run setup"). While the database holds no
 * puskesmas, the server prints a one-time setup code in its log at start-up (only its SHA-256
 * hash is stored, in setup_codes); whoever can read that log creates the puskesmas and its
 * first admin at /pasang. Scripted installs do the same from the shell (`npm run setup`,
 * scripts/setup.ts) without a code, and may add further puskesmas to a district install.
 *
 * Both paths go through `install()`: one transaction that first takes an exclusive lock on
 * setup_codes, so that setups running at once (two browsers, two instances, the CLI) happen
 * one after the other and the second sees the first one's puskesmas.
 */
import 'server-only';
import { createHash, randomInt } from 'node:crypto';
import { eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { activationCodes, auditLog, coverageTargets, forumCategories, kabupaten, puskesmas, setupCodes, users } from '@/db/schema';
import { FORUM_CATEGORIES } from '@/db/seed/forum-content';
import { clearFailures, isLocked, recordFailure } from '@/lib/auth/login';
import { hashPassword } from '@/lib/auth/password';
import { can, ForbiddenError, type Actor } from '@/lib/auth/policy';
import { makeSetupCode } from '@/lib/domain/setup';
import { isoToday } from '@/lib/domain/today';
import { districtSetupSchema, normalizeKabupatenName, type DistrictSetupField } from '@/lib/validation/district';
import { puskesmasSetupSchema, setupSchema, type PuskesmasSetupField, type PuskesmasSetupInput, type SetupField } from '@/lib/validation/setup';
import { ACTIVATION_DAYS, hashActivationCode, newActivationCode } from './activation';
import { isUniqueViolation } from '@/db/pg-errors';

/** Wrong setup codes from one address before a lock (LOCK_MINUTES, lib/auth/login.ts). */
export const SETUP_IP_MAX_FAILURES = 10;
/**
 * Wrong setup codes from anywhere before setup is locked for everyone for a while: the client's
 * address comes from X-Forwarded-For, which a client can vary. The code (about 60 bits) cannot
 * be guessed anyway; this bounds the work and the rows a flood can cause.
 */
export const SETUP_ALL_MAX_FAILURES = 50;
export const SETUP_ALL_KEY = createHash('sha256').update('setup-all').digest('hex');
/** A setup code works for this long after the start that printed it (or until setup is done). */
export const SETUP_CODE_HOURS = 24;

export function hashSetupCode(bareCode: string): string {
  return createHash('sha256').update(`setup:${bareCode}`).digest('hex');
}

/** The login_throttle key of one client address's wrong setup codes (a hash, no address). */
export function setupThrottleKey(ip: string): string {
  return createHash('sha256').update(`setup-ip:${ip}`).digest('hex');
}

/**
 * The first message key of each field (lib/validation/form-state's fieldErrorsOf, which keeps
 * only "validation.*", plus this module's own "setup.*" keys); anything else (zod's own text,
 * e.g. for a payload that is not an object) becomes "validation.invalid".
 */
function fieldErrorsOf<F extends string>(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    out[key] ??= /^(validation|setup|accountsNew|district)\.[\w.]+$/.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}

/** Databases known to hold a puskesmas: one never goes away, so `true` is kept per database. */
const installedDbs = new WeakSet<object>();

/** Does the database hold a puskesmas? Queries until the answer is yes, then never again. */
export async function isInstalled(): Promise<boolean> {
  const db = await getDb();
  if (installedDbs.has(db)) return true;
  const [row] = await db.select({ id: puskesmas.id }).from(puskesmas).limit(1);
  if (row) installedDbs.add(db);
  return Boolean(row);
}

/** Serialises setups and code issuing: both start with this, inside their transaction. */
async function lockSetup(tx: Tx): Promise<void> {
  await tx.execute(sql`lock table ${setupCodes} in exclusive mode`);
}

/**
 * The kabupaten of that name (issue #19), found ignoring case and spacing ("kab. bogor" is
 * "Kabupaten Bogor"), else created with the province typed. A found kabupaten keeps its province.
 * Callers hold the setup lock, so two setups never create one name twice.
 */
async function findOrCreateKabupaten(tx: Tx, typedName: string, province: string): Promise<{ id: string; name: string; province: string; created: boolean }> {
  const name = normalizeKabupatenName(typedName);
  const find = async () =>
    (
      await tx
        .select({ id: kabupaten.id, name: kabupaten.name, province: kabupaten.province })
        .from(kabupaten)
        .where(sql`lower(${kabupaten.name}) = lower(${name})`)
        .limit(1)
    )[0];
  const found = await find();
  if (found) return { ...found, created: false };
  const [made] = await tx
    .insert(kabupaten)
    .values({ name, province: province.trim().replace(/\s+/g, ' ') })
    .onConflictDoNothing()
    .returning({ id: kabupaten.id, name: kabupaten.name, province: kabupaten.province });
  if (made) return { ...made, created: true };
  return { ...(await find())!, created: false };
}

/** An unused setup code of the last SETUP_CODE_HOURS hours. */
async function codeIsValid(db: Db | Tx, codeHash: string): Promise<boolean> {
  const [code] = await db
    .select({ id: setupCodes.id })
    .from(setupCodes)
    .where(
      sql`${setupCodes.codeHash} = ${codeHash} and ${setupCodes.usedAt} is null and ${setupCodes.createdAt} > now() - ${sql.raw(`interval '${SETUP_CODE_HOURS} hours'`)}`,
    );
  return Boolean(code);
}

async function anyPuskesmas(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ id: puskesmas.id }).from(puskesmas).limit(1);
  return Boolean(row);
}

/**
 * At start-up (instrumentation.ts): when the database holds no puskesmas, a new setup code, of
 * which only the hash is stored. Returns the bare code to print, or null when installed.
 * Several instances starting together may each issue one; any unused one works.
 */
export async function issueSetupCode(): Promise<string | null> {
  const db = await getDb();
  if (installedDbs.has(db)) return null;
  return db.transaction(async (tx) => {
    await lockSetup(tx);
    if (await anyPuskesmas(tx)) return null;
    // Codes of earlier starts that ran out are of no use: forget them.
    await tx.delete(setupCodes).where(sql`${setupCodes.usedAt} is null and ${setupCodes.createdAt} <= now() - ${sql.raw(`interval '${SETUP_CODE_HOURS} hours'`)}`);
    const code = makeSetupCode(randomInt);
    await tx.insert(setupCodes).values({ codeHash: hashSetupCode(code) });
    return code;
  });
}

type InstallOutcome =
  { ok: true; puskesmasId: string; adminId: string } | { ok: false; formError?: string; fieldErrors?: Partial<Record<SetupField, string>>; wrongCode?: boolean };

/**
 * Creates the puskesmas with its coverage target of the current year, the forum categories
 * every puskesmas starts with (those of the demo, without its posts) and its first admin; marks
 * every setup code used; one audit row. `how.codeHash`: the web path (the code must be unused
 * and no puskesmas may exist); without it the trusted CLI path (`add`: another puskesmas of a
 * district install).
 */
async function install(
  db: Db,
  v: PuskesmasSetupInput,
  how: { codeHash: string; passwordHash: string } | { add: boolean },
): Promise<InstallOutcome & { activation?: { code: string; expiresAt: Date } }> {
  return db.transaction(async (tx) => {
    await lockSetup(tx);
    const exists = await anyPuskesmas(tx);
    if ('codeHash' in how) {
      if (exists) return { ok: false, formError: 'setup.installed' };
      if (!(await codeIsValid(tx, how.codeHash))) return { ok: false, wrongCode: true, fieldErrors: { setupCode: 'setup.codeWrong' }, formError: 'setup.fixErrors' };
    } else if (exists && !how.add) {
      return { ok: false, formError: 'setup.cliExists' };
    }
    // A district install: codes and phones are unique across puskesmas.
    const [sameCode] = await tx.select({ id: puskesmas.id }).from(puskesmas).where(eq(puskesmas.code, v.shortCode));
    if (sameCode) return { ok: false, fieldErrors: { shortCode: 'setup.shortCodeTaken' }, formError: 'setup.fixErrors' };
    const [samePhone] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, v.adminPhone));
    if (samePhone) return { ok: false, fieldErrors: { adminPhone: 'validation.phoneTaken' }, formError: 'setup.fixErrors' };

    // Its kabupaten's district office sees its aggregates (issue #19): found by name or created.
    const kab = await findOrCreateKabupaten(tx, v.district, v.province);
    const [p] = await tx
      .insert(puskesmas)
      .values({
        kabupatenId: kab.id,
        code: v.shortCode,
        name: v.name,
        district: v.district,
        subdistrict: v.subdistrict,
        province: v.province,
        timeZone: v.timeZone,
        // Empty: the defaults of DESIGN §3 (lib/domain DEFAULT_VISIT_WINDOWS).
        visitWindows: [],
      })
      .returning();
    const year = Number(isoToday(v.timeZone).slice(0, 4));
    await tx.insert(coverageTargets).values({ puskesmasId: p!.id, villageId: null, year, targetPercent: v.target });
    await tx
      .insert(forumCategories)
      .values(FORUM_CATEGORIES.map((c, i) => ({ puskesmasId: p!.id, slug: c.slug, name: c.name, description: c.description, sortOrder: i + 1 })));
    const [admin] = await tx
      .insert(users)
      .values({ puskesmasId: p!.id, role: 'admin', name: v.adminName, phone: v.adminPhone, passwordHash: 'codeHash' in how ? how.passwordHash : null })
      .returning({ id: users.id, name: users.name, role: users.role });
    let activation: { code: string; expiresAt: Date } | undefined;
    if (!('codeHash' in how)) {
      // As a registered mother: a one-time code with which the admin sets her password at /aktivasi.
      activation = { code: newActivationCode(), expiresAt: new Date(Date.now() + ACTIVATION_DAYS * 86_400_000) };
      await tx.insert(activationCodes).values({ userId: admin!.id, codeHash: hashActivationCode(activation.code), expiresAt: activation.expiresAt });
    }
    await tx
      .update(setupCodes)
      .set({ usedAt: sql`now()` })
      .where(isNull(setupCodes.usedAt));
    await tx.insert(auditLog).values({
      puskesmasId: p!.id,
      userId: admin!.id,
      action: 'puskesmas.setup',
      entity: 'puskesmas',
      entityId: p!.id,
      before: null,
      after: { puskesmas: p, kabupaten: kab, targetYear: year, targetPercent: v.target, admin, via: 'codeHash' in how ? 'pasang' : 'cli' },
      reason: 'codeHash' in how ? null : how.add ? 'npm run setup --tambah' : 'npm run setup',
    });
    return { ok: true, puskesmasId: p!.id, adminId: admin!.id, activation };
  });
}

export type SetupResult = { ok: true; puskesmasId: string; adminId: string } | { ok: false; fieldErrors?: Partial<Record<SetupField, string>>; formError?: string };

/**
 * /pasang: the public creates the first puskesmas with a setup code from the server log. Nobody
 * signed in may (POLICY.setup), and only while no puskesmas exists. Wrong codes are counted per
 * client address in login_throttle and lock it for a while, as sign-in failures do.
 */
export async function setupPuskesmas(actor: Actor | null, raw: unknown, ip: string): Promise<SetupResult> {
  if (!can(actor, 'write', 'setup')) throw new ForbiddenError(`${actor?.role} may not run the setup`);
  const parsed = setupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<SetupField>(parsed.error), formError: 'setup.fixErrors' };
  if (await isInstalled()) return { ok: false, formError: 'setup.installed' };
  const ipKey = setupThrottleKey(ip);
  if (await isLocked([ipKey, SETUP_ALL_KEY])) return { ok: false, formError: 'setup.locked' };
  const { setupCode, password, confirm: _confirm, ...values } = parsed.data;
  const db = await getDb();
  const codeHash = hashSetupCode(setupCode);
  // A wrong code costs a look-up, not a password hash.
  if (!(await codeIsValid(db, codeHash))) {
    await recordFailure(ipKey, SETUP_IP_MAX_FAILURES);
    await recordFailure(SETUP_ALL_KEY, SETUP_ALL_MAX_FAILURES);
    return { ok: false, fieldErrors: { setupCode: 'setup.codeWrong' }, formError: 'setup.fixErrors' };
  }
  const passwordHash = await hashPassword(password);
  const res = await install(db, values, { codeHash, passwordHash });
  if (res.ok) {
    installedDbs.add(db);
    await clearFailures(ipKey);
    return { ok: true, puskesmasId: res.puskesmasId, adminId: res.adminId };
  }
  if (res.wrongCode) {
    await recordFailure(ipKey, SETUP_IP_MAX_FAILURES);
    await recordFailure(SETUP_ALL_KEY, SETUP_ALL_MAX_FAILURES);
  }
  return { ok: false, fieldErrors: res.fieldErrors, formError: res.formError };
}

export type CliSetupResult =
  | { ok: true; puskesmasId: string; adminId: string; activationCode: string; expiresAt: Date }
  | { ok: false; fieldErrors?: Partial<Record<PuskesmasSetupField, string>>; formError?: string };

/**
 * `npm run setup` (scripts/setup.ts), run by whoever runs the server: no setup code. Refuses
 * when a puskesmas exists unless `add` (a district install holds several). The admin gets a
 * one-time activation code instead of a password.
 */
export async function setupFromCli(raw: unknown, opts: { add: boolean }): Promise<CliSetupResult> {
  const parsed = puskesmasSetupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<PuskesmasSetupField>(parsed.error) };
  const db = await getDb();
  const res = await install(db, parsed.data, { add: opts.add });
  if (!res.ok) return { ok: false, fieldErrors: res.fieldErrors as Partial<Record<PuskesmasSetupField, string>>, formError: res.formError };
  installedDbs.add(db);
  return { ok: true, puskesmasId: res.puskesmasId, adminId: res.adminId, activationCode: res.activation!.code, expiresAt: res.activation!.expiresAt };
}

export type DistrictCliResult =
  | { ok: true; kabupatenId: string; kabupatenName: string; kabupatenCreated: boolean; userId: string; activationCode: string; expiresAt: Date }
  | { ok: false; fieldErrors?: Partial<Record<DistrictSetupField, string>>; formError?: string };

/**
 * `npm run setup -- --dinkes` (issue #19): finds or creates the kabupaten and adds a district
 * office account (role dinkes: no puskesmas, its kabupaten) with a one-time activation code, as
 * the admin's. Trusted path like setupFromCli: whoever runs it can reach the database. One
 * transaction with its audit row; bad input or a phone already in use writes nothing.
 */
export async function setupDistrictFromCli(raw: unknown): Promise<DistrictCliResult> {
  const parsed = districtSetupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<DistrictSetupField>(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await lockSetup(tx);
      const [samePhone] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, v.phone));
      if (samePhone) return { ok: false as const, fieldErrors: { phone: 'validation.phoneTaken' } };
      const kab = await findOrCreateKabupaten(tx, v.kabupaten, v.province);
      const [u] = await tx
        .insert(users)
        .values({ puskesmasId: null, kabupatenId: kab.id, role: 'dinkes', name: v.name, phone: v.phone, passwordHash: null })
        .returning({ id: users.id });
      // As the admin of `npm run setup`: a one-time code (made by the install, no creator).
      const code = newActivationCode();
      const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 86_400_000);
      await tx.insert(activationCodes).values({ userId: u!.id, codeHash: hashActivationCode(code), expiresAt });
      await tx.insert(auditLog).values({
        puskesmasId: null,
        userId: u!.id,
        action: 'user.create',
        entity: 'user',
        entityId: u!.id,
        before: null,
        after: { role: 'dinkes', name: v.name, phone: v.phone, kabupaten: kab, active: true },
        reason: 'npm run setup --dinkes',
      });
      return { ok: true as const, kabupatenId: kab.id, kabupatenName: kab.name, kabupatenCreated: kab.created, userId: u!.id, activationCode: code, expiresAt };
    });
  } catch (err) {
    // The same phone at the same moment from elsewhere: the unique index decides.
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: { phone: 'validation.phoneTaken' } };
    throw err;
  }
}
