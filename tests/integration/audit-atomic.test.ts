/**
 * Every write of health data (and of accounts, certificates, forum) writes its audit row in
 * the same transaction: with a database trigger that makes any audit insert fail, each write
 * must fail and leave every table exactly as it was; without it, the same write succeeds and
 * adds its audit row. One case per data-layer write; new writes get a case here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { babies, forumCategories, mothers } from '@/db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';
import type { Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { changeOwnPassword, createAccount, manageAccount } from '@/lib/data/accounts';
import { issueAllEligible } from '@/lib/data/certificates';
import { createPost } from '@/lib/data/forum';
import { registerMother } from '@/lib/data/mothers';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { saveSignatory, saveTarget } from '@/lib/data/settings';
import { recordVisit } from '@/lib/data/visits';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, fingerprint, useDatabase, type TestDb } from './support';

const kaderPhone = DEMO_LOGINS.find((l) => l.role === 'kader')!.phone;
const staffPhone = DEMO_LOGINS.find((l) => l.role === 'staff')!.phone;

describe.each(BACKENDS)('audit rows share the transaction of their write on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let staff: Actor;
  let admin: Actor;
  let kaderVillageId: string;
  let babyId: string;
  let categoryId: string;
  let n = 0;
  const today = isoToday('Asia/Jakarta');

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, kaderPhone);
    staff = await actorFor(db, staffPhone);
    admin = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'admin')!.phone);
    kaderVillageId = kader.villageId!;
    const [b] = await db.db
      .select({ id: babies.id })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(
        and(
          eq(mothers.posyanduId, kader.posyanduId!),
          sql`${babies.exitDate} is null`,
          lte(babies.birthDate, addDays(today, -20)),
          gte(babies.birthDate, addDays(today, -120)),
        ),
      )
      .orderBy(asc(babies.birthDate))
      .limit(1);
    babyId = b!.id;
    const [c] = await db.db.select({ id: forumCategories.id }).from(forumCategories).where(eq(forumCategories.puskesmasId, staff.puskesmasId)).limit(1);
    categoryId = c!.id;
    await db.db.execute(sql`create or replace function kekasihku_test_fail_audit() returns trigger language plpgsql as $$
      begin raise exception 'forced failure after the write'; end $$`);
  }, 180_000);
  afterAll(() => db.dispose());

  const failAudit = (on: boolean) =>
    db.db.execute(
      on
        ? sql`create trigger kekasihku_test_fail_audit before insert on audit_log for each row execute function kekasihku_test_fail_audit()`
        : sql`drop trigger if exists kekasihku_test_fail_audit on audit_log`,
    );

  /** Each case does one valid write (fresh input on every call) and tells whether it wrote. */
  const CASES: [string, () => Promise<unknown>][] = [
    ['a visit', () => recordVisit(kader, answeredVisit(randomUUID(), babyId, today))],
    [
      'registering a mother',
      () => {
        n += 1;
        return registerMother(kader, {
          id: randomUUID(),
          name: `Ibu Audit ${n}`,
          phone: `0857-2222-${String(1000 + n)}`,
          nik: '',
          posyanduId: kader.posyanduId!,
          birthDate: addDays(today, -5),
          babies: [{ sex: 'L', name: '', birthWeightGrams: '3000' }],
          consent: true,
        });
      },
    ],
    ['issuing certificates', () => issueAllEligible(staff)],
    ['a forum post', () => createPost(staff, { categoryId, title: `Jadwal pertemuan ${++n}`, body: 'Mohon hadir tepat waktu.', anonymous: false })],
    ['ending an account’s sessions', () => manageAccount(staff, { userId: kader.id, action: 'endSessions', reason: 'Uji audit' })],
    // Issue #18: places, accounts, settings.
    ['adding a village', () => createVillage(admin, { name: `Audit ${'ABCDEFGHIJ'[++n % 10]}${'ABCDEFGHIJ'[Math.floor(n / 10) % 10]}`, kind: 'desa' })],
    ['adding a posyandu', () => createPosyandu(admin, { villageId: kaderVillageId, name: `Posyandu Audit ${++n}`, rw: '4', address: '' })],
    [
      'adding a kader account',
      () =>
        createAccount(admin, {
          role: 'kader',
          name: 'Kader Audit',
          phone: `0819-4444-${String(1000 + ++n)}`,
          posyanduIds: [kader.posyanduId!],
          homePosyanduId: kader.posyanduId!,
        }),
    ],
    ['a coverage target', () => saveTarget(admin, { year: String(2030 + (++n % 40)), targetPercent: '55', villageId: '' })],
    [
      'the certificate signatory',
      () => saveSignatory(admin, { signatoryName: `dr. Audit ${'ABCDEFGHIJ'[++n % 10]}`, signatoryNip: '', signatoryTitle: 'Kepala Puskesmas' }),
    ],
    [
      'changing a password',
      // Succeeds once (the second call of the case), while the password is still the demo one.
      () => changeOwnPassword(kader, { current: DEMO_PASSWORD, password: 'Melati sore 5', confirm: 'Melati sore 5' }),
    ],
  ];

  it.each(CASES)('%s: fails as a whole when its audit row cannot be written, and writes both otherwise', async (_name, write) => {
    const before = await fingerprint(db);
    await failAudit(true);
    try {
      const r = await write().catch((err: unknown) => err);
      if (!(r instanceof Error)) {
        // A write that reports a refusal instead of throwing must still have written nothing.
        expect(r).not.toMatchObject({ ok: true });
        expect(r).not.toMatchObject({ issued: expect.any(Number), serials: [expect.anything()] });
      }
    } finally {
      await failAudit(false);
    }
    expect(await fingerprint(db)).toEqual(before);

    const r = await write();
    expect(r).not.toMatchObject({ ok: false });
    const after = await fingerprint(db);
    const count = (fp: Record<string, string>) => Number(fp['public.audit_log']!.split(':')[0]);
    expect(count(after)).toBeGreaterThan(count(before));
    const changed = Object.keys(after).filter((t) => t !== 'public.audit_log' && after[t] !== before[t]);
    expect(changed.length, 'the write itself changed a table').toBeGreaterThan(0);
  });
});
