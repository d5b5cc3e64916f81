/**
 * The forum's program rules (docs/rules.md Forum, docs/decisions/020-forum-text.md): how much one
 * person may write in an hour, how long her own words stay editable, when a post or reply waits
 * for a moderator, and who writes anonymously. Pure: counts and "now" come in; lib/data/forum
 * counts and stores.
 */

/**
 * The longest title, body, reply, moderation reason and search query, in characters: the
 * schemas of lib/validation/forum.ts and the forms' maxLength both read them (kept here, free
 * of zod, so a form on a phone does not load the schema library for a number).
 */
export const FORUM_LIMITS = { title: 120, body: 5000, reply: 3000, reason: 300, query: 200 } as const;

/** Posting limits per user per rolling window (FORUM_RATE_WINDOW_HOURS). */
export const FORUM_RATE_LIMITS = { posts: 5, replies: 20 } as const;
/** The rolling window of the posting limits, in hours. */
export const FORUM_RATE_WINDOW_HOURS = 1;
/** Own posts and replies can be edited this long after writing. */
export const FORUM_EDIT_WINDOW_HOURS = 24;
/** A mother's first posts wait for a moderator. */
export const FORUM_HELD_FIRST_POSTS = 2;

/** Reason codes of automatic holds (translated under forum.reasons in messages/*.json). */
export const FORUM_HOLD_BLOCKED = 'auto:blocked';
export const FORUM_HOLD_NEW = 'auto:new';
export type ForumHoldReason = typeof FORUM_HOLD_BLOCKED | typeof FORUM_HOLD_NEW;

export type ForumWrite = keyof typeof FORUM_RATE_LIMITS;

/** True when `written` posts (or replies) in the window leave no room for one more. */
export function forumLimitReached(what: ForumWrite, written: number): boolean {
  return written >= FORUM_RATE_LIMITS[what];
}

/** True while an own post or reply written at `createdAt` may still be edited at `now`. */
export function forumEditOpen(createdAt: Date, now: Date): boolean {
  return now.getTime() - new Date(createdAt).getTime() < FORUM_EDIT_WINDOW_HOURS * 3600_000;
}

/**
 * Why a new post waits for a moderator, or null when it is published at once: a blocked term
 * holds anybody's post; otherwise a mother's post waits while she has fewer than
 * FORUM_HELD_FIRST_POSTS published. `publishedPostsOfMother` is null when the author is not a
 * mother (staff and kaders are not held as new).
 */
export function newPostHold(blockedTerms: number, publishedPostsOfMother: number | null): ForumHoldReason | null {
  if (blockedTerms > 0) return FORUM_HOLD_BLOCKED;
  if (publishedPostsOfMother !== null && publishedPostsOfMother < FORUM_HELD_FIRST_POSTS) return FORUM_HOLD_NEW;
  return null;
}

/** Why a new reply waits for a moderator, or null: only a blocked term holds a reply. */
export function newReplyHold(blockedTerms: number): ForumHoldReason | null {
  return blockedTerms > 0 ? FORUM_HOLD_BLOCKED : null;
}

/** The status after an edit: a published text that now has a blocked term is held again; else unchanged. */
export function statusAfterEdit<S extends string>(status: S, blockedTerms: number): S | 'held' {
  return status === 'published' && blockedTerms > 0 ? 'held' : status;
}

/** Only mothers post anonymously: staff and kaders answer in their own name. */
export function postAnonymous(authorIsMother: boolean, asked: boolean): boolean {
  return authorIsMother && asked;
}

/** A mother's reply in her own anonymous thread stays anonymous; every other reply is named. */
export function replyAnonymous(authorIsMother: boolean, thread: { anonymous: boolean; ownThread: boolean }): boolean {
  return authorIsMother && thread.anonymous && thread.ownThread;
}
