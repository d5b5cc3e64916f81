/**
 * Knowledge checks (cek pengetahuan, issue #28 point 5), from an EMPTY database after first-run
 * setup, built through lib/data only: a kader's baseline with the first visit, an endline from the
 * 5-month date, a mother's own check never baseline or endline, two taps saving once, a missing or
 * unknown answer refused on its field with nothing stored, scope (another posyandu's kader,
 * another puskesmas, a mother only her own), the audit row, a staff correction, and the baby's
 * derived columns equal to lib/domain computed from the rows read back. On PGlite, and on
 * PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, babies, knowledgeChecks, visits } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { babyKnowledgeChecks, correctKnowledgeCheck, knowledgeCheckResult, myKnowledgeChecks, recordKnowledgeCheck } from '@/lib/data/knowledge';
import { registerMother } from '@/lib/data/mothers';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { setupFromCli } from '@/lib/data/setup';
import { recordVisit } from '@/lib/data/visits';
import { addDays, babyKnowledge, fiveMonthDate, isoToday, KNOWLEDGE_STATEMENTS, knowledgeCheckDerived, type KnowledgeSource } from '@/lib/domain';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, puskesmasSetupForm, useDatabase, type TestDb } from './support';

const T = isoToday('Asia/Jakarta');
/** Every statement answered right, then `over`. */
const answers = (over: Record<string, string> = {}) => ({ ...Object.fromEntries(KNOWLEDGE_STATEMENTS.map((s) => [s.id, s.correct])), ...over });
const [S0, S1, S2] = KNOWLEDGE_STATEMENTS.map((s) => s.id) as [string, string, string];
const wrong = (id: string) => (KNOWLEDGE_STATEMENTS.find((s) => s.id === id)!.correct === 'true' ? 'false' : 'true');

