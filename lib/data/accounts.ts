/**
 * Accounts and the audit log (issue #10): one's own password, the list of accounts of the
 * puskesmas with disabling / enabling / ending sessions (staff for kader accounts, admin for
 * every account), and the admin's view of the audit log. Every write in a transaction with
 * its audit row; disabling and a password change end every session of the user at once
 * (session version + session rows, lib/auth/session.ts checks both on every request).
 */
import 'server-only';
import { and, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { activationCodes, auditLog, kaderAssignments, kaderPosyandu, mothers, posyandu, users, userSessions, villages } from '@/db/schema';
import { assertCan, can, ForbiddenError, NotFoundError, type Actor, type Role } from '@/lib/auth/policy';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { IDLE_TIMEOUT_MINUTES } from '@/lib/auth/session-config';
import { formatPhoneDisplay, normalizePhone } from '@/lib/domain';
import {
  accountActionSchema,
  accountFilterSchema,
  auditFilterSchema,
  changePasswordSchema,
  createAccountSchema,
  kaderPosyanduProblem,
  NEW_ACCOUNT_ROLES,
  reissueCodeSchema,
  updateAccountSchema,
  type ChangePasswordField,
  type CreateAccountField,
  type NewAccountRole,
  type UpdateAccountField,
} from '@/lib/validation/account';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { passwordProblem } from '@/lib/validation/password';
import { issueActivationCode } from './activation';
import { audit } from './audit';
import { puskesmasOf } from './overview';
import { isUniqueViolation } from '@/db/pg-errors';

export const ACCOUNTS_PAGE_SIZE = 30;
export const AUDIT_PAGE_SIZE = 50;

/** Ends every session of a user: raises the session version and closes the session rows. */
async function endAllSessions(tx: DbOrTx, userId: string) {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  await tx
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
}

export type ChangePasswordResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<ChangePasswordField, string>> };

/** Any signed-in user, for her own account. Ends all her sessions (this one too). */
export async function changeOwnPassword(actor: Actor, raw: unknown): Promise<ChangePasswordResult> {
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { current, password, confirm } = parsed.data;
  const db = await getDb();
  const [u] = await db.select({ phone: users.phone, hash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, actor.id));
  if (!u || !u.active || !u.hash) throw new ForbiddenError('no active account');
  const fieldErrors: Partial<Record<ChangePasswordField, string>> = {};
  const problem = passwordProblem(password, u.phone);
  if (problem) fieldErrors.password = problem;
  else if (password === current) fieldErrors.password = 'validation.passwordSame';
  if (password !== confirm) fieldErrors.confirm = 'validation.passwordMismatch';
  if (!(await verifyPassword(current, u.hash))) fieldErrors.current = 'validation.passwordWrong';
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    await endAllSessions(tx, actor.id);
    await tx.insert(auditLog).values({ puskesmasId: actor.puskesmasId || null, userId: actor.id, action: 'user.password.change', entity: 'user', entityId: actor.id });
  });
  return { ok: true };
}

/** "Keluar dari semua perangkat": ends every session of the signed-in user. */
export async function endOwnSessions(actor: Actor): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await endAllSessions(tx, actor.id);
    await tx
      .insert(auditLog)
      .values({ puskesmasId: actor.puskesmasId || null, userId: actor.id, action: 'user.sessions.end', entity: 'user', entityId: actor.id, reason: 'self' });
  });
}

/** Which accounts an actor may manage: staff the kaders, admin every account. */
function mayManage(actor: Actor, target: { role: Role; puskesmasId: string | null }): boolean {
  // A district account (no puskesmas) is managed by no puskesmas's staff.
  const record = { puskesmasId: target.puskesmasId ?? '' };
  if (target.role === 'kader' || target.role === 'ibu') return can(actor, 'write', 'kaderAccounts', record) && (target.role === 'kader' || actor.role === 'admin');
  return can(actor, 'write', 'staffAccounts', record);
}

function manageableRoles(actor: Actor): Role[] {
  return actor.role === 'admin' ? ['admin', 'staff', 'kader', 'ibu'] : ['kader'];
}

export type AccountRow = {
  id: string;
  name: string;
  role: Role;
  phone: string;
  posyandu: string | null;
  /** A kader's other posyandu besides her home one. */
  morePosyandu: number;
  active: boolean;
  lastLoginAt: Date | null;
  openSessions: number;
  self: boolean;
};

