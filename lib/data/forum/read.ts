/** The forum, reading: categories, lists of posts, a thread, an edit form, unread replies. */
import 'server-only';
import { and, asc, count, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { forumCategories, forumComments, forumPosts, forumReactions, forumReads, users, villages } from '@/db/schema';
import { assertCan, NotFoundError, type Actor } from '@/lib/auth/policy';
import { authorColumns, authorView, isModerator, listable, PAGE_SIZE, REPLY_PAGE_SIZE, visiblePost, withinEditWindow } from './shared';

export async function forumCategoryList(actor: Actor) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  return db
    .select({
      id: forumCategories.id,
      slug: forumCategories.slug,
      name: forumCategories.name,
      description: forumCategories.description,
      posts: sql<number>`(select count(*)::int from ${forumPosts} p where p.category_id = "forum_categories"."id" and p.status = 'published')`,
    })
    .from(forumCategories)
    .where(eq(forumCategories.puskesmasId, actor.puskesmasId))
    .orderBy(asc(forumCategories.sortOrder), asc(forumCategories.name));
}

export async function forumCategoryBySlug(actor: Actor, slug: string) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  const [c] = await db
    .select({ id: forumCategories.id, slug: forumCategories.slug, name: forumCategories.name, description: forumCategories.description })
    .from(forumCategories)
    .where(and(eq(forumCategories.puskesmasId, actor.puskesmasId), eq(forumCategories.slug, slug)));
  if (!c) throw new NotFoundError();
  return c;
}

/** A page of posts, newest activity first; `categoryId` narrows to one category. */
export async function listPosts(actor: Actor, opts: { categoryId?: string; page?: number } = {}) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  const page = Math.max(1, opts.page ?? 1);
  const where = opts.categoryId ? and(listable(actor), eq(forumPosts.categoryId, opts.categoryId))! : listable(actor);
  const rows = await db
    .select({
      id: forumPosts.id,
      title: forumPosts.title,
      anonymous: forumPosts.anonymous,
      status: forumPosts.status,
      lastActivityAt: forumPosts.lastActivityAt,
      hasAnswer: sql<boolean>`${forumPosts.answerCommentId} is not null`,
      categoryName: forumCategories.name,
      categorySlug: forumCategories.slug,
      ...authorColumns,
      replies: sql<number>`(select count(*)::int from ${forumComments} c where c.post_id = ${forumPosts.id} and c.status = 'published')`,
      useful: sql<number>`(select count(*)::int from ${forumReactions} r where r.post_id = ${forumPosts.id})`,
    })
    .from(forumPosts)
    .innerJoin(users, eq(users.id, forumPosts.authorId))
    .innerJoin(forumCategories, eq(forumCategories.id, forumPosts.categoryId))
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(where)
    .orderBy(desc(forumPosts.lastActivityAt), desc(forumPosts.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  return {
    page,
    hasNext: rows.length > PAGE_SIZE,
    posts: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      lastActivityAt: r.lastActivityAt,
      hasAnswer: r.hasAnswer,
      categoryName: r.categoryName,
      categorySlug: r.categorySlug,
      replies: r.replies,
      useful: r.useful,
      author: authorView(actor, r),
    })),
  };
}

