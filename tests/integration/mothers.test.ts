import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { activationCodes, auditLog, babies, loginThrottle, mothers, posyandu, users } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { verifyPassword } from '@/lib/auth/password';
import { addDays, isoToday, normalizePhone } from '@/lib/domain';
import { throttleKey } from '@/lib/auth/login';
import { ACTIVATION_IP_MAX_FAILURES, ACTIVATION_PHONE_MAX_FAILURES, activateAccount, hashActivationCode, registerMother, whatsappLink } from '@/lib/data/mothers';
import type { MotherFormValues } from '@/lib/validation/mother';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

/** A documentation address (RFC 5737): the tests' own throttle counters. */
const IP = '192.0.2.10';

describe.each(BACKENDS)('registering mothers on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let otherKader: Actor;
  const today = isoToday('Asia/Jakarta');
  let n = 0;
  /** The form's values with its key (made when the form is opened, decision 054). */
  const form = (over: Partial<MotherFormValues> = {}): MotherFormValues & { id: string } => {
    n += 1;
    return {
      id: randomUUID(),
      name: `Ibu Uji ${n}`,
      phone: `0857-1111-${String(1000 + n).padStart(4, '0')}`,
      nik: '',
      posyanduId: kader.posyanduId!,
      birthDate: addDays(today, -10),
      babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
      consent: true,
      ...over,
    };
  };

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, DEMO_LOGINS.filter((l) => l.role === 'kader')[0]!.phone);
    otherKader = await actorFor(db, DEMO_LOGINS.filter((l) => l.role === 'kader')[1]!.phone);
  });
  afterAll(() => db.dispose());

  it('registers a mother with twins, consent, a login without password and a hashed one-time code', async () => {
    const input = form({ nik: '3201014501950001', babies: [{ sex: 'L' }, { sex: 'P', name: 'Kembar' }] });
    const res = await registerMother(kader, input);
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res.phone).toBe(normalizePhone(input.phone as string));
    expect(res.code).toMatch(/^[A-Z2-9]{8}$/);
    const [m] = await db.db.select().from(mothers).where(eq(mothers.id, res.motherId));
    expect(m).toMatchObject({ consentRecordedBy: kader.id, consentTextVersion: expect.any(String), nik: '3201014501950001', posyanduId: kader.posyanduId });
    const kids = await db.db.select().from(babies).where(eq(babies.motherId, res.motherId)).orderBy(babies.birthOrder);
    expect(kids.map((k) => [k.sex, k.birthOrder])).toEqual([
      ['L', 1],
      ['P', 2],
    ]);
    const [u] = await db.db.select().from(users).where(eq(users.id, m!.userId!));
    expect(u).toMatchObject({ role: 'ibu', passwordHash: null, phone: res.phone });
    const codes = await db.db.select().from(activationCodes).where(eq(activationCodes.userId, u!.id));
    expect(codes).toHaveLength(1);
    expect(codes[0]!.codeHash).toBe(hashActivationCode(res.code!));
    expect(codes[0]!.codeHash).not.toContain(res.code);
    const days = (codes[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'mother'), eq(auditLog.entityId, res.motherId)));
    expect(audits).toHaveLength(1);
    expect((audits[0]!.after as { nik: string }).nik).toBe('3201**********01');
    expect(whatsappLink(res.phone, 'Halo Ibu')).toBe(`https://wa.me/${res.phone.slice(1)}?text=Halo%20Ibu`);
  });

  describe('bad input is refused and nothing is stored', () => {
    const cases: [string, () => Partial<MotherFormValues>, string, string][] = [
      ['no consent', () => ({ consent: false as unknown as true }), 'consent', 'validation.consentRequired'],
      ['a malformed NIK', () => ({ nik: '1234' }), 'nik', 'validation.nikInvalid'],
      ['a bad phone', () => ({ phone: '12345' }), 'phone', 'validation.phoneInvalid'],
      ['a birth date in the future', () => ({ birthDate: addDays(today, 1) }), 'birthDate', 'validation.dateInFuture'],
      ['no baby', () => ({ babies: [] }), 'babies', 'validation.required'],
      ['a 10,000-character name', () => ({ name: 'x'.repeat(10_000) }), 'name', 'validation.tooLong'],
    ];
    for (const [name, over, field, key] of cases) {
      it(name, async () => {
        const before = await rowCounts(db);
        const res = await registerMother(kader, form(over()));
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.fieldErrors[field as keyof typeof res.fieldErrors]).toBe(key);
        expect(await rowCounts(db)).toEqual(before);
      });
    }
  });

  it('offers the existing record on the same phone, and on the same name and birth date', async () => {
    const first = form();
    const created = await registerMother(kader, first);
    expect(created.ok).toBe(true);
    const before = await rowCounts(db);
    const samePhone = await registerMother(kader, form({ phone: first.phone }));
    expect(samePhone).toMatchObject({ ok: false, fieldErrors: { phone: 'validation.phoneTaken' }, duplicate: { reason: 'phone', name: first.name } });
    const sameName = await registerMother(kader, form({ name: (first.name as string).toUpperCase(), birthDate: first.birthDate }));
    expect(sameName).toMatchObject({ ok: false, duplicate: { reason: 'nameBirth' } });
    expect(await rowCounts(db)).toEqual(before);
    // Told it is another person, she registers anyway.
    const anyway = await registerMother(kader, form({ name: first.name, birthDate: first.birthDate, registerAnyway: true }));
    expect(anyway.ok).toBe(true);
  });

  it('a kader cannot register a mother at another posyandu', async () => {
    const before = await rowCounts(db);
    await expect(registerMother(otherKader, form({ posyanduId: kader.posyanduId! }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts(db)).toEqual(before);
    const [other] = await db.db
      .select({ id: posyandu.id })
      .from(posyandu)
      .where(sql`${posyandu.puskesmasId} <> ${kader.puskesmasId}`)
      .limit(1);
    const res = await registerMother(kader, form({ posyanduId: other!.id }));
    expect(res).toMatchObject({ ok: false, fieldErrors: { posyanduId: 'validation.invalid' } });
  });

  it('the mother activates once with her code; a password equal to her phone is refused', async () => {
    const input = form();
    const res = await registerMother(kader, input);
    if (!res.ok) throw new Error('not registered');
    const phoneLocal = input.phone as string;
    expect(await activateAccount({ phone: phoneLocal, code: res.code, password: phoneLocal, confirm: phoneLocal }, IP)).toMatchObject({
      ok: false,
      fieldErrors: { password: 'validation.passwordIsPhone' },
    });
    expect(await activateAccount({ phone: phoneLocal, code: res.code, password: 'pendek', confirm: 'pendek' }, IP)).toMatchObject({
      ok: false,
      fieldErrors: { password: 'validation.passwordTooShort' },
    });
    expect(await activateAccount({ phone: '0857-9999-0000', code: res.code, password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' }, IP)).toEqual({
      ok: false,
      formError: 'activation.invalid',
    });
    const ok = await activateAccount({ phone: phoneLocal, code: res.code!.toLowerCase(), password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' }, IP);
    expect(ok).toEqual({ ok: true });
    const [u] = await db.db.select().from(users).where(eq(users.phone, res.phone));
    expect(await verifyPassword('ASIsampai6bulan', u!.passwordHash!)).toBe(true);
    // Used once: the same code again (also at the same time) is refused.
    const again = await Promise.all([
      activateAccount({ phone: phoneLocal, code: res.code, password: 'lainlagi123', confirm: 'lainlagi123' }, IP),
      activateAccount({ phone: phoneLocal, code: res.code, password: 'lainlagi123', confirm: 'lainlagi123' }, IP),
    ]);
    expect(again).toEqual([
      { ok: false, formError: 'activation.invalid' },
      { ok: false, formError: 'activation.invalid' },
    ]);
    const [u2] = await db.db.select().from(users).where(eq(users.phone, res.phone));
    expect(await verifyPassword('ASIsampai6bulan', u2!.passwordHash!)).toBe(true);
  });

  it('an expired code is refused', async () => {
    const res = await registerMother(kader, form());
    if (!res.ok) throw new Error('not registered');
    await db.db
      .update(activationCodes)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(activationCodes.codeHash, hashActivationCode(res.code!)));
    expect(await activateAccount({ phone: res.phone, code: res.code, password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' }, IP)).toEqual({
      ok: false,
      formError: 'activation.invalid',
    });
  });

  describe('code guessing at /aktivasi is limited in login_throttle, per phone and per IP', () => {
    const good = { password: 'ASIsampai6bulan', confirm: 'ASIsampai6bulan' };

    it(`locks a phone after ${ACTIVATION_PHONE_MAX_FAILURES} wrong codes, even for the right code; other phones go on`, async () => {
      const res = await registerMother(kader, form());
      if (!res.ok) throw new Error('not registered');
      const ip = '192.0.2.21';
      for (let i = 0; i < ACTIVATION_PHONE_MAX_FAILURES; i++) {
        expect(await activateAccount({ phone: res.phone, code: `WRONG${i}AA`, ...good }, ip)).toEqual({ ok: false, formError: 'activation.invalid' });
      }
      const before = await rowCounts(db);
      expect(await activateAccount({ phone: res.phone, code: res.code, ...good }, ip)).toEqual({ ok: false, formError: 'activationLimit.locked' });
      const [u] = await db.db.select().from(users).where(eq(users.phone, res.phone));
      expect(u!.passwordHash).toBeNull();
      expect(await rowCounts(db)).toEqual(before);
      // The counters are hashes: no phone number in the table.
      const keys = (await db.db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key);
      expect(keys).toContain(throttleKey('activation-phone', res.phone));
      expect(keys.join(' ')).not.toContain(res.phone.slice(1));
      // The sign-in counter of that phone is a different one.
      expect(keys).not.toContain(throttleKey('phone', res.phone));
      // Another mother from the same address is not locked out.
      const other = await registerMother(kader, form());
      if (!other.ok) throw new Error('not registered');
      expect(await activateAccount({ phone: other.phone, code: other.code, ...good }, ip)).toEqual({ ok: true });
      // After the lock ends, the right code works.
      await db.db
        .update(loginThrottle)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(loginThrottle.key, throttleKey('activation-phone', res.phone)));
      expect(await activateAccount({ phone: res.phone, code: res.code, ...good }, ip)).toEqual({ ok: true });
    });

    it(`locks an IP address after ${ACTIVATION_IP_MAX_FAILURES} wrong codes over many phones`, async () => {
      const ip = '192.0.2.22';
      for (let i = 0; i < ACTIVATION_IP_MAX_FAILURES; i++) {
        const phone = `0857-2222-${String(1000 + i)}`;
        expect(await activateAccount({ phone, code: 'ABCDEFGH', ...good }, ip)).toEqual({ ok: false, formError: 'activation.invalid' });
      }
      const res = await registerMother(kader, form());
      if (!res.ok) throw new Error('not registered');
      expect(await activateAccount({ phone: res.phone, code: res.code, ...good }, ip)).toEqual({ ok: false, formError: 'activationLimit.locked' });
      // The same mother from another address is let through.
      expect(await activateAccount({ phone: res.phone, code: res.code, ...good }, '192.0.2.23')).toEqual({ ok: true });
    });

    it('malformed input (password mismatch) is a field message and not counted', async () => {
      const ip = '192.0.2.24';
      for (let i = 0; i < ACTIVATION_IP_MAX_FAILURES + 2; i++) {
        expect(await activateAccount({ phone: '0857-3333-1000', code: 'ABCDEFGH', password: 'ASIsampai6bulan', confirm: 'lain' }, ip)).toMatchObject({
          ok: false,
          fieldErrors: { confirm: 'validation.passwordMismatch' },
        });
      }
      const keys = (await db.db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key);
      expect(keys).not.toContain(throttleKey('activation-ip', ip));
    });
  });
});
