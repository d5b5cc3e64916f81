import { describe, expect, it } from 'vitest';
import {
  FORUM_EDIT_WINDOW_HOURS,
  FORUM_HELD_FIRST_POSTS,
  FORUM_RATE_LIMITS,
  forumEditOpen,
  forumLimitReached,
  newPostHold,
  newReplyHold,
  postAnonymous,
  replyAnonymous,
  statusAfterEdit,
} from './forum';

const HOUR = 3600_000;

describe('forum limits', () => {
  it('are the rules of decision 020', () => {
    expect(FORUM_RATE_LIMITS).toEqual({ posts: 5, replies: 20 });
    expect(FORUM_EDIT_WINDOW_HOURS).toBe(24);
    expect(FORUM_HELD_FIRST_POSTS).toBe(2);
  });

  it.each([
    ['posts', 0, false],
    ['posts', 4, false],
    ['posts', 5, true],
    ['posts', 6, true],
    ['replies', 19, false],
    ['replies', 20, true],
  ] as const)('%s: %i written in the hour → limit reached %s', (what, written, reached) => {
    expect(forumLimitReached(what, written)).toBe(reached);
  });

  const now = new Date('2026-03-15T10:00:00Z');
  it.each([
    ['just written', 0, true],
    ['23 h 59 min ago', 24 * HOUR - 60_000, true],
    ['exactly 24 h ago', 24 * HOUR, false],
    ['two days ago', 48 * HOUR, false],
  ])('edit window: written %s → open %s', (_, ago, open) => {
    expect(forumEditOpen(new Date(now.getTime() - ago), now)).toBe(open);
  });
});

describe('automatic holds', () => {
  it.each([
    // blocked terms, published posts of the mother (null: not a mother), hold
    [0, null, null],
    [1, null, 'auto:blocked'],
    [0, 0, 'auto:new'],
    [0, 1, 'auto:new'],
    [0, 2, null],
    [2, 0, 'auto:blocked'],
    [1, 5, 'auto:blocked'],
  ] as const)('new post: %i blocked terms, %s published before → %s', (blocked, published, hold) => {
    expect(newPostHold(blocked, published)).toBe(hold);
  });

  it.each([
    [0, null],
    [1, 'auto:blocked'],
  ] as const)('new reply: %i blocked terms → %s', (blocked, hold) => {
    expect(newReplyHold(blocked)).toBe(hold);
  });

  it.each([
    ['published', 0, 'published'],
    ['published', 1, 'held'],
    ['held', 1, 'held'],
    ['hidden', 1, 'hidden'],
    ['hidden', 0, 'hidden'],
  ] as const)('edit of a %s text with %i blocked terms → %s', (status, blocked, after) => {
    expect(statusAfterEdit(status, blocked)).toBe(after);
  });
});

describe('anonymity', () => {
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
  ])('post: mother %s, asked %s → anonymous %s', (mother, asked, anonymous) => {
    expect(postAnonymous(mother, asked)).toBe(anonymous);
  });

  it.each([
    [true, true, true, true],
    [true, true, false, false],
    [true, false, true, false],
    [false, true, true, false],
  ])('reply: mother %s, anonymous thread %s, her own %s → anonymous %s', (mother, anonymous, ownThread, expected) => {
    expect(replyAnonymous(mother, { anonymous, ownThread })).toBe(expected);
  });
});
