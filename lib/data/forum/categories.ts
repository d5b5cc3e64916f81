/** Forum categories: a puskesmas setting, edited by staff and admin only. */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { forumCategories } from '@/db/schema';
import { assertCan, NotFoundError, type Actor } from '@/lib/auth/policy';
import { categorySchema, type CategoryInput } from '@/lib/validation/forum';
import { audit } from '../audit';
import { ForumError } from './shared';

/** Categories with their editable fields, for the staff settings page. */
export async function categoriesForEditing(actor: Actor) {
  assertCan(actor, 'write', 'forumCategories');
  const db = await getDb();
  return db
    .select({
      id: forumCategories.id,
      slug: forumCategories.slug,
      name: forumCategories.name,
      description: forumCategories.description,
      sortOrder: forumCategories.sortOrder,
    })
    .from(forumCategories)
    .where(eq(forumCategories.puskesmasId, actor.puskesmasId))
    .orderBy(asc(forumCategories.sortOrder), asc(forumCategories.name));
}

/** Creates (no id) or updates a category of the actor's puskesmas, audited. */
export async function saveCategory(actor: Actor, raw: CategoryInput): Promise<{ id: string }> {
  assertCan(actor, 'write', 'forumCategories');
  const input = categorySchema.parse(raw);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: forumCategories.id })
      .from(forumCategories)
      .where(and(eq(forumCategories.puskesmasId, actor.puskesmasId), eq(forumCategories.slug, input.slug)));
    if (taken && taken.id !== input.id) throw new ForumError('slugTaken');
    const values = { name: input.name, slug: input.slug, description: input.description || null, sortOrder: input.sortOrder };
    if (input.id) {
      const [before] = await tx
        .select()
        .from(forumCategories)
        .where(and(eq(forumCategories.id, input.id), eq(forumCategories.puskesmasId, actor.puskesmasId)));
      if (!before) throw new NotFoundError();
      const [after] = await tx.update(forumCategories).set(values).where(eq(forumCategories.id, input.id)).returning();
      await audit(tx, actor, 'forum_category.update', 'forum_category', input.id, before, after);
      return { id: input.id };
    }
    const [created] = await tx
      .insert(forumCategories)
      .values({ ...values, puskesmasId: actor.puskesmasId })
      .returning();
    await audit(tx, actor, 'forum_category.create', 'forum_category', created!.id, null, created);
    return { id: created!.id };
  });
}
