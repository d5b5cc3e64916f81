/**
 * Adding and editing accounts (issue #18, point 3) on the demo data, on every backend: who may
 * create which role, the phone as an installation-wide unique login (two messages), a kader in
 * several posyandu and moved to another keeping her visits, activation codes (create, activate,
 * reissue), and hostile input that must write nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { activationCodes, auditLog, babies, kaderAssignments, kaderPosyandu, mothers, posyandu, users, villages, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { verifyLogin } from '@/lib/auth/login';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import {
  createAccount,
  getAccount,
  listAccounts,
  manageAccount,
  newAccountContext,
  PHONE_TAKEN_ELSEWHERE,
  PHONE_TAKEN_HERE,
  reissueActivationCode,
  updateAccount,
} from '@/lib/data/accounts';
import { hashActivationCode } from '@/lib/data/activation';
import { activateAccount } from '@/lib/data/mothers';
import { coverageDashboard, kaderSummary } from '@/lib/data/coverage';
import { motherRegistry } from '@/lib/data/registry';
import { normalizePhone } from '@/lib/domain';
import { actorFor, BACKENDS, fingerprint, rowCounts, useDatabase, type TestDb, demoActors } from './support';

const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;
const OTHER_STAFF = '0811-1000-0101';
const PASSWORD = 'Kader-Baru-2026!';

describe.each(BACKENDS)('adding and editing accounts on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let ibu: Actor;
  let otherStaff: Actor;
  /** Active posyandu of the demo puskesmas, in list order (village name, posyandu name). */
  let places: { id: string; name: string; villageId: string }[];
  let foreignPosyanduId: string;
  let phoneSeq = 0;
  /** A fresh, valid phone in the form 0812-7xxx-xxxx. */
  const freshPhone = () => `0812-7${String(++phoneSeq).padStart(3, '0')}-${String(1000 + phoneSeq)}`;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    ({ admin, staff, kader, ibu, otherStaff } = await demoActors(db));
    places = await db.db
      .select({ id: posyandu.id, name: posyandu.name, villageId: posyandu.villageId })
      .from(posyandu)
      .innerJoin(villages, eq(villages.id, posyandu.villageId))
      .where(and(eq(posyandu.puskesmasId, admin.puskesmasId), eq(posyandu.active, true), eq(villages.active, true)))
      .orderBy(asc(villages.name), asc(posyandu.name));
    const [f] = await db.db.select({ id: posyandu.id }).from(posyandu).where(ne(posyandu.puskesmasId, admin.puskesmasId)).limit(1);
    foreignPosyanduId = f!.id;
    expect(places.length).toBeGreaterThanOrEqual(3);
    expect(otherStaff.puskesmasId).not.toBe(admin.puskesmasId);
  }, 180_000);
  afterAll(() => db.dispose());

  /** Runs `work`, then proves that no table changed its row count. */
  async function writesNothing<T>(work: () => Promise<T>): Promise<T> {
    const before = await rowCounts(db);
    const out = await work();
    expect(await rowCounts(db)).toEqual(before);
    return out;
  }
  async function refusedWith(error: typeof ForbiddenError | typeof NotFoundError, work: () => Promise<unknown>) {
    await writesNothing(() => expect(work()).rejects.toBeInstanceOf(error));
  }
  const userByPhone = async (phone: string) =>
    (
      await db.db
        .select()
        .from(users)
        .where(eq(users.phone, normalizePhone(phone)!))
    )[0];
  const rowsOfKader = async (id: string) =>
    (await db.db.select({ id: kaderPosyandu.posyanduId }).from(kaderPosyandu).where(eq(kaderPosyandu.kaderId, id))).map((r) => r.id).sort();

  it('the admin creates staff and admin accounts: no password, one activation code (hash only), an audit row without the code', async () => {
    for (const [role, phoneOf] of [
      ['staff', (p: string) => p],
      ['admin', (p: string) => `62${p.replace(/-/g, '').slice(1)}`],
    ] as const) {
      const phone = freshPhone();
      const res = await createAccount(admin, { role, name: `Siti ${role === 'staff' ? 'Aminah' : 'Rahma'}, A.Md.Keb.`, phone: phoneOf(phone) });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const u = (await db.db.select().from(users).where(eq(users.id, res.userId)))[0]!;
      expect(u).toMatchObject({
        role,
        puskesmasId: admin.puskesmasId,
        phone: normalizePhone(phone),
        passwordHash: null,
        posyanduId: null,
        villageId: null,
        active: true,
      });
      expect(res.code).toMatch(/^[A-Z2-9]{8}$/);
      const codes = await db.db.select().from(activationCodes).where(eq(activationCodes.userId, res.userId));
      expect(codes).toHaveLength(1);
      expect(codes[0]!.codeHash).toBe(hashActivationCode(res.code));
      expect(codes[0]!.usedAt).toBeNull();
      expect(codes[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      const log = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, res.userId), eq(auditLog.action, 'user.create')));
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ entity: 'user', userId: admin.id, puskesmasId: admin.puskesmasId });
      const logged = JSON.stringify(log[0]);
      expect(logged).not.toContain(res.code);
      expect(logged).not.toContain(codes[0]!.codeHash);
      expect(await rowsOfKader(res.userId)).toEqual([]);
    }
  });

  it('the admin creates a kader in two posyandu: the first in list order is her home one, each chosen posyandu gets a row', async () => {
    const [a, b] = [places[0]!, places[2]!];
    const res = await createAccount(admin, { role: 'kader', name: 'Euis Rohaeti', phone: `+62${freshPhone().replace(/-/g, '').slice(1)}`, posyanduIds: [b.id, a.id] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const u = (await db.db.select().from(users).where(eq(users.id, res.userId)))[0]!;
    expect(u).toMatchObject({ role: 'kader', posyanduId: a.id, villageId: a.villageId });
    expect(await rowsOfKader(res.userId)).toEqual([a.id, b.id].sort());
    // An explicit "posyandu utama".
    const res2 = await createAccount(admin, { role: 'kader', name: 'Yayah Rukayah', phone: freshPhone(), posyanduIds: [a.id, b.id], homePosyanduId: b.id });
    expect(res2.ok).toBe(true);
    if (!res2.ok) return;
    const u2 = (await db.db.select().from(users).where(eq(users.id, res2.userId)))[0]!;
    expect(u2).toMatchObject({ posyanduId: b.id, villageId: b.villageId });
    expect(await rowsOfKader(res2.userId)).toEqual([a.id, b.id].sort());
  });

  it('staff create a kader, and only a kader: admin and staff accounts are refused and write nothing', async () => {
    expect((await newAccountContext(staff)).roles).toEqual(['kader']);
    expect((await newAccountContext(admin)).roles).toEqual(['admin', 'staff', 'kader']);
    const res = await createAccount(staff, { role: 'kader', name: 'Nurhayati', phone: freshPhone(), posyanduIds: [places[1]!.id] });
    expect(res.ok).toBe(true);
    for (const role of ['admin', 'staff']) {
      await refusedWith(ForbiddenError, () => createAccount(staff, { role, name: 'Orang Lain', phone: freshPhone() }));
    }
  });

  it('kader and ibu are refused every new action; nothing is written', async () => {
    const [someKader] = await db.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.puskesmasId, admin.puskesmasId), eq(users.role, 'kader'), ne(users.id, kader.id)))
      .limit(1);
    for (const actor of [kader, ibu]) {
      await refusedWith(ForbiddenError, () => newAccountContext(actor));
      await refusedWith(ForbiddenError, () => createAccount(actor, { role: 'kader', name: 'Ani Lestari', phone: freshPhone(), posyanduIds: [places[0]!.id] }));
      await refusedWith(ForbiddenError, () => getAccount(actor, someKader!.id));
      await refusedWith(ForbiddenError, () => updateAccount(actor, { userId: someKader!.id, name: 'Ani Lestari', posyanduIds: [places[0]!.id] }));
      await refusedWith(ForbiddenError, () => reissueActivationCode(actor, { userId: someKader!.id }));
    }
  });

  it("staff of another puskesmas get NotFound on this puskesmas's accounts and cannot assign its posyandu", async () => {
    for (const id of [kader.id, staff.id, admin.id]) {
      await refusedWith(NotFoundError, () => getAccount(otherStaff, id));
      await refusedWith(NotFoundError, () => updateAccount(otherStaff, { userId: id, name: 'Nama Baru', posyanduIds: [places[0]!.id] }));
      await refusedWith(NotFoundError, () => reissueActivationCode(otherStaff, { userId: id }));
    }
    const res = await writesNothing(() => createAccount(otherStaff, { role: 'kader', name: 'Kader Asing', phone: freshPhone(), posyanduIds: [places[0]!.id] }));
    expect(res).toEqual({ ok: false, fieldErrors: { posyanduIds: 'accountsNew.errors.posyanduInvalid' } });
    // Staff of this puskesmas cannot open an admin or staff account either (only kaders).
    await refusedWith(NotFoundError, () => getAccount(staff, admin.id));
    await refusedWith(NotFoundError, () => updateAccount(staff, { userId: admin.id, name: 'Hendra' }));
  });

  it('a phone already used in this puskesmas or in another one gets its own message; nothing is written', async () => {
    for (const [actor, phone, message] of [
      [admin, login('kader'), PHONE_TAKEN_HERE],
      [admin, login('ibu'), PHONE_TAKEN_HERE],
      [staff, `+62${login('staff').replace(/-/g, '').slice(1)}`, PHONE_TAKEN_HERE],
      [admin, OTHER_STAFF, PHONE_TAKEN_ELSEWHERE],
      [otherStaff, login('admin'), PHONE_TAKEN_ELSEWHERE],
    ] as const) {
      const role = actor.role === 'admin' ? 'staff' : 'kader';
      const posyanduIds = actor === otherStaff ? [] : [places[0]!.id];
      if (actor === otherStaff) {
        const [p] = await db.db
          .select({ id: posyandu.id })
          .from(posyandu)
          .where(and(eq(posyandu.puskesmasId, otherStaff.puskesmasId), eq(posyandu.active, true)))
          .limit(1);
        posyanduIds.push(p!.id);
      }
      const res = await writesNothing(() => createAccount(actor, { role, name: 'Dewi Sartika', phone, posyanduIds }));
      expect(res).toEqual({ ok: false, fieldErrors: { phone: message } });
    }
    expect(PHONE_TAKEN_HERE).toBe('accountsNew.errors.phoneTakenHere');
    expect(PHONE_TAKEN_ELSEWHERE).toBe('accountsNew.errors.phoneTakenElsewhere');
  });

  it('a double submit creates one account; two creates at once too — the other gets the duplicate message, never an error', async () => {
    const input = { role: 'kader', name: 'Imas Masitoh', phone: freshPhone(), posyanduIds: [places[0]!.id] };
    const first = await createAccount(staff, input);
    expect(first.ok).toBe(true);
    const again = await writesNothing(() => createAccount(staff, input));
    expect(again).toEqual({ ok: false, fieldErrors: { phone: PHONE_TAKEN_HERE } });

    const both = { ...input, phone: freshPhone() };
    const before = await rowCounts(db);
    const results = await Promise.all([createAccount(staff, both), createAccount(admin, both)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, fieldErrors: { phone: PHONE_TAKEN_HERE } });
    const after = await rowCounts(db);
    expect(after.users).toBe(before.users! + 1);
    expect(after.activation_codes).toBe(before.activation_codes! + 1);
    expect(after.kader_posyandu).toBe(before.kader_posyandu! + 1);
  });

  it('a kader in two posyandu reads the mothers of both', async () => {
    const [a, b] = [places[0]!, places[1]!];
    const phone = freshPhone();
    const res = await createAccount(staff, { role: 'kader', name: 'Cucu Sumarni', phone, posyanduIds: [a.id, b.id] });
    expect(res.ok).toBe(true);
    const two = await actorFor(db, phone);
    expect([...(two.posyanduIds ?? [])].sort()).toEqual([a.id, b.id].sort());
    for (const p of [a, b]) {
      const seenByStaff = await motherRegistry(staff, { posyandu: p.id });
      expect(seenByStaff.total).toBeGreaterThan(0);
      expect((await motherRegistry(two, { posyandu: p.id })).total).toBe(seenByStaff.total);
    }
    const everything = await motherRegistry(two, {});
    expect(new Set(everything.rows.map((r) => r.posyandu)).size).toBeGreaterThanOrEqual(1);
    expect(everything.total).toBe((await motherRegistry(staff, { posyandu: a.id })).total + (await motherRegistry(staff, { posyandu: b.id })).total);
    // Staff filtering the registry by this kader find the mothers of both posyandu.
    expect((await motherRegistry(staff, { kader: res.ok ? res.userId : '' })).total).toBe(everything.total);
    // The dashboard's kader table lists her once, with both posyandu, home one first.
    const board = await coverageDashboard(staff, { month: null, villageId: null, posyanduId: null });
    const rows = board.kaders.filter((k) => k.name === 'Cucu Sumarni');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.posyanduName).toBe(`${a.name}, ${b.name}`);
    // Her summary reads one posyandu at a time: the one she picks, else her home one; never another's.
    const home = await kaderSummary(two, { month: null });
    expect(home).toMatchObject({ posyanduId: a.id, posyanduName: a.name });
    expect(home.posyanduChoices.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(await kaderSummary(two, { month: null, posyanduId: b.id })).toMatchObject({ posyanduId: b.id, posyanduName: b.name });
    expect(await kaderSummary(two, { month: null, posyanduId: places[2]!.id })).toMatchObject({ posyanduId: a.id });
  });

  it('a kader moved to another posyandu keeps her visits and reads the new posyandu, not the old', async () => {
    const oldId = kader.posyanduId!;
    const target = places.find((p) => p.id !== oldId && !(kader.posyanduIds ?? []).includes(p.id))!;
    const visitsOf = async () =>
      (await db.db.select({ id: visits.id, babyId: visits.babyId }).from(visits).where(eq(visits.kaderId, kader.id)).orderBy(visits.id)).map(
        (v) => `${v.id}:${v.babyId}`,
      );
    const babiesOf = async (ids: string[]) =>
      db.db
        .select({ id: babies.id, motherId: babies.motherId, posyanduId: mothers.posyanduId })
        .from(babies)
        .innerJoin(mothers, eq(mothers.id, babies.motherId))
        .where(inArray(babies.id, ids))
        .orderBy(babies.id);
    const visitsBefore = await visitsOf();
    expect(visitsBefore.length).toBeGreaterThan(0);
    const babyIds = [...new Set(visitsBefore.map((v) => v.split(':')[1]!))];
    const babiesBefore = await babiesOf(babyIds);
    const oldBefore = await motherRegistry(staff, { posyandu: oldId });
    expect((await motherRegistry(kader, { posyandu: oldId })).total).toBe(oldBefore.total);

    // A mother of her old posyandu assigned to her by name goes with the posyandu she leaves.
    const [oldMother] = await db.db.select({ id: mothers.id }).from(mothers).where(eq(mothers.posyanduId, oldId)).limit(1);
    await db.db.insert(kaderAssignments).values({ puskesmasId: kader.puskesmasId, kaderId: kader.id, motherId: oldMother!.id }).onConflictDoNothing();

    const [{ name }] = (await db.db.select({ name: users.name }).from(users).where(eq(users.id, kader.id))) as [{ name: string }];
    const res = await updateAccount(staff, { userId: kader.id, name, posyanduIds: [target.id] });
    expect(res).toEqual({ ok: true, changed: true });

    expect(await visitsOf()).toEqual(visitsBefore);
    expect(await babiesOf(babyIds)).toEqual(babiesBefore);
    const u = (await db.db.select().from(users).where(eq(users.id, kader.id)))[0]!;
    expect(u).toMatchObject({ posyanduId: target.id, villageId: target.villageId });
    expect(await rowsOfKader(kader.id)).toEqual([target.id]);
    const moved = await actorFor(db, login('kader'));
    expect(moved.posyanduIds).toEqual([target.id]);
    expect((await motherRegistry(moved, { posyandu: target.id })).total).toBe((await motherRegistry(staff, { posyandu: target.id })).total);
    // In the old posyandu she sees nobody: her assignments there ended with the move.
    const assigned = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(kaderAssignments)
      .innerJoin(mothers, eq(mothers.id, kaderAssignments.motherId))
      .where(and(eq(kaderAssignments.kaderId, kader.id), eq(mothers.posyanduId, oldId)));
    expect(Number(assigned[0]!.n)).toBe(0);
    expect((await motherRegistry(moved, { posyandu: oldId })).total).toBe(0);
    const log = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, kader.id), eq(auditLog.action, 'user.update')));
    expect(log).toHaveLength(1);
    expect(log[0]!.before).toMatchObject({ posyanduId: oldId });
    expect(log[0]!.after).toMatchObject({ posyanduId: target.id, posyanduIds: [target.id] });
    // The same move again changes nothing and writes nothing.
    expect(await writesNothing(() => updateAccount(staff, { userId: kader.id, name, posyanduIds: [target.id] }))).toEqual({ ok: true, changed: false });
    // Renaming works for the admin on a staff account.
    expect(await updateAccount(admin, { userId: staff.id, name: 'Sri Wahyuni, S.Tr.Keb.' })).toEqual({ ok: true, changed: true });
    expect((await getAccount(admin, staff.id)).name).toBe('Sri Wahyuni, S.Tr.Keb.');
  });

  it('a new account activates with its code and then signs in; a reissued code invalidates the old one', async () => {
    const phone = freshPhone();
    const res = await createAccount(staff, { role: 'kader', name: 'Tati Sumiati', phone, posyanduIds: [places[0]!.id] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(await getAccount(staff, res.userId)).toMatchObject({ activated: false, role: 'kader', posyanduIds: [places[0]!.id] });
    const reissued = await reissueActivationCode(staff, { userId: res.userId });
    expect(reissued.ok).toBe(true);
    if (!reissued.ok) return;
    expect(reissued.code).not.toBe(res.code);
    const log = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.userId), eq(auditLog.action, 'user.activation.reissue')));
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log[0])).not.toContain(reissued.code);
    expect(JSON.stringify(log[0])).not.toContain(hashActivationCode(reissued.code));

    const old = await activateAccount({ phone, code: res.code, password: PASSWORD, confirm: PASSWORD }, '203.0.113.7');
    expect(old).toEqual({ ok: false, formError: 'activation.invalid' });
    expect(await activateAccount({ phone, code: reissued.code, password: PASSWORD, confirm: PASSWORD }, '203.0.113.7')).toEqual({ ok: true });
    const signedIn = await verifyLogin({ phone, password: PASSWORD }, '203.0.113.7');
    expect(signedIn.ok).toBe(true);
    if (signedIn.ok) expect(signedIn.user).toMatchObject({ id: res.userId, role: 'kader' });
    expect(await getAccount(staff, res.userId)).toMatchObject({ activated: true, codeExpiresAt: null });

    // Now she has a password: a new code would replace it, so it needs a reason (audited), and
    // using it ends her sessions.
    expect(await writesNothing(() => reissueActivationCode(staff, { userId: res.userId }))).toEqual({ ok: false, formError: 'accountsNew.errors.reasonRequired' });
    expect(await writesNothing(() => reissueActivationCode(staff, { userId: res.userId, reason: 'lupa' }))).toEqual({
      ok: false,
      formError: 'accountsNew.errors.reasonRequired',
    });
    const again = await reissueActivationCode(staff, { userId: res.userId, reason: 'Lupa kata sandi, datang ke puskesmas' });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const [why] = await db.db
      .select({ reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.userId), eq(auditLog.action, 'user.activation.reissue')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(why!.reason).toBe('Lupa kata sandi, datang ke puskesmas');
    const [userBefore] = await db.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, res.userId));
    expect(await activateAccount({ phone, code: again.code, password: `${PASSWORD}x`, confirm: `${PASSWORD}x` }, '203.0.113.7')).toEqual({ ok: true });
    const [userAfter] = await db.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, res.userId));
    expect(userAfter!.sv).toBeGreaterThan(userBefore!.sv);

    // An admin account activates the same way.
    const adminPhone = freshPhone();
    const a = await createAccount(admin, { role: 'admin', name: 'Agus Salim', phone: adminPhone });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(await activateAccount({ phone: adminPhone, code: a.code, password: PASSWORD, confirm: PASSWORD }, '203.0.113.8')).toEqual({ ok: true });
    expect((await verifyLogin({ phone: adminPhone, password: PASSWORD }, '203.0.113.8')).ok).toBe(true);

    // One does not reissue one's own code; a disabled account gets none.
    await refusedWith(ForbiddenError, () => reissueActivationCode(admin, { userId: admin.id }));
    expect((await manageAccount(staff, { userId: res.userId, action: 'disable', reason: 'pindah tugas' })).ok).toBe(true);
    expect(await writesNothing(() => reissueActivationCode(staff, { userId: res.userId }))).toEqual({ ok: false, formError: 'accountsNew.errors.inactive' });
    expect((await manageAccount(staff, { userId: res.userId, action: 'enable', reason: 'kembali bertugas' })).ok).toBe(true);
    const listed = await listAccounts(staff, {});
    expect(listed.rows.find((r) => r.id === res.userId)).toMatchObject({ active: true });
  });

  it('hostile input per field is refused with a field message and writes nothing', async () => {
    const long = 'x'.repeat(10_000);
    const script = '<script>alert(1)</script>';
    const good = { role: 'kader', name: 'Neneng Hasanah', phone: freshPhone(), posyanduIds: [places[0]!.id] };
    // An inactive posyandu of this puskesmas.
    const [inactive] = await db.db
      .update(posyandu)
      .set({ active: false })
      .where(eq(posyandu.id, places[places.length - 1]!.id))
      .returning({ id: posyandu.id });
    try {
      const cases: [string, Record<string, unknown>, string, string][] = [
        ['empty name', { name: '' }, 'name', 'validation.required'],
        ['whitespace name', { name: '   ' }, 'name', 'validation.required'],
        ['10,000-character name', { name: long }, 'name', 'validation.tooLong'],
        ['script tags in the name', { name: script }, 'name', 'accountsNew.errors.nameChars'],
        ['markup inside a name', { name: 'Ani <b>Lestari</b>' }, 'name', 'accountsNew.errors.nameChars'],
        ['a number as name', { name: 12345 }, 'name', 'validation.required'],
        ['no name', { name: undefined }, 'name', 'validation.required'],
        ['empty phone', { phone: '' }, 'phone', 'validation.required'],
        ['10,000-character phone', { phone: long }, 'phone', 'validation.phoneInvalid'],
        ['script tags as phone', { phone: script }, 'phone', 'validation.phoneInvalid'],
        ['letters in the phone', { phone: '0812-abcd-efgh' }, 'phone', 'validation.phoneInvalid'],
        ['a short phone', { phone: '0812' }, 'phone', 'validation.phoneInvalid'],
        ['a landline', { phone: '021-555-1234' }, 'phone', 'validation.phoneInvalid'],
        ['unknown role', { role: 'superuser' }, 'role', 'accountsNew.errors.role'],
        ['role ibu', { role: 'ibu' }, 'role', 'accountsNew.errors.role'],
        ['empty role', { role: '' }, 'role', 'accountsNew.errors.role'],
        ['script tags as role', { role: script }, 'role', 'accountsNew.errors.role'],
        ['no posyandu for a kader', { posyanduIds: [] }, 'posyanduIds', 'accountsNew.errors.posyanduRequired'],
        ['a malformed posyandu id', { posyanduIds: ['not-a-uuid'] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['script tags as posyandu id', { posyanduIds: [script] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['a 10,000-character posyandu id', { posyanduIds: long }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['an unknown posyandu id', { posyanduIds: [randomUUID()] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ["another puskesmas's posyandu", { posyanduIds: [places[0]!.id, foreignPosyanduId] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['an inactive posyandu', { posyanduIds: [inactive!.id] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['too many posyandu ids', { posyanduIds: Array.from({ length: 500 }, () => randomUUID()) }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['a malformed home posyandu', { homePosyanduId: 'nope' }, 'homePosyanduId', 'accountsNew.errors.homeInvalid'],
        ['a home posyandu not chosen', { homePosyanduId: places[1]!.id }, 'homePosyanduId', 'accountsNew.errors.homeInvalid'],
        ["another puskesmas's home posyandu", { homePosyanduId: foreignPosyanduId }, 'homePosyanduId', 'accountsNew.errors.homeInvalid'],
      ];
      for (const [what, patch, field, message] of cases) {
        for (const actor of [staff, admin]) {
          const res = await writesNothing(() => createAccount(actor, { ...good, ...patch }));
          expect(res.ok, what).toBe(false);
          if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors], what).toBe(message);
        }
      }
      // Editing: the same rules on the name and the posyandu; malformed or foreign account ids are not found.
      const editCases: [string, Record<string, unknown>, string, string][] = [
        ['empty name', { name: '' }, 'name', 'validation.required'],
        ['10,000-character name', { name: long }, 'name', 'validation.tooLong'],
        ['script tags in the name', { name: script }, 'name', 'accountsNew.errors.nameChars'],
        ['no posyandu', { posyanduIds: [] }, 'posyanduIds', 'accountsNew.errors.posyanduRequired'],
        ['a malformed posyandu id', { posyanduIds: ['1; drop table users'] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ["another puskesmas's posyandu", { posyanduIds: [foreignPosyanduId] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
        ['an inactive posyandu she is not in', { posyanduIds: [inactive!.id] }, 'posyanduIds', 'accountsNew.errors.posyanduInvalid'],
      ];
      const [k2] = await db.db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.phone, normalizePhone(login('kader', 1))!));
      for (const [what, patch, field, message] of editCases) {
        const res = await writesNothing(() => updateAccount(staff, { userId: k2!.id, name: k2!.name, posyanduIds: [places[1]!.id], ...patch }));
        expect(res.ok, what).toBe(false);
        if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors], what).toBe(message);
      }
      const [foreignUser] = await db.db.select({ id: users.id }).from(users).where(eq(users.puskesmasId, otherStaff.puskesmasId)).limit(1);
      for (const userId of ['', 'not-a-uuid', script, long, randomUUID(), foreignUser!.id, null, 42]) {
        await refusedWith(NotFoundError, () => updateAccount(admin, { userId, name: 'Nama Baru' }));
        await refusedWith(NotFoundError, () => reissueActivationCode(admin, { userId }));
        await refusedWith(NotFoundError, () => getAccount(admin, userId as string));
      }
      expect(await userByPhone(good.phone)).toBeUndefined();
    } finally {
      await db.db.update(posyandu).set({ active: true }).where(eq(posyandu.id, inactive!.id));
    }
  });
  it('each write fails as a whole when its audit row cannot be written (one transaction)', async () => {
    const phone = freshPhone();
    const made = await createAccount(admin, { role: 'kader', name: 'Enung Nurhasanah', phone, posyanduIds: [places[0]!.id] });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    await db.db.execute(sql`create or replace function kekasihku_test_fail_account_audit() returns trigger language plpgsql as $$
      begin raise exception 'forced failure after the write'; end $$`);
    await db.db.execute(
      sql`create trigger kekasihku_test_fail_account_audit before insert on audit_log for each row execute function kekasihku_test_fail_account_audit()`,
    );
    try {
      const before = await fingerprint(db);
      await expect(createAccount(admin, { role: 'staff', name: 'Ujang Sopandi', phone: freshPhone() })).rejects.toThrow();
      await expect(updateAccount(admin, { userId: made.userId, name: 'Enung N.', posyanduIds: [places[1]!.id] })).rejects.toThrow();
      await expect(reissueActivationCode(admin, { userId: made.userId })).rejects.toThrow();
      expect(await fingerprint(db)).toEqual(before);
    } finally {
      await db.db.execute(sql`drop trigger if exists kekasihku_test_fail_account_audit on audit_log`);
    }
  });
});
