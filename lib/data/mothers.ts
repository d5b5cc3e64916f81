/**
 * Registering a mother with her baby (or twins), with recorded consent, a login without a
 * password and a one-time activation code (only its SHA-256 hash is stored); and the
 * mother's own activation.
 */
import 'server-only';
import { and, eq, gt, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { refreshCoverage } from '@/db/coverage';
import { activationCodes, auditLog, babies, mothers, posyandu, puskesmas, users, villages } from '@/db/schema';
import { clearFailures, isLocked, recordFailure, throttleKey } from '@/lib/auth/login';
import { hashPassword } from '@/lib/auth/password';
import { assertCan, can, ForbiddenError, NotFoundError, scopeOf, type Actor } from '@/lib/auth/policy';
import { isoToday, maskNik } from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import {
  activationSchema,
  CONSENT_TEXT_VERSION,
  motherLoginSchema,
  motherSchema,
  type MotherField,
  type MotherInput,
  type MotherLoginField,
} from '@/lib/validation/mother';
import { hashActivationCode, issueActivationCode } from './activation';
import { audit } from './audit';
import { isUniqueViolation } from '@/db/pg-errors';
import { motherScope } from './scope';

/** Wrong codes before a lock (LOCK_MINUTES, lib/auth/login.ts): per phone, and per IP (a puskesmas may share one). */
export const ACTIVATION_PHONE_MAX_FAILURES = 5;
export const ACTIVATION_IP_MAX_FAILURES = 20;
/** The codes themselves: one module for mothers and the other accounts (lib/data/activation.ts). */
export { ACTIVATION_DAYS, hashActivationCode, newActivationCode } from './activation';

/**
 * A registration that finds someone already there. In the actor's scope: the mother, with a link
 * to her baby. In the puskesmas but outside a kader's posyandu: only the posyandu's name.
 * Nothing about another puskesmas is ever said (decision 054).
 */
export type Duplicate = {
  reason: 'phone' | 'nameBirth' | 'nik';
  motherId: string | null;
  name: string | null;
  babyId: string | null;
  posyanduName?: string;
};

export type RegisterResult =
  | {
      ok: true;
      motherId: string;
      babyIds: string[];
      phone: string;
      name: string;
      /**
       * The one-time code, shown once. null when she gets no login from this registration: her
       * number is a login outside the registrar's scope (decision 054), or a resend finds her
       * account already activated.
       */
      code: string | null;
      expiresAt: Date | null;
      /** Why there is no code. */
      login: 'code' | 'byStaff' | 'active';
      /** False when this answers a resend of a form already stored. */
      created: boolean;
    }
  | { ok: false; fieldErrors: Partial<Record<MotherField | 'id', string>>; duplicate?: Duplicate };

const keyShape = z.object({ id: z.uuid() });

/** The latest baby of a mother, for a link to her page. */
export const latestBaby = sql<string | null>`(select ${babies.id} from ${babies} where ${babies.motherId} = ${mothers.id} order by ${babies.birthDate} desc limit 1)`;

/**
 * Registers a mother with her baby (or twins). `id` is the form's key, made when the form was
 * opened (decision 054): the same form sent again answers as the first did (with a fresh code
 * that replaces the unseen one) and stores nothing new. Duplicates are looked for in the
 * actor's puskesmas only: the NIK and the phone of a mother there; a phone that is a login
 * outside the actor's scope (staff, kaders, another puskesmas) is not named — she is registered
 * without a login, as decision 054 explains.
 */
export async function registerMother(actor: Actor, raw: unknown): Promise<RegisterResult> {
  assertCan(actor, 'write', 'mothers');
  const key = keyShape.safeParse(raw);
  if (!key.success) return { ok: false, fieldErrors: { id: 'validation.invalid' } };
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const parsed = motherSchema({ today: isoToday(p?.timeZone) }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<MotherField>(parsed.error) };
  const v = parsed.data;
  const motherId = key.data.id;
  const [post] = await db
    .select({ id: posyandu.id, villageId: posyandu.villageId, puskesmasId: posyandu.puskesmasId, active: posyandu.active, villageActive: villages.active })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .where(and(eq(posyandu.id, v.posyanduId), eq(posyandu.puskesmasId, actor.puskesmasId)));
  if (!post) return { ok: false, fieldErrors: { posyanduId: 'validation.invalid' } };
  // A kader registers for her own posyandu only.
  assertCan(actor, 'write', 'mothers', { puskesmasId: post.puskesmasId, posyanduId: post.id, villageId: post.villageId });

  try {
    return await db.transaction(async (tx): Promise<RegisterResult> => {
      // The same key twice at once: the second waits here, then finds the first.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`register:${motherId}`}))`);
      const [stored] = await tx
        .select({ id: mothers.id, createdBy: mothers.createdBy, name: mothers.name, phone: mothers.phone, userId: mothers.userId })
        .from(mothers)
        .where(eq(mothers.id, motherId));
      if (stored) {
        // The key is someone else's record: never overwrite, never reveal.
        if (stored.createdBy !== actor.id) throw new ForbiddenError('mother id in use');
        return resendAnswer(tx, actor, stored);
      }
      // A deactivated posyandu (or village) takes no new registrations (issue #18).
      if (!post.active || !post.villageActive) return { ok: false, fieldErrors: { posyanduId: 'places.refuse.posyanduInactive' } };

      const found = await findDuplicate(tx, actor, v);
      if (found) return { ok: false, ...found };
      // A login outside the actor's scope: the number is not named as taken (decision 054).
      const [login] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, v.phone));

      const user = login
        ? undefined
        : (
            await tx
              .insert(users)
              .values({ puskesmasId: actor.puskesmasId, role: 'ibu', name: v.name, phone: v.phone, passwordHash: null, villageId: post.villageId })
              .returning({ id: users.id })
          )[0];
      const [mother] = await tx
        .insert(mothers)
        .values({
          id: motherId,
          puskesmasId: actor.puskesmasId,
          villageId: post.villageId,
          posyanduId: post.id,
          userId: user?.id ?? null,
          name: v.name,
          phone: v.phone,
          nik: v.nik,
          address: v.address,
          rt: v.rt,
          rw: v.rw,
          consentAt: sql`now()`,
          consentTextVersion: CONSENT_TEXT_VERSION,
          consentRecordedBy: actor.id,
          createdBy: actor.id,
        })
        .returning();
      const babyRows = await tx
        .insert(babies)
        .values(
          v.babies.map((b, i) => ({
            puskesmasId: actor.puskesmasId,
            motherId: mother!.id,
            name: b.name,
            sex: b.sex,
            birthDate: v.birthDate,
            birthWeightGrams: b.birthWeightGrams,
            earlyInitiation: v.earlyInitiation,
            birthOrder: i + 1,
          })),
        )
        .returning();
      await refreshCoverage(
        tx,
        babyRows.map((b) => b.id),
      );
      const issued = user ? await issueActivationCode(tx, user.id, actor.id) : null;
      await tx.insert(auditLog).values([
        {
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          action: 'mother.create',
          entity: 'mother',
          entityId: mother!.id,
          before: null,
          // The audit trail never spreads the NIK further than the record itself.
          after: { ...mother!, nik: mother!.nik ? maskNik(mother!.nik) : null },
          // Staff find here why she has no login (decision 054); the other account is not named.
          reason: user ? null : 'no login: phone is another account',
        },
        ...babyRows.map((b) => ({
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          action: 'baby.create',
          entity: 'baby',
          entityId: b.id,
          before: null,
          after: b,
        })),
      ]);
      return {
        ok: true,
        motherId: mother!.id,
        babyIds: babyRows.map((b) => b.id),
        phone: v.phone,
        name: v.name,
        code: issued?.code ?? null,
        expiresAt: issued?.expiresAt ?? null,
        login: issued ? 'code' : 'byStaff',
        created: true,
      };
    });
  } catch (err) {
    // Two different forms for one number at once: the unique index refuses the second login.
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: { phone: 'validation.phoneTaken' } };
    throw err;
  }
}

