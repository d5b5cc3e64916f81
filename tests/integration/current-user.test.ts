/**
 * getCurrentUser (lib/auth/session.ts) on a real database: the cookie is decoded once per token
 * (lib/auth/session-token.ts), but every call asks the database whether the session still
 * stands — a sign-out, a disabled account or a raised session version ends it at once (issue
 * #31, decision 063) — and a kader's posyandu come from the same query as kaderPlaces gives.
 */
import { eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kaderPosyandu, posyandu, users, userSessions } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { BACKENDS, actorFor, useDatabase, type TestDb } from './support';

const SECRET = 'integration-secret-of-issue-31-0123456789';
const COOKIE = 'authjs.session-token';
let jar: { name: string; value: string }[] = [];

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => jar, get: (n: string) => jar.find((c) => c.name === n) }),
  headers: async () => new Headers(),
}));

process.env.AUTH_SECRET = SECRET;

async function signInAs(db: TestDb, phone: string) {
  const actor = await actorFor(db, phone);
  const [u] = await db.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, actor.id));
  const [s] = await db.db.insert(userSessions).values({ userId: actor.id }).returning({ id: userSessions.id });
  const token = await encode({ token: { uid: actor.id, role: actor.role, pid: actor.puskesmasId, sv: u!.sv, sid: s!.id }, secret: SECRET, salt: COOKIE, maxAge: 3600 });
  jar = [{ name: COOKIE, value: token }];
  return { actor, sessionId: s!.id };
}

describe.each(BACKENDS)('getCurrentUser on $name', (backend) => {
  let db: TestDb;
  let session: typeof import('@/lib/auth/session');
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    session = await import('@/lib/auth/session');
  });
  afterAll(async () => {
    await db?.dispose();
  });
  const phone = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.phone;

  it("builds the kader's Actor as the tests' actors do (her posyandu and villages, home first)", async () => {
    const { actor } = await signInAs(db, phone('kader'));
    // A second posyandu for her, so that the order and the merge are tested.
    const [other] = await db.db
      .select({ id: posyandu.id })
      .from(posyandu)
      .where(sql`${posyandu.id} <> ${actor.posyanduId} and ${posyandu.puskesmasId} = ${actor.puskesmasId}`)
      .limit(1);
    await db.db.insert(kaderPosyandu).values({ puskesmasId: actor.puskesmasId, kaderId: actor.id, posyanduId: other!.id }).onConflictDoNothing();
    const expected = await actorFor(db, phone('kader'));
    const user = await session.getCurrentUser();
    expect(user).toMatchObject({ id: actor.id, role: 'kader', posyanduIds: expected.posyanduIds, villageIds: expected.villageIds });
    expect(expected.posyanduIds!.length).toBeGreaterThan(1);
  });

  it('a mother gets her mother id and no posyandu list', async () => {
    const { actor } = await signInAs(db, phone('ibu'));
    const user = await session.getCurrentUser();
    expect(user).toMatchObject({ id: actor.id, role: 'ibu', motherId: actor.motherId });
    expect(user && 'posyanduIds' in user).toBe(false);
  });

  it('the same cookie stops working at once after sign-out, a raised session version or disabling', async () => {
    const { actor, sessionId } = await signInAs(db, phone('staff'));
    expect((await session.getCurrentUser())?.id).toBe(actor.id);
    await session.revokeSession(sessionId);
    expect(await session.getCurrentUser()).toBeNull();

    await signInAs(db, phone('staff'));
    expect((await session.getCurrentUser())?.id).toBe(actor.id);
    await db.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.id));
    expect(await session.getCurrentUser()).toBeNull();

    await signInAs(db, phone('staff'));
    expect((await session.getCurrentUser())?.id).toBe(actor.id);
    await db.db.update(users).set({ active: false }).where(eq(users.id, actor.id));
    expect(await session.getCurrentUser()).toBeNull();
    await db.db.update(users).set({ active: true }).where(eq(users.id, actor.id));
  });

  it('no cookie, or a cookie of another secret: nobody', async () => {
    jar = [];
    expect(await session.getCurrentUser()).toBeNull();
    jar = [{ name: COOKIE, value: await encode({ token: { uid: 'x', role: 'staff', sid: 'y', sv: 0 }, secret: 'another-secret-0123456789abcdef012', salt: COOKIE }) }];
    expect(await session.getCurrentUser()).toBeNull();
  });
});
