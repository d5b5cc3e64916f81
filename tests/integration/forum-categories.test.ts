import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, forumCategories, puskesmas } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { categoriesForEditing, ForumError, saveCategory } from '@/lib/data/forum';
import { categorySchema } from '@/lib/validation/forum';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const login = (role: string, match?: RegExp) => DEMO_LOGINS.find((l) => l.role === role && (!match || match.test(l.what)))!;

describe.each(BACKENDS)('forum categories on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  let otherStaff: Actor;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    staff = await actorFor(db, login('staff').phone);
    otherStaff = await actorFor(db, login('staff', /Gunung Putri/).phone);
  });
  afterAll(() => db.dispose());

  it('staff rename a category and add one, each with its audit row', async () => {
    const [first] = await categoriesForEditing(staff);
    await saveCategory(staff, { id: first!.id, name: 'Cerita menyusui', slug: first!.slug, description: 'Baru', sortOrder: 1 });
    const [after] = await db.db.select().from(forumCategories).where(eq(forumCategories.id, first!.id));
    expect(after).toMatchObject({ name: 'Cerita menyusui', description: 'Baru', sortOrder: 1 });
    const { id } = await saveCategory(staff, { name: 'Tidur bayi', slug: 'tidur-bayi', description: '', sortOrder: 9 });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'forum_category')));
    expect(audits.map((a) => a.entityId).sort()).toEqual([first!.id, id].sort());
  });

  it('a taken slug, a bad slug or a too-short name writes nothing', async () => {
    const before = await rowCounts(db);
    await expect(saveCategory(staff, { name: 'Kembar', slug: 'pengalaman-menyusui', description: '', sortOrder: 2 })).rejects.toBeInstanceOf(ForumError);
    for (const bad of [
      { name: 'Ok nama', slug: 'Bukan Slug!', sortOrder: 1 },
      { name: 'ab', slug: 'pendek', sortOrder: 1 },
      { name: 'Ok nama', slug: 'ok-slug', sortOrder: -1 },
      { name: 'x'.repeat(10_000), slug: 'panjang', sortOrder: 1 },
    ]) {
      expect(categorySchema.safeParse(bad).success).toBe(false);
      await expect(saveCategory(staff, { description: '', ...bad })).rejects.toThrow();
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('kaders and mothers may not edit categories; another puskesmas cannot touch them', async () => {
    const kader = await actorFor(db, login('kader').phone);
    const ibu = await actorFor(db, login('ibu').phone);
    const [first] = await categoriesForEditing(staff);
    for (const who of [kader, ibu]) {
      await expect(categoriesForEditing(who)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveCategory(who, { id: first!.id, name: 'Diubah', slug: first!.slug, description: '', sortOrder: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(saveCategory(otherStaff, { id: first!.id, name: 'Diubah', slug: 'lain-lain', description: '', sortOrder: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, otherStaff.puskesmasId));
    const theirs = await categoriesForEditing(otherStaff);
    expect(theirs.every((c) => c.id !== first!.id)).toBe(true);
    expect(p).toBeDefined();
  });
});