/** The accounts of the puskesmas the actor may manage, newest sign-in first. */
export async function listAccounts(actor: Actor, rawFilter: unknown) {
  assertCan(actor, 'read', 'kaderAccounts');
  if (!actor || (actor.role !== 'admin' && actor.role !== 'staff')) throw new ForbiddenError('accounts are managed by staff');
  const f = accountFilterSchema.parse(rawFilter ?? {});
  const roles = manageableRoles(actor);
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const conds: SQL[] = [eq(users.puskesmasId, actor.puskesmasId), inArray(users.role, roles)];
  if (f.role && roles.includes(f.role)) conds.push(eq(users.role, f.role));
  if (f.q) {
    const phone = normalizePhone(f.q);
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.name, like), ...(phone ? [eq(users.phone, phone)] : []))!);
  }
  const page = f.page ?? 1;
  const open = sql<number>`(select count(*)::int from ${userSessions} s where s.user_id = ${users.id} and s.revoked_at is null
    and s.last_seen_at > now() - ${sql.raw(`interval '${IDLE_TIMEOUT_MINUTES} minutes'`)})`;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      phone: users.phone,
      posyandu: posyandu.name,
      morePosyandu: sql<number>`(select count(*)::int from ${kaderPosyandu} kp where kp.kader_id = ${users.id} and kp.posyandu_id is distinct from ${users.posyanduId})`,
      active: users.active,
      lastLoginAt: users.lastLoginAt,
      openSessions: open,
    })
    .from(users)
    .leftJoin(posyandu, eq(posyandu.id, users.posyanduId))
    .where(and(...conds))
    .orderBy(desc(users.active), sql`${users.lastLoginAt} desc nulls last`, users.name)
    .limit(ACCOUNTS_PAGE_SIZE + 1)
    .offset((page - 1) * ACCOUNTS_PAGE_SIZE);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(users)
    .where(and(...conds));
  return {
    filter: { ...f, page },
    timeZone: p.timeZone,
    roles,
    total,
    hasNext: rows.length > ACCOUNTS_PAGE_SIZE,
    rows: rows.slice(0, ACCOUNTS_PAGE_SIZE).map((r): AccountRow => ({
      ...r,
      phone: formatPhoneDisplay(r.phone),
      morePosyandu: Number(r.morePosyandu),
      openSessions: Number(r.openSessions),
      self: r.id === actor.id,
    })),
  };
}

export type AccountActionResult = { ok: true; action: 'disable' | 'enable' | 'endSessions' } | { ok: false; fieldErrors: Record<string, string> };

/** Disable, enable or end the sessions of an account of the actor's puskesmas, with a reason. */
export async function manageAccount(actor: Actor, raw: unknown): Promise<AccountActionResult> {
  if (!actor || (actor.role !== 'admin' && actor.role !== 'staff')) throw new ForbiddenError('accounts are managed by staff');
  const parsed = accountActionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) as Record<string, string> };
  const { userId, action, reason } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, role: users.role, puskesmasId: users.puskesmasId, active: users.active })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    // Another puskesmas's account does not exist for this actor.
    if (!target || target.puskesmasId !== actor.puskesmasId) throw new NotFoundError('account');
    if (!mayManage(actor, target)) throw new ForbiddenError(`${actor.role} may not manage a ${target.role} account`);
    if (target.id === actor.id && action !== 'endSessions') throw new ForbiddenError('one cannot disable oneself');
    if (action === 'disable' || action === 'enable') {
      await tx
        .update(users)
        .set({ active: action === 'enable' })
        .where(eq(users.id, userId));
    }
    if (action === 'disable' || action === 'endSessions') await endAllSessions(tx, userId);
    await tx.insert(auditLog).values({
      puskesmasId: actor.puskesmasId,
      userId: actor.id,
      action: `user.${action === 'endSessions' ? 'sessions.end' : action}`,
      entity: 'user',
      entityId: userId,
      before: { active: target.active },
      after: { active: action === 'enable' ? true : action === 'disable' ? false : target.active },
      reason,
    });
    return { ok: true as const, action };
  });
}

export type AuditRow = {
  id: number;
  at: Date;
  userId: string | null;
  userName: string | null;
  userRole: Role | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  changed: string[];
};

