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
import { auditLog, posyandu, users, userSessions } from '@/db/schema';
import { assertCan, can, ForbiddenError, NotFoundError, type Actor, type Role } from '@/lib/auth/policy';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { IDLE_TIMEOUT_MINUTES } from '@/lib/auth/session-config';
import { formatPhoneDisplay, normalizePhone } from '@/lib/domain';
import { accountActionSchema, accountFilterSchema, auditFilterSchema, changePasswordSchema, type ChangePasswordField } from '@/lib/validation/account';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { passwordProblem } from '@/lib/validation/password';
import { puskesmasOf } from './overview';

export const ACCOUNTS_PAGE_SIZE = 30;
export const AUDIT_PAGE_SIZE = 50;

/** Ends every session of a user: raises the session version and closes the session rows. */
async function endAllSessions(tx: DbOrTx, userId: string) {
  await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  await tx.update(userSessions).set({ revokedAt: sql`now()` }).where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
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
    await tx.insert(auditLog).values({ puskesmasId: actor.puskesmasId, userId: actor.id, action: 'user.password.change', entity: 'user', entityId: actor.id });
  });
  return { ok: true };
}

/** "Keluar dari semua perangkat": ends every session of the signed-in user. */
export async function endOwnSessions(actor: Actor): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await endAllSessions(tx, actor.id);
    await tx.insert(auditLog).values({ puskesmasId: actor.puskesmasId, userId: actor.id, action: 'user.sessions.end', entity: 'user', entityId: actor.id, reason: 'self' });
  });
}

/** Which accounts an actor may manage: staff the kaders, admin every account. */
function mayManage(actor: Actor, target: { role: Role; puskesmasId: string }): boolean {
  const record = { puskesmasId: target.puskesmasId };
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
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(users).where(and(...conds));
  return {
    filter: { ...f, page },
    timeZone: p.timeZone,
    roles,
    total,
    hasNext: rows.length > ACCOUNTS_PAGE_SIZE,
    rows: rows.slice(0, ACCOUNTS_PAGE_SIZE).map(
      (r): AccountRow => ({ ...r, phone: formatPhoneDisplay(r.phone), openSessions: Number(r.openSessions), self: r.id === actor.id }),
    ),
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
      await tx.update(users).set({ active: action === 'enable' }).where(eq(users.id, userId));
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
  const entities = await db
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .where(eq(auditLog.puskesmasId, actor.puskesmasId))
    .orderBy(auditLog.entity);
  return {
    filter: { ...f, page },
    timeZone: p.timeZone,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
    people,
    entities: entities.map((e) => e.entity),
    // Only the names of changed fields: the values are health data and stay in the database.
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map(
      ({ before, after, ...r }): AuditRow => ({
        ...r,
        changed: [...new Set([...Object.keys((before as object | null) ?? {}), ...Object.keys((after as object | null) ?? {})])].sort(),
      }),
    ),
  };
}
