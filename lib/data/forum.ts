/**
 * The sharing forum (DESIGN.md §3 Forum, §4 forum row). Every function takes the Actor, checks
 * the policy and scopes every query by the actor's puskesmas. Visibility:
 * - everybody sees `published` posts and replies;
 * - an author also sees her own `held` and `hidden` ones (with the moderator's reason);
 * - moderators (staff, admin, kader) see held and hidden replies inside a thread, and the queue;
 * - `deleted` is seen by nobody.
 * Counts, lists and search show `published` only (plus the reader's own posts in lists).
 * Anonymous posts (and a mother's replies in her own anonymous thread) show "Ibu di Desa X" to
 * other mothers, never the name; staff and kaders see the name.
 * Every write is one transaction with its audit_log row.
 */
import 'server-only';
import { audit } from './audit';
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import {
  forumCategories,
  forumComments,
  forumPosts,
  forumReactions,
  forumReads,
  forumReports,
  puskesmas,
  users,
  villages,
} from '@/db/schema';
import { assertCan, can, NotFoundError, ForbiddenError, type Actor, type Role } from '@/lib/auth/policy';
import { matchBlockedTerms } from '@/lib/forum/blocked';
import { categorySchema, type CategoryInput, type ModerateInput, type PostInput } from '@/lib/validation/forum';

export const PAGE_SIZE = 20;
export const REPLY_PAGE_SIZE = 30;
/** Posting limits per user per rolling hour (docs/decisions/020-forum-text.md). */
export const RATE_LIMITS = { posts: 5, replies: 20 } as const;
/** Own posts and replies can be edited this long after writing. */
export const EDIT_WINDOW_HOURS = 24;
/** A mother's first posts wait for a moderator. */
export const HELD_FIRST_POSTS = 2;

/** A refusal the user can act on; `code` is a key under forum.errors in messages/*.json. */
export class ForumError extends Error {
  constructor(readonly code: 'rateLimitPosts' | 'rateLimitReplies' | 'editWindow' | 'notAllowed' | 'gone' | 'slugTaken') {
    super(code);
    this.name = 'ForumError';
  }
}

export type AuthorView =
  | { anonymous: true; village: string; isMe: boolean; programme: false }
  | { anonymous: false; name: string; role: Role; wasAnonymous: boolean; isMe: boolean; programme: boolean };

type AuthorRow = { authorId: string; authorName: string; authorRole: Role; authorVillage: string | null; anonymous: boolean };

function authorView(actor: Actor, r: AuthorRow): AuthorView {
  const isMe = r.authorId === actor.id;
  if (r.anonymous && actor.role === 'ibu') return { anonymous: true, village: r.authorVillage ?? '', isMe, programme: false };
  return { anonymous: false, name: r.authorName, role: r.authorRole, wasAnonymous: r.anonymous, isMe, programme: r.authorRole !== 'ibu' };
}

const isModerator = (actor: Actor) => can(actor, 'moderate', 'forum');

const authorColumns = {
  authorId: users.id,
  authorName: users.name,
  authorRole: users.role,
  authorVillage: villages.name,
};

/** Posts the actor may see in a list: published, and her own held or hidden ones. */
function listable(actor: Actor): SQL {
  return and(
    eq(forumPosts.puskesmasId, actor.puskesmasId),
    or(eq(forumPosts.status, 'published'), and(eq(forumPosts.authorId, actor.id), inArray(forumPosts.status, ['held', 'hidden']))),
  )!;
}


// ---------------------------------------------------------------------------------------------
// Reading

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

// ---------------------------------------------------------------------------------------------
// Categories: a puskesmas setting, edited by staff and admin only.

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
    const [created] = await tx.insert(forumCategories).values({ ...values, puskesmasId: actor.puskesmasId }).returning();
    await audit(tx, actor, 'forum_category.create', 'forum_category', created!.id, null, created);
    return { id: created!.id };
  });
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

