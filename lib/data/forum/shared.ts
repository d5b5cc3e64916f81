/**
 * The sharing forum (docs/rules.md Forum, docs/access.md forum row): what the reading, writing, moderation
 * and search modules share. The forum's rules (limits, edit window, holds) are in
 * lib/domain/forum.ts. Every function takes the Actor, checks the policy and scopes every
 * query by the actor's puskesmas. Visibility:
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
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { type DbOrTx } from '@/db/client';
import { forumPosts, puskesmas, users, villages } from '@/db/schema';
import { can, NotFoundError, type Actor, type Role } from '@/lib/auth/policy';
import { forumEditOpen } from '@/lib/domain/forum';

export const PAGE_SIZE = 20;
export const REPLY_PAGE_SIZE = 30;

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

export type AuthorRow = { authorId: string; authorName: string; authorRole: Role; authorVillage: string | null; anonymous: boolean };

export function authorView(actor: Actor, r: AuthorRow): AuthorView {
  const isMe = r.authorId === actor.id;
  if (r.anonymous && actor.role === 'ibu') return { anonymous: true, village: r.authorVillage ?? '', isMe, programme: false };
  return { anonymous: false, name: r.authorName, role: r.authorRole, wasAnonymous: r.anonymous, isMe, programme: r.authorRole !== 'ibu' };
}

export const isModerator = (actor: Actor) => can(actor, 'moderate', 'forum');

export const authorColumns = {
  authorId: users.id,
  authorName: users.name,
  authorRole: users.role,
  authorVillage: villages.name,
};

/** Posts the actor may see in a list: published, and her own held or hidden ones. */
export function listable(actor: Actor): SQL {
  return and(
    eq(forumPosts.puskesmasId, actor.puskesmasId),
    or(eq(forumPosts.status, 'published'), and(eq(forumPosts.authorId, actor.id), inArray(forumPosts.status, ['held', 'hidden']))),
  )!;
}

/** Loads a post the actor may open, or throws NotFoundError (never says that it exists). */
export async function visiblePost(db: DbOrTx, actor: Actor, postId: string) {
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

/** The edit window (lib/domain/forum.ts) against the clock of this server. */
export const withinEditWindow = (createdAt: Date) => forumEditOpen(createdAt, new Date());

/** The puskesmas's blocked terms (PP 28/2024), checked on every write and shown in the queue. */
export async function blockedTermsOf(tx: DbOrTx, puskesmasId: string): Promise<string[]> {
  const [p] = await tx.select({ terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  return p?.terms ?? [];
}
