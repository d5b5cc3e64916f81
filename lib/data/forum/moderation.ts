/** The forum, moderation: the queue of held and reported items, and the moderators' decisions. */
import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { forumComments, forumPosts, forumReports, users, villages } from '@/db/schema';
import { assertCan, NotFoundError, type Actor } from '@/lib/auth/policy';
import { matchBlockedTerms } from '@/lib/forum/blocked';
import { type ModerateInput } from '@/lib/validation/forum';
import { audit } from '../audit';
import { authorColumns, authorView, blockedTermsOf, ForumError, isModerator } from './shared';

/** Held posts and replies, and those with open reports, oldest first. */
export async function moderationQueue(actor: Actor) {
  assertCan(actor, 'moderate', 'forum');
  const db = await getDb();
  const terms = await blockedTermsOf(db, actor.puskesmasId);
  const openReports = (col: typeof forumReports.postId | typeof forumReports.commentId, id: SQL) =>
    sql<
      string[]
    >`coalesce((select array_agg(${forumReports.reason} order by ${forumReports.createdAt}) from ${forumReports} where ${col} = ${id} and ${forumReports.resolvedAt} is null), '{}')`;
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
    const next = input.decision === 'approve' || input.decision === 'restore' ? 'published' : input.decision === 'hide' ? 'hidden' : row.status;
    if (input.decision === 'approve' && row.status !== 'held') throw new ForumError('notAllowed');
    if (input.decision === 'restore' && row.status !== 'hidden') throw new ForumError('notAllowed');
    const reason = input.reason || null;
    await tx
      .update(table)
      .set({ status: next, moderationReason: next === 'published' ? null : (reason ?? row.moderationReason) })
      .where(eq(table.id, row.id));
    if (input.target === 'comment') {
      if (next === 'published' && row.status !== 'published') {
        await tx
          .update(forumPosts)
          .set({ lastActivityAt: sql`now()` })
          .where(eq(forumPosts.id, row.postId));
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
