/**
 * A mother's rights over her data (issue #30, docs/decisions/062), on the demo seed and on both
 * databases: her copy holds all her records and nobody else's; a correction request reaches
 * staff and is closed; a withdrawal erases every identifying value of her and her babies from
 * every text, text[] and jsonb column of every table (audit log and forum included) and leaves
 * every stored figure of every period as it was; refusals change nothing; the retention run
 * erases exactly the due mothers and is idempotent.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import {
  auditLog,
  babies,
  certificates,
  correctionRequests,
  dataErasures,
  forumComments,
  forumPosts,
  mothers,
  puskesmas,
  users,
  userSessions,
  visits,
} from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { coverageDashboard, monthlyReport } from '@/lib/data/coverage';
import {
  closeCorrectionRequest,
  correctionRequestList,
  dataCopy,
  requestCorrection,
  retentionOverview,
  runRetention,
  saveRetention,
  withdrawMother,
} from '@/lib/data/data-rights';
import { districtOverview } from '@/lib/data/district';
import { verifyCertificate } from '@/lib/data/certificates';
import { activateAccount, registerMother } from '@/lib/data/mothers';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { issueSetupCode, setupPuskesmas } from '@/lib/data/setup';
import { recordVisit } from '@/lib/data/visits';
import { addDays, addMonths, ERASED_NAME, isoToday, sixMonthDate } from '@/lib/domain';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, fingerprint, useDatabase, type TestDb } from './support';

const PHONES = {
  rina: '0813-3000-0001',
  dewi: '0813-3000-0002',
  euis: '0812-2000-0001',
  sri: '0811-1000-0002',
  hendra: '0811-1000-0001',
  maya: '0811-1000-0101',
  yohana: '0811-1000-0201',
};
type Who = keyof typeof PHONES;

/** Every text, varchar, text[], json and jsonb column of every table (information_schema), searched for each value. */
async function whereFound(db: TestDb, values: readonly string[]): Promise<string[]> {
  const cols = rowsOf<{ s: string; t: string; c: string }>(
    await db.db.execute(sql`
      select c.table_schema as s, c.table_name as t, c.column_name as c
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and (c.data_type in ('text', 'character varying', 'json', 'jsonb', 'character') or c.udt_name in ('_text', '_varchar'))`),
  );
  expect(cols.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const v of values) {
    for (const { s, t, c } of cols) {
      const r = rowsOf<{ n: number }>(
        await db.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(s)}.${sql.identifier(t)} where position(lower(${v}) in lower(${sql.identifier(c)}::text)) > 0`,
        ),
      );
      if (Number(r[0]!.n) > 0) found.push(`${s}.${t}.${c} holds "${v}"`);
    }
  }
  return found;
}

/** Every stored figure: the derived tables and columns, and what the dashboard, report and district compute from them. */
async function figures(db: TestDb, who: Record<Who, Actor>) {
  const tables = await fingerprint(db);
  const derived = Object.fromEntries(Object.entries(tables).filter(([k]) => /coverage_/.test(k)));
  const state = rowsOf(
    await db.db.execute(
      sql`select id, sex, birth_date, exit_date, exit_reason, state_first_break, state_confirmed, state_break_reason, state_attended, status_initial, status_change_1, status_1, status_change_2, status_2, followed_until, knowledge_baseline, counselled_topics, mother_id, puskesmas_id from babies order by id`,
    ),
  );
  const months = ['2026-06', '2026-08', '2026-10', '2026-11'].map((m) => ({ year: Number(m.slice(0, 4)), month: Number(m.slice(5)) }));
  const boards = [];
  for (const month of months) {
    const d = await coverageDashboard(who.sri, { month, villageId: null, posyanduId: null });
    boards.push({ current: d.current, trend: d.trend, villages: d.villages.map((v) => v.current), posyandu: d.posyandu.map((p) => p.current) });
  }
  const reports = [];
  for (const month of months) {
    const r = await monthlyReport(who.sri, month);
    reports.push(JSON.parse(JSON.stringify(r, (_k, v) => (v instanceof Date ? v.toISOString() : v))));
  }
  const district = [await districtOverview(who.yohana, '2026-10'), await districtOverview(who.yohana, '2026'), await districtOverview(who.yohana, '2026-Q3')];
  return { derived, state, boards, reports, district: JSON.parse(JSON.stringify(district)) };
}

describe.each(BACKENDS)('data rights on $name', (backend) => {
  let db: TestDb;
  const who = {} as Record<Who, Actor>;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    for (const [k, phone] of Object.entries(PHONES)) who[k as Who] = await actorFor(db, phone);
  }, 240_000);
  afterAll(() => db.dispose());

  it('her copy holds all her records and none of anyone else’s; staff produce the same, audited; others are refused', async () => {
    const copy = await dataCopy(who.dewi);
    const [m] = await db.db.select().from(mothers).where(eq(mothers.id, who.dewi.motherId!));
    expect(copy.mother.name).toBe(m!.name);
    expect(copy.mother.phone).toBe(m!.phone);
    const myBabies = await db.db.select({ id: babies.id, name: babies.name }).from(babies).where(eq(babies.motherId, m!.id));
    expect(copy.babies.map((b) => b.name).sort()).toEqual(myBabies.map((b) => b.name).sort());
    const myVisits = await db.db.select({ id: visits.id }).from(visits).innerJoin(babies, eq(babies.id, visits.babyId)).where(eq(babies.motherId, m!.id));
    expect(copy.babies.flatMap((b) => b.visits)).toHaveLength(myVisits.length);
    expect(copy.babies.flatMap((b) => b.certificates).length).toBeGreaterThan(0);
    const myPosts = await db.db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.authorId, who.dewi.id));
    expect(copy.forum.posts).toHaveLength(myPosts.length);
    const myReplies = await db.db.select({ id: forumComments.id }).from(forumComments).where(eq(forumComments.authorId, who.dewi.id));
    expect(copy.forum.replies).toHaveLength(myReplies.length);

    // Nothing about anyone else: no other mother's or baby's name, no kader's or staff phone.
    const text = JSON.stringify(copy);
    const others = await db.db
      .select({ name: mothers.name, phone: mothers.phone })
      .from(mothers)
      .where(sql`${mothers.id} <> ${m!.id}`);
    for (const o of others) {
      if (o.name.length >= 6 && !m!.name.includes(o.name)) expect(text, o.name).not.toContain(o.name);
      if (o.phone) expect(text).not.toContain(o.phone);
    }
    const otherBabies = await db.db
      .select({ name: babies.name })
      .from(babies)
      .where(sql`${babies.motherId} <> ${m!.id} and ${babies.name} is not null`);
    for (const b of otherBabies) if (b.name!.length >= 6 && !myBabies.some((x) => x.name?.includes(b.name!))) expect(text, b.name!).not.toContain(b.name!);
    const staffPhones = await db.db
      .select({ phone: users.phone })
      .from(users)
      .where(sql`${users.role} <> 'ibu'`);
    for (const s of staffPhones) expect(text).not.toContain(s.phone);

    // Staff of her puskesmas produce the same copy, and it is audited without its content.
    const before = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mother.export'), eq(auditLog.entityId, m!.id)));
    const byStaff = await dataCopy(who.sri, m!.id, 'json');
    expect(byStaff).toEqual(copy);
    const after = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mother.export'), eq(auditLog.entityId, m!.id)));
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);

    // A mother sees only her own (the id she passes is ignored); kader, other puskesmas, district: refused.
    expect((await dataCopy(who.rina, m!.id)).mother.name).not.toBe(m!.name);
    await expect(dataCopy(who.euis, m!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dataCopy(who.maya, m!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(dataCopy(who.yohana, m!.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('a correction request: validated, stored once on a resend, listed for staff with its age, closed with a note she reads', async () => {
    const fp = await fingerprint(db);
    expect(await requestCorrection(who.rina, { id: randomUUID(), body: 'salah' })).toMatchObject({ ok: false, fieldErrors: { body: 'validation.correctionTooShort' } });
    expect(await requestCorrection(who.rina, { id: randomUUID(), body: 'x'.repeat(1001) })).toMatchObject({ ok: false, fieldErrors: { body: 'validation.tooLong' } });
    expect(await requestCorrection(who.rina, { id: randomUUID(), body: 'Nama bayi\u202Esalah ketik' })).toMatchObject({ ok: false });
    expect(await requestCorrection(who.rina, { id: 'nope', body: 'Tanggal lahir bayi saya salah.' })).toMatchObject({
      ok: false,
      fieldErrors: { id: 'validation.invalid' },
    });
    await expect(requestCorrection(who.sri, { id: randomUUID(), body: 'Tanggal lahir bayi saya salah.' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestCorrection(who.euis, { id: randomUUID(), body: 'Tanggal lahir bayi saya salah.' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fingerprint(db)).toEqual(fp);

    const id = randomUUID();
    const form = { id, body: 'Tanggal lahir bayi saya tertulis 3 Juli, yang benar 2 Juli.' };
    expect(await requestCorrection(who.rina, form)).toEqual({ ok: true, id, created: true });
    expect(await requestCorrection(who.rina, form)).toEqual({ ok: true, id, created: false });
    // Someone else's key is refused without saying more.
    await expect(requestCorrection(who.dewi, { ...form })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.db.select().from(correctionRequests).where(eq(correctionRequests.id, id))).toHaveLength(1);

    const list = await correctionRequestList(who.sri);
    const mine = list.open.find((r) => r.id === id)!;
    expect(mine).toMatchObject({ motherId: who.rina.motherId, ageDays: 0, status: 'open' });
    await expect(correctionRequestList(who.euis)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await correctionRequestList(who.maya)).open.find((r) => r.id === id)).toBeUndefined();
    await expect(closeCorrectionRequest(who.maya, { id, note: 'Sudah diperbaiki.' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(closeCorrectionRequest(who.rina, { id, note: 'Sudah diperbaiki.' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await closeCorrectionRequest(who.sri, { id, note: '' })).toMatchObject({ ok: false });

    expect(await closeCorrectionRequest(who.sri, { id, note: 'Tanggal lahir sudah diperbaiki.' })).toEqual({ ok: true, changed: true });
    expect(await closeCorrectionRequest(who.sri, { id, note: 'Lagi.' })).toEqual({ ok: true, changed: false });
    const copy = await dataCopy(who.rina);
    expect(copy.correctionRequests.find((r) => r.id === id)).toMatchObject({ status: 'closed', closeNote: 'Tanggal lahir sudah diperbaiki.' });
  });

  it('a withdrawal refused (no or wrong name, another puskesmas, a kader, the mother herself) changes nothing', async () => {
    const [m] = await db.db.select().from(mothers).where(eq(mothers.id, who.dewi.motherId!));
    const today = isoToday('Asia/Jakarta');
    const base = { id: randomUUID(), motherId: m!.id, requestedOn: today, channel: 'in_person', confirmName: m!.name };
    const fp = await fingerprint(db);
    expect(await withdrawMother(who.sri, { ...base, confirmName: '' })).toMatchObject({ ok: false, fieldErrors: { confirmName: 'validation.confirmNameRequired' } });
    expect(await withdrawMother(who.sri, { ...base, confirmName: 'Ibu Lain' })).toMatchObject({
      ok: false,
      fieldErrors: { confirmName: 'validation.confirmNameMismatch' },
    });
    expect(await withdrawMother(who.sri, { ...base, channel: 'fax' })).toMatchObject({ ok: false, fieldErrors: { channel: expect.any(String) } });
    expect(await withdrawMother(who.sri, { ...base, requestedOn: addMonths(today, 1) })).toMatchObject({
      ok: false,
      fieldErrors: { requestedOn: 'validation.dateInFuture' },
    });
    await expect(withdrawMother(who.maya, base)).rejects.toBeInstanceOf(NotFoundError);
    await expect(withdrawMother(who.euis, base)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdrawMother(who.dewi, base)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdrawMother(who.yohana, base)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fingerprint(db)).toEqual(fp);
  });

  it('a withdrawal erases every identifying value from every table and leaves every figure of every period as it was', async () => {
    const [m] = await db.db.select().from(mothers).where(eq(mothers.id, who.dewi.motherId!));
    const [u] = await db.db.select().from(users).where(eq(users.id, who.dewi.id));
    const bs = await db.db.select().from(babies).where(eq(babies.motherId, m!.id));
    const vs = await db.db
      .select({ notes: visits.notes, recallOtherText: visits.recallOtherText, referralReason: visits.referralReason, referralOutcome: visits.referralOutcome })
      .from(visits)
      .innerJoin(babies, eq(babies.id, visits.babyId))
      .where(eq(babies.motherId, m!.id));
    const posts = await db.db.select({ title: forumPosts.title, body: forumPosts.body }).from(forumPosts).where(eq(forumPosts.authorId, u!.id));
    const replies = await db.db.select({ body: forumComments.body }).from(forumComments).where(eq(forumComments.authorId, u!.id));
    expect(posts.length + replies.length, 'the demo mother wrote in the forum').toBeGreaterThan(0);
    const [cert] = await db.db
      .select({ code: certificates.verificationCode })
      .from(certificates)
      .innerJoin(babies, eq(babies.id, certificates.babyId))
      .where(and(eq(babies.motherId, m!.id), isNull(certificates.revokedAt)));
    expect(cert).toBeTruthy();
    // A kader's session note and an audit reason that name her: free text elsewhere.
    await db.db.execute(
      sql`update group_sessions set summary = coalesce(summary, '') || ${` Ibu ${m!.name} bercerita.`} where id = (select id from group_sessions where puskesmas_id = ${m!.puskesmasId} order by id limit 1)`,
    );
    await db.db.insert(auditLog).values({ puskesmasId: m!.puskesmasId, userId: who.sri.id, action: 'note', entity: 'x', entityId: 'x', reason: `telepon ${m!.phone}` });
    // Her login is open.
    const [session] = await db.db.insert(userSessions).values({ userId: u!.id }).returning({ id: userSessions.id });

    // A value that another person's own record also holds (another baby named "Muhammad Rizky")
    // stays in that record: searched in her rows only, below.
    const taken = new Set(
      rowsOf<{ v: string }>(
        await db.db.execute(
          sql`select lower(name) as v from mothers where id <> ${m!.id} union select lower(name) from babies where mother_id <> ${m!.id} and name is not null union select lower(name) from users where id <> ${u!.id}`,
        ),
      ).map((r) => r.v),
    );
    const all = [m!.name, m!.phone, m!.nik, m!.address, u!.name, u!.phone, ...bs.map((b) => b.name)].filter((v): v is string => !!v && v.length >= 3);
    const identifying = all.filter((v) => !taken.has(v.toLowerCase()));
    // Her free text (a note the seed writes on many visits is not hers alone: left out).
    const common = new Set(
      rowsOf<{ v: string }>(
        await db.db.execute(
          sql`select v.notes as v from visits v join babies b on b.id = v.baby_id where b.mother_id <> ${m!.id} and v.notes is not null union select body from forum_posts where author_id <> ${u!.id} union select body from forum_comments where author_id <> ${u!.id}`,
        ),
      ).map((r) => r.v),
    );
    const freeText = [
      ...vs.flatMap((v) => [v.notes, v.recallOtherText, v.referralReason, v.referralOutcome]),
      ...posts.flatMap((p) => [p.title, p.body]),
      ...replies.map((r) => r.body),
    ].filter((v): v is string => !!v && v.length >= 12 && !common.has(v));
    expect(identifying.length).toBeGreaterThanOrEqual(4);
    expect((await whereFound(db, identifying)).length, 'her values are there before').toBeGreaterThan(0);

    const before = await figures(db, who);
    const form = { id: randomUUID(), motherId: m!.id, requestedOn: isoToday('Asia/Jakarta'), channel: 'whatsapp', confirmName: `  ${m!.name.toUpperCase()} ` };
    const r = await withdrawMother(who.sri, form);
    expect(r).toMatchObject({ ok: true, repeated: false });

    expect(await whereFound(db, identifying)).toEqual([]);
    expect(await whereFound(db, freeText)).toEqual([]);
    expect(await figures(db, who)).toEqual(before);

    // The pseudonymous row; her login ended; her posts read "Ibu (data dihapus)"; the certificate withdrawn.
    const [after] = await db.db.select().from(mothers).where(eq(mothers.id, m!.id));
    expect(after).toMatchObject({ name: ERASED_NAME, phone: null, nik: null, address: null, rt: null, rw: null });
    for (const b of await db.db.select().from(babies).where(eq(babies.motherId, m!.id))) expect(b).toMatchObject({ name: null, birthPlace: null, exitNote: null });
    expect(after!.erasedAt).toBeTruthy();
    const [ua] = await db.db.select().from(users).where(eq(users.id, u!.id));
    expect(ua).toMatchObject({ name: ERASED_NAME, active: false, passwordHash: null });
    expect(ua!.sessionVersion).toBe(u!.sessionVersion + 1);
    expect(await db.db.select().from(userSessions).where(eq(userSessions.id, session!.id))).toHaveLength(0);
    const postsAfter = await db.db.select({ title: forumPosts.title, anonymous: forumPosts.anonymous }).from(forumPosts).where(eq(forumPosts.authorId, u!.id));
    for (const p of postsAfter) expect(p).toEqual({ title: ERASED_NAME, anonymous: false });
    const v = await verifyCertificate(cert!.code, '10.9.9.9');
    expect(v).toEqual({ state: 'withdrawn' });
    // The audit keeps that it happened, by whom, when; nothing of what was erased.
    const [row] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mother.erase'), eq(auditLog.entityId, m!.id)));
    expect(row).toMatchObject({ userId: who.sri.id, entity: 'mother', reason: null });
    expect(row!.after).toMatchObject({ kind: 'withdrawal', channel: 'whatsapp' });

    // Replay: the same answer once; a second withdrawal: refused; nothing changes.
    const fp = await fingerprint(db);
    expect(await withdrawMother(who.sri, form)).toEqual({ ...r, repeated: true });
    expect(await withdrawMother(who.hendra, { ...form, id: randomUUID(), confirmName: ERASED_NAME })).toEqual({
      ok: false,
      formError: 'dataRights.errors.alreadyErased',
    });
    expect(await fingerprint(db)).toEqual(fp);
    expect(await db.db.select().from(dataErasures).where(eq(dataErasures.motherId, m!.id))).toHaveLength(1);
  }, 240_000);

  it('retention: erases exactly the mothers whose babies all left more than the period ago; idempotent; counts, no names', async () => {
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, who.sri.puskesmasId));
    // Staff read the setting; only the admin changes it.
    expect(await saveRetention(who.sri, { months: 6 }).catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);
    expect(await saveRetention(who.hendra, { months: 2 })).toMatchObject({ ok: false, fieldErrors: { months: 'validation.retentionRange' } });
    expect(await saveRetention(who.hendra, { months: 6 })).toEqual({ ok: true });

    const today = isoToday(p!.timeZone);
    const all = await db.db
      .select({
        motherId: babies.motherId,
        birthDate: babies.birthDate,
        exitDate: babies.exitDate,
        puskesmasId: babies.puskesmasId,
        erasedAt: mothers.erasedAt,
        retention: puskesmas.retentionMonths,
      })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId));
    // Expected from the rule, written out here: every baby's last followed day + the period ≤ today.
    const byMother = new Map<string, { due: boolean; erased: boolean }>();
    for (const b of all) {
      const six = sixMonthDate(b.birthDate);
      const until = b.exitDate && b.exitDate < six ? b.exitDate : six;
      const months = b.retention ?? 24;
      const due = addMonths(until, months) <= today;
      const prev = byMother.get(b.motherId);
      byMother.set(b.motherId, { due: (prev?.due ?? true) && due, erased: !!b.erasedAt });
    }
    const expected = [...byMother].filter(([, v]) => v.due && !v.erased).map(([k]) => k);
    expect(expected.length, 'the demo has mothers due at 6 months').toBeGreaterThan(0);
    const soon = await retentionOverview(who.sri);
    for (const id of expected) if (all.find((b) => b.motherId === id)!.puskesmasId === who.sri.puskesmasId) expect(soon.due.map((d) => d.motherId)).toContain(id);

    const before = await figures(db, who);
    const erasedBefore = (
      await db.db
        .select({ id: mothers.id })
        .from(mothers)
        .where(sql`${mothers.erasedAt} is not null`)
    ).map((e) => e.id);
    const res = await runRetention();
    expect(res).toMatchObject({ mothers: expected.length, failed: 0 });
    expect(JSON.stringify(res)).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
    const erased = await db.db
      .select({ id: mothers.id })
      .from(mothers)
      .where(sql`${mothers.erasedAt} is not null`);
    expect(erased.map((e) => e.id).sort()).toEqual([...new Set([...expected, ...erasedBefore])].sort());
    const afterFigures = await figures(db, who);
    for (const k of Object.keys(before) as (keyof typeof before)[]) expect(afterFigures[k], k).toEqual(before[k]);
    const fp = await fingerprint(db);
    expect(await runRetention()).toMatchObject({ mothers: 0, failed: 0 });
    expect(await fingerprint(db)).toEqual(fp);
    const kinds = await db.db.select({ kind: dataErasures.kind, recordedBy: dataErasures.recordedBy }).from(dataErasures).where(eq(dataErasures.kind, 'retention'));
    expect(kinds).toHaveLength(expected.length);
    expect(kinds.every((k) => k.recordedBy === null)).toBe(true);
  }, 240_000);
});

/**
 * The same rights on a database that starts EMPTY: a puskesmas made by the first-run setup,
 * places and accounts, mothers registered and visited — all through lib/data, nothing from the
 * demo seed. Her copy, a correction, a withdrawal (no figure changes) and the retention run.
 */
describe.each(BACKENDS)('data rights from an empty database on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  let kader: Actor;
  const today = isoToday('Asia/Jakarta');
  const month = { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
  const kartika = { name: 'Kartika Sulistyowati', phone: '0857-4100-3101', baby: 'Nadia Kirana' };
  const wulan = { name: 'Wulan Andayani', phone: '0857-4100-3102', baby: 'Bagas Prakoso' };
  const ids: Record<'kartika' | 'wulan', { motherId: string; babyId: string }> = {} as never;

  beforeAll(async () => {
    db = await useDatabase(backend);
  }, 120_000);
  afterAll(() => db.dispose());

  /** What the figures are made of, and what staff read of them this month. */
  async function storedFigures() {
    const tables = await fingerprint(db);
    return {
      derived: Object.fromEntries(Object.entries(tables).filter(([k]) => /coverage_/.test(k))),
      state: rowsOf(await db.db.execute(sql`select id, sex, birth_date, exit_date, status_1, status_2, followed_until, mother_id from babies order by id`)),
      board: (await coverageDashboard(staff, { month, villageId: null, posyanduId: null })).current,
      report: JSON.parse(JSON.stringify(await monthlyReport(staff, month))),
    };
  }

  it('setup, places, accounts, two mothers registered and visited, all through lib/data', async () => {
    const code = await issueSetupCode();
    const password = 'Hak-Data-Ibu-2026';
    const res = await setupPuskesmas(
      null,
      {
        setupCode: code!,
        name: 'Puskesmas Hak Data',
        shortCode: 'HKD',
        district: 'Kabupaten Bogor',
        subdistrict: 'Cileungsi',
        province: 'Jawa Barat',
        timeZone: 'WIB',
        target: '40',
        adminName: 'Ratna Kusumawati',
        adminPhone: '0811-9000-3101',
        password,
        confirm: password,
      },
      '192.0.2.30',
    );
    if (!res.ok) throw new Error(`setup refused: ${JSON.stringify(res)}`);
    const admin = await actorFor(db, '0811-9000-3101');
    const v = await createVillage(admin, { name: 'Mekarsari', kind: 'desa' });
    if (!v.ok) throw new Error('village refused');
    const p = await createPosyandu(admin, { villageId: v.id, name: 'Posyandu Dahlia', rw: '03', address: '' });
    if (!p.ok) throw new Error('posyandu refused');
    expect((await createAccount(admin, { role: 'staff', name: 'Bidan Lestari Handayani', phone: '0812-4100-3101' })).ok).toBe(true);
    expect((await createAccount(admin, { role: 'kader', name: 'Kader Sumarni', phone: '0812-4100-3102', posyanduIds: [p.id] })).ok).toBe(true);
    staff = await actorFor(db, '0812-4100-3101');
    kader = await actorFor(db, '0812-4100-3102');

    for (const [key, m, born] of [
      ['kartika', kartika, -40],
      ['wulan', wulan, -100],
    ] as const) {
      const r = await registerMother(kader, {
        id: randomUUID(),
        name: m.name,
        phone: m.phone,
        nik: '',
        posyanduId: p.id,
        birthDate: addDays(today, born),
        babies: [{ sex: 'P', name: m.baby, birthWeightGrams: '3100' }],
        consent: true,
      });
      if (!r.ok) throw new Error(`registration refused: ${JSON.stringify(r)}`);
      ids[key] = { motherId: r.motherId, babyId: r.babyIds[0]! };
      if (key === 'kartika') {
        // Her login, activated with the one-time code as she would on her phone.
        const a = await activateAccount({ phone: m.phone, code: r.code!, password: 'Kartika-Menyusui-26', confirm: 'Kartika-Menyusui-26' }, '192.0.2.31');
        expect(a).toMatchObject({ ok: true });
      }
      const visit = await recordVisit(kader, answeredVisit(randomUUID(), r.babyIds[0]!, addDays(today, -2), { notes: `Ibu ${m.name} semangat menyusui.` }));
      expect(visit).toMatchObject({ ok: true, created: true });
    }
  }, 120_000);

  it('her copy, a correction, a withdrawal that leaves every figure as it was, and the retention run', async () => {
    const ibu = await actorFor(db, kartika.phone);
    expect(ibu.motherId).toBe(ids.kartika.motherId);

    // Her copy: her profile, her baby and its visit with the kader's note; staff produce the same.
    const copy = await dataCopy(ibu);
    expect(copy.mother).toMatchObject({ name: kartika.name, phone: expect.stringContaining('857') });
    expect(copy.babies.map((b) => b.name)).toEqual([kartika.baby]);
    expect(copy.babies[0]!.visits).toHaveLength(1);
    expect(copy.babies[0]!.visits[0]!.notes).toContain(kartika.name);
    expect(JSON.stringify(copy)).not.toContain(wulan.name);
    expect(await dataCopy(staff, ids.kartika.motherId, 'json')).toEqual(copy);
    await expect(dataCopy(kader, ids.kartika.motherId)).rejects.toBeInstanceOf(ForbiddenError);

    // A correction, closed by staff with a note she reads.
    const requestId = randomUUID();
    expect(await requestCorrection(ibu, { id: requestId, body: 'Berat lahir Nadia 3200 gram, bukan 3100.' })).toEqual({ ok: true, id: requestId, created: true });
    expect((await correctionRequestList(staff)).open.map((r) => r.id)).toEqual([requestId]);
    expect(await closeCorrectionRequest(staff, { id: requestId, note: 'Sudah kami perbaiki.' })).toEqual({ ok: true, changed: true });
    expect((await dataCopy(ibu)).correctionRequests[0]).toMatchObject({ status: 'closed', closeNote: 'Sudah kami perbaiki.' });

    // Her withdrawal: her name, phone and baby's name are nowhere; the figures are as they were.
    expect((await whereFound(db, [kartika.name, kartika.baby])).length, 'her values are there before').toBeGreaterThan(1);
    const before = await storedFigures();
    const form = { id: randomUUID(), motherId: ids.kartika.motherId, requestedOn: today, channel: 'in_person', confirmName: kartika.name.toLowerCase() };
    expect(await withdrawMother(staff, form)).toMatchObject({ ok: true, repeated: false });
    expect(await whereFound(db, [kartika.name, '+6285741003101', '085741003101', kartika.baby])).toEqual([]);
    expect(await storedFigures()).toEqual(before);
    const [erased] = await db.db.select().from(mothers).where(eq(mothers.id, ids.kartika.motherId));
    expect(erased).toMatchObject({ name: ERASED_NAME, phone: null });
    // Wulan is untouched.
    expect((await whereFound(db, [wulan.name])).length).toBeGreaterThan(0);

    // Retention: nothing due today; three years on, Wulan is (Kartika, erased already, is not counted again).
    expect(await runRetention()).toEqual({ puskesmas: 0, mothers: 0, failed: 0 });
    const later = new Date(Date.now() + 3 * 365 * 86_400_000);
    expect(await runRetention(later)).toEqual({ puskesmas: 1, mothers: 1, failed: 0 });
    expect(await whereFound(db, [wulan.name, wulan.baby, '+6285741003102'])).toEqual([]);
    expect(await storedFigures()).toEqual(before);
    const fp = await fingerprint(db);
    expect(await runRetention(later)).toEqual({ puskesmas: 0, mothers: 0, failed: 0 });
    expect(await fingerprint(db)).toEqual(fp);
    expect((await db.db.select({ kind: dataErasures.kind }).from(dataErasures)).map((e) => e.kind).sort()).toEqual(['retention', 'withdrawal']);
  }, 240_000);
});