/** Loads a post the actor may open, or throws NotFoundError (never says that it exists). */
async function visiblePost(db: DbOrTx, actor: Actor, postId: string) {
  const [p] = await db
    .select({
      id: forumPosts.id,
      puskesmasId: forumPosts.puskesmasId,
      categoryId: forumPosts.categoryId,
      title: forumPosts.title,
      body: forumPosts.body,
      anonymous: forumPosts.anonymous,
      status: forumPosts.status,
      moderationReason: forumPosts.moderationReason,
      answerCommentId: forumPosts.answerCommentId,
      createdAt: forumPosts.createdAt,
      editedAt: forumPosts.editedAt,
      lastActivityAt: forumPosts.lastActivityAt,
      ...authorColumns,
    })
    .from(forumPosts)
    .innerJoin(users, eq(users.id, forumPosts.authorId))
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(and(eq(forumPosts.id, postId), eq(forumPosts.puskesmasId, actor.puskesmasId)));
  if (!p || p.status === 'deleted') throw new NotFoundError();
  if (p.status !== 'published' && p.authorId !== actor.id && !isModerator(actor)) throw new NotFoundError();
  return p;
}

const withinEditWindow = (createdAt: Date) => Date.now() - new Date(createdAt).getTime() < EDIT_WINDOW_HOURS * 3600_000;

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
    db.select({ n: count() }).from(forumReactions).where(and(eq(forumReactions.postId, p.id), eq(forumReactions.userId, actor.id))),
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
      .select({ id: forumPosts.id, title: forumPosts.title, body: forumPosts.body, createdAt: forumPosts.createdAt, authorId: forumPosts.authorId, status: forumPosts.status })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, id), eq(forumPosts.puskesmasId, actor.puskesmasId)));
    if (!p || p.status === 'deleted' || p.authorId !== actor.id) throw new NotFoundError();
    return { target, id: p.id, postId: p.id, title: p.title, body: p.body, open: withinEditWindow(p.createdAt) };
  }
  const [c] = await db
    .select({ id: forumComments.id, postId: forumComments.postId, body: forumComments.body, createdAt: forumComments.createdAt, authorId: forumComments.authorId, status: forumComments.status })
    .from(forumComments)
    .where(and(eq(forumComments.id, id), eq(forumComments.puskesmasId, actor.puskesmasId)));
  if (!c || c.status === 'deleted' || c.authorId !== actor.id) throw new NotFoundError();
  return { target, id: c.id, postId: c.postId, title: null, body: c.body, open: withinEditWindow(c.createdAt) };
}

// ---------------------------------------------------------------------------------------------
// Writing