/** The audit log of the admin's puskesmas, newest first, by user, record and date. */
export async function listAudit(actor: Actor, rawFilter: unknown) {
  assertCan(actor, 'read', 'audit');
  const f = auditFilterSchema.parse(rawFilter ?? {});
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const conds: SQL[] = [eq(auditLog.puskesmasId, actor.puskesmasId)];
  if (f.user) conds.push(eq(auditLog.userId, f.user));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.record) conds.push(eq(auditLog.entityId, f.record));
  if (f.from) conds.push(sql`${auditLog.at} >= (${f.from}::date)::timestamp at time zone ${p.timeZone}`);
  if (f.to) conds.push(sql`${auditLog.at} < ((${f.to}::date + 1))::timestamp at time zone ${p.timeZone}`);
  const page = f.page ?? 1;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: users.name,
      userRole: users.role,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...conds))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const people = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.puskesmasId, actor.puskesmasId), ne(users.role, 'ibu')))
    .orderBy(users.name);
  const entities = await db.selectDistinct({ entity: auditLog.entity }).from(auditLog).where(eq(auditLog.puskesmasId, actor.puskesmasId)).orderBy(auditLog.entity);
  return {
    filter: { ...f, page },
    timeZone: p.timeZone,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
    people,
    entities: entities.map((e) => e.entity),
    // Only the names of changed fields: the values are health data and stay in the database.
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map(({ before, after, ...r }): AuditRow => ({
      ...r,
      changed: [...new Set([...Object.keys((before as object | null) ?? {}), ...Object.keys((after as object | null) ?? {})])].sort(),
    })),
  };
}

/* ------------------------------------------------------------------------------------------
 * Adding and editing accounts (issue #18): staff add kaders, the admin adds admin, staff and
 * kader accounts. A new account has no password: it gets a one-time activation code, exactly
 * as a registered mother does (lib/data/activation.ts), and activates at /aktivasi. The phone
 * is the login and unique in the whole installation (docs/decisions/042-account-phones.md).
 * ---------------------------------------------------------------------------------------- */

/** Staff and admin only; kader and ibu are refused every one of these. */
function assertAccountManager(actor: Actor | null): asserts actor is Actor {
  assertCan(actor, 'write', 'kaderAccounts');
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new ForbiddenError('accounts are managed by staff');
}

/** Roles the actor may create: the admin every staff role, staff kaders only. */
export function creatableRoles(actor: Actor): NewAccountRole[] {
  return NEW_ACCOUNT_ROLES.filter((role) => mayManage(actor, { role, puskesmasId: actor.puskesmasId }));
}

/** The first message of each field; messages are `validation.*` or this page's own keys. */
function accountFieldErrors<F extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = /^(validation|accountsNew)\.[\w.]+$/.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}

export const PHONE_TAKEN_HERE = 'accountsNew.errors.phoneTakenHere';
export const PHONE_TAKEN_ELSEWHERE = 'accountsNew.errors.phoneTakenElsewhere';

/**
 * Whose is this phone already: an account of this puskesmas, or of another one (said without
 * naming it or its person: staff of one puskesmas learn nothing about another's people).
 */
async function phoneTaken(db: DbOrTx, actor: Actor, phone: string, exceptUserId?: string): Promise<string | null> {
  const [u] = await db
    .select({ id: users.id, puskesmasId: users.puskesmasId })
    .from(users)
    .where(and(eq(users.phone, phone), ...(exceptUserId ? [ne(users.id, exceptUserId)] : [])))
    .limit(1);
  if (!u) return null;
  return u.puskesmasId === actor.puskesmasId ? PHONE_TAKEN_HERE : PHONE_TAKEN_ELSEWHERE;
}

export type PlaceOption = { id: string; name: string; active: boolean };
export type VillageOption = { id: string; name: string; posyandu: PlaceOption[] };

/**
 * The posyandu one may assign, grouped by village in list order (village name, posyandu name):
 * the active ones of the actor's puskesmas, plus `keep` (a kader's current posyandu, which she
 * may keep even after it was deactivated).
 */