/** The duplicates a registrar may be told about: the actor's puskesmas only. */
async function findDuplicate(tx: DbOrTx, actor: Actor, v: MotherInput): Promise<{ fieldErrors: Partial<Record<MotherField, string>>; duplicate: Duplicate } | null> {
  const inScope = sql<boolean>`coalesce((${motherScope(actor, 'read')}), false)`;
  const candidates = async (match: SQL) =>
    (
      await tx
        .select({ motherId: mothers.id, name: mothers.name, babyId: latestBaby, posyanduName: posyandu.name, inScope })
        .from(mothers)
        .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
        .where(and(eq(mothers.puskesmasId, actor.puskesmasId), match))
        .orderBy(sql`${inScope} desc`)
        .limit(1)
    )[0];
  /** In her scope: who it is, with a link; elsewhere in the puskesmas: only where. */
  const shown = (reason: Duplicate['reason'], m: NonNullable<Awaited<ReturnType<typeof candidates>>>): Duplicate =>
    m.inScope
      ? { reason, motherId: m.motherId, name: m.name, babyId: m.babyId, posyanduName: m.posyanduName }
      : { reason, motherId: null, name: null, babyId: null, posyanduName: m.posyanduName };

  // A NIK is one person: refused, whatever else was typed.
  if (v.nik) {
    const m = await candidates(eq(mothers.nik, v.nik));
    if (m) return { fieldErrors: { nik: m.inScope ? 'validation.nikTaken' : 'validation.nikTakenPosyandu' }, duplicate: shown('nik', m) };
  }
  // The phone is one login (never two).
  const byPhone = await candidates(eq(mothers.phone, v.phone));
  if (byPhone) return { fieldErrors: { phone: byPhone.inScope ? 'validation.phoneTaken' : 'validation.phoneTakenPosyandu' }, duplicate: shown('phone', byPhone) };
  // Staff may learn that a number is a login of their own puskesmas (decision 042).
  if (scopeOf(actor, 'read', 'mothers') === 'puskesmas') {
    const [here] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.phone, v.phone), eq(users.puskesmasId, actor.puskesmasId)));
    if (here) return { fieldErrors: { phone: 'validation.phoneTakenHere' }, duplicate: { reason: 'phone', motherId: null, name: null, babyId: null } };
  }
  // Name and the baby's birth date may be a namesake: asked, not refused.
  if (!v.registerAnyway) {
    const [byName] = await tx
      .select({ motherId: mothers.id, name: mothers.name, babyId: babies.id })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .where(and(motherScope(actor, 'read'), sql`lower(${mothers.name}) = lower(${v.name})`, eq(babies.birthDate, v.birthDate)))
      .limit(1);
    if (byName) return { fieldErrors: { name: 'validation.possibleDuplicate' }, duplicate: { ...byName, reason: 'nameBirth' } };
  }
  return null;
}

