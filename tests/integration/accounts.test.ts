/**
 * Accounts and audit (issue #10): a password change and disabling a user end every session of
 * that user at once; who may manage which account; bad input stores nothing; the admin's audit
 * list is scoped to the puskesmas and filtered by user, record and date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { auditLog, babies, loginThrottle, users, userSessions } from '@/db/schema';
import { babyDetail } from '@/lib/data/visits';
import { verifyLogin } from '@/lib/auth/login';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { changeOwnPassword, endOwnSessions, listAccounts, listAudit, manageAccount } from '@/lib/data/accounts';
import { DEMO_PASSWORD } from '@/db/seed';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const ADMIN = '0811-1000-0001';
const STAFF = '0811-1000-0002';
const STAFF2 = '0811-1000-0003';
const KADER = '0812-2000-0001';
const KADER2 = '0812-2000-0002';
const KADER3 = '0812-2000-0007';
const IBU = '0813-3000-0001';
const OTHER_STAFF = '0811-1000-0101';

describe.each(BACKENDS)('accounts and audit on $name', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
  }, 180_000);
  afterAll(() => db.dispose());

  async function openSessions(userId: string) {
    return (
      await db.db
        .select()
        .from(userSessions)
        .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    ).length;
  }
  async function signIn(phone: string, password = DEMO_PASSWORD) {
    await db.db.delete(loginThrottle);
    return verifyLogin({ phone, password }, '10.9.9.9');
  }

  it('changing one’s password refuses bad input (nothing stored) and then ends every session', async () => {
    const kader = await actorFor(db, KADER2);
    expect((await signIn(KADER2)).ok).toBe(true);
    expect((await signIn(KADER2)).ok).toBe(true);
    expect(await openSessions(kader.id)).toBeGreaterThanOrEqual(2);
    const before = await rowCounts(db);
    const [{ hash: hashBefore }] = (await db.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, kader.id))) as [{ hash: string }];

    const cases: [unknown, Record<string, string>][] = [
      [{ current: 'salah-sekali', password: 'Melati-Pagi 7', confirm: 'Melati-Pagi 7' }, { current: 'validation.passwordWrong' }],
      [{ current: DEMO_PASSWORD, password: 'pendek', confirm: 'pendek' }, { password: 'validation.passwordTooShort' }],
      [{ current: DEMO_PASSWORD, password: '081220000002', confirm: '081220000002' }, { password: 'validation.passwordIsPhone' }],
      [{ current: DEMO_PASSWORD, password: 'bismillah', confirm: 'bismillah' }, { password: 'validation.passwordCommon' }],
      [{ current: DEMO_PASSWORD, password: 'Melati-Pagi 7', confirm: 'Melati-Pagi 8' }, { confirm: 'validation.passwordMismatch' }],
      [{ current: DEMO_PASSWORD, password: DEMO_PASSWORD, confirm: DEMO_PASSWORD }, { password: 'validation.passwordSame' }],
      [{ current: DEMO_PASSWORD, password: 'x'.repeat(10_000), confirm: 'x' }, { password: 'validation.passwordTooLong' }],
      [
        { current: 42, password: null },
        { current: 'validation.required', password: 'validation.required' },
      ],
      [{}, { current: 'validation.required' }],
    ];
    for (const [input, errors] of cases) {
      const r = await changeOwnPassword(kader, input);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.fieldErrors).toMatchObject(errors);
    }
    expect(await rowCounts(db)).toEqual(before);
    const [{ hash: hashAfter }] = (await db.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, kader.id))) as [{ hash: string }];
    expect(hashAfter).toBe(hashBefore);

    const [{ sv }] = (await db.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, kader.id))) as [{ sv: number }];
    expect(await changeOwnPassword(kader, { current: DEMO_PASSWORD, password: 'Melati-Pagi 7', confirm: 'Melati-Pagi 7' })).toEqual({ ok: true });
    expect(await openSessions(kader.id)).toBe(0);
    const [{ sv: sv2 }] = (await db.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, kader.id))) as [{ sv: number }];
    expect(sv2).toBe(sv + 1);
    const [audit] = await db.db.select().from(auditLog).where(eq(auditLog.entityId, kader.id)).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'user.password.change', userId: kader.id });
    expect((await signIn(KADER2)).ok).toBe(false);
    expect((await signIn(KADER2, 'Melati-Pagi 7')).ok).toBe(true);
  });

  it('ending one’s own sessions closes every session and is audited', async () => {
    const ibu = await actorFor(db, IBU);
    await signIn(IBU);
    await signIn(IBU);
    expect(await openSessions(ibu.id)).toBeGreaterThanOrEqual(2);
    await endOwnSessions(ibu);
    expect(await openSessions(ibu.id)).toBe(0);
    const [a] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ibu.id), eq(auditLog.action, 'user.sessions.end')));
    expect(a).toBeTruthy();
  });

  it('staff list only the kaders of their puskesmas; admin lists every role; a kader is refused', async () => {
    const staff = await actorFor(db, STAFF);
    const list = await listAccounts(staff, {});
    expect(list.rows.length).toBeGreaterThan(3);
    expect(new Set(list.rows.map((r) => r.role))).toEqual(new Set(['kader']));
    expect(list.roles).toEqual(['kader']);
    const other = await actorFor(db, OTHER_STAFF);
    const otherNames = new Set((await listAccounts(other, {})).rows.map((r) => r.name));
    for (const r of list.rows) expect(otherNames.has(r.name)).toBe(false);
    // A role filter outside the staff's reach is ignored, never widening the list.
    expect(new Set((await listAccounts(staff, { role: 'admin' })).rows.map((r) => r.role))).toEqual(new Set(['kader']));

    const admin = await actorFor(db, ADMIN);
    const all = await listAccounts(admin, { role: 'staff' });
    expect(all.rows.map((r) => r.role)).toContain('staff');
    expect(all.rows.every((r) => r.role === 'staff')).toBe(true);
    const found = await listAccounts(admin, { q: '0812-2000-0007' });
    expect(found.rows.map((r) => r.name)).toEqual(['Iis Aisyah']);

    await expect(listAccounts(await actorFor(db, KADER), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAccounts(await actorFor(db, IBU), {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('staff disable a kader: every session ends at once, sign-in is refused, it is audited with the reason; enabling restores', async () => {
    const staff = await actorFor(db, STAFF);
    const kader = await actorFor(db, KADER3);
    expect((await signIn(KADER3)).ok).toBe(true);
    expect(await openSessions(kader.id)).toBeGreaterThanOrEqual(1);

    const before = await rowCounts(db);
    for (const bad of [
      { userId: kader.id, action: 'disable', reason: '' },
      { userId: kader.id, action: 'disable', reason: '   ' },
      { userId: kader.id, action: 'disable', reason: 'x'.repeat(10_000) },
      { userId: kader.id, action: 'drop table users', reason: 'alasan' },
      { userId: 'not-a-uuid', action: 'disable', reason: 'alasan' },
    ]) {
      const r = await manageAccount(staff, bad);
      expect(r.ok).toBe(false);
    }
    expect(await rowCounts(db)).toEqual(before);

    expect(await manageAccount(staff, { userId: kader.id, action: 'disable', reason: 'Pindah ke luar kota' })).toEqual({ ok: true, action: 'disable' });
    expect(await openSessions(kader.id)).toBe(0);
    expect((await db.db.select({ active: users.active }).from(users).where(eq(users.id, kader.id)))[0]!.active).toBe(false);
    expect((await signIn(KADER3)).ok).toBe(false);
    const [a] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, kader.id), eq(auditLog.action, 'user.disable')));
    expect(a).toMatchObject({ userId: staff.id, reason: 'Pindah ke luar kota', before: { active: true }, after: { active: false } });

    expect(await manageAccount(staff, { userId: kader.id, action: 'enable', reason: 'Kembali bertugas' })).toEqual({ ok: true, action: 'enable' });
    expect((await signIn(KADER3)).ok).toBe(true);
  });

  it('who may manage whom: staff not staff, nobody across puskesmas, kader and ibu never, nobody disables oneself', async () => {
    const staff = await actorFor(db, STAFF);
    const staff2 = await actorFor(db, STAFF2);
    const admin = await actorFor(db, ADMIN);
    const kader = await actorFor(db, KADER);
    const other = await actorFor(db, OTHER_STAFF);
    const before = await rowCounts(db);
    await expect(manageAccount(staff, { userId: staff2.id, action: 'disable', reason: 'coba' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manageAccount(staff, { userId: admin.id, action: 'endSessions', reason: 'coba' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manageAccount(other, { userId: kader.id, action: 'disable', reason: 'coba' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(manageAccount(kader, { userId: staff.id, action: 'disable', reason: 'coba' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manageAccount(await actorFor(db, IBU), { userId: kader.id, action: 'disable', reason: 'coba' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manageAccount(admin, { userId: admin.id, action: 'disable', reason: 'coba' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts(db)).toEqual(before);

    // The admin ends a staff member's sessions.
    expect((await signIn(STAFF2)).ok).toBe(true);
    expect(await manageAccount(admin, { userId: staff2.id, action: 'endSessions', reason: 'Laptop hilang' })).toEqual({ ok: true, action: 'endSessions' });
    expect(await openSessions(staff2.id)).toBe(0);
    expect((await signIn(STAFF2)).ok).toBe(true); // still active: she may sign in again
  });

  it('opening a baby’s record is audited for staff and kaders (not for the mother herself) and found by record', async () => {
    const admin = await actorFor(db, ADMIN);
    const staff = await actorFor(db, STAFF);
    const ibu = await actorFor(db, IBU);
    const [b] = await db.db.select({ id: babies.id }).from(babies).where(eq(babies.motherId, ibu.motherId!)).limit(1);
    const views = async () => (await listAudit(admin, { entity: 'baby', record: b!.id })).rows.filter((r) => r.action === 'baby.view');
    const before = (await views()).length;
    await babyDetail(staff, b!.id);
    const after = await views();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ userId: staff.id, action: 'baby.view', entityId: b!.id });
    await babyDetail(ibu, b!.id).catch(() => null);
    expect((await views()).length).toBe(before + 1);
  });

  it('the audit log: admin only, own puskesmas only, filtered by user, record and date', async () => {
    const admin = await actorFor(db, ADMIN);
    const staff = await actorFor(db, STAFF);
    await expect(listAudit(staff, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAudit(await actorFor(db, KADER), {})).rejects.toBeInstanceOf(ForbiddenError);

    const all = await listAudit(admin, {});
    expect(all.rows.length).toBeGreaterThan(0);
    const mine = (await db.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.puskesmasId, admin.puskesmasId))).map((r) => r.id);
    for (const r of all.rows) expect(mine).toContain(r.id);

    const byStaff = await listAudit(admin, { user: staff.id });
    expect(byStaff.rows.length).toBeGreaterThan(0);
    expect(byStaff.rows.every((r) => r.userId === staff.id)).toBe(true);

    const kader3 = await actorFor(db, KADER3);
    const byRecord = await listAudit(admin, { entity: 'user', record: kader3.id });
    expect(byRecord.rows.map((r) => r.action).sort()).toEqual(['user.disable', 'user.enable']);
    expect(byRecord.rows.find((r) => r.action === 'user.disable')).toMatchObject({ reason: 'Pindah ke luar kota', changed: ['active'] });

    // Today (UTC+7) holds the entries written by this test; a range in the past holds none of them.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: all.timeZone }).format(new Date());
    expect((await listAudit(admin, { entity: 'user', record: kader3.id, from: today, to: today })).rows).toHaveLength(2);
    expect((await listAudit(admin, { entity: 'user', record: kader3.id, from: '2020-01-01', to: '2020-12-31' })).rows).toHaveLength(0);
    // Bad filters are dropped, never an error.
    expect((await listAudit(admin, { user: "1' or 1=1", from: 'kemarin', entity: 'DROP TABLE' })).rows.length).toBe(all.rows.length);
  });
});
