/**
 * Hostile input (issue #10): every field of every write, one at a time, replaced by each of a
 * table of hostile values — empty, whitespace, 10,000 characters, wrong types, negative and
 * huge numbers, impossible and far dates, SQL and HTML injection, emoji and other scripts,
 * unknown ids, another puskesmas's ids. Each must be refused cleanly (a field message, or a
 * 403/404 kind of refusal) or accepted as ordinary text — never an unexpected exception (a 500),
 * and a refusal leaves the row counts of every table unchanged. The forum's writes are called
 * the way their actions call them: the form's zod schema first, then the data function.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, isNull, lte, ne } from 'drizzle-orm';
import { ZodError } from 'zod';
import { babies, forumCategories, forumPosts, mothers, puskesmas, users } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { changeOwnPassword, createAccount, manageAccount } from '@/lib/data/accounts';
import { createDistrictAccount } from '@/lib/data/district';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { saveSignatory, saveTarget } from '@/lib/data/settings';
import { revokeCertificate } from '@/lib/data/certificates';
import { createPost, createReply, ForumError, moderate, reportContent, saveCategory } from '@/lib/data/forum';
import { activateAccount, registerMother } from '@/lib/data/mothers';
import { recordVisit } from '@/lib/data/visits';
import { categorySchema, moderateSchema, postSchema, replySchema, reportSchema } from '@/lib/validation/forum';
import { revokeCertificateSchema } from '@/lib/validation/certificates';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;

describe.each(BACKENDS)('hostile input on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let staff: Actor;
  let admin: Actor;
  let dinkes: Actor;
  /** Names allow letters only: a counter written as letters. */
  const letters = (k: number) =>
    `${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[k % 26]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(k / 26) % 26]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(k / 676) % 26]}`;
  const foreign = { babyId: '', posyanduId: '', categoryId: '', postId: '', userId: '' };
  const own = { babyId: '', categoryId: '', postId: '', kaderUserId: '' };
  const today = isoToday('Asia/Jakarta');
  let n = 0;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, login('kader'));
    staff = await actorFor(db, login('staff'));
    admin = await actorFor(db, login('admin'));
    dinkes = await actorFor(db, login('dinkes'));
    const [b] = await db.db
      .select({ id: babies.id })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(
        and(eq(mothers.posyanduId, kader.posyanduId!), isNull(babies.exitDate), lte(babies.birthDate, addDays(today, -20)), gte(babies.birthDate, addDays(today, -120))),
      )
      .orderBy(asc(babies.birthDate))
      .limit(1);
    own.babyId = b!.id;
    const [c] = await db.db.select().from(forumCategories).where(eq(forumCategories.puskesmasId, staff.puskesmasId)).limit(1);
    own.categoryId = c!.id;
    const [p] = await db.db
      .select()
      .from(forumPosts)
      .where(and(eq(forumPosts.puskesmasId, staff.puskesmasId), eq(forumPosts.status, 'published')))
      .limit(1);
    own.postId = p!.id;
    own.kaderUserId = kader.id;
    const [other] = await db.db.select().from(puskesmas).where(ne(puskesmas.id, staff.puskesmasId)).limit(1);
    const [fb] = await db.db
      .select({ id: babies.id, posyanduId: mothers.posyanduId })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(eq(mothers.puskesmasId, other!.id))
      .limit(1);
    foreign.babyId = fb!.id;
    foreign.posyanduId = fb!.posyanduId;
    const [fc] = await db.db.select().from(forumCategories).where(eq(forumCategories.puskesmasId, other!.id)).limit(1);
    foreign.categoryId = fc!.id;
    const [fp] = await db.db.select().from(forumPosts).where(eq(forumPosts.puskesmasId, other!.id)).limit(1);
    foreign.postId = fp!.id;
    const [fu] = await db.db.select().from(users).where(eq(users.puskesmasId, other!.id)).limit(1);
    foreign.userId = fu!.id;
  }, 180_000);
  afterAll(() => db.dispose());

  const HOSTILE = (): [string, unknown][] => [
    ['empty', ''],
    ['whitespace', '   \t\n '],
    ['10,000 characters', 'x'.repeat(10_000)],
    ['a number', 12345],
    ['negative', -1],
    ['huge', 1e15],
    ['null', null],
    ['an object', { $ne: 1 }],
    ['an array', ['a', 'b']],
    ['a boolean', true],
    ['an impossible date', '2026-02-30'],
    ['a far date', '9999-12-31'],
    ['an ancient date', '0001-01-01'],
    ['SQL injection', "x'); drop table users; --"],
    ['HTML injection', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
    ['emoji', '👶🏽🤱 ASI'],
    ['other scripts', 'ありがとう مرحبا ภาษาไทย'],
    // Issue #22 (decision 052): PostgreSQL refuses NUL in text (22021, a 500 before); a lone
    // surrogate is no character; a right-to-left override shows text in another order.
    ['NUL', 'Ibu\u0000Uji'],
    ['a lone surrogate', 'Ibu \uD83D Uji'],
    ['an RTL override', 'Ibu \u202Eiju'],
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['another puskesmas’s baby', foreign.babyId],
    ['another puskesmas’s posyandu', foreign.posyanduId],
    ['another puskesmas’s category', foreign.categoryId],
    ['another puskesmas’s post', foreign.postId],
    ['another puskesmas’s user', foreign.userId],
  ];

  /** What the action does: the form's schema, then the data function (forum writes). */
  const viaSchema =
    <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, fn: (input: T) => Promise<unknown>) =>
    async (input: Record<string, unknown>) => {
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, fieldErrors: parsed.error.issues.map((i) => i.path.join('.')) };
      return fn(parsed.data);
    };

  const WRITES: { name: string; valid: () => Record<string, unknown>; run: (input: Record<string, unknown>) => Promise<unknown> }[] = [
    { name: 'visit', valid: () => ({ ...answeredVisit(randomUUID(), own.babyId, today) }), run: (i) => recordVisit(kader, i) },
    {
      name: 'mother registration',
      valid: () => ({
        id: randomUUID(),
        name: `Ibu Uji ${++n}`,
        phone: `0857-4444-${String(1000 + n)}`,
        nik: '',
        posyanduId: kader.posyanduId!,
        birthDate: addDays(today, -4),
        babies: [{ sex: 'L', name: '', birthWeightGrams: '3000' }],
        consent: true,
      }),
      run: (i) => registerMother(kader, i),
    },
    {
      name: 'activation',
      valid: () => ({ phone: '0813-3000-0001', code: 'ABCDEFGH', password: 'Melati sore 9', confirm: 'Melati sore 9' }),
      run: (i) => activateAccount(i, '10.1.1.1'),
    },
    {
      name: 'forum post',
      valid: () => ({ id: randomUUID(), categoryId: own.categoryId, title: `Judul uji ${++n}`, body: 'Isi.', anonymous: null }),
      run: viaSchema(postSchema, (d) => createPost(staff, d)),
    },
    { name: 'forum reply', valid: () => ({ id: randomUUID(), postId: own.postId, body: 'Balasan.' }), run: viaSchema(replySchema, (d) => createReply(staff, d)) },
    { name: 'forum report', valid: () => ({ target: 'post', id: own.postId, reason: 'Tidak pantas' }), run: viaSchema(reportSchema, (d) => reportContent(kader, d)) },
    { name: 'moderation', valid: () => ({ target: 'post', id: own.postId, decision: 'dismiss', reason: '' }), run: viaSchema(moderateSchema, (d) => moderate(staff, d)) },
    {
      name: 'forum category',
      valid: () => ({ name: `Kategori ${++n}`, slug: `kategori-${n}`, description: '', sortOrder: 90 }),
      run: viaSchema(categorySchema, (d) => saveCategory(staff, d)),
    },
    { name: 'account action', valid: () => ({ userId: own.kaderUserId, action: 'endSessions', reason: 'Uji' }), run: (i) => manageAccount(admin, i) },
    { name: 'password change', valid: () => ({ current: 'salah-sekali', password: 'Melati sore 9', confirm: 'Melati sore 9' }), run: (i) => changeOwnPassword(staff, i) },
    {
      name: 'certificate revocation',
      valid: () => ({ certificateId: '00000000-0000-4000-8000-000000000000', reason: 'Uji' }),
      run: viaSchema(revokeCertificateSchema, (d) => revokeCertificate(staff, d)),
    },
    // Issue #18: places, accounts, settings; issue #19: district accounts (imported files: tests/integration/import.test.ts).
    { name: 'village', valid: () => ({ name: `Uji ${letters(++n)}`, kind: 'desa' }), run: (i) => createVillage(admin, i) },
    {
      name: 'posyandu',
      valid: () => ({ villageId: kader.villageId!, name: `Posyandu Uji ${letters(++n)}`, rw: '5', address: 'Jl. Uji' }),
      run: (i) => createPosyandu(staff, i),
    },
    {
      name: 'kader account',
      valid: () => ({
        role: 'kader',
        name: `Kader Uji ${letters(++n)}`,
        phone: `0819-5555-${String(1000 + n)}`,
        posyanduIds: [kader.posyanduId!],
        homePosyanduId: kader.posyanduId!,
      }),
      run: (i) => createAccount(staff, i),
    },
    { name: 'coverage target', valid: () => ({ year: String(2040 + (++n % 50)), targetPercent: '55', villageId: '' }), run: (i) => saveTarget(admin, i) },
    {
      name: 'certificate signatory',
      valid: () => ({ signatoryName: `dr. Uji ${letters(++n)}`, signatoryNip: '', signatoryTitle: 'Kepala Puskesmas' }),
      run: (i) => saveSignatory(admin, i),
    },
    {
      name: 'district account',
      valid: () => ({ name: `Petugas Dinkes ${letters(++n)}`, phone: `0819-6666-${String(1000 + n)}` }),
      run: (i) => createDistrictAccount(dinkes, i),
    },
  ];

  const clean = (r: unknown): boolean =>
    r instanceof ForbiddenError || r instanceof NotFoundError || r instanceof ForumError || (!(r instanceof Error) && r !== undefined);

  let tried = 0;
  afterAll(() => console.log(`hostile input (${backend.name}): ${tried} cases`));

  it.each(WRITES)(
    '$name: every field × every hostile value is refused cleanly or taken as plain text',
    async (w) => {
      const fields = Object.keys(w.valid());
      const unexpected: string[] = [];
      for (const field of fields) {
        for (const [label, value] of HOSTILE()) {
          const input = { ...w.valid(), [field]: value };
          const before = await rowCounts(db);
          const r = await w.run(input).catch((err: unknown) => err);
          tried += 1;
          if (!clean(r)) {
            unexpected.push(`${field} = ${label}: ${r instanceof Error ? `${r.name}: ${r.message.slice(0, 120)}` : String(r)}`);
            continue;
          }
          const refused = r instanceof Error || (typeof r === 'object' && r !== null && 'ok' in r && (r as { ok: unknown }).ok === false);
          if (refused) {
            const after = await rowCounts(db);
            // Failed sign-in style counters are the only writes a refusal may make.
            delete after.login_throttle;
            const b = { ...before };
            delete b.login_throttle;
            if (JSON.stringify(after) !== JSON.stringify(b)) unexpected.push(`${field} = ${label}: refused but wrote rows`);
          }
        }
      }
      expect(unexpected).toEqual([]);
    },
    240_000,
  );

  it.each(WRITES)(
    '$name: a hidden character in any text field is refused with nothing written (decision 052)',
    async (w) => {
      const valid = w.valid();
      const fields = Object.keys(valid).filter((f) => typeof valid[f] === 'string');
      const accepted: string[] = [];
      for (const field of fields) {
        for (const [label, hidden] of [
          ['NUL', '\u0000'],
          ['a lone surrogate', '\uDC00'],
          ['an RTL override', '\u202E'],
        ] as const) {
          const input = { ...w.valid(), [field]: `${String(w.valid()[field])}${hidden}` };
          const before = await rowCounts(db);
          const r = await w.run(input).catch((err: unknown) => err);
          tried += 1;
          const refused = r instanceof Error || (typeof r === 'object' && r !== null && 'ok' in r && (r as { ok: unknown }).ok === false);
          if (!refused || !clean(r)) accepted.push(`${field} + ${label}: ${r instanceof Error ? r.message.slice(0, 80) : 'accepted'}`);
          const after = await rowCounts(db);
          delete after.login_throttle;
          const b = { ...before };
          delete b.login_throttle;
          if (JSON.stringify(after) !== JSON.stringify(b)) accepted.push(`${field} + ${label}: wrote rows`);
        }
      }
      expect(accepted).toEqual([]);
    },
    240_000,
  );

  it('a refused visit answers with a field message on the field that was wrong', async () => {
    const before = await rowCounts(db);
    const r = await recordVisit(kader, { ...answeredVisit(randomUUID(), own.babyId, today), weightGrams: '40000', notes: 'x'.repeat(10_000) });
    expect(r).toMatchObject({ ok: false, fieldErrors: { weightGrams: expect.stringMatching(/^validation\./), notes: 'validation.tooLong' } });
    expect(await rowCounts(db)).toEqual(before);
    const nul = await recordVisit(kader, { ...answeredVisit(randomUUID(), own.babyId, today), notes: 'Catatan\u0000' });
    expect(nul).toMatchObject({ ok: false, fieldErrors: { notes: 'validation.unsafeText' } });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('text in other scripts and emoji is stored as written', async () => {
    const title = `Pengalaman 👶🏽 ありがとう ${++n}`;
    // Admin: staff has used up the hourly post limit above.
    const r = await createPost(admin, { categoryId: own.categoryId, title, body: 'مرحبا — terima kasih 🤱', anonymous: false });
    const [p] = await db.db.select().from(forumPosts).where(eq(forumPosts.id, r.id));
    expect(p).toMatchObject({ title, body: 'مرحبا — terima kasih 🤱' });
  });
});