/**
 * The answer to a resend of a registration already stored: the same mother, and — as the first
 * answer may never have reached the phone — a fresh code that replaces the unused one, while her
 * account is not yet activated.
 */
async function resendAnswer(tx: DbOrTx, actor: Actor, stored: { id: string; name: string; phone: string | null; userId: string | null }): Promise<RegisterResult> {
  const kids = await tx.select({ id: babies.id }).from(babies).where(eq(babies.motherId, stored.id)).orderBy(babies.birthOrder);
  const base = { ok: true as const, motherId: stored.id, babyIds: kids.map((k) => k.id), phone: stored.phone ?? '', name: stored.name, created: false };
  if (!stored.userId) return { ...base, code: null, expiresAt: null, login: 'byStaff' };
  const [u] = await tx.select({ passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, stored.userId));
  if (!u || u.passwordHash || !u.active) return { ...base, code: null, expiresAt: null, login: 'active' };
  const { code, expiresAt } = await issueActivationCode(tx, stored.userId, actor.id, { replace: true });
  await tx.insert(auditLog).values({
    puskesmasId: actor.puskesmasId,
    userId: actor.id,
    action: 'user.activationCode',
    entity: 'user',
    entityId: stored.userId,
    reason: 'registration sent again',
  });
  return { ...base, code, expiresAt, login: 'code' };
}