/** A thread: the post, the answer first, then a page of replies, oldest first. */
export async function getThread(actor: Actor, postId: string, opts: { page?: number } = {}) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  const p = await visiblePost(db, actor, postId);
  const page = Math.max(1, opts.page ?? 1);
  const moderator = isModerator(actor);
  const commentVisible = moderator
    ? ne(forumComments.status, 'deleted')
    : or(eq(forumComments.status, 'published'), and(eq(forumComments.authorId, actor.id), inArray(forumComments.status, ['held', 'hidden'])));
  const base = and(eq(forumComments.postId, p.id), eq(forumComments.puskesmasId, actor.puskesmasId), commentVisible)!;
  const select = {
    id: forumComments.id,
    body: forumComments.body,
    anonymous: forumComments.anonymous,
    status: forumComments.status,
    moderationReason: forumComments.moderationReason,
    createdAt: forumComments.createdAt,
    editedAt: forumComments.editedAt,
    ...authorColumns,
    useful: sql<number>`(select count(*)::int from ${forumReactions} r where r.comment_id = ${forumComments.id})`,
    mine: sql<boolean>`exists (select 1 from ${forumReactions} r where r.comment_id = ${forumComments.id} and r.user_id = ${actor.id})`,
  };
  const rows = await db
    .select(select)
    .from(forumComments)
    .innerJoin(users, eq(users.id, forumComments.authorId))
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(p.answerCommentId ? and(base, ne(forumComments.id, p.answerCommentId)) : base)
    .orderBy(asc(forumComments.createdAt), asc(forumComments.id))
    .limit(REPLY_PAGE_SIZE + 1)
    .offset((page - 1) * REPLY_PAGE_SIZE);
  const [answerRow] = p.answerCommentId
    ? await db
        .select(select)
        .from(forumComments)
        .innerJoin(users, eq(users.id, forumComments.authorId))
        .leftJoin(villages, eq(villages.id, users.villageId))
        .where(and(base, eq(forumComments.id, p.answerCommentId)))
    : [];
  const [[reactions], [mine], [category]] = await Promise.all([
    db.select({ n: count() }).from(forumReactions).where(eq(forumReactions.postId, p.id)),
    db
      .select({ n: count() })
      .from(forumReactions)
      .where(and(eq(forumReactions.postId, p.id), eq(forumReactions.userId, actor.id))),
    db.select({ name: forumCategories.name, slug: forumCategories.slug }).from(forumCategories).where(eq(forumCategories.id, p.categoryId)),
  ]);
  // The unread marker: the actor has now seen every reply so far.
  await db
    .insert(forumReads)
    .values({ userId: actor.id, postId: p.id, puskesmasId: actor.puskesmasId })
    .onConflictDoUpdate({ target: [forumReads.userId, forumReads.postId], set: { lastSeenAt: sql`now()` } });
  const postIsMine = p.authorId === actor.id;
  const comment = (c: (typeof rows)[number]) => ({
    id: c.id,
    body: c.body,
    status: c.status,
    moderationReason: c.status === 'published' ? null : c.moderationReason,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    useful: c.useful,
    mine: c.mine,
    author: authorView(actor, c),
    canEdit: c.authorId === actor.id && withinEditWindow(c.createdAt),
    canDelete: c.authorId === actor.id,
    canMarkAnswer: c.status === 'published' && p.status === 'published' && (postIsMine || moderator),
  });
  return {
    post: {
      id: p.id,
      title: p.title,
      body: p.body,
      status: p.status,
      moderationReason: p.status === 'published' ? null : p.moderationReason,
      createdAt: p.createdAt,
      editedAt: p.editedAt,
      category,
      useful: reactions?.n ?? 0,
      mine: (mine?.n ?? 0) > 0,
      author: authorView(actor, p),
      canEdit: postIsMine && withinEditWindow(p.createdAt),
      canDelete: postIsMine,
      canReply: p.status === 'published',
    },
    answer: answerRow ? comment(answerRow) : null,
    replies: rows.slice(0, REPLY_PAGE_SIZE).map(comment),
    page,
    hasNext: rows.length > REPLY_PAGE_SIZE,
    moderator,
  };
}

/** A post or reply of the actor's own, for its edit form. */
export async function getOwnForEdit(actor: Actor, target: 'post' | 'comment', id: string) {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  if (target === 'post') {
    const [p] = await db
      .select({
        id: forumPosts.id,
        title: forumPosts.title,
        body: forumPosts.body,
        createdAt: forumPosts.createdAt,
        authorId: forumPosts.authorId,
        status: forumPosts.status,
      })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, id), eq(forumPosts.puskesmasId, actor.puskesmasId)));
    if (!p || p.status === 'deleted' || p.authorId !== actor.id) throw new NotFoundError();
    return { target, id: p.id, postId: p.id, title: p.title, body: p.body, open: withinEditWindow(p.createdAt) };
  }
  const [c] = await db
    .select({
      id: forumComments.id,
      postId: forumComments.postId,
      body: forumComments.body,
      createdAt: forumComments.createdAt,
      authorId: forumComments.authorId,
      status: forumComments.status,
    })
    .from(forumComments)
    .where(and(eq(forumComments.id, id), eq(forumComments.puskesmasId, actor.puskesmasId)));
  if (!c || c.status === 'deleted' || c.authorId !== actor.id) throw new NotFoundError();
  return { target, id: c.id, postId: c.postId, title: null, body: c.body, open: withinEditWindow(c.createdAt) };
}

/**
 * New replies by others to the actor's own posts since she last opened each of them (or since
 * she wrote it): the number on the home page, and the posts that have them.
 */
export async function unreadReplies(actor: Actor) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  const rows = await db
    .select({
      id: forumPosts.id,
      title: forumPosts.title,
      n: sql<number>`count(${forumComments.id})::int`,
    })
    .from(forumPosts)
    .innerJoin(forumComments, eq(forumComments.postId, forumPosts.id))
    .leftJoin(forumReads, and(eq(forumReads.postId, forumPosts.id), eq(forumReads.userId, actor.id)))
    .where(
      and(
        eq(forumPosts.puskesmasId, actor.puskesmasId),
        eq(forumPosts.authorId, actor.id),
        eq(forumPosts.status, 'published'),
        eq(forumComments.status, 'published'),
        ne(forumComments.authorId, actor.id),
        sql`${forumComments.createdAt} > coalesce(${forumReads.lastSeenAt}, ${forumPosts.createdAt})`,
      ),
    )
    .groupBy(forumPosts.id, forumPosts.title, forumPosts.lastActivityAt)
    .orderBy(desc(forumPosts.lastActivityAt));
  return { total: rows.reduce((a, r) => a + r.n, 0), posts: rows };
}

/** What the new-post form needs: the categories and, for a mother, her village's name. */
export async function newPostContext(actor: Actor) {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  const categories = await forumCategoryList(actor);
  const [v] = actor.villageId ? await db.select({ name: villages.name }).from(villages).where(eq(villages.id, actor.villageId)) : [];
  return { categories, village: v?.name ?? '', canBeAnonymous: actor.role === 'ibu' };
}