async function placeOptions(db: DbOrTx, actor: Actor, keep: readonly string[] = []): Promise<VillageOption[]> {
  const open = and(eq(posyandu.active, true), eq(villages.active, true))!;
  const rows = await db
    .select({
      id: posyandu.id,
      name: posyandu.name,
      villageId: villages.id,
      villageName: villages.name,
      active: sql<boolean>`(${posyandu.active} and ${villages.active})`,
    })
    .from(posyandu)
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .where(and(eq(posyandu.puskesmasId, actor.puskesmasId), keep.length ? or(open, inArray(posyandu.id, [...keep])) : open))
    .orderBy(villages.name, posyandu.name);
  const out: VillageOption[] = [];
  for (const r of rows) {
    let v = out[out.length - 1];
    if (!v || v.id !== r.villageId) out.push((v = { id: r.villageId, name: r.villageName, posyandu: [] }));
    v.posyandu.push({ id: r.id, name: r.name, active: Boolean(r.active) });
  }
  return out;
}

type Placement = { home: { id: string; villageId: string }; ids: string[] };

/**
 * The chosen posyandu, checked: each an active posyandu of the actor's puskesmas (or one the
 * kader already works in), her home posyandu the explicit choice or else the first chosen in
 * list order. Another puskesmas's or an unknown id is refused like an inactive one.
 */
async function placement(
  db: DbOrTx,
  actor: Actor,
  v: { posyanduIds: string[]; homePosyanduId?: string },
  keep: readonly string[] = [],
): Promise<{ ok: true; placement: Placement } | { ok: false; field: 'posyanduIds' | 'homePosyanduId'; message: string }> {
  const problem = kaderPosyanduProblem(v);
  if (problem) return { ok: false, ...problem };
  const allowed = (await placeOptions(db, actor, keep)).flatMap((village) => village.posyandu.map((p) => ({ ...p, villageId: village.id })));
  const chosen = allowed.filter((p) => v.posyanduIds.includes(p.id));
  if (chosen.length !== v.posyanduIds.length) return { ok: false, field: 'posyanduIds', message: 'accountsNew.errors.posyanduInvalid' };
  const home = v.homePosyanduId ? chosen.find((p) => p.id === v.homePosyanduId!.toLowerCase())! : chosen[0]!;
  return { ok: true, placement: { home: { id: home.id, villageId: home.villageId }, ids: [home.id, ...chosen.filter((p) => p.id !== home.id).map((p) => p.id)] } };
}

/** What the "Tambah akun" form offers: the roles the actor may create and the active posyandu. */
export async function newAccountContext(actor: Actor) {
  assertAccountManager(actor);
  const db = await getDb();
  return { roles: creatableRoles(actor), villages: await placeOptions(db, actor) };
}

export type CreateAccountResult =
  | { ok: true; userId: string; role: NewAccountRole; name: string; phone: string; code: string; expiresAt: Date }
  | { ok: false; fieldErrors: Partial<Record<CreateAccountField, string>> };

/**
 * Adds an account with a one-time activation code, in one transaction with its audit row
 * (never the code). A staff member asking for an admin or staff account is refused
 * (ForbiddenError) and nothing is written. The same phone twice (a double submit, two
 * desks at once) gives the duplicate message the second time, never a second account.
 */
export async function createAccount(actor: Actor, raw: unknown): Promise<CreateAccountResult> {
  assertAccountManager(actor);
  const parsed = createAccountSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: accountFieldErrors<CreateAccountField>(parsed.error.issues) };
  const v = parsed.data;
  if (!mayManage(actor, { role: v.role, puskesmasId: actor.puskesmasId })) throw new ForbiddenError(`${actor.role} may not create a ${v.role} account`);
  const db = await getDb();
  let place: Placement | null = null;
  if (v.role === 'kader') {
    const p = await placement(db, actor, v);
    if (!p.ok) return { ok: false, fieldErrors: { [p.field]: p.message } };
    place = p.placement;
  }
  const taken = await phoneTaken(db, actor, v.phone);
  if (taken) return { ok: false, fieldErrors: { phone: taken } };
  try {
    return await db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          puskesmasId: actor.puskesmasId,
          role: v.role,
          name: v.name,
          phone: v.phone,
          passwordHash: null,
          posyanduId: place?.home.id ?? null,
          villageId: place?.home.villageId ?? null,
        })
        .returning({ id: users.id });
      if (place) {
        await tx.insert(kaderPosyandu).values(place.ids.map((posyanduId) => ({ puskesmasId: actor.puskesmasId, kaderId: u!.id, posyanduId })));
      }
      const { code, expiresAt } = await issueActivationCode(tx, u!.id, actor.id);
      await audit(tx, actor, 'user.create', 'user', u!.id, null, {
        role: v.role,
        name: v.name,
        phone: v.phone,
        posyanduId: place?.home.id ?? null,
        posyanduIds: place?.ids ?? [],
        active: true,
      });
      return { ok: true as const, userId: u!.id, role: v.role, name: v.name, phone: v.phone, code, expiresAt };
    });
  } catch (err) {
    // Two creates of one phone at once: the unique index decides, the loser gets the message.
    if (!isUniqueViolation(err)) throw err;
    return { ok: false, fieldErrors: { phone: (await phoneTaken(db, actor, v.phone)) ?? PHONE_TAKEN_HERE } };
  }
}