export type ActivationResult = { ok: true } | { ok: false; fieldErrors?: Partial<Record<string, string>>; formError?: string };

/**
 * The mother (or a new kader, staff or admin account: any role, lib/data/accounts.ts) sets her
 * password with her phone number and one-time code. A code works once, for its own user, before
 * it expires; every failure gives the same message.
 */
export async function activateAccount(raw: unknown, ip: string): Promise<ActivationResult> {
  const parsed = activationSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { phone, code, password } = parsed.data;
  // Code guessing: the sign-in lockout's counters (login_throttle), per phone and per IP.
  const phoneKey = throttleKey('activation-phone', phone);
  const ipKey = throttleKey('activation-ip', ip);
  if (await isLocked([phoneKey, ipKey])) return { ok: false, formError: 'activationLimit.locked' };
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ codeId: activationCodes.id, userId: users.id, puskesmasId: users.puskesmasId })
      .from(activationCodes)
      .innerJoin(users, eq(users.id, activationCodes.userId))
      .where(
        and(
          eq(activationCodes.codeHash, hashActivationCode(code)),
          eq(users.phone, phone),
          eq(users.active, true),
          isNull(activationCodes.usedAt),
          gt(activationCodes.expiresAt, sql`now()`),
        ),
      );
    if (!row) return { ok: false as const, formError: 'activation.invalid' };
    // Taking the code and setting the password happen together, once.
    const used = await tx
      .update(activationCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(activationCodes.id, row.codeId), isNull(activationCodes.usedAt)))
      .returning({ id: activationCodes.id });
    if (used.length !== 1) return { ok: false as const, formError: 'activation.invalid' };
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, row.userId));
    await tx.insert(auditLog).values({ puskesmasId: row.puskesmasId, userId: row.userId, action: 'user.activate', entity: 'user', entityId: row.userId });
    return { ok: true as const };
  });
  if (result.ok) {
    await clearFailures(phoneKey);
  } else {
    await recordFailure(phoneKey, ACTIVATION_PHONE_MAX_FAILURES);
    await recordFailure(ipKey, ACTIVATION_IP_MAX_FAILURES);
  }
  return result;
}

/** The wa.me link with the prefilled message: one builder for the portal, in lib/domain/whatsapp.ts. */
export { whatsappLink } from '@/lib/domain/whatsapp';

/** What the registration form needs: today and the posyandu the actor may register for. */
export async function registrationContext(actor: Actor) {
  assertCan(actor, 'write', 'mothers');
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const rows = await db
    .select({ id: posyandu.id, name: posyandu.name, villageId: posyandu.villageId })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    // Only active places take new registrations (issue #18).
    .where(and(eq(posyandu.puskesmasId, actor.puskesmasId), eq(posyandu.active, true), eq(villages.active, true)))
    .orderBy(posyandu.name);
  const allowed = rows.filter((r) => can(actor, 'write', 'mothers', { puskesmasId: actor.puskesmasId, posyanduId: r.id, villageId: r.villageId }));
  return { today: isoToday(p?.timeZone), posyandu: allowed.map(({ id, name }) => ({ id, name })) };
}

/* A login for a mother registered without one (decision 054). */

/** The field message for a number that is a login elsewhere: it never says whose, or where. */
export const PHONE_UNUSABLE = 'motherLogin.errors.phoneUnusable';

export type MotherLoginResult =
  | { ok: true; motherId: string; userId: string; name: string; phone: string; code: string; expiresAt: Date }
  | { ok: false; fieldErrors?: Partial<Record<MotherLoginField, string>>; formError?: string };

/** Only those who write every mother of the puskesmas (staff, admin) give a mother a login; a kader may not. */
function assertMotherLoginGiver(actor: Actor | null): asserts actor is Actor {
  assertCan(actor, 'write', 'mothers');
  if (scopeOf(actor, 'write', 'mothers') !== 'puskesmas') throw new ForbiddenError('mother logins are given by staff');
}

/**
 * For the staff baby page: whether the mother has a portal login, when the actor may give her
 * one (giveMotherLogin); null for anyone else, or a mother outside the actor's puskesmas.
 */
