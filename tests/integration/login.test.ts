import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { loginThrottle, puskesmas, users, userSessions } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { IP_MAX_FAILURES, IP_SLOW_SECONDS, PHONE_MAX_FAILURES, verifyLogin } from '@/lib/auth/login';
import { BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

// The device cookie is signed with AUTH_SECRET (decision 051).
process.env.AUTH_SECRET ??= 'login-test-secret-0123456789abcdef';

describe.each(BACKENDS)('sign-in on $name', (backend) => {
  let db: TestDb;
  let userId: string;

  beforeAll(async () => {
    db = await useDatabase(backend);
    const [p] = await db.db
      .insert(puskesmas)
      .values({ code: 'TST', name: 'Puskesmas Uji', district: 'Bogor', subdistrict: 'Uji', province: 'Jawa Barat', visitWindows: [] })
      .returning();
    const [u] = await db.db
      .insert(users)
      .values({ puskesmasId: p!.id, role: 'staff', name: 'Bidan Uji', phone: '+6281211112222', passwordHash: await hashPassword('rahasia-bidan-1') })
      .returning();
    userId = u!.id;
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.db.delete(loginThrottle);
  });

  it.each(['0812-1111-2222', '081211112222', '6281211112222', '+62 812 1111 2222', ' 0812 1111 2222 '])(
    'accepts the phone written as %j and opens a session row',
    async (phone) => {
      const before = (await db.db.select().from(userSessions).where(eq(userSessions.userId, userId))).length;
      const r = await verifyLogin({ phone, password: 'rahasia-bidan-1' }, '10.0.0.1');
      expect(r).toMatchObject({ ok: true, user: { id: userId, role: 'staff', sessionVersion: 1 } });
      const after = (await db.db.select().from(userSessions).where(eq(userSessions.userId, userId))).length;
      expect(after).toBe(before + 1);
    },
  );

  it('refuses a wrong password and counts it', async () => {
    const r = await verifyLogin({ phone: '0812-1111-2222', password: 'salah' }, '10.0.0.2');
    expect(r).toEqual({ ok: false, error: 'invalid' });
    const rows = await db.db.select().from(loginThrottle);
    expect(rows.map((x) => x.failures).sort()).toEqual([1, 1]); // the phone and the IP
    // No phone number in clear in the throttle table.
    expect(JSON.stringify(rows)).not.toContain('81211112222');
  });

  it(`locks the phone after ${PHONE_MAX_FAILURES} failures in a row, even for the right password`, async () => {
    for (let i = 0; i < PHONE_MAX_FAILURES; i++) {
      expect(await verifyLogin({ phone: '0812-1111-2222', password: `salah-${i}` }, `10.1.0.${i}`)).toEqual({ ok: false, error: 'invalid' });
    }
    expect(await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '10.2.0.1')).toEqual({ ok: false, error: 'locked' });
  });

  it('a success clears the run of failures', async () => {
    for (let i = 0; i < PHONE_MAX_FAILURES - 1; i++) await verifyLogin({ phone: '0812-1111-2222', password: 'x' }, '10.3.0.1');
    expect((await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '10.3.0.1')).ok).toBe(true);
    expect((await verifyLogin({ phone: '0812-1111-2222', password: 'x' }, '10.3.0.1')).ok).toBe(false);
    expect((await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '10.3.0.1')).ok).toBe(true);
  });

  it('an expired lock counts from one again', async () => {
    for (let i = 0; i < PHONE_MAX_FAILURES; i++) await verifyLogin({ phone: '0812-1111-2222', password: 'x' }, '10.4.0.1');
    await db.db.update(loginThrottle).set({ lockedUntil: sql`now() - interval '1 minute'` });
    expect((await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '10.4.0.2')).ok).toBe(true);
  });

  describe('one office behind one address (decision 051)', () => {
    const OFFICE = '198.51.100.7';
    let colleagueId: string;
    beforeAll(async () => {
      const [p] = await db.db.select().from(puskesmas).limit(1);
      const [u] = await db.db
        .insert(users)
        .values({ puskesmasId: p!.id, role: 'staff', name: 'Kader Uji', phone: '+6281233334444', passwordHash: await hashPassword('rahasia-kader-2') })
        .returning();
      colleagueId = u!.id;
    });

    /** 60 failures from the office address: mistypes, a guesser trying many numbers. */
    const sixtyFailures = async () => {
      for (let i = 0; i < 60; i++) {
        const r = await verifyLogin({ phone: `0857-${String(1000 + (i % 7)).padStart(4, '0')}-${String(2000 + i)}`, password: `tebak-${i}` }, OFFICE);
        expect(r.ok).toBe(false);
      }
    };

    it('60 failures from the address do not stop a colleague on a device that signed in before', async () => {
      const first = await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, '203.0.113.50');
      expect(first.ok).toBe(true);
      const cookie = first.ok ? first.deviceCookie : '';
      expect(cookie).toContain(colleagueId);
      await sixtyFailures();
      const again = await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE, cookie);
      expect(again).toMatchObject({ ok: true, user: { id: colleagueId } });
      // Her own mistypes from the known device count for her account only.
      expect(await verifyLogin({ phone: '0812-3333-4444', password: 'salah' }, OFFICE, cookie)).toEqual({ ok: false, error: 'invalid' });
      expect((await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE, cookie)).ok).toBe(true);
    }, 240_000);

    it(`a new device at that address meets the limit: slowed to one attempt every ${IP_SLOW_SECONDS} s, never locked`, async () => {
      await sixtyFailures();
      // Right password, but a device this account has never signed in from.
      expect(await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE)).toEqual({ ok: false, error: 'slowed' });
      // A cookie of another account does not count as known for this one.
      const other = await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '203.0.113.51');
      expect(await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE, other.ok ? other.deviceCookie : '')).toEqual({
        ok: false,
        error: 'slowed',
      });
      // A forged cookie neither.
      expect(await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE, `${colleagueId}.20000.forged`)).toEqual({ ok: false, error: 'slowed' });
      // Once the slot has passed, one attempt goes through (a new phone in the office can sign in)...
      await db.db.update(loginThrottle).set({ updatedAt: sql`now() - interval '${sql.raw(String(IP_SLOW_SECONDS + 1))} seconds'` });
      expect((await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE)).ok).toBe(true);
      // ...and the next one right after it waits again.
      expect(await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, OFFICE)).toEqual({ ok: false, error: 'slowed' });
      // The address itself is never locked.
      const rows = await db.db
        .select()
        .from(loginThrottle)
        .where(sql`${loginThrottle.lockedUntil} is not null`);
      expect(rows).toEqual([]);
    }, 240_000);

    it(`below ${IP_MAX_FAILURES} failures nothing is slowed`, async () => {
      for (let i = 0; i < IP_MAX_FAILURES - 1; i++) await verifyLogin({ phone: `0857-9999-${String(1000 + i)}`, password: 'x' }, OFFICE);
      expect((await verifyLogin({ phone: '0812-3333-4444', password: 'rahasia-kader-2' }, OFFICE)).ok).toBe(true);
    }, 240_000);
  });

  it('a disabled user cannot sign in', async () => {
    await db.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await verifyLogin({ phone: '0812-1111-2222', password: 'rahasia-bidan-1' }, '10.5.0.1')).toEqual({ ok: false, error: 'invalid' });
    await db.db.update(users).set({ active: true }).where(eq(users.id, userId));
  });

  it.each([
    ['empty', { phone: '', password: '' }],
    ['whitespace', { phone: '   ', password: ' ' }],
    ['10,000 characters', { phone: '8'.repeat(10_000), password: 'x' }],
    ['SQL', { phone: "0812' or 1=1 --", password: "' or ''='" }],
    ['HTML', { phone: '<img src=x onerror=alert(1)>', password: 'x' }],
    ['wrong types', { phone: 812, password: ['a'] }],
    ['missing', {}],
  ])('malformed input (%s) writes nothing but the IP counter', async (_name, input) => {
    const before = await rowCounts(db);
    const r = await verifyLogin(input as { phone?: unknown; password?: unknown }, '10.9.9.9');
    expect(r).toEqual({ ok: false, error: 'malformed' });
    const after = await rowCounts(db);
    expect({ ...after, login_throttle: 0 }).toEqual({ ...before, login_throttle: 0 });
    expect(after.login_throttle).toBeLessThanOrEqual(before.login_throttle! + 1);
  });
});
