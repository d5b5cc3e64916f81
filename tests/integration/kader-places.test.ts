/**
 * A kader in two posyandu sees both named on her home page (issue #29 point 3; decision 044).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { posyandu } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { kaderOverview } from '@/lib/data/overview';
import { BACKENDS, demoActors, useDatabase, type TestDb } from './support';

describe.each(BACKENDS)('the kader home page names her posyandu on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    ({ kader } = await demoActors(db));
  }, 180_000);
  afterAll(() => db.dispose());

  it('one posyandu: its name; two: both, "A dan B"', async () => {
    const [own] = await db.db.select({ id: posyandu.id, name: posyandu.name }).from(posyandu).where(eq(posyandu.id, kader.posyanduId!));
    const [other] = await db.db
      .select({ id: posyandu.id, name: posyandu.name })
      .from(posyandu)
      .where(and(eq(posyandu.puskesmasId, kader.puskesmasId), ne(posyandu.id, own!.id)))
      .limit(1);
    const one = await kaderOverview({ ...kader, posyanduIds: [own!.id] });
    expect(one.posyanduName).toBe(own!.name);
    const two = await kaderOverview({ ...kader, posyanduIds: [own!.id, other!.id] });
    const names = [own!.name, other!.name].sort((a, b) => (a < b ? -1 : 1));
    expect(two.posyanduName).toBe(`${names[0]} dan ${names[1]}`);
    expect(two.posyanduNames).toEqual(names);
  });
});