export async function motherLoginOf(actor: Actor, motherId: string): Promise<{ motherId: string; hasLogin: boolean } | null> {
  if (scopeOf(actor, 'write', 'mothers') !== 'puskesmas' || !z.uuid().safeParse(motherId).success) return null;
  const db = await getDb();
  const [m] = await db
    .select({ userId: mothers.userId })
    .from(mothers)
    .where(and(eq(mothers.id, motherId), eq(mothers.puskesmasId, actor.puskesmasId)));
  return m ? { motherId, hasLogin: m.userId !== null } : null;
}

/**
 * Staff of her puskesmas give a mother who has no login (her number was another account's when
 * she was registered) a login with a number she uses, and a one-time activation code shown once.
 * One transaction with its audit row, under a lock on the mother: two clicks make one login, the
 * second is told she has one. A number that is already a login is refused on the field: named as
 * taken for a login of this puskesmas (decision 042), the neutral PHONE_UNUSABLE for any other.
 * A kader is refused (ForbiddenError); a mother of another puskesmas does not exist (NotFoundError).
 */
export async function giveMotherLogin(actor: Actor, raw: unknown): Promise<MotherLoginResult> {
  assertMotherLoginGiver(actor);
  const parsed = motherLoginSchema.safeParse(raw);
  if (!parsed.success) {
    // No such mother (not an object, no id, not a uuid): nothing to answer on the form.
    if (parsed.error.issues.some((i) => i.path.length === 0 || i.path[0] === 'motherId')) throw new NotFoundError('mother');
    return { ok: false, fieldErrors: fieldErrorsOf<MotherLoginField>(parsed.error) };
  }
  const { motherId, phone } = parsed.data;
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<MotherLoginResult> => {
      // Two clicks at once: the second waits here, then finds the login of the first.
      const [m] = await tx
        .select({
          id: mothers.id,
          puskesmasId: mothers.puskesmasId,
          posyanduId: mothers.posyanduId,
          villageId: mothers.villageId,
          name: mothers.name,
          phone: mothers.phone,
          userId: mothers.userId,
        })
        .from(mothers)
        .where(and(eq(mothers.id, motherId), eq(mothers.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!m || !can(actor, 'write', 'mothers', m)) throw new NotFoundError('mother');
      if (m.userId) return { ok: false, formError: 'motherLogin.errors.hasLogin' };

      const [login] = await tx.select({ puskesmasId: users.puskesmasId }).from(users).where(eq(users.phone, phone));
      if (login) return { ok: false, fieldErrors: { phone: login.puskesmasId === actor.puskesmasId ? 'validation.phoneTakenHere' : PHONE_UNUSABLE } };
      // Another mother of this puskesmas with this number: the phone is one login (never two).
      const [sharer] = await tx
        .select({ id: mothers.id })
        .from(mothers)
        .where(and(eq(mothers.puskesmasId, actor.puskesmasId), eq(mothers.phone, phone), ne(mothers.id, m.id)))
        .limit(1);
      if (sharer) return { ok: false, fieldErrors: { phone: 'validation.phoneTaken' } };

      const [user] = await tx
        .insert(users)
        .values({ puskesmasId: m.puskesmasId, role: 'ibu', name: m.name, phone, passwordHash: null, villageId: m.villageId })
        .returning({ id: users.id });
      await tx
        .update(mothers)
        .set({ userId: user!.id, phone, updatedAt: sql`now()` })
        .where(eq(mothers.id, m.id));
      const { code, expiresAt } = await issueActivationCode(tx, user!.id, actor.id);
      // Never the code: that a login was made, with which number, and until when its code works.
      await audit(tx, actor, 'mother.login', 'mother', m.id, { userId: null, phone: m.phone }, { userId: user!.id, phone, codeExpiresAt: expiresAt.toISOString() });
      return { ok: true, motherId: m.id, userId: user!.id, name: m.name, phone, code, expiresAt };
    });
  } catch (err) {
    // The same number made a login elsewhere at this very moment: never a second login.
    if (isUniqueViolation(err)) return { ok: false, fieldErrors: { phone: PHONE_UNUSABLE } };
    throw err;
  }
}
