/**
 * Issue #22 item 1: a village session page is copied to a kader's phone for offline use
 * (docs/decisions/036), so it carries no phone number of a mother outside her posyandu(s);
 * staff, who remind every mother, still see them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { groupSessions, mothers, posyandu, sessionInvitations } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { posyanduIdsOf, type Actor } from '@/lib/auth/policy';
import { groupSessionDetail } from '@/lib/data/group-sessions';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;

describe.each(BACKENDS)('session pages on a kader’s phone, $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let staff: Actor;
  let sessionId: string;
  let ownMotherId: string;
  let otherMotherId: string;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, login('kader'));
    staff = await actorFor(db, login('staff'));
    const [s] = await db.db.select().from(groupSessions).where(eq(groupSessions.villageId, kader.villageId!)).limit(1);
    sessionId = s!.id;
    const own = posyanduIdsOf(kader);
    const [mine] = await db.db
      .select({ id: mothers.id })
      .from(mothers)
      .where(and(eq(mothers.posyanduId, own[0]!), ne(mothers.phone, '')))
      .limit(1);
    // A mother of another posyandu of the same village (else of the puskesmas), with a phone.
    const others = await db.db
      .select({ id: mothers.id, posyanduId: mothers.posyanduId, villageId: posyandu.villageId, phone: mothers.phone })
      .from(mothers)
      .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
      .where(eq(mothers.puskesmasId, kader.puskesmasId));
    const candidates = others.filter((m) => m.phone && !own.includes(m.posyanduId));
    const other = candidates.find((m) => m.villageId === kader.villageId) ?? candidates[0]!;
    ownMotherId = mine!.id;
    otherMotherId = other.id;
    for (const motherId of [ownMotherId, otherMotherId]) {
      await db.db.insert(sessionInvitations).values({ puskesmasId: kader.puskesmasId, sessionId, motherId }).onConflictDoNothing();
    }
  }, 180_000);
  afterAll(() => db.dispose());

  it('the kader sees the phone of her own posyandu’s mothers only', async () => {
    const d = await groupSessionDetail(kader, sessionId);
    const byId = new Map(d.mothers.map((m) => [m.motherId, m]));
    expect(byId.get(ownMotherId)?.phone).toMatch(/^\+62/);
    expect(byId.get(otherMotherId)).toBeDefined();
    expect(byId.get(otherMotherId)!.phone).toBeNull();
    const own = new Set(posyanduIdsOf(kader));
    const posyanduOf = new Map((await db.db.select({ id: mothers.id, p: mothers.posyanduId }).from(mothers)).map((m) => [m.id, m.p]));
    for (const m of d.mothers) if (m.phone) expect(own.has(posyanduOf.get(m.motherId)!)).toBe(true);
  });

  it('staff still see every invited mother’s phone', async () => {
    const d = await groupSessionDetail(staff, sessionId);
    const other = d.mothers.find((m) => m.motherId === otherMotherId);
    expect(other?.phone).toMatch(/^\+62/);
  });
});
