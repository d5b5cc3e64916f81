/** A demo puskesmas's forum: categories, posts and replies, reactions and reports. */
import { addDays, type IsoDate } from '../../lib/domain';
import type * as schema from '../schema';
import { FORUM_CATEGORIES, type PostDef } from './forum-content';
import type { TenantBuilder } from './tenant';
import { minInstant, plusMinutes, zoned } from './time';
import type { Row } from './types';

/** Resolves 'm:<mother key>', 'k:<kader key>', 's:<staff key>' to a user and when it began. */
function author(tenant: TenantBuilder, ref: string): { id: string; since: Date; birth?: IsoDate } {
  const [kind, key] = ref.split(':') as [string, string];
  if (kind === 'k') {
    const k = tenant.kaders.get(key);
    if (k) return { id: k.id, since: k.createdAt };
  } else if (kind === 's') {
    const s = tenant.staff.get(key);
    if (s) return { id: s.id, since: s.createdAt };
  } else if (kind === 'm') {
    const m = tenant.mothers.find((x) => x.key === key);
    if (m?.userId) return { id: m.userId, since: m.userCreatedAt!, birth: m.babies[0]!.birth };
  }
  throw new Error(`unknown forum author ${ref}`);
}

export function seedForum(tenant: TenantBuilder, posts: PostDef[]) {
  const { rng, data } = tenant;
  const categoryIds = new Map<string, string>();
  FORUM_CATEGORIES.forEach((c, i) => {
    const id = tenant.ids.uuid();
    categoryIds.set(c.slug, id);
    data.forumCategories.push({
      id,
      puskesmasId: tenant.puskesmasId,
      slug: c.slug,
      name: c.name,
      description: c.description,
      sortOrder: i + 1,
      createdAt: zoned(addDays(tenant.today, -600), 10),
    });
  });
  const reactors = [
    ...tenant.mothers.filter((m) => m.userId && data.users.find((u) => u.id === m.userId)?.passwordHash).map((m) => ({ id: m.userId!, since: m.userCreatedAt! })),
    ...[...tenant.kaders.values()].map((k) => ({ id: k.id, since: k.createdAt })),
  ];
  const check = (what: string, at: Date, since: Date) => {
    if (at < since) throw new Error(`demo forum: ${what} is dated before its author had an account`);
    if (at > tenant.now) throw new Error(`demo forum: ${what} is dated after today`);
  };
  // Oldest first, so that insert order follows time.
  const dated = posts.map((p) => {
    const a = author(tenant, p.by);
    return { p, a, at: plusMinutes(zoned(addDays(a.birth!, p.atAge), p.hour), rng.int(0, 50)) };
  });
  dated.sort((x, y) => x.at.getTime() - y.at.getTime());
  for (const { p, a, at } of dated) {
    check(`post ${p.key}`, at, a.since);
    const postId = tenant.ids.uuid();
    let last = at;
    let answerId: string | null = null;
    const comments: Row<typeof schema.forumComments>[] = [];
    for (const c of p.comments) {
      const ca = author(tenant, c.by);
      const cat = plusMinutes(at, c.after * 60 + rng.int(0, 40));
      check(`comment on ${p.key}`, cat, ca.since);
      const cid = tenant.ids.uuid();
      comments.push({ id: cid, puskesmasId: tenant.puskesmasId, postId, authorId: ca.id, body: c.body, status: 'published', createdAt: cat });
      if (cat > last) last = cat;
      if (c.answer) answerId = cid;
      if (c.report) {
        const r = author(tenant, c.report.by);
        data.forumReports.push({
          id: tenant.ids.uuid(),
          puskesmasId: tenant.puskesmasId,
          commentId: cid,
          reporterId: r.id,
          reason: c.report.reason,
          createdAt: plusMinutes(cat, 90),
        });
      }
      // Answers and kind words get reactions.
      if (c.answer || rng.chance(0.3)) {
        for (const u of rng.sample(
          reactors.filter((x) => x.id !== ca.id),
          rng.int(1, 3),
        )) {
          const rat = minInstant(plusMinutes(cat, rng.int(20, 600)), tenant.now);
          if (rat < u.since) continue;
          data.forumReactions.push({ id: tenant.ids.uuid(), puskesmasId: tenant.puskesmasId, commentId: cid, userId: u.id, createdAt: rat });
        }
      }
    }
    data.forumPosts.push({
      id: postId,
      puskesmasId: tenant.puskesmasId,
      categoryId: categoryIds.get(p.cat)!,
      authorId: a.id,
      title: p.title,
      body: p.body,
      anonymous: p.anon ?? false,
      status: p.status ?? 'published',
      moderationReason: p.moderationReason ?? null,
      answerCommentId: answerId,
      lastActivityAt: last,
      editedAt: p.editedAfter ? plusMinutes(at, p.editedAfter * 60) : null,
      createdAt: at,
    });
    data.forumComments.push(...comments);
    if (p.resolvedReport) {
      const r = author(tenant, p.resolvedReport.by);
      const mod = author(tenant, p.moderatedBy ?? 's:bidan');
      data.forumReports.push({
        id: tenant.ids.uuid(),
        puskesmasId: tenant.puskesmasId,
        postId,
        reporterId: r.id,
        reason: p.resolvedReport.reason,
        createdAt: plusMinutes(at, 120),
        resolvedAt: plusMinutes(at, 300),
        resolvedBy: mod.id,
      });
    }
    if ((p.status ?? 'published') === 'published') {
      for (const u of rng.sample(
        reactors.filter((x) => x.id !== a.id),
        rng.int(1, 6),
      )) {
        const rat = minInstant(plusMinutes(at, rng.int(30, 48 * 60)), tenant.now);
        if (rat < u.since) continue;
        data.forumReactions.push({ id: tenant.ids.uuid(), puskesmasId: tenant.puskesmasId, postId, userId: u.id, createdAt: rat });
      }
    }
  }
}