describe.each(BACKENDS)('knowledge checks on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let otherKader: Actor;
  let otherStaff: Actor;
  let ibu: Actor;
  let otherIbu: Actor;
  const baby: Record<'young' | 'old' | 'other', { id: string; motherId: string; birthDate: string }> = {} as never;

  beforeAll(async () => {
    db = await useDatabase(backend);
    const a = await setupFromCli(puskesmasSetupForm('Puskesmas Pengetahuan Uji', 'PGU', '0811-9300-0001'), { add: false });
    if (!a.ok) throw new Error(`setup refused: ${JSON.stringify(a)}`);
    const b = await setupFromCli(puskesmasSetupForm('Puskesmas Lain Uji', 'PLU', '0811-9300-0101'), { add: true });
    if (!b.ok) throw new Error(`second setup refused: ${JSON.stringify(b)}`);
    admin = await actorFor(db, '0811-9300-0001');
    otherStaff = await actorFor(db, '0811-9300-0101');
    const v = await createVillage(admin, { name: 'Bojong Kulur', kind: 'desa' });
    if (!v.ok) throw new Error('village refused');
    const posts: string[] = [];
    for (const name of ['Posyandu Mawar', 'Posyandu Melati']) {
      const p = await createPosyandu(admin, { villageId: v.id, name, rw: '01', address: '' });
      if (!p.ok) throw new Error('posyandu refused');
      posts.push(p.id);
    }
    expect((await createAccount(admin, { role: 'staff', name: 'Bidan Sri', phone: '0812-4300-0001' })).ok).toBe(true);
    expect((await createAccount(admin, { role: 'kader', name: 'Euis Rohaeti', phone: '0812-4300-0002', posyanduIds: [posts[0]!] })).ok).toBe(true);
    expect((await createAccount(admin, { role: 'kader', name: 'Tuti Alawiyah', phone: '0812-4300-0003', posyanduIds: [posts[1]!] })).ok).toBe(true);
    staff = await actorFor(db, '0812-4300-0001');
    kader = await actorFor(db, '0812-4300-0002');
    otherKader = await actorFor(db, '0812-4300-0003');
    let n = 0;
    for (const [key, days, k, post] of [
      ['young', 4, kader, 0],
      ['old', 160, kader, 0],
      ['other', 30, otherKader, 1],
    ] as const) {
      const birthDate = addDays(T, -days);
      const res = await registerMother(k, {
        id: randomUUID(),
        name: `Ibu ${key}`,
        phone: `0813-4300-00${String(++n).padStart(2, '0')}`,
        nik: '',
        posyanduId: posts[post]!,
        birthDate,
        babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
        consent: true,
      });
      if (!res.ok) throw new Error(`registration refused: ${JSON.stringify(res)}`);
      baby[key] = { id: res.babyIds[0]!, motherId: res.motherId, birthDate };
    }
    ibu = await actorFor(db, '0813-4300-0001');
    otherIbu = await actorFor(db, '0813-4300-0003');
  }, 180_000);
  afterAll(() => db.dispose());

  const count = async () => (await db.db.select({ id: knowledgeChecks.id }).from(knowledgeChecks)).length;

  /** The baby's stored knowledge = lib/domain babyKnowledge on its visits and checks read back. */
  async function expectDerived(babyId: string) {
    const [b] = await db.db.select({ birthDate: babies.birthDate, kb: babies.knowledgeBaseline, ct: babies.counselledTopics }).from(babies).where(eq(babies.id, babyId));
    const vs = await db.db.select({ visitDate: visits.visitDate, counselling: visits.counselling }).from(visits).where(eq(visits.babyId, babyId));
    const cs = await db.db.select().from(knowledgeChecks).where(eq(knowledgeChecks.babyId, babyId)).orderBy(asc(knowledgeChecks.takenOn));
    const k = babyKnowledge({
      birthDate: b!.birthDate,
      visitDates: vs.map((v) => v.visitDate),
      counselling: vs.map((v) => ({ visitDate: v.visitDate, topics: v.counselling })),
      checks: cs.map((c) => ({ id: c.id, source: c.source as KnowledgeSource, takenOn: c.takenOn, score: c.score, total: c.total, createdAt: c.createdAt })),
    });
    expect({ kb: b!.kb, ct: b!.ct }).toEqual({ kb: k.baselineLevel, ct: k.counselledTopics });
    for (const c of cs) expect({ occasion: c.occasion, rose: c.rose }, `check ${c.id}`).toEqual(knowledgeCheckDerived(c.id, k));
    return k;
  }

  it('a kader records the baseline with the first visit: scored, linked to the visit, audited, the baby’s columns derived', async () => {
    const visitId = randomUUID();
    expect(await recordVisit(kader, answeredVisit(visitId, baby.young.id, T, { counselling: ['exclusive_bf', 'family_support'] }))).toMatchObject({ ok: true });
    expect((await babyKnowledgeChecks(kader, baby.young.id)).prompt).toBe('baseline');
    const id = randomUUID();
    const res = await recordKnowledgeCheck(kader, {
      id,
      babyId: baby.young.id,
      visitId,
      takenOn: T,
      ...answers({ [S0]: 'dont_know', [S1]: wrong(S1), [S2]: wrong(S2) }),
    });
    expect(res).toEqual({ ok: true, checkId: id, babyId: baby.young.id, created: true });
    const [row] = await db.db.select().from(knowledgeChecks).where(eq(knowledgeChecks.id, id));
    expect(row).toMatchObject({ source: 'kader', motherId: baby.young.motherId, visitId, score: 7, total: 10, occasion: 'baseline', rose: null, recordedBy: kader.id });
    const [audit] = await db.db
      .select({ userId: auditLog.userId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'knowledgeCheck.create')));
    expect(audit!.userId).toBe(kader.id);
    expect(audit!.after).toMatchObject({ score: 7, source: 'kader' });
    const k = await expectDerived(baby.young.id);
    expect(k).toMatchObject({ baselineId: id, baselineLevel: 'low', counselledTopics: ['exclusive_bf', 'family_support'] });
    // The baby page: the check with its missed statements and their lessons; no prompt any more.
    const page = await babyKnowledgeChecks(kader, baby.young.id);
    expect(page.prompt).toBeNull();
    expect(page.checks[0]).toMatchObject({ id, score: 7, occasion: 'baseline', recordedByName: 'Euis Rohaeti' });
    expect(page.checks[0]!.missed.map((m) => m.id)).toEqual([S0, S1, S2]);
    expect(page.checks[0]!.missed[0]!.lesson).toBe(KNOWLEDGE_STATEMENTS[0].lesson);
  });

  it('two taps or a resend of the same id save once (the same answer); three at once too', async () => {
    const id = randomUUID();
    const input = { id, babyId: baby.young.id, takenOn: T, ...answers() };
    const before = await count();
    const first = await recordKnowledgeCheck(kader, input);
    const again = await recordKnowledgeCheck(kader, input);
    const many = await Promise.all([1, 2, 3].map(() => recordKnowledgeCheck(kader, input)));
    expect(first).toMatchObject({ ok: true, checkId: id, created: true });
    expect(again).toEqual({ ok: true, checkId: id, babyId: baby.young.id, created: false });
    for (const r of many) expect(r).toMatchObject({ ok: true, checkId: id, created: false });
    expect(await count()).toBe(before + 1);
    const audits = await db.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits).toHaveLength(1);
    // A second check the same day is not a second baseline.
    await expectDerived(baby.young.id);
    const [row] = await db.db.select({ occasion: knowledgeChecks.occasion }).from(knowledgeChecks).where(eq(knowledgeChecks.id, id));
    expect(row!.occasion).toBeNull();
    // The same id by another kader (or for another baby) is refused, nothing overwritten.
    await expect(recordKnowledgeCheck(kader, { ...input, babyId: baby.old.id })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('a missing or unknown answer is refused on its field, a future date on its field; nothing stored', async () => {
    const before = await count();
    const { [S1]: _missing, ...rest } = answers();
    const res = await recordKnowledgeCheck(kader, { id: randomUUID(), babyId: baby.young.id, takenOn: T, ...rest, [S2]: 'ya' });
    expect(res).toEqual({ ok: false, fieldErrors: { [S1]: 'validation.knowledgeAnswer', [S2]: 'validation.knowledgeAnswer' } });
    const empty = await recordKnowledgeCheck(kader, { id: randomUUID(), babyId: baby.young.id, takenOn: T, ...answers({ [S0]: '' }) });
    expect(empty).toEqual({ ok: false, fieldErrors: { [S0]: 'validation.knowledgeAnswer' } });
    const future = await recordKnowledgeCheck(kader, { id: randomUUID(), babyId: baby.young.id, takenOn: addDays(T, 1), ...answers() });
    expect(future).toEqual({ ok: false, fieldErrors: { takenOn: 'validation.dateInFuture' } });
    const badVisit = await recordKnowledgeCheck(kader, { id: randomUUID(), babyId: baby.young.id, visitId: randomUUID(), takenOn: T, ...answers() });
    expect(badVisit).toEqual({ ok: false, fieldErrors: { visitId: 'validation.invalid' } });
    expect(await recordKnowledgeCheck(kader, { id: 'x', babyId: baby.young.id, takenOn: T, ...answers() })).toEqual({
      ok: false,
      fieldErrors: { id: 'validation.invalid' },
    });
    expect(await count()).toBe(before);
  });

  it('the endline: first check from the 5-month date; its score rose over the baseline', async () => {
    const five = fiveMonthDate(baby.old.birthDate);
    const first = addDays(baby.old.birthDate, 5);
    expect(await recordVisit(kader, answeredVisit(randomUUID(), baby.old.id, first))).toMatchObject({ ok: true });
    const base = randomUUID();
    expect(
      await recordKnowledgeCheck(kader, { id: base, babyId: baby.old.id, takenOn: first, ...answers({ [S0]: wrong(S0), [S1]: wrong(S1), [S2]: wrong(S2) }) }),
    ).toMatchObject({
      ok: true,
    });
    // Before the 5-month date: an extra check, no endline.
    const mid = randomUUID();
    expect(await recordKnowledgeCheck(kader, { id: mid, babyId: baby.old.id, takenOn: addDays(five, -1), ...answers() })).toMatchObject({ ok: true });
    expect((await babyKnowledgeChecks(kader, baby.old.id)).prompt).toBe('endline');
    const end = randomUUID();
    expect(await recordKnowledgeCheck(kader, { id: end, babyId: baby.old.id, takenOn: T, ...answers({ [S0]: 'dont_know' }) })).toMatchObject({ ok: true });
    const k = await expectDerived(baby.old.id);
    expect(k).toMatchObject({ baselineId: base, endlineId: end, rose: true, baselineLevel: 'low' });
    const occ = await db.db
      .select({ id: knowledgeChecks.id, o: knowledgeChecks.occasion, r: knowledgeChecks.rose })
      .from(knowledgeChecks)
      .where(eq(knowledgeChecks.babyId, baby.old.id));
    expect(Object.fromEntries(occ.map((x) => [x.id, [x.o, x.r]]))).toEqual({ [base]: ['baseline', null], [mid]: [null, null], [end]: ['endline', true] });
    expect((await babyKnowledgeChecks(kader, baby.old.id)).prompt).toBeNull();
  });

  it('a mother takes her own check: source self, no baby, today, never baseline or endline; she reads only her own', async () => {
    const id = randomUUID();
    // Another mother's baby: refused, nothing stored.
    const before = await count();
    await expect(recordKnowledgeCheck(ibu, { id: randomUUID(), babyId: baby.other.id, ...answers() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await count()).toBe(before);
    // Her own baby named, and a date: the check is hers, dated today, without the baby.
    const res = await recordKnowledgeCheck(ibu, { id, babyId: baby.young.id, takenOn: '2026-01-01', ...answers() });
    expect(res).toEqual({ ok: true, checkId: id, babyId: null, created: true });
    const [row] = await db.db.select().from(knowledgeChecks).where(eq(knowledgeChecks.id, id));
    expect(row).toMatchObject({ source: 'self', babyId: null, motherId: baby.young.motherId, takenOn: T, occasion: null, score: 10, recordedBy: ibu.id });
    expect(await recordKnowledgeCheck(ibu, { id, ...answers() })).toMatchObject({ ok: true, created: false });
    // Never the baseline (her baby has one from the kader), and shown on the baby page as her own.
    await expectDerived(baby.young.id);
    const page = await babyKnowledgeChecks(staff, baby.young.id);
    expect(page.checks.find((c) => c.id === id)).toMatchObject({ source: 'self', occasion: null });
    // Her reads: her own checks (hers and the kader's with her), not another mother's.
    expect((await myKnowledgeChecks(ibu)).map((c) => c.id)).toContain(id);
    expect((await myKnowledgeChecks(otherIbu)).map((c) => c.id)).not.toContain(id);
    expect((await knowledgeCheckResult(ibu, id)).score).toBe(10);
    await expect(knowledgeCheckResult(otherIbu, id)).rejects.toBeInstanceOf(NotFoundError);
    // The same id sent by another mother is refused.
    await expect(recordKnowledgeCheck(otherIbu, { id, ...answers() })).rejects.toBeInstanceOf(ForbiddenError);
    // Her own baby's checks she may read; another mother's baby's not.
    expect((await babyKnowledgeChecks(ibu, baby.young.id)).babyId).toBe(baby.young.id);
    await expect(babyKnowledgeChecks(ibu, baby.other.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('scope: a kader of another posyandu and staff of another puskesmas are refused; nothing stored', async () => {
    const before = await count();
    await expect(recordKnowledgeCheck(otherKader, { id: randomUUID(), babyId: baby.young.id, takenOn: T, ...answers() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(babyKnowledgeChecks(otherKader, baby.young.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(babyKnowledgeChecks(otherStaff, baby.young.id)).rejects.toBeInstanceOf(NotFoundError);
    // Staff record nothing (they read and correct); dinkes-like roles have no grant at all.
    await expect(recordKnowledgeCheck(staff, { id: randomUUID(), babyId: baby.young.id, takenOn: T, ...answers() })).rejects.toBeInstanceOf(ForbiddenError);
    const [anyCheck] = await db.db.select({ id: knowledgeChecks.id }).from(knowledgeChecks).where(eq(knowledgeChecks.babyId, baby.young.id)).limit(1);
    await expect(knowledgeCheckResult(otherKader, anyCheck!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(knowledgeCheckResult(otherStaff, anyCheck!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(correctKnowledgeCheck(otherStaff, { id: anyCheck!.id, reason: 'Salah catat jawaban', ...answers() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(correctKnowledgeCheck(kader, { id: anyCheck!.id, reason: 'Salah catat jawaban', ...answers() })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count()).toBe(before);
  });

  it('staff correct a check with a reason: answers replaced, rescored, audited, the baby’s level follows', async () => {
    const [base] = await db.db
      .select({ id: knowledgeChecks.id })
      .from(knowledgeChecks)
      .where(and(eq(knowledgeChecks.babyId, baby.young.id), eq(knowledgeChecks.occasion, 'baseline')));
    expect(await correctKnowledgeCheck(staff, { id: base!.id, reason: '', ...answers() })).toEqual({ ok: false, fieldErrors: { reason: 'validation.reasonRequired' } });
    expect(await correctKnowledgeCheck(staff, { id: base!.id, reason: 'Jawaban salah dicatat kader', ...answers() })).toMatchObject({ ok: true, changed: true });
    const [row] = await db.db.select({ score: knowledgeChecks.score }).from(knowledgeChecks).where(eq(knowledgeChecks.id, base!.id));
    expect(row!.score).toBe(10);
    const [audit] = await db.db
      .select({ reason: auditLog.reason, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, base!.id), eq(auditLog.action, 'knowledgeCheck.update')));
    expect(audit).toMatchObject({ reason: 'Jawaban salah dicatat kader', before: { score: 7 }, after: { score: 10 } });
    expect((await expectDerived(baby.young.id)).baselineLevel).toBe('high');
  });
});
