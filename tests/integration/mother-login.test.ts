/**
 * Decision 054, "A phone that is a login outside the registrar's scope": a mother registered
 * without a login (her number was another account's) gets one from staff of her puskesmas,
 * with an activation code that works. Once only (a lock on the mother); a number that is
 * already a login is refused on the field — named as taken for this puskesmas, neutral for any
 * other — and writes nothing; a kader, a mother and staff of another puskesmas are refused and
 * write nothing; hostile input is refused cleanly.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { activationCodes, auditLog, mothers, users } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { activateAccount, giveMotherLogin, motherLoginOf, PHONE_UNUSABLE, registerMother } from '@/lib/data/mothers';
import { BACKENDS, demoActors, fingerprint, useDatabase, type TestDb } from './support';

/** A login of the other puskesmas (its staff), and of this puskesmas (its staff), from the demo data. */
const OTHER_PUSKESMAS_LOGIN = '+6281110000101';
const OWN_PUSKESMAS_LOGIN = '+6281110000002';

describe.each(BACKENDS)('a login for a mother registered without one on $name', (backend) => {
  let db: TestDb;
  let a: Awaited<ReturnType<typeof demoActors>>;
  const today = isoToday('Asia/Jakarta');
  let n = 0;
  /** Logins of other puskesmas: each registration uses its own (one number is one mother of a puskesmas). */
  let elsewhere: string[] = [];
  /** A fresh number nobody uses. */
  const freshPhone = () => {
    n += 1;
    return `0858-7777-${String(1000 + n)}`;
  };

  /** Registers a mother whose number is another puskesmas's login: she has no login. */
  const motherWithoutLogin = async (by: Actor = a.staff) => {
    n += 1;
    const phone = elsewhere.shift();
    if (!phone) throw new Error('no logins of another puskesmas left');
    const res = await registerMother(by, {
      id: randomUUID(),
      name: `Ibu Tanpa Akun ${n}`,
      phone,
      nik: '',
      posyanduId: a.kader.posyanduId!,
      birthDate: addDays(today, -4),
      babies: [{ sex: 'L', name: '', birthWeightGrams: '3000' }],
      consent: true,
    });
    if (!res.ok || res.login !== 'byStaff') throw new Error(`not registered without a login: ${JSON.stringify(res)}`);
    return res.motherId;
  };

  const motherRow = async (id: string) => (await db.db.select().from(mothers).where(eq(mothers.id, id)))[0]!;

  /** Runs `fn`, and proves it wrote nothing at all (every row of every table). */
  const writesNothing = async <T>(fn: () => Promise<T>): Promise<T | unknown> => {
    const before = await fingerprint(db);
    let out: T | unknown;
    try {
      out = await fn();
    } catch (err) {
      out = err;
    }
    expect(await fingerprint(db)).toEqual(before);
    return out;
  };

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    a = await demoActors(db);
    // Logins of the other puskesmas (accounts not yet activated), one for each mother below.
    const made = await db.db
      .insert(users)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          puskesmasId: a.otherStaff.puskesmasId,
          role: 'ibu' as const,
          name: `Ibu Lain ${i}`,
          phone: `+62859888800${String(10 + i)}`,
        })),
      )
      .returning({ phone: users.phone });
    elsewhere = made.map((u) => u.phone);
  });
  afterAll(() => db.dispose());

  it('staff give her a login and a code: her user, her record, one audit row, and the code activates her account', async () => {
    const motherId = await motherWithoutLogin();
    expect(await motherLoginOf(a.staff, motherId)).toEqual({ motherId, hasLogin: false });
    const phone = freshPhone();
    const res = await giveMotherLogin(a.staff, { motherId, phone });
    if (!res.ok) throw new Error(`refused: ${JSON.stringify(res)}`);
    expect(res.phone).toBe(`+62${phone.replace(/-/g, '').slice(1)}`);
    expect(res.code).toMatch(/^[A-Z2-9]{8}$/);

    const [user] = await db.db.select().from(users).where(eq(users.id, res.userId));
    expect(user).toMatchObject({ role: 'ibu', puskesmasId: a.staff.puskesmasId, phone: res.phone, passwordHash: null, active: true });
    const m = await motherRow(motherId);
    expect(m).toMatchObject({ userId: res.userId, phone: res.phone });
    expect(user!.villageId).toBe(m.villageId);
    expect(await motherLoginOf(a.staff, motherId)).toEqual({ motherId, hasLogin: true });

    const codes = await db.db.select().from(activationCodes).where(eq(activationCodes.userId, res.userId));
    expect(codes).toHaveLength(1);
    expect(codes[0]!.codeHash).not.toContain(res.code);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mother.login'), eq(auditLog.entityId, motherId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: a.staff.id, entity: 'mother', puskesmasId: a.staff.puskesmasId });
    expect(audits[0]!.after).toMatchObject({ userId: res.userId, phone: res.phone });
    // The audit trail never holds the code.
    expect(JSON.stringify(audits[0])).not.toContain(res.code);

    const good = { password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' };
    expect(await activateAccount({ phone, code: res.code, ...good }, '192.0.2.77')).toEqual({ ok: true });
    const [activated] = await db.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, res.userId));
    expect(activated!.passwordHash).toBeTruthy();
  });

  it('a second call is refused and creates nothing; two at once make one login', async () => {
    const motherId = await motherWithoutLogin();
    const first = await giveMotherLogin(a.admin, { motherId, phone: freshPhone() });
    expect(first.ok).toBe(true);
    expect(await writesNothing(() => giveMotherLogin(a.staff, { motherId, phone: freshPhone() }))).toEqual({ ok: false, formError: 'motherLogin.errors.hasLogin' });

    const both = await motherWithoutLogin();
    const [x, y] = await Promise.all([
      giveMotherLogin(a.staff, { motherId: both, phone: freshPhone() }),
      giveMotherLogin(a.staff, { motherId: both, phone: freshPhone() }),
    ]);
    expect([x, y].filter((r) => r.ok)).toHaveLength(1);
    expect([x, y].filter((r) => !r.ok)).toEqual([{ ok: false, formError: 'motherLogin.errors.hasLogin' }]);
    const userId = (await motherRow(both)).userId;
    expect((await db.db.select().from(users).where(eq(users.id, userId!))).length).toBe(1);
    expect(
      (
        await db.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'mother.login'), eq(auditLog.entityId, both)))
      ).length,
    ).toBe(1);
  });

  it('a number that is already a login is refused on the field and writes nothing: named for this puskesmas, neutral for another', async () => {
    const motherId = await motherWithoutLogin();
    const given = await giveMotherLogin(a.staff, { motherId: await motherWithoutLogin(), phone: freshPhone() });
    if (!given.ok) throw new Error('no login given');
    const cases: [string, string][] = [
      [OWN_PUSKESMAS_LOGIN, 'validation.phoneTakenHere'],
      ['0812-2000-0002', 'validation.phoneTakenHere'],
      [given.phone, 'validation.phoneTakenHere'],
      [OTHER_PUSKESMAS_LOGIN, PHONE_UNUSABLE],
      ['0811-1000-0101', PHONE_UNUSABLE],
      // Her own recorded number is another puskesmas's login: not named.
      [(await motherRow(motherId)).phone!, PHONE_UNUSABLE],
    ];
    for (const [phone, message] of cases) {
      expect(await writesNothing(() => giveMotherLogin(a.staff, { motherId, phone }))).toEqual({ ok: false, fieldErrors: { phone: message } });
    }
    // Another mother of this puskesmas recorded with the number (its login has since moved): one number, one login.
    const sharer = await motherWithoutLogin();
    const shared = `+62858${String(77770000 + n)}`;
    await db.db.update(mothers).set({ phone: shared }).where(eq(mothers.id, sharer));
    expect(await writesNothing(() => giveMotherLogin(a.staff, { motherId, phone: shared }))).toEqual({ ok: false, fieldErrors: { phone: 'validation.phoneTaken' } });
    expect((await motherRow(motherId)).userId).toBeNull();
  });

  it('a kader, a mother and staff of another puskesmas are refused and write nothing', async () => {
    const motherId = await motherWithoutLogin(a.kader);
    expect(await motherLoginOf(a.kader, motherId)).toBeNull();
    expect(await motherLoginOf(a.otherStaff, motherId)).toBeNull();
    expect(await writesNothing(() => giveMotherLogin(a.kader, { motherId, phone: freshPhone() }))).toBeInstanceOf(ForbiddenError);
    expect(await writesNothing(() => giveMotherLogin(a.ibu, { motherId, phone: freshPhone() }))).toBeInstanceOf(ForbiddenError);
    expect(await writesNothing(() => giveMotherLogin(a.otherStaff, { motherId, phone: freshPhone() }))).toBeInstanceOf(NotFoundError);
    expect((await motherRow(motherId)).userId).toBeNull();
    // Her own puskesmas's staff still can.
    expect((await giveMotherLogin(a.staff, { motherId, phone: freshPhone() })).ok).toBe(true);
  });

  it('hostile input is refused cleanly and writes nothing', async () => {
    const motherId = await motherWithoutLogin();
    const badPhones: unknown[] = [
      '',
      '   ',
      "0812'; drop table users;--",
      '<script>alert(1)</script>',
      '0812\u0000345678901',
      '0812-3456-7890\u202e',
      '9'.repeat(5000),
      12345678901,
      null,
      ['081234567890'],
      { phone: '081234567890' },
    ];
    for (const phone of badPhones) {
      const res = await writesNothing(() => giveMotherLogin(a.staff, { motherId, phone }));
      expect(res, JSON.stringify(phone)).toMatchObject({ ok: false, fieldErrors: { phone: expect.stringMatching(/^validation\./) } });
    }
    for (const id of ['not-a-uuid', "' or 1=1 --", randomUUID(), undefined]) {
      expect(await writesNothing(() => giveMotherLogin(a.staff, { motherId: id, phone: freshPhone() }))).toBeInstanceOf(NotFoundError);
    }
    for (const raw of [null, undefined, 'motherId', 42]) {
      expect(await writesNothing(() => giveMotherLogin(a.staff, raw))).toBeInstanceOf(NotFoundError);
    }
    expect((await motherRow(motherId)).userId).toBeNull();
  });
});