/** An account the actor may manage, locked for the write; anything else is "not found". */
async function manageableTarget(tx: DbOrTx, actor: Actor, userId: string, lock = false) {
  const q = tx
    .select({
      id: users.id,
      role: users.role,
      puskesmasId: users.puskesmasId,
      name: users.name,
      phone: users.phone,
      active: users.active,
      posyanduId: users.posyanduId,
      villageId: users.villageId,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [target] = lock ? await q.for('update') : await q;
  // Another puskesmas's account, or one this actor may not manage, does not exist for her.
  if (!target || target.puskesmasId !== actor.puskesmasId || !mayManage(actor, target)) throw new NotFoundError('account');
  return target;
}

/** The posyandu a kader works in, her home posyandu first. */
async function kaderPosyanduIds(db: DbOrTx, kader: { id: string; posyanduId: string | null }): Promise<string[]> {
  const rows = await db
    .select({ id: kaderPosyandu.posyanduId })
    .from(kaderPosyandu)
    .innerJoin(posyandu, eq(posyandu.id, kaderPosyandu.posyanduId))
    .innerJoin(villages, eq(villages.id, posyandu.villageId))
    .where(eq(kaderPosyandu.kaderId, kader.id))
    .orderBy(villages.name, posyandu.name);
  const ids = rows.map((r) => r.id);
  return kader.posyanduId ? [kader.posyanduId, ...ids.filter((id) => id !== kader.posyanduId)] : ids;
}

/** The account page: who she is, whether she activated, her posyandu and what may be chosen. */
export async function getAccount(actor: Actor, userId: string) {
  assertAccountManager(actor);
  if (typeof userId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) throw new NotFoundError('account');
  const db = await getDb();
  const target = await manageableTarget(db, actor, userId.toLowerCase());
  const [extra] = await db
    .select({ passwordHash: users.passwordHash, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, target.id));
  const [pending] = await db
    .select({ expiresAt: activationCodes.expiresAt })
    .from(activationCodes)
    .where(and(eq(activationCodes.userId, target.id), isNull(activationCodes.usedAt), sql`${activationCodes.expiresAt} > now()`))
    .orderBy(desc(activationCodes.expiresAt))
    .limit(1);
  const posyanduIds = target.role === 'kader' ? await kaderPosyanduIds(db, target) : [];
  const p = await puskesmasOf(db, actor);
  return {
    id: target.id,
    role: target.role,
    name: target.name,
    phone: formatPhoneDisplay(target.phone),
    active: target.active,
    self: target.id === actor.id,
    activated: extra!.passwordHash !== null,
    lastLoginAt: extra!.lastLoginAt,
    createdAt: extra!.createdAt,
    codeExpiresAt: pending?.expiresAt ?? null,
    posyanduIds,
    homePosyanduId: target.role === 'kader' ? target.posyanduId : null,
    villages: target.role === 'kader' ? await placeOptions(db, actor, posyanduIds) : [],
    timeZone: p.timeZone,
  };
}

export type UpdateAccountResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: Partial<Record<UpdateAccountField, string>> };

/**
 * Renames an account and, for a kader, moves her: her kader_posyandu rows are replaced and her
 * home posyandu set (docs/decisions/044). Her past visits stay as they are — they belong to
 * the babies and keep her kader_id. A mother's name is changed on her record, not here.
 */
export async function updateAccount(actor: Actor, raw: unknown): Promise<UpdateAccountResult> {
  assertAccountManager(actor);
  const parsed = updateAccountSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = accountFieldErrors<UpdateAccountField | 'userId'>(parsed.error.issues);
    if (fieldErrors.userId) throw new NotFoundError('account');
    return { ok: false, fieldErrors };
  }
  const v = parsed.data;
  const db = await getDb();
  const current = await manageableTarget(db, actor, v.userId);
  if (current.role === 'ibu') throw new ForbiddenError("a mother's name is changed on her record");
  let place: Placement | null = null;
  if (current.role === 'kader') {
    const p = await placement(db, actor, v, await kaderPosyanduIds(db, current));
    if (!p.ok) return { ok: false, fieldErrors: { [p.field]: p.message } };
    place = p.placement;
  }
  return db.transaction(async (tx) => {
    const target = await manageableTarget(tx, actor, v.userId, true);
    const beforeIds = target.role === 'kader' ? await kaderPosyanduIds(tx, target) : [];
    const before = { name: target.name, ...(place ? { posyanduId: target.posyanduId, posyanduIds: beforeIds } : {}) };
    const after = { name: v.name, ...(place ? { posyanduId: place.home.id, posyanduIds: place.ids } : {}) };
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
    if (before.name === after.name && (!place || (target.posyanduId === place.home.id && same(beforeIds, place.ids)))) return { ok: true as const, changed: false };
    await tx
      .update(users)
      .set({ name: v.name, ...(place ? { posyanduId: place.home.id, villageId: place.home.villageId } : {}) })
      .where(eq(users.id, target.id));
    if (place) {
      const removed = beforeIds.filter((id) => !place.ids.includes(id));
      if (removed.length) {
        await tx.delete(kaderPosyandu).where(and(eq(kaderPosyandu.kaderId, target.id), inArray(kaderPosyandu.posyanduId, removed)));
        // Mothers assigned to her in a posyandu she leaves go with it (their own posyandu's kaders follow them).
        await tx
          .delete(kaderAssignments)
          .where(
            and(
              eq(kaderAssignments.kaderId, target.id),
              inArray(kaderAssignments.motherId, tx.select({ id: mothers.id }).from(mothers).where(inArray(mothers.posyanduId, removed))),
            ),
          );
      }
      await tx
        .insert(kaderPosyandu)
        .values(place.ids.map((posyanduId) => ({ puskesmasId: actor.puskesmasId, kaderId: target.id, posyanduId })))
        .onConflictDoNothing();
    }
    await audit(tx, actor, 'user.update', 'user', target.id, before, after);
    return { ok: true as const, changed: true };
  });
}

