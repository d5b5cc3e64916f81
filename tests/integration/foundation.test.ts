import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { babies, certificates, forumPosts, mothers, puskesmas, users, villages, visits } from '@/db/schema';
import { DEMO_LOGINS, seedIfEmpty } from '@/db/seed';
import { DEFAULT_VISIT_WINDOWS, dueList, isoToday, normalizePhone } from '@/lib/domain';
import { visitFactsByBaby } from '@/lib/data/facts';
import { listPosts } from '@/lib/data/forum';
import { ibuOverview, kaderMothersPage, kaderOverview, staffOverview } from '@/lib/data/overview';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

describe.each(BACKENDS)('foundation on $name', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
  });
  afterAll(() => db.dispose());

  it('migrations made every table and the seed loaded the demo puskesmas', async () => {
    const rows = await db.db.select({ code: puskesmas.code, name: puskesmas.name }).from(puskesmas).orderBy(puskesmas.code);
    expect(rows.map((r) => r.code)).toEqual(['BJN', 'GPT']);
    const [b] = await db.db.select({ n: count() }).from(babies);
    expect(b!.n).toBeGreaterThanOrEqual(150);
  });

  it('the seed loads only into an empty database', async () => {
    const [before] = await db.db.select({ n: count() }).from(babies);
    expect(await seedIfEmpty(db.db)).toBe(false);
    const [after] = await db.db.select({ n: count() }).from(babies);
    expect(after!.n).toBe(before!.n);
  });

  it('every demo login exists with a password', async () => {
    for (const login of DEMO_LOGINS) {
      const [u] = await db.db
        .select()
        .from(users)
        .where(eq(users.phone, normalizePhone(login.phone)!));
      expect(u, login.phone).toBeDefined();
      expect(u!.role).toBe(login.role);
      expect(u!.passwordHash).toBeTruthy();
    }
  });

  it('a kader sees only the mothers of her posyandu (or assigned to her)', async () => {
    const kaders = DEMO_LOGINS.filter((l) => l.role === 'kader');
    expect(kaders.length).toBeGreaterThanOrEqual(2);
    const seen: string[][] = [];
    for (const k of kaders) {
      const actor = await actorFor(db, k.phone);
      const data = await kaderOverview(actor);
      expect(data.mothers.length).toBeGreaterThan(0);
      const ids = [...new Set(data.mothers.map((m) => m.motherId))];
      const rows = await db.db.select({ posyanduId: mothers.posyanduId, puskesmasId: mothers.puskesmasId }).from(mothers).where(inArray(mothers.id, ids));
      for (const r of rows) {
        expect(r.puskesmasId).toBe(actor.puskesmasId);
        expect(r.posyanduId).toBe(actor.posyanduId);
      }
      // ...and all of them: the home page counts the babies of her posyandu and lists those still
      // followed (and recently ended); the full list (/kader/ibu) pages through every one.
      const [n] = await db.db.select({ n: count() }).from(babies).innerJoin(mothers, eq(mothers.id, babies.motherId)).where(eq(mothers.posyanduId, actor.posyanduId!));
      expect(data.total).toBe(n!.n);
      for (const m of data.mothers) expect(m.followed || m.status !== 'ongoing').toBe(true);
      const all: string[] = [];
      for (let page = 1; ; page++) {
        const p = await kaderMothersPage(actor, String(page));
        all.push(...p.mothers.map((m) => m.babyId));
        if (page >= p.pages) break;
      }
      expect(new Set(all).size).toBe(n!.n);
      for (const m of data.mothers) expect(all).toContain(m.babyId);
      expect(data.due.every((d) => data.mothers.some((m) => m.babyId === d.babyId && m.followed))).toBe(true);
      seen.push(ids);
    }
    expect(seen[0]!.filter((id) => seen[1]!.includes(id))).toEqual([]);
  });

  it("a kader's today list is lib/domain dueList over every baby of her posyandu (nothing lost by the bounded query)", async () => {
    for (const k of DEMO_LOGINS.filter((l) => l.role === 'kader')) {
      const actor = await actorFor(db, k.phone);
      const rows = await db.db
        .select({ id: babies.id, birthDate: babies.birthDate, exitDate: babies.exitDate })
        .from(babies)
        .innerJoin(mothers, eq(mothers.id, babies.motherId))
        .where(eq(mothers.posyanduId, actor.posyanduId!))
        .orderBy(asc(mothers.name), asc(babies.birthOrder));
      const visitsOf = await visitFactsByBaby(
        db.db,
        rows.map((r) => r.id),
      );
      const referred = new Set(
        (
          await db.db
            .select({ b: visits.babyId })
            .from(visits)
            .where(and(eq(visits.referral, true), isNull(visits.referralFollowedUpAt)))
        ).map((r) => r.b),
      );
      const [p] = await db.db.select({ w: puskesmas.visitWindows }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
      const expected = dueList(
        rows.map((r) => ({ ...r, visitDates: (visitsOf.get(r.id) ?? []).map((v) => v.visitDate), openReferral: referred.has(r.id) })),
        isoToday('Asia/Jakarta'),
        p!.w?.length ? p!.w : DEFAULT_VISIT_WINDOWS,
      );
      const got = (await kaderOverview(actor)).due.map(({ baby: _b, ...d }) => d);
      expect(got.map((d) => `${d.babyId}:${d.kind}`).sort()).toEqual(expected.map((d) => `${d.babyId}:${d.kind}`).sort());
      console.log(`today list of ${k.phone}: ${got.filter((d) => d.kind === 'overdue').length} overdue, ${got.filter((d) => d.kind === 'open').length} open`);
    }
  });

  it("a kader's home lists every baby of hers with a certificate issued in the last 30 days", async () => {
    for (const k of DEMO_LOGINS.filter((l) => l.role === 'kader')) {
      const actor = await actorFor(db, k.phone);
      const recent = await db.db
        .select({ babyId: certificates.babyId })
        .from(certificates)
        .innerJoin(babies, eq(babies.id, certificates.babyId))
        .innerJoin(mothers, eq(mothers.id, babies.motherId))
        .where(and(eq(mothers.posyanduId, actor.posyanduId!), isNull(certificates.revokedAt), gte(certificates.issuedAt, new Date(Date.now() - 29 * 86_400_000))));
      const listed = new Set((await kaderOverview(actor)).mothers.map((m) => m.babyId));
      for (const c of recent) expect(listed.has(c.babyId)).toBe(true);
    }
  });

  it('staff see every baby of their puskesmas and nothing of another', async () => {
    for (const code of ['BJN', 'GPT']) {
      const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, code));
      const [staff] = await db.db
        .select({ phone: users.phone })
        .from(users)
        .where(and(eq(users.puskesmasId, p!.id), eq(users.role, 'staff')));
      const actor = await actorFor(db, staff!.phone);
      const data = await staffOverview(actor);
      const [own] = await db.db.select({ n: count() }).from(babies).where(eq(babies.puskesmasId, p!.id));
      expect(data.puskesmasName).toBe(p!.name);
      expect(data.totalBabies).toBe(own!.n);
      expect(Object.values(data.byStatus).reduce((a, b) => a + b, 0)).toBe(own!.n);
      const names = await db.db.select({ name: villages.name }).from(villages).where(ne(villages.puskesmasId, p!.id));
      for (const v of data.villages) expect(names.map((x) => x.name)).not.toContain(v.name);
    }
  });

  it('the demo data has babies in every journey status', async () => {
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'BJN'));
    const [staff] = await db.db
      .select({ phone: users.phone })
      .from(users)
      .where(and(eq(users.puskesmasId, p!.id), eq(users.role, 'staff')));
    const data = await staffOverview(await actorFor(db, staff!.phone));
    for (const n of Object.values(data.byStatus)) expect(n).toBeGreaterThan(0);
  });

  it('a mother sees only her own babies', async () => {
    for (const login of DEMO_LOGINS.filter((l) => l.role === 'ibu')) {
      const actor = await actorFor(db, login.phone);
      expect(actor.motherId).toBeTruthy();
      const data = await ibuOverview(actor);
      expect(data.babies.length).toBeGreaterThan(0);
      const rows = await db.db
        .select({ motherId: babies.motherId })
        .from(babies)
        .where(
          inArray(
            babies.id,
            data.babies.map((b) => b.id),
          ),
        );
      expect(new Set(rows.map((r) => r.motherId))).toEqual(new Set([actor.motherId]));
    }
  });

  it('a mother without a mother record sees nothing', async () => {
    const actor = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'ibu')!.phone);
    const data = await ibuOverview({ ...actor, motherId: null });
    expect(data.babies).toEqual([]);
  });

  it('roles without the right are refused by the data layer itself', async () => {
    const ibu = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'ibu')!.phone);
    const kader = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'kader')!.phone);
    // An ibu asking for the staff overview gets only her own scope: the scope is the policy's.
    const asIbu = await staffOverview(ibu);
    const [own] = await db.db.select({ n: count() }).from(babies).where(eq(babies.motherId, ibu.motherId!));
    expect(asIbu.totalBabies).toBe(own!.n);
    const asKader = await staffOverview(kader);
    const [pos] = await db.db.select({ n: count() }).from(babies).innerJoin(mothers, eq(mothers.id, babies.motherId)).where(eq(mothers.posyanduId, kader.posyanduId!));
    expect(asKader.totalBabies).toBe(pos!.n);
  });

  it('the forum of one puskesmas never shows another puskesmas, nor held or hidden posts', async () => {
    const gpt = DEMO_LOGINS.find((l) => /Gunung Putri/.test(`${l.name} ${l.what}`) && l.role === 'staff')!;
    const actor = await actorFor(db, gpt.phone);
    const data = await listPosts(actor);
    const ids = data.posts.map((p) => p.id);
    if (ids.length) {
      const rows = await db.db
        .select({ pid: forumPosts.puskesmasId, status: forumPosts.status, authorId: forumPosts.authorId })
        .from(forumPosts)
        .where(inArray(forumPosts.id, ids));
      for (const r of rows) {
        expect(r.pid).toBe(actor.puskesmasId);
        if (r.authorId !== actor.id) expect(r.status).toBe('published');
      }
    }
    const bjnIbu = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'ibu')!.phone);
    const bjn = await listPosts(bjnIbu);
    expect(bjn.posts.length).toBeGreaterThan(0);
    const rows = await db.db
      .select({ status: forumPosts.status, authorId: forumPosts.authorId })
      .from(forumPosts)
      .where(
        inArray(
          forumPosts.id,
          bjn.posts.map((p) => p.id),
        ),
      );
    // Another mother's held or hidden post never shows; her own may, with its state.
    expect(rows.every((r) => r.status === 'published' || r.authorId === bjnIbu.id)).toBe(true);
    // Anonymous posts do not reveal the author's name to another mother.
    for (const p of bjn.posts) if (p.author.anonymous) expect(p.author).not.toHaveProperty('name');
  });
});