async function blockedTermsOf(tx: DbOrTx, puskesmasId: string): Promise<string[]> {
  const [p] = await tx.select({ terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  return p?.terms ?? [];
}

/** Serialises one user's writes (until the transaction ends). */
async function lockAuthor(tx: DbOrTx, actor: Actor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`forum:${actor.id}`}))`);
}

/** Counts what she wrote in the last hour (after lockAuthor). */
async function assertUnderLimit(tx: DbOrTx, actor: Actor, what: 'posts' | 'replies') {
  const table = what === 'posts' ? forumPosts : forumComments;
  const [r] = await tx
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.authorId, actor.id), gt(table.createdAt, sql`now() - interval '1 hour'`)));
  if ((r?.n ?? 0) >= RATE_LIMITS[what]) throw new ForumError(what === 'posts' ? 'rateLimitPosts' : 'rateLimitReplies');
}

/** Reason codes of automatic holds (translated under forum.reasons). */
const AUTO_BLOCKED = 'auto:blocked';
const AUTO_NEW = 'auto:new';

/**
 * A post or reply already stored under the form's key (decision 054), by this author: the
 * answer to a resend. A key used by someone else, or for another thread, is refused without
 * saying more.
 */
async function storedCreate(tx: DbOrTx, actor: Actor, what: 'posts' | 'replies', id: string | undefined, postId?: string) {
  if (!id) return null;
  const [row] =
    what === 'posts'
      ? await tx.select({ id: forumPosts.id, authorId: forumPosts.authorId, status: forumPosts.status, postId: forumPosts.id }).from(forumPosts).where(eq(forumPosts.id, id))
      : await tx
          .select({ id: forumComments.id, authorId: forumComments.authorId, status: forumComments.status, postId: forumComments.postId })
          .from(forumComments)
          .where(eq(forumComments.id, id));
  if (!row) return null;
  if (row.authorId !== actor.id || (postId && row.postId !== postId)) throw new ForbiddenError('create key in use');
  if (row.status === 'deleted') throw new NotFoundError();
  return { id: row.id, status: row.status === 'published' ? ('published' as const) : ('held' as const) };
}

/**
 * Writes a new thread. `id` is the form's key (made when the form was opened): sending the same
 * form again returns the stored thread, as the first answer did, and stores nothing new — even
 * once the hourly limit is reached. Internal callers without a form may leave it out.
 */
export async function createPost(actor: Actor, input: Omit<PostInput, 'id'> & { id?: string }): Promise<{ id: string; status: 'published' | 'held' }> {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One author's writes in turn: a second request with the same key waits here, then finds the first.
    await lockAuthor(tx, actor);
    const again = await storedCreate(tx, actor, 'posts', input.id);
    if (again) return again;
    const [cat] = await tx
      .select({ id: forumCategories.id })
      .from(forumCategories)
      .where(and(eq(forumCategories.id, input.categoryId), eq(forumCategories.puskesmasId, actor.puskesmasId)));
    if (!cat) throw new NotFoundError();
    await assertUnderLimit(tx, actor, 'posts');
    const blocked = matchBlockedTerms(`${input.title}\n${input.body}`, await blockedTermsOf(tx, actor.puskesmasId));
    let reason: string | null = blocked.length ? AUTO_BLOCKED : null;
    if (!reason && actor.role === 'ibu') {
      const [r] = await tx
        .select({ n: count() })
        .from(forumPosts)
        .where(and(eq(forumPosts.authorId, actor.id), eq(forumPosts.status, 'published')));
      if ((r?.n ?? 0) < HELD_FIRST_POSTS) reason = AUTO_NEW;
    }
    const status = reason ? ('held' as const) : ('published' as const);
    const [row] = await tx
      .insert(forumPosts)
      .values({
        ...(input.id ? { id: input.id } : {}),
        puskesmasId: actor.puskesmasId,
        categoryId: cat.id,
        authorId: actor.id,
        title: input.title,
        body: input.body,
        // Only mothers post anonymously: staff and kaders answer in their own name.
        anonymous: actor.role === 'ibu' && input.anonymous,
        status,
        moderationReason: reason,
      })
      .returning({ id: forumPosts.id });
    await audit(tx, actor, 'forum.post.create', 'forum_post', row!.id, null, { status, anonymous: actor.role === 'ibu' && input.anonymous, blocked }, reason);
    return { id: row!.id, status };
  });
}

/** Writes a reply; `id` is the form's key, as for createPost. */
export async function createReply(actor: Actor, input: { id?: string; postId: string; body: string }): Promise<{ id: string; status: 'published' | 'held' }> {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAuthor(tx, actor);
    const again = await storedCreate(tx, actor, 'replies', input.id, input.postId);
    if (again) return again;
    const p = await visiblePost(tx, actor, input.postId);
    if (p.status !== 'published') throw new ForumError('notAllowed');
    await assertUnderLimit(tx, actor, 'replies');
    const blocked = matchBlockedTerms(input.body, await blockedTermsOf(tx, actor.puskesmasId));
    const status = blocked.length ? ('held' as const) : ('published' as const);
    // A mother's reply in her own anonymous thread stays anonymous.
    const anonymous = actor.role === 'ibu' && p.anonymous && p.authorId === actor.id;
    const [row] = await tx
      .insert(forumComments)
      .values({
        ...(input.id ? { id: input.id } : {}),
        puskesmasId: actor.puskesmasId,
        postId: p.id,
        authorId: actor.id,
        body: input.body,
        anonymous,
        status,
        moderationReason: blocked.length ? AUTO_BLOCKED : null,
      })
      .returning({ id: forumComments.id });
    if (status === 'published') await tx.update(forumPosts).set({ lastActivityAt: sql`now()` }).where(eq(forumPosts.id, p.id));
    await audit(tx, actor, 'forum.comment.create', 'forum_comment', row!.id, null, { postId: p.id, status, anonymous, blocked });
    return { id: row!.id, status };
  });
}

/** Edits the actor's own post (title and body) or reply within the edit window. */
export async function editOwn(
  actor: Actor,
  input: { target: 'post'; id: string; title: string; body: string } | { target: 'comment'; id: string; body: string },
): Promise<{ postId: string; status: string }> {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const terms = await blockedTermsOf(tx, actor.puskesmasId);
    if (input.target === 'post') {
      const [p] = await tx.select().from(forumPosts).where(and(eq(forumPosts.id, input.id), eq(forumPosts.puskesmasId, actor.puskesmasId))).for('update');
      if (!p || p.status === 'deleted') throw new NotFoundError();
      if (p.authorId !== actor.id) throw new ForbiddenError('only the author may edit');
      if (!withinEditWindow(p.createdAt)) throw new ForumError('editWindow');
      const blocked = matchBlockedTerms(`${input.title}\n${input.body}`, terms);
      const status = p.status === 'published' && blocked.length ? 'held' : p.status;
      await tx
        .update(forumPosts)
        .set({ title: input.title, body: input.body, editedAt: sql`now()`, status, moderationReason: status !== p.status ? AUTO_BLOCKED : p.moderationReason })
        .where(eq(forumPosts.id, p.id));
      await audit(tx, actor, 'forum.post.edit', 'forum_post', p.id, { title: p.title, body: p.body, status: p.status }, { title: input.title, body: input.body, status });
      return { postId: p.id, status };
    }
    const [c] = await tx.select().from(forumComments).where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId))).for('update');
    if (!c || c.status === 'deleted') throw new NotFoundError();
    if (c.authorId !== actor.id) throw new ForbiddenError('only the author may edit');
    if (!withinEditWindow(c.createdAt)) throw new ForumError('editWindow');
    const blocked = matchBlockedTerms(input.body, terms);
    const status = c.status === 'published' && blocked.length ? 'held' : c.status;
    await tx
      .update(forumComments)
      .set({ body: input.body, editedAt: sql`now()`, status, moderationReason: status !== c.status ? AUTO_BLOCKED : c.moderationReason })
      .where(eq(forumComments.id, c.id));
    await audit(tx, actor, 'forum.comment.edit', 'forum_comment', c.id, { body: c.body, status: c.status }, { body: input.body, status });
    return { postId: c.postId, status };
  });
}

/** Deletes the actor's own post or reply (kept as `deleted` for the audit trail). */
export async function deleteOwn(actor: Actor, input: { target: 'post' | 'comment'; id: string }): Promise<{ postId: string }> {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (input.target === 'post') {
      const [p] = await tx.select().from(forumPosts).where(and(eq(forumPosts.id, input.id), eq(forumPosts.puskesmasId, actor.puskesmasId))).for('update');
      if (!p || p.status === 'deleted') throw new NotFoundError();
      if (p.authorId !== actor.id) throw new ForbiddenError('only the author may delete');
      await tx.update(forumPosts).set({ status: 'deleted' }).where(eq(forumPosts.id, p.id));
      await audit(tx, actor, 'forum.post.delete', 'forum_post', p.id, { status: p.status }, { status: 'deleted' });
      return { postId: p.id };
    }
    const [c] = await tx.select().from(forumComments).where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId))).for('update');
    if (!c || c.status === 'deleted') throw new NotFoundError();
    if (c.authorId !== actor.id) throw new ForbiddenError('only the author may delete');
    await tx.update(forumComments).set({ status: 'deleted' }).where(eq(forumComments.id, c.id));
    await tx.update(forumPosts).set({ answerCommentId: null }).where(eq(forumPosts.answerCommentId, c.id));
    await audit(tx, actor, 'forum.comment.delete', 'forum_comment', c.id, { status: c.status }, { status: 'deleted' });
    return { postId: c.postId };
  });
}

/** "Bermanfaat": toggles the actor's reaction on a published post or reply. */
export async function toggleUseful(actor: Actor, input: { target: 'post' | 'comment'; id: string }): Promise<{ postId: string; on: boolean }> {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    let postId: string;
    if (input.target === 'post') {
      const p = await visiblePost(tx, actor, input.id);
      if (p.status !== 'published') throw new ForumError('notAllowed');
      postId = p.id;
    } else {
      const [c] = await tx
        .select({ postId: forumComments.postId, status: forumComments.status })
        .from(forumComments)
        .where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId)));
      if (!c || c.status !== 'published') throw new NotFoundError();
      const p = await visiblePost(tx, actor, c.postId);
      if (p.status !== 'published') throw new ForumError('notAllowed');
      postId = p.id;
    }
    const targetCol = input.target === 'post' ? forumReactions.postId : forumReactions.commentId;
    const deleted = await tx
      .delete(forumReactions)
      .where(and(eq(forumReactions.userId, actor.id), eq(targetCol, input.id)))
      .returning({ id: forumReactions.id });
    let on = false;
    if (deleted.length === 0) {
      const inserted = await tx
        .insert(forumReactions)
        .values({
          puskesmasId: actor.puskesmasId,
          userId: actor.id,
          postId: input.target === 'post' ? input.id : null,
          commentId: input.target === 'comment' ? input.id : null,
        })
        .onConflictDoNothing()
        .returning({ id: forumReactions.id });
      on = inserted.length > 0;
    }
    await audit(tx, actor, on ? 'forum.reaction.add' : 'forum.reaction.remove', 'forum_reaction', input.id, null, { target: input.target, on });
    return { postId, on };
  });
}

/** Marks (or unmarks) a reply as the answer: the post's author or a moderator. */
export async function markAnswer(actor: Actor, input: { commentId: string }): Promise<{ postId: string; marked: boolean }> {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ id: forumComments.id, postId: forumComments.postId, status: forumComments.status })
      .from(forumComments)
      .where(and(eq(forumComments.id, input.commentId), eq(forumComments.puskesmasId, actor.puskesmasId)));
    if (!c || c.status !== 'published') throw new NotFoundError();
    const p = await visiblePost(tx, actor, c.postId);
    if (p.authorId !== actor.id && !isModerator(actor)) throw new ForbiddenError('only the author or a moderator marks the answer');
    const marked = p.answerCommentId !== c.id;
    await tx.update(forumPosts).set({ answerCommentId: marked ? c.id : null }).where(eq(forumPosts.id, p.id));
    await audit(tx, actor, marked ? 'forum.answer.mark' : 'forum.answer.unmark', 'forum_post', p.id, { answerCommentId: p.answerCommentId }, { answerCommentId: marked ? c.id : null });
    return { postId: p.id, marked };
  });
}

export async function reportContent(actor: Actor, input: { target: 'post' | 'comment'; id: string; reason: string }): Promise<{ postId: string }> {
  assertCan(actor, 'report', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    let postId: string;
    if (input.target === 'post') {
      postId = (await visiblePost(tx, actor, input.id)).id;
    } else {
      const [c] = await tx
        .select({ postId: forumComments.postId, status: forumComments.status, authorId: forumComments.authorId })
        .from(forumComments)
        .where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId)));
      if (!c || c.status === 'deleted' || (c.status !== 'published' && c.authorId !== actor.id && !isModerator(actor))) throw new NotFoundError();
      postId = (await visiblePost(tx, actor, c.postId)).id;
    }
    const [r] = await tx
      .insert(forumReports)
      .values({
        puskesmasId: actor.puskesmasId,
        postId: input.target === 'post' ? input.id : null,
        commentId: input.target === 'comment' ? input.id : null,
        reporterId: actor.id,
        reason: input.reason,
      })
      .returning({ id: forumReports.id });
    await audit(tx, actor, 'forum.report.create', 'forum_report', r!.id, null, { target: input.target, id: input.id }, input.reason);
    return { postId };
  });
}

// ---------------------------------------------------------------------------------------------
// Moderation

/** Held posts and replies, and those with open reports, oldest first. */
export async function moderationQueue(actor: Actor) {
  assertCan(actor, 'moderate', 'forum');
  const db = await getDb();
  const terms = await blockedTermsOf(db, actor.puskesmasId);
  const openReports = (col: typeof forumReports.postId | typeof forumReports.commentId, id: SQL) =>
    sql<string[]>`coalesce((select array_agg(${forumReports.reason} order by ${forumReports.createdAt}) from ${forumReports} where ${col} = ${id} and ${forumReports.resolvedAt} is null), '{}')`;
  const posts = await db
    .select({
      id: forumPosts.id,
      postId: forumPosts.id,
      title: forumPosts.title,
      body: forumPosts.body,
      status: forumPosts.status,
      moderationReason: forumPosts.moderationReason,
      anonymous: forumPosts.anonymous,
      createdAt: forumPosts.createdAt,
      ...authorColumns,
      reports: openReports(forumReports.postId, sql`${forumPosts.id}`),
    })
    .from(forumPosts)
    .innerJoin(users, eq(users.id, forumPosts.authorId))
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(
      and(
        eq(forumPosts.puskesmasId, actor.puskesmasId),
        or(
          eq(forumPosts.status, 'held'),
          and(
            inArray(forumPosts.status, ['published', 'hidden']),
            sql`exists (select 1 from ${forumReports} where ${forumReports.postId} = ${forumPosts.id} and ${forumReports.resolvedAt} is null)`,
          ),
        ),
      ),
    )
    .orderBy(asc(forumPosts.createdAt));
  const comments = await db
    .select({
      id: forumComments.id,
      postId: forumComments.postId,
      title: forumPosts.title,
      body: forumComments.body,
      status: forumComments.status,
      moderationReason: forumComments.moderationReason,
      anonymous: forumComments.anonymous,
      createdAt: forumComments.createdAt,
      ...authorColumns,
      reports: openReports(forumReports.commentId, sql`${forumComments.id}`),
    })
    .from(forumComments)
    .innerJoin(forumPosts, eq(forumPosts.id, forumComments.postId))
    .innerJoin(users, eq(users.id, forumComments.authorId))
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(
      and(
        eq(forumComments.puskesmasId, actor.puskesmasId),
        or(
          eq(forumComments.status, 'held'),
          and(
            inArray(forumComments.status, ['published', 'hidden']),
            sql`exists (select 1 from ${forumReports} where ${forumReports.commentId} = ${forumComments.id} and ${forumReports.resolvedAt} is null)`,
          ),
        ),
      ),
    )
    .orderBy(asc(forumComments.createdAt));
  const item = (target: 'post' | 'comment') => (r: (typeof posts)[number]) => ({
    target,
    id: r.id,
    postId: r.postId,
    title: r.title,
    body: r.body,
    status: r.status,
    moderationReason: r.moderationReason,
    createdAt: r.createdAt,
    author: authorView(actor, r),
    reports: r.reports ?? [],
    blockedTerms: matchBlockedTerms(target === 'post' ? `${r.title}\n${r.body}` : r.body, terms),
  });
  return [...posts.map(item('post')), ...comments.map(item('comment'))].sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt));
}

/** Number of items in the moderation queue (for the forum home of moderators). */
export async function moderationCount(actor: Actor): Promise<number> {
  if (!isModerator(actor)) return 0;
  return (await moderationQueue(actor)).length;
}

/**
 * approve: held → published; hide: → hidden (reason shown to the author); restore: hidden →
 * published; dismiss: keep as is. Every decision resolves the open reports and is audited.
 */
export async function moderate(actor: Actor, input: ModerateInput): Promise<{ postId: string; status: string }> {
  assertCan(actor, 'moderate', 'forum');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const table = input.target === 'post' ? forumPosts : forumComments;
    const [row] = await tx
      .select({ id: table.id, status: table.status, moderationReason: table.moderationReason, postId: input.target === 'post' ? forumPosts.id : forumComments.postId })
      .from(table)
      .where(and(eq(table.id, input.id), eq(table.puskesmasId, actor.puskesmasId)))
      .for('update');
    if (!row || row.status === 'deleted') throw new NotFoundError();
    const next =
      input.decision === 'approve' || input.decision === 'restore' ? 'published' : input.decision === 'hide' ? 'hidden' : row.status;
    if (input.decision === 'approve' && row.status !== 'held') throw new ForumError('notAllowed');
    if (input.decision === 'restore' && row.status !== 'hidden') throw new ForumError('notAllowed');
    const reason = input.reason || null;
    await tx
      .update(table)
      .set({ status: next, moderationReason: next === 'published' ? null : (reason ?? row.moderationReason) })
      .where(eq(table.id, row.id));
    if (input.target === 'comment') {
      if (next === 'published' && row.status !== 'published') {
        await tx.update(forumPosts).set({ lastActivityAt: sql`now()` }).where(eq(forumPosts.id, row.postId));
      }
      if (next === 'hidden') await tx.update(forumPosts).set({ answerCommentId: null }).where(eq(forumPosts.answerCommentId, row.id));
    }
    const col = input.target === 'post' ? forumReports.postId : forumReports.commentId;
    await tx
      .update(forumReports)
      .set({ resolvedAt: sql`now()`, resolvedBy: actor.id })
      .where(and(eq(col, row.id), isNull(forumReports.resolvedAt)));
    await audit(
      tx,
      actor,
      `forum.moderate.${input.decision}`,
      input.target === 'post' ? 'forum_post' : 'forum_comment',
      row.id,
      { status: row.status, moderationReason: row.moderationReason },
      { status: next },
      reason,
    );
    return { postId: row.postId, status: next };
  });
}

// ---------------------------------------------------------------------------------------------
// Search and the unread marker

/** Marks around highlighted words (private-use characters: never in user text after cleaning). */
export const HL_START = '\uE000';
export const HL_STOP = '\uE001';
const HEADLINE = `StartSel=${HL_START}, StopSel=${HL_STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * PostgreSQL full text with the `indonesian` configuration (stemming: "menyusui" finds
 * "menyusu"), the same SQL on PostgreSQL and PGlite. Published posts of the puskesmas whose
 * title and body, or one of whose published replies, match; best first.
 */
export async function searchForum(actor: Actor, q: string, opts: { page?: number } = {}) {
  assertCan(actor, 'read', 'forum');
  const db = await getDb();
  const page = Math.max(1, opts.page ?? 1);
  const clean = q.replaceAll(HL_START, ' ').replaceAll(HL_STOP, ' ');
  const query = sql`websearch_to_tsquery('indonesian', ${clean})`;
  const doc = sql`to_tsvector('indonesian', p.title || ' ' || p.body)`;
  const rows = rowsOf<{
    id: string;
    title: string;
    anonymous: boolean;
    last_activity_at: Date | string;
    category_name: string;
    author_id: string;
    author_name: string;
    author_role: Role;
    author_village: string | null;
    title_hl: string;
    body_hl: string;
    reply_hl: string | null;
    rank: number;
  }>(
    await db.execute(sql`
      with q as (select ${query} as q),
      hits as (
        select p.id, ts_rank(${doc}, q.q) as rank, null::uuid as comment_id
          from ${forumPosts} p, q
         where p.puskesmas_id = ${actor.puskesmasId} and p.status = 'published' and ${doc} @@ q.q
        union all
        select c.post_id, ts_rank(to_tsvector('indonesian', c.body), q.q) * 0.5, c.id
          from ${forumComments} c join ${forumPosts} p on p.id = c.post_id, q
         where c.puskesmas_id = ${actor.puskesmasId} and c.status = 'published' and p.status = 'published'
           and to_tsvector('indonesian', c.body) @@ q.q
      ),
      best as (
        select distinct on (id) id, rank, comment_id from hits order by id, (comment_id is not null), rank desc
      ),
      ranked as (
        select b.id, b.comment_id, (select sum(h.rank) from hits h where h.id = b.id) as rank from best b
      )
      select p.id, p.title, p.anonymous, p.last_activity_at, cat.name as category_name,
             u.id as author_id, u.name as author_name, u.role as author_role, v.name as author_village,
             ts_headline('indonesian', p.title, q.q, ${`StartSel=${HL_START}, StopSel=${HL_STOP}, HighlightAll=true`}) as title_hl,
             ts_headline('indonesian', p.body, q.q, ${HEADLINE}) as body_hl,
             case when r.comment_id is not null
                  then ts_headline('indonesian', (select c.body from ${forumComments} c where c.id = r.comment_id), q.q, ${HEADLINE}) end as reply_hl,
             r.rank
        from ranked r
        join ${forumPosts} p on p.id = r.id
        join ${forumCategories} cat on cat.id = p.category_id
        join ${users} u on u.id = p.author_id
        left join ${villages} v on v.id = u.village_id, q
       order by r.rank desc, p.last_activity_at desc, p.id
       limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}
    `),
  );
  return {
    page,
    hasNext: rows.length > PAGE_SIZE,
    results: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      categoryName: r.category_name,
      lastActivityAt: new Date(r.last_activity_at),
      titleHighlight: r.title_hl,
      bodyHighlight: r.body_hl,
      replyHighlight: r.reply_hl,
      author: authorView(actor, {
        authorId: r.author_id,
        authorName: r.author_name,
        authorRole: r.author_role,
        authorVillage: r.author_village,
        anonymous: r.anonymous,
      }),
    })),
  };
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
