/**
 * Registering a mother with her baby (or twins), with recorded consent, a login without a
 * password and a one-time activation code (only its SHA-256 hash is stored); and the
 * mother's own activation.
 */
import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { activationCodes, auditLog, babies, mothers, posyandu, puskesmas, users, villages } from '@/db/schema';
import { clearFailures, isLocked, recordFailure, throttleKey } from '@/lib/auth/login';
import { hashPassword } from '@/lib/auth/password';
import { assertCan, can, type Actor } from '@/lib/auth/policy';
import { isoToday, maskNik } from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { activationSchema, CONSENT_TEXT_VERSION, motherSchema, type MotherField } from '@/lib/validation/mother';
import { hashActivationCode, issueActivationCode } from './activation';
import { motherScope } from './scope';

/** Wrong codes before a lock (LOCK_MINUTES, lib/auth/login.ts): per phone, and per IP (a puskesmas may share one). */
export const ACTIVATION_PHONE_MAX_FAILURES = 5;
export const ACTIVATION_IP_MAX_FAILURES = 20;
/** The codes themselves: one module for mothers and the other accounts (lib/data/activation.ts). */
export { ACTIVATION_DAYS, hashActivationCode, newActivationCode } from './activation';

export type Duplicate = { motherId: string; name: string; reason: 'phone' | 'nameBirth'; babyId: string | null };

export type RegisterResult =
  | { ok: true; motherId: string; babyIds: string[]; phone: string; name: string; code: string; expiresAt: Date }
  | { ok: false; fieldErrors: Partial<Record<MotherField, string>>; duplicate?: Duplicate };

export async function registerMother(actor: Actor, raw: unknown): Promise<RegisterResult> {
  assertCan(actor, 'write', 'mothers');
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const parsed = motherSchema({ today: isoToday(p?.timeZone) }).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<MotherField>(parsed.error) };
  const v = parsed.data;
  const [post] = await db
    .select({ id: posyandu.id, villageId: posyandu.villageId, puskesmasId: posyandu.puskesmasId, active: posyandu.active, villageActive: villages.active })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .where(and(eq(posyandu.id, v.posyanduId), eq(posyandu.puskesmasId, actor.puskesmasId)));
  if (!post) return { ok: false, fieldErrors: { posyanduId: 'validation.invalid' } };
  // A kader registers for her own posyandu only.
  assertCan(actor, 'write', 'mothers', { puskesmasId: post.puskesmasId, posyanduId: post.id, villageId: post.villageId });
  // A deactivated posyandu (or village) takes no new registrations (issue #18).
  if (!post.active || !post.villageActive) return { ok: false, fieldErrors: { posyanduId: 'places.refuse.posyanduInactive' } };

  // Duplicates: the phone is one login (never two); name + baby's birth date may be a namesake.
  const [byPhone] = await db
    .select({ motherId: mothers.id, name: mothers.name, babyId: sql<string | null>`(select ${babies.id} from ${babies} where ${babies.motherId} = ${mothers.id} order by ${babies.birthDate} desc limit 1)` })
    .from(mothers)
    .where(and(motherScope(actor, 'read'), eq(mothers.phone, v.phone)));
  if (byPhone) return { ok: false, fieldErrors: { phone: 'validation.phoneTaken' }, duplicate: { ...byPhone, reason: 'phone' } };
  // Registered elsewhere (another posyandu or puskesmas): refused without saying whose.
  const [userByPhone] = await db.select({ id: users.id }).from(users).where(eq(users.phone, v.phone));
  if (userByPhone) return { ok: false, fieldErrors: { phone: 'validation.phoneTaken' } };
  if (!v.registerAnyway) {
    const [byName] = await db
      .select({ motherId: mothers.id, name: mothers.name, babyId: babies.id })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .where(and(motherScope(actor, 'read'), sql`lower(${mothers.name}) = lower(${v.name})`, eq(babies.birthDate, v.birthDate)))
      .limit(1);
    if (byName) return { ok: false, fieldErrors: { name: 'validation.possibleDuplicate' }, duplicate: { ...byName, reason: 'nameBirth' } };
  }

  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ puskesmasId: actor.puskesmasId, role: 'ibu', name: v.name, phone: v.phone, passwordHash: null, villageId: post.villageId })
      .returning({ id: users.id });
    const [mother] = await tx
      .insert(mothers)
      .values({
        puskesmasId: actor.puskesmasId,
        villageId: post.villageId,
        posyanduId: post.id,
        userId: user!.id,
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
    const { code, expiresAt } = await issueActivationCode(tx, user!.id, actor.id);
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
    return { ok: true as const, motherId: mother!.id, babyIds: babyRows.map((b) => b.id), phone: v.phone, name: v.name, code, expiresAt };
  });
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
