/**
 * The forum, writing: new posts and replies (hourly limits, automatic holds, create keys),
 * edits and deletions of one's own, "Bermanfaat", the answer mark and reports.
 */
import 'server-only';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { forumCategories, forumComments, forumPosts, forumReactions, forumReports } from '@/db/schema';
import { assertCan, NotFoundError, ForbiddenError, type Actor } from '@/lib/auth/policy';
import {
  FORUM_HOLD_BLOCKED,
  forumLimitReached,
  FORUM_RATE_WINDOW_HOURS,
  newPostHold,
  newReplyHold,
  postAnonymous,
  replyAnonymous,
  statusAfterEdit,
  type ForumWrite,
} from '@/lib/domain/forum';
import { matchBlockedTerms } from '@/lib/forum/blocked';
import { type PostInput } from '@/lib/validation/forum';
import { audit } from '../audit';
import { blockedTermsOf, ForumError, isModerator, visiblePost, withinEditWindow } from './shared';

/** Serialises one user's writes (until the transaction ends). */
async function lockAuthor(tx: DbOrTx, actor: Actor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`forum:${actor.id}`}))`);
}

/** Counts what she wrote in the rate window (after lockAuthor). */
async function assertUnderLimit(tx: DbOrTx, actor: Actor, what: ForumWrite) {
  const table = what === 'posts' ? forumPosts : forumComments;
  const [r] = await tx
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.authorId, actor.id), gt(table.createdAt, sql`now() - make_interval(hours => ${FORUM_RATE_WINDOW_HOURS})`)));
  if (forumLimitReached(what, r?.n ?? 0)) throw new ForumError(what === 'posts' ? 'rateLimitPosts' : 'rateLimitReplies');
}

/**
 * A post or reply already stored under the form's key (decision 054), by this author: the
 * answer to a resend. A key used by someone else, or for another thread, is refused without
 * saying more.
 */
async function storedCreate(tx: DbOrTx, actor: Actor, what: 'posts' | 'replies', id: string | undefined, postId?: string) {
  if (!id) return null;
  const [row] =
    what === 'posts'
      ? await tx
          .select({ id: forumPosts.id, authorId: forumPosts.authorId, status: forumPosts.status, postId: forumPosts.id })
          .from(forumPosts)
          .where(eq(forumPosts.id, id))
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
    const mother = actor.role === 'ibu';
    // A mother's published posts are counted only when no blocked term holds the post already.
    const [published] =
      mother && blocked.length === 0
        ? await tx
            .select({ n: count() })
            .from(forumPosts)
            .where(and(eq(forumPosts.authorId, actor.id), eq(forumPosts.status, 'published')))
        : [];
    const reason = newPostHold(blocked.length, mother ? (published?.n ?? 0) : null);
    const anonymous = postAnonymous(mother, input.anonymous);
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
        anonymous,
        status,
        moderationReason: reason,
      })
      .returning({ id: forumPosts.id });
    await audit(tx, actor, 'forum.post.create', 'forum_post', row!.id, null, { status, anonymous, blocked }, reason);
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
    const reason = newReplyHold(blocked.length);
    const status = reason ? ('held' as const) : ('published' as const);
    const anonymous = replyAnonymous(actor.role === 'ibu', { anonymous: p.anonymous, ownThread: p.authorId === actor.id });
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
        moderationReason: reason,
      })
      .returning({ id: forumComments.id });
    if (status === 'published')
      await tx
        .update(forumPosts)
        .set({ lastActivityAt: sql`now()` })
        .where(eq(forumPosts.id, p.id));
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
      const [p] = await tx
        .select()
        .from(forumPosts)
        .where(and(eq(forumPosts.id, input.id), eq(forumPosts.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!p || p.status === 'deleted') throw new NotFoundError();
      if (p.authorId !== actor.id) throw new ForbiddenError('only the author may edit');
      if (!withinEditWindow(p.createdAt)) throw new ForumError('editWindow');
      const blocked = matchBlockedTerms(`${input.title}\n${input.body}`, terms);
      const status = statusAfterEdit(p.status, blocked.length);
      await tx
        .update(forumPosts)
        .set({ title: input.title, body: input.body, editedAt: sql`now()`, status, moderationReason: status !== p.status ? FORUM_HOLD_BLOCKED : p.moderationReason })
        .where(eq(forumPosts.id, p.id));
      await audit(tx, actor, 'forum.post.edit', 'forum_post', p.id, { title: p.title, body: p.body, status: p.status }, { title: input.title, body: input.body, status });
      return { postId: p.id, status };
    }
    const [c] = await tx
      .select()
      .from(forumComments)
      .where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId)))
      .for('update');
    if (!c || c.status === 'deleted') throw new NotFoundError();
    if (c.authorId !== actor.id) throw new ForbiddenError('only the author may edit');
    if (!withinEditWindow(c.createdAt)) throw new ForumError('editWindow');
    const blocked = matchBlockedTerms(input.body, terms);
    const status = statusAfterEdit(c.status, blocked.length);
    await tx
      .update(forumComments)
      .set({ body: input.body, editedAt: sql`now()`, status, moderationReason: status !== c.status ? FORUM_HOLD_BLOCKED : c.moderationReason })
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
      const [p] = await tx
        .select()
        .from(forumPosts)
        .where(and(eq(forumPosts.id, input.id), eq(forumPosts.puskesmasId, actor.puskesmasId)))
        .for('update');
      if (!p || p.status === 'deleted') throw new NotFoundError();
      if (p.authorId !== actor.id) throw new ForbiddenError('only the author may delete');
      await tx.update(forumPosts).set({ status: 'deleted' }).where(eq(forumPosts.id, p.id));
      await audit(tx, actor, 'forum.post.delete', 'forum_post', p.id, { status: p.status }, { status: 'deleted' });
      return { postId: p.id };
    }
    const [c] = await tx
      .select()
      .from(forumComments)
      .where(and(eq(forumComments.id, input.id), eq(forumComments.puskesmasId, actor.puskesmasId)))
      .for('update');
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
    await tx
      .update(forumPosts)
      .set({ answerCommentId: marked ? c.id : null })
      .where(eq(forumPosts.id, p.id));
    await audit(
      tx,
      actor,
      marked ? 'forum.answer.mark' : 'forum.answer.unmark',
      'forum_post',
      p.id,
      { answerCommentId: p.answerCommentId },
      { answerCommentId: marked ? c.id : null },
    );
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
