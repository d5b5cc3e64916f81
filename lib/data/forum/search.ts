/** The forum, search: full text over published posts and replies, with highlighted words. */
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { forumCategories, forumComments, forumPosts, users, villages } from '@/db/schema';
import { assertCan, type Actor, type Role } from '@/lib/auth/policy';
import { authorView, PAGE_SIZE } from './shared';

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