export type ReissueResult =
  | { ok: true; name: string; phone: string; code: string; expiresAt: Date }
  | { ok: false; formError: 'accountsNew.errors.inactive' | 'accountsNew.errors.reasonRequired' | 'validation.tooLong' };

/**
 * A new one-time code for someone who lost hers or never activated: her unused older codes
 * stop working. Activating with it sets a new password and ends her sessions (activateAccount).
 */
export async function reissueActivationCode(actor: Actor, raw: unknown): Promise<ReissueResult> {
  assertAccountManager(actor);
  const parsed = reissueCodeSchema.safeParse(raw);
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'userId')) throw new NotFoundError('account');
    return { ok: false, formError: 'validation.tooLong' };
  }
  const { userId, reason } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await manageableTarget(tx, actor, userId, true);
    if (target.id === actor.id) throw new ForbiddenError('one does not issue oneself a code');
    if (!target.active) return { ok: false as const, formError: 'accountsNew.errors.inactive' as const };
    // Someone who already set a password: the new code replaces it, so say why (audited).
    const [{ activated } = { activated: false }] = await tx
      .select({ activated: sql<boolean>`${users.passwordHash} is not null` })
      .from(users)
      .where(eq(users.id, target.id));
    if (activated && reason.length < 5) return { ok: false as const, formError: 'accountsNew.errors.reasonRequired' as const };
    const { code, expiresAt } = await issueActivationCode(tx, target.id, actor.id, { replace: true });
    // The audit row says that a code was issued and until when; never the code.
    await audit(tx, actor, 'user.activation.reissue', 'user', target.id, { activated }, { expiresAt: expiresAt.toISOString() }, reason || null);
    return { ok: true as const, name: target.name, phone: target.phone, code, expiresAt };
  });
}
