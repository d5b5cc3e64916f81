import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { babies, kaderAssignments, mothers, posyandu, puskesmas, villages } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import type { Actor } from '@/lib/auth/policy';
import { completedMonths, isoToday, journeyStatus } from '@/lib/domain';
import { babyFacts } from '@/lib/data/facts';
import { AGE_BANDS, ageBandOf, motherRegistry, REGISTRY_PAGE_SIZE } from '@/lib/data/registry';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

describe.each(BACKENDS)('staff registry on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    staff = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'staff')!.phone);
  });
  afterAll(() => db.dispose());

  it('pages through every baby of the puskesmas and nothing of another', async () => {
    const first = await motherRegistry(staff, {});
    expect(first.total).toBeGreaterThan(REGISTRY_PAGE_SIZE);
    expect(first.rows).toHaveLength(REGISTRY_PAGE_SIZE);
    const seen = new Set<string>();
    for (let p = 1; p <= first.pages; p++) for (const r of (await motherRegistry(staff, { page: String(p) })).rows) seen.add(r.babyId);
    expect(seen.size).toBe(first.total);
    const [other] = await db.db.select().from(puskesmas).where(eq(puskesmas.code, 'GPT'));
    const [otherMother] = await db.db.select({ name: mothers.name }).from(mothers).where(eq(mothers.puskesmasId, other!.id)).limit(1);
    const found = await motherRegistry(staff, { q: otherMother!.name });
    const own = new Set((await db.db.select({ name: villages.name }).from(villages).where(eq(villages.puskesmasId, staff.puskesmasId))).map((v) => v.name));
    expect(found.rows.every((r) => own.has(r.village))).toBe(true);
    expect(first.rows.every((r) => own.has(r.village))).toBe(true);
  });

  it("shows each baby's status of today as lib/domain journeyStatus over its visits, also for a baby whose stored timeline is not computed yet", async () => {
    const rows: { babyId: string; status: string }[] = [];
    const first = await motherRegistry(staff, {});
    for (let p = 1; p <= first.pages; p++) rows.push(...(await motherRegistry(staff, { page: String(p) })).rows);
    const [p] = await db.db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, staff.puskesmasId));
    const today = isoToday(p!.timeZone);
    const list = await db.db
      .select({ id: babies.id, sex: babies.sex, birthDate: babies.birthDate, exitDate: babies.exitDate, exitReason: babies.exitReason })
      .from(babies)
      .where(eq(babies.puskesmasId, staff.puskesmasId));
    const facts = await babyFacts(db.db, list);
    const statuses = new Set<string>();
    for (const r of rows) {
      const expected = journeyStatus(facts.get(r.babyId)!, today).status;
      expect(r.status, r.babyId).toBe(expected);
      statuses.add(expected);
    }
    expect(statuses.size).toBeGreaterThan(2);
    // A baby written before the timeline columns existed: the registry reads its visits instead.
    const broken = rows.find((r) => r.status === 'broken')!;
    await db.db.update(babies).set({ statusInitial: null, statusChange1: null, status1: null, statusChange2: null, status2: null }).where(eq(babies.id, broken.babyId));
    const again = (await motherRegistry(staff, { status: 'broken' })).rows;
    expect(again.map((r) => r.babyId)).toContain(broken.babyId);
  });

  it('filters by village, status and search (name or phone); junk filters are ignored', async () => {
    const [v] = await db.db.select().from(villages).where(eq(villages.puskesmasId, staff.puskesmasId)).limit(1);
    const byVillage = await motherRegistry(staff, { village: v!.id });
    expect(byVillage.total).toBeGreaterThan(0);
    expect(byVillage.rows.every((r) => r.village === v!.name)).toBe(true);
    const broken = await motherRegistry(staff, { status: 'broken' });
    expect(broken.total).toBeGreaterThan(0);
    expect(broken.rows.every((r) => r.status === 'broken')).toBe(true);
    const [m] = await db.db
      .select({ name: mothers.name, phone: mothers.phone })
      .from(mothers)
      .where(and(eq(mothers.puskesmasId, staff.puskesmasId)))
      .limit(1);
    expect((await motherRegistry(staff, { q: m!.name.slice(0, 5).toLowerCase() })).rows.some((r) => r.motherName === m!.name)).toBe(true);
    if (m!.phone) {
      const local = `0${m!.phone.slice(3)}`;
      expect((await motherRegistry(staff, { q: local })).rows.some((r) => r.motherName === m!.name)).toBe(true);
    }
    const junk = await motherRegistry(staff, { village: "x' or 1=1", status: 'nope', page: '-3', q: '%' });
    expect(junk.page).toBe(1);
  });

  it('filters by kader (her posyandu and mothers assigned to her) and by age band', async () => {
    const kaderLogin = DEMO_LOGINS.find((l) => l.role === 'kader')!;
    const kader = await actorFor(db, kaderLogin.phone);
    const all = await motherRegistry(staff, {});
    expect(all.kaders.map((k) => k.id)).toContain(kader.id);
    const mine = await motherRegistry(staff, { kader: kader.id });
    expect(mine.total).toBeGreaterThan(0);
    const [post] = await db.db.select({ name: posyandu.name }).from(posyandu).where(eq(posyandu.id, kader.posyanduId!));
    expect(mine.rows.every((r) => r.posyandu === post!.name)).toBe(true);
    expect(mine.total).toBe((await motherRegistry(staff, { posyandu: kader.posyanduId! })).total);
    // An assigned mother of another posyandu joins her list.
    const [elsewhere] = await db.db
      .select({ id: mothers.id, name: mothers.name })
      .from(mothers)
      .where(and(eq(mothers.puskesmasId, staff.puskesmasId), ne(mothers.posyanduId, kader.posyanduId!)))
      .limit(1);
    await db.db.insert(kaderAssignments).values({ puskesmasId: staff.puskesmasId, kaderId: kader.id, motherId: elsewhere!.id });
    expect((await motherRegistry(staff, { kader: kader.id, q: elsewhere!.name })).rows.map((r) => r.motherName)).toContain(elsewhere!.name);
    let sum = 0;
    for (const age of AGE_BANDS) {
      const band = await motherRegistry(staff, { age });
      sum += band.total;
      for (const r of band.rows) expect(ageBandOf(completedMonths(r.birthDate, isoToday('Asia/Jakarta')))).toBe(age);
    }
    expect(sum).toBe(all.total);
    // A mother gets no kader list.
    const ibu = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'ibu')!.phone);
    expect((await motherRegistry(ibu, {})).kaders).toEqual([]);
  });

  it('a mother sees only her own babies in it', async () => {
    const login = DEMO_LOGINS.find((l) => l.role === 'ibu')!;
    const ibu = await actorFor(db, login.phone);
    const res = await motherRegistry(ibu, {});
    expect(res.total).toBeGreaterThan(0);
    expect(res.rows.every((r) => r.motherName === login.name)).toBe(true);
  });
});
