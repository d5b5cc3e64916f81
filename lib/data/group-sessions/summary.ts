/** Group sessions: the summary, and staff publishing it to the forum. */
import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, forumCategories, groupSessions } from '@/db/schema';
import { assertCan, ForbiddenError, scopeOf, type Actor } from '@/lib/auth/policy';
import { zonedParts } from '@/lib/domain';
import { publishSchema, summarySchema } from '@/lib/validation/group-session';
import { audit } from '../audit';
import { createPost } from '../forum';
import { fieldErrorsOf, publishedPostOf, groupSessionFor, type SimpleResult } from './shared';

/** What was discussed and the main experiences shared (kader or staff, before or after closing). */
export async function saveSummary(actor: Actor, raw: unknown): Promise<SimpleResult> {
  const parsed = summarySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const s = await groupSessionFor(db, actor, parsed.data.sessionId, 'write');
  if (s.status === 'cancelled') throw new ForbiddenError('session cancelled');
  await db.transaction(async (tx) => {
    await tx
      .update(groupSessions)
      .set({ summary: parsed.data.summary, updatedAt: sql`now()` })
      .where(eq(groupSessions.id, s.id));
    await audit(tx, actor, 'session.summary', 'group_session', s.id, { summary: s.summary }, { summary: parsed.data.summary });
  });
  return { ok: true };
}

/** Forum categories staff may publish a summary to. */
export async function publishCategories(actor: Actor) {
  assertCan(actor, 'write', 'forum');
  const db = await getDb();
  return db
    .select({ id: forumCategories.id, name: forumCategories.name })
    .from(forumCategories)
    .where(eq(forumCategories.puskesmasId, actor.puskesmasId))
    .orderBy(asc(forumCategories.sortOrder));
}

/**
 * Staff publish the summary as a forum post (lib/data/forum createPost: the forum's own
 * checks, blocked terms and audit), then record which post in the session's audit trail.
 * Publishing again returns the post already made.
 */
export async function publishSummary(
  actor: Actor,
  raw: unknown,
  texts: { title: (title: string, date: string) => string },
): Promise<{ postId: string; created: boolean }> {
  const v = publishSchema.parse(raw);
  const db = await getDb();
  const s = await groupSessionFor(db, actor, v.sessionId, 'write');
  if (scopeOf(actor, 'write', 'groupSessions') !== 'puskesmas') throw new ForbiddenError('only staff publish');
  if (!s.summary) throw new ForbiddenError('no summary');
  const existing = await publishedPostOf(db, s.id);
  if (existing) return { postId: existing, created: false };
  const date = zonedParts(s.startsAt, s.timeZone).date;
  const post = await createPost(actor, { categoryId: v.categoryId, title: texts.title(s.title, date).slice(0, 120), body: s.summary, anonymous: false });
  await db.insert(auditLog).values({
    puskesmasId: actor.puskesmasId,
    userId: actor.id,
    action: 'session.publish',
    entity: 'group_session',
    entityId: s.id,
    after: { postId: post.id, status: post.status },
  });
  return { postId: post.id, created: true };
}
