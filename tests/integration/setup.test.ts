/**
 * First-run setup (issue #18) on empty databases: the setup code issued at start-up, /pasang's
 * data function (wrong code, hostile input, a signed-in actor, two setups at once, a second
 * setup) and the CLI's trusted path (refuses a second puskesmas unless told to add one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNull, sql } from 'drizzle-orm';
import { activationCodes, auditLog, coverageTargets, forumCategories, loginThrottle, puskesmas, setupCodes, users } from '@/db/schema';
import { FORUM_CATEGORIES } from '@/db/seed/forum-content';
import { verifyLogin } from '@/lib/auth/login';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { activateAccount } from '@/lib/data/mothers';
import {
  hashSetupCode,
  isInstalled,
  issueSetupCode,
  setupFromCli,
  setupPuskesmas,
  setupThrottleKey,
  SETUP_ALL_MAX_FAILURES,
  SETUP_IP_MAX_FAILURES,
} from '@/lib/data/setup';
import { formatSetupCode } from '@/lib/domain/setup';
import { isoToday } from '@/lib/domain/today';
import { BACKENDS, puskesmasSetupForm, rowCounts, useDatabase, type TestDb } from './support';

const PASSWORD = 'Menyusui-Bojong-2026';

function form(setupCode: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { setupCode, ...puskesmasSetupForm('Puskesmas Bojong Nangka', 'bjn', '0811-9000-0001'), password: PASSWORD, confirm: PASSWORD, ...over };
}

function cli(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Puskesmas Gunung Putri',
    shortCode: 'GPT',
    district: 'Kabupaten Bogor',
    subdistrict: 'Gunung Putri',
    province: 'Jawa Barat',
    timeZone: 'WITA',
    target: '60',
    adminName: 'Dewi Lestari',
    adminPhone: '+6281190000099',
    ...over,
  };
}

describe.each(BACKENDS)('first-run setup on $name', (backend) => {
  let db: TestDb;
  const codes: string[] = [];
  const without = async (...tables: string[]) => {
    const c = await rowCounts(db);
    for (const t of tables) delete c[t];
    return c;
  };

  beforeAll(async () => {
    db = await useDatabase(backend);
  }, 120_000);
  afterAll(() => db.dispose());

  it('an empty database is not installed and gets setup codes, stored as hashes only', async () => {
    expect(await isInstalled()).toBe(false);
    for (let i = 0; i < 3; i++) {
      const code = await issueSetupCode();
      expect(code).toMatch(/^[A-Z2-9]{12}$/);
      codes.push(code!);
    }
    expect(new Set(codes).size).toBe(3);
    const rows = await db.db.select().from(setupCodes);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.usedAt).toBeNull();
      expect(r.codeHash).toMatch(/^[0-9a-f]{64}$/);
      for (const c of codes) expect(r.codeHash).not.toContain(c);
    }
  });

  it('hostile input gives field errors and writes nothing', async () => {
    const before = await rowCounts(db);
    const long = 'x'.repeat(10_000);
    const cases: [string, unknown, string][] = [
      ['empty setup code', form(''), 'setupCode'],
      ['setup code of the wrong shape', form('ABCD-EFGH'), 'setupCode'],
      ['setup code with 0 and 1', form('ABCD-EFGH-J010'), 'setupCode'],
      ['setup code of 10,000 characters', form(long), 'setupCode'],
      ['empty name', form(codes[0]!, { name: '' }), 'name'],
      ['whitespace name', form(codes[0]!, { name: '   ' }), 'name'],
      ['name of 10,000 characters', form(codes[0]!, { name: long }), 'name'],
      ['script tags in the name', form(codes[0]!, { name: '<script>alert(1)</script>' }), 'name'],
      ['script tags in the kabupaten', form(codes[0]!, { district: '<img src=x onerror=alert(1)>' }), 'district'],
      ['10,000 characters of kecamatan', form(codes[0]!, { subdistrict: long }), 'subdistrict'],
      ['empty provinsi', form(codes[0]!, { province: '' }), 'province'],
      ['script tags in the admin name', form(codes[0]!, { adminName: '<script>x</script>' }), 'adminName'],
      ['a number as name', form(codes[0]!, { name: 12345 }), 'name'],
      ['an object as name', form(codes[0]!, { name: { $ne: 1 } }), 'name'],
      ['short code with a dash', form(codes[0]!, { shortCode: 'BJ-N' }), 'shortCode'],
      ['short code too long', form(codes[0]!, { shortCode: 'ABCDEFGHIJK' }), 'shortCode'],
      ['short code of one letter', form(codes[0]!, { shortCode: 'B' }), 'shortCode'],
      ['unknown time zone', form(codes[0]!, { timeZone: 'Europe/Paris' }), 'timeZone'],
      ['time zone toString', form(codes[0]!, { timeZone: 'toString' }), 'timeZone'],
      ['target 150', form(codes[0]!, { target: '150' }), 'target'],
      ['time zone missing', form(codes[0]!, { timeZone: undefined }), 'timeZone'],
      ['target 0', form(codes[0]!, { target: '0' }), 'target'],
      ['target -5', form(codes[0]!, { target: '-5' }), 'target'],
      ['target 12.5', form(codes[0]!, { target: '12.5' }), 'target'],
      ['target as a number', form(codes[0]!, { target: 50 }), 'target'],
      ['empty target', form(codes[0]!, { target: '' }), 'target'],
      ['invalid phone', form(codes[0]!, { adminPhone: '12345' }), 'adminPhone'],
      ['phone with script tags', form(codes[0]!, { adminPhone: '<script>' }), 'adminPhone'],
      ['phone of 10,000 digits', form(codes[0]!, { adminPhone: '0'.repeat(10_000) }), 'adminPhone'],
      ['short password', form(codes[0]!, { password: 'abc', confirm: 'abc' }), 'password'],
      ['common password', form(codes[0]!, { password: 'bismillah', confirm: 'bismillah' }), 'password'],
      ['password is the phone', form(codes[0]!, { password: '081190000001', confirm: '081190000001' }), 'password'],
      ['password of 10,000 characters', form(codes[0]!, { password: long, confirm: long }), 'password'],
      ['passwords differ', form(codes[0]!, { confirm: `${PASSWORD}!` }), 'confirm'],
    ];
    for (const [what, input, field] of cases) {
      const res = await setupPuskesmas(null, input, '10.1.1.1');
      expect(res.ok, what).toBe(false);
      if (!res.ok) expect(res.fieldErrors?.[field as keyof typeof res.fieldErrors], what).toMatch(/^(validation|setup)\./);
    }
    for (const input of [null, undefined, 'x', 42, [], {}]) {
      const res = await setupPuskesmas(null, input, '10.1.1.1');
      expect(res.ok).toBe(false);
    }
    // The messages say what is wrong, in the form's own words.
    const key = async (over: Record<string, unknown>, field: string) =>
      ((await setupPuskesmas(null, form(codes[0]!, over), '10.1.1.1')) as { fieldErrors?: Record<string, string> }).fieldErrors?.[field];
    expect(await key({ setupCode: 'ABCD' }, 'setupCode')).toBe('setup.codeFormat');
    expect(await key({ name: '<script>alert(1)</script>' }, 'name')).toBe('setup.plainText');
    expect(await key({ name: 'x'.repeat(10_000) }, 'name')).toBe('validation.tooLong');
    expect(await key({ shortCode: 'BJ N' }, 'shortCode')).toBe('setup.shortCodeFormat');
    expect(await key({ timeZone: 'UTC' }, 'timeZone')).toBe('setup.zoneRequired');
    expect(await key({ target: '150' }, 'target')).toBe('setup.targetRange');
    expect(await key({ adminPhone: '12345' }, 'adminPhone')).toBe('validation.phoneInvalid');
    expect(await key({ name: '' }, 'name')).toBe('validation.required');
    expect(await rowCounts(db)).toEqual(before);
    expect(await isInstalled()).toBe(false);
  });

  it('a signed-in actor cannot run the setup', async () => {
    const before = await rowCounts(db);
    for (const role of ['admin', 'staff', 'kader', 'ibu'] as const) {
      const actor: Actor = { id: crypto.randomUUID(), role, puskesmasId: crypto.randomUUID(), posyanduId: null, villageId: null, motherId: null };
      await expect(setupPuskesmas(actor, form(codes[0]!), '10.1.1.2')).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a wrong code is refused and writes nothing but a failure count; too many lock the address', async () => {
    const before = await without('login_throttle');
    const ip = '10.1.1.3';
    const res = await setupPuskesmas(null, form('ABCD-EFGH-JKMN'), ip);
    expect(res).toMatchObject({ ok: false, fieldErrors: { setupCode: 'setup.codeWrong' } });
    expect(await without('login_throttle')).toEqual(before);
    const [t] = await db.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, setupThrottleKey(ip)));
    expect(t?.failures).toBe(1);
    for (let i = 1; i < SETUP_IP_MAX_FAILURES; i++) await setupPuskesmas(null, form('ABCD-EFGH-JKMP'), ip);
    // Locked: even the right code is refused from that address, and nothing is written.
    expect(await setupPuskesmas(null, form(codes[0]!), ip)).toMatchObject({ ok: false, formError: 'setup.locked' });
    expect(await without('login_throttle')).toEqual(before);
    expect(await isInstalled()).toBe(false);
  });

  it('a code older than a day no longer works; wrong codes from many addresses lock setup for everyone for a while', async () => {
    const before = await without('login_throttle');
    // A fourth code, printed by a start more than a day ago.
    const old = await issueSetupCode();
    await db.db
      .update(setupCodes)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(setupCodes.codeHash, hashSetupCode(old!)));
    expect(await setupPuskesmas(null, form(old!), '10.1.2.1')).toMatchObject({ ok: false, fieldErrors: { setupCode: 'setup.codeWrong' } });
    // The next start forgets it.
    const fresh = await issueSetupCode();
    expect(
      (
        await db.db
          .select()
          .from(setupCodes)
          .where(eq(setupCodes.codeHash, hashSetupCode(old!)))
      ).length,
    ).toBe(0);
    await db.db.delete(setupCodes).where(eq(setupCodes.codeHash, hashSetupCode(fresh!)));
    // X-Forwarded-For can be varied: a flood of wrong codes from as many addresses locks setup as a whole.
    for (let i = 0; i < SETUP_ALL_MAX_FAILURES; i++) await setupPuskesmas(null, form('ABCD-EFGH-JKMQ'), `10.3.${Math.floor(i / 200)}.${i % 200}`);
    expect(await setupPuskesmas(null, form(codes[0]!), '10.4.0.1')).toMatchObject({ ok: false, formError: 'setup.locked' });
    expect(await isInstalled()).toBe(false);
    expect(await without('login_throttle')).toEqual(before);
    // (The lock ends by itself after LOCK_MINUTES; the next tests start without it.)
    await db.db.delete(loginThrottle);
  });

  it('two setups at once with two valid codes create exactly one puskesmas; the other gets a clear refusal', async () => {
    const results = await Promise.all([
      setupPuskesmas(null, form(formatSetupCode(codes[0]!).toLowerCase()), '10.2.0.1'),
      setupPuskesmas(null, form(codes[1]!, { name: 'Puskesmas Lain', shortCode: 'LAIN', adminPhone: '0811-9000-0002' }), '10.2.0.2'),
    ]);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual([{ ok: false, formError: 'setup.installed' }]);
    expect(await db.db.select().from(puskesmas)).toHaveLength(1);
    expect(await db.db.select().from(users)).toHaveLength(1);
  });

  it('the right code created the puskesmas, its target, forum categories and admin, audited; every code is used', async () => {
    const [p] = await db.db.select().from(puskesmas);
    const first = p!.code === 'BJN';
    expect(p).toMatchObject({
      name: first ? 'Puskesmas Bojong Nangka' : 'Puskesmas Lain',
      district: 'Kabupaten Bogor',
      subdistrict: 'Gunung Putri',
      province: 'Jawa Barat',
      timeZone: 'Asia/Jakarta',
      visitWindows: [],
    });
    expect(['BJN', 'LAIN']).toContain(p!.code);
    const targets = await db.db.select().from(coverageTargets);
    expect(targets).toEqual([expect.objectContaining({ puskesmasId: p!.id, villageId: null, year: Number(isoToday('Asia/Jakarta').slice(0, 4)), targetPercent: 50 })]);
    const cats = await db.db.select().from(forumCategories).where(eq(forumCategories.puskesmasId, p!.id));
    expect(cats.map((c) => c.slug).sort()).toEqual(FORUM_CATEGORIES.map((c) => c.slug).sort());
    const [admin] = await db.db.select().from(users);
    expect(admin).toMatchObject({ puskesmasId: p!.id, role: 'admin', name: 'Siti Rahmawati', phone: first ? '+6281190000001' : '+6281190000002', active: true });
    expect(admin!.passwordHash).toMatch(/^\$2[aby]\$/);
    const audit = await db.db.select().from(auditLog).where(eq(auditLog.action, 'puskesmas.setup'));
    expect(audit).toEqual([expect.objectContaining({ puskesmasId: p!.id, userId: admin!.id, entity: 'puskesmas', entityId: p!.id })]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('$2');
    expect(await db.db.select().from(setupCodes).where(isNull(setupCodes.usedAt))).toHaveLength(0);
    // The new admin signs in with the password she chose.
    const login = await verifyLogin({ phone: admin!.phone, password: PASSWORD }, '10.2.0.9');
    expect(login.ok).toBe(true);
  });

  it('after the setup: installed, no new code at start-up, and setup refused even with a code that was valid', async () => {
    expect(await isInstalled()).toBe(true);
    expect(await issueSetupCode()).toBeNull();
    const before = await rowCounts(db);
    const res = await setupPuskesmas(null, form(codes[2]!, { shortCode: 'TIGA', adminPhone: '0811-9000-0003' }), '10.3.0.1');
    expect(res).toEqual({ ok: false, formError: 'setup.installed' });
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.db.select().from(setupCodes)).toHaveLength(3);
  });

  it('the CLI refuses a second puskesmas without --tambah, and bad flags, writing nothing', async () => {
    const before = await rowCounts(db);
    expect(await setupFromCli(cli(), { add: false })).toEqual({ ok: false, formError: 'setup.cliExists' });
    const [existing] = await db.db.select().from(puskesmas);
    const [admin] = await db.db.select().from(users);
    expect(await setupFromCli(cli({ shortCode: existing!.code.toLowerCase() }), { add: true })).toMatchObject({
      ok: false,
      fieldErrors: { shortCode: 'setup.shortCodeTaken' },
    });
    expect(await setupFromCli(cli({ adminPhone: admin!.phone }), { add: true })).toMatchObject({ ok: false, fieldErrors: { adminPhone: 'validation.phoneTaken' } });
    expect(await setupFromCli(cli({ timeZone: 'UTC' }), { add: true })).toMatchObject({ ok: false, fieldErrors: { timeZone: 'setup.zoneRequired' } });
    expect(await setupFromCli(cli({ target: '150' }), { add: true })).toMatchObject({ ok: false, fieldErrors: { target: 'setup.targetRange' } });
    expect(await setupFromCli(cli({ name: '<script>alert(1)</script>' }), { add: true })).toMatchObject({ ok: false, fieldErrors: { name: 'setup.plainText' } });
    expect(await setupFromCli({}, { add: true })).toMatchObject({ ok: false });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('the CLI with --tambah adds a puskesmas whose admin activates with a one-time code', async () => {
    const before = await rowCounts(db);
    const res = await setupFromCli(cli(), { add: true });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const after = await rowCounts(db);
    expect(after.puskesmas).toBe(before.puskesmas! + 1);
    expect(after.users).toBe(before.users! + 1);
    expect(after.coverage_targets).toBe(before.coverage_targets! + 1);
    expect(after.forum_categories).toBe(before.forum_categories! + FORUM_CATEGORIES.length);
    expect(after.activation_codes).toBe(before.activation_codes! + 1);
    expect(after.audit_log).toBe(before.audit_log! + 1);
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, res.puskesmasId));
    expect(p).toMatchObject({ code: 'GPT', timeZone: 'Asia/Makassar' });
    const [t] = await db.db.select().from(coverageTargets).where(eq(coverageTargets.puskesmasId, res.puskesmasId));
    expect(t).toMatchObject({ targetPercent: 60, year: Number(isoToday('Asia/Makassar').slice(0, 4)) });
    const [admin] = await db.db.select().from(users).where(eq(users.id, res.adminId));
    expect(admin).toMatchObject({ role: 'admin', puskesmasId: res.puskesmasId, phone: '+6281190000099', passwordHash: null });
    const [code] = await db.db.select().from(activationCodes).where(eq(activationCodes.userId, res.adminId));
    expect(code!.codeHash).not.toContain(res.activationCode);
    expect(res.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const [a] = await db.db.select().from(auditLog).where(eq(auditLog.entityId, res.puskesmasId));
    expect(a).toMatchObject({ action: 'puskesmas.setup', userId: res.adminId, puskesmasId: res.puskesmasId });
    // She sets her password at /aktivasi, then signs in.
    const password = 'Dewi-Gunung-Putri-1';
    expect(await activateAccount({ phone: '0811-9000-0099', code: res.activationCode, password, confirm: password }, '10.4.0.1')).toEqual({ ok: true });
    expect((await verifyLogin({ phone: '0811-9000-0099', password }, '10.4.0.1')).ok).toBe(true);
  });
});
