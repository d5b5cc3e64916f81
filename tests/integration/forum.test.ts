import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { auditLog, forumCategories, forumComments, forumPosts, mothers, puskesmas, users } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { normalizePhone } from '@/lib/domain';
import {
  createPost,
  createReply,
  deleteOwn,
  editOwn,
  forumCategoryList,
  ForumError,
  getThread,
  HL_START,
  listPosts,
  moderate,
  moderationQueue,
  RATE_LIMITS,
  searchForum,
  unreadReplies,
} from '@/lib/data/forum';
import { BACKENDS, useDatabase, type TestDb } from './support';

async function actorByPhone(db: TestDb, phone: string): Promise<Actor> {
  return actorWhere(db, eq(users.phone, normalizePhone(phone)!));
}
async function actorWhere(db: TestDb, where: ReturnType<typeof eq>): Promise<Actor> {
  const [u] = await db.db
    .select({ id: users.id, role: users.role, puskesmasId: users.puskesmasId, posyanduId: users.posyanduId, villageId: users.villageId, motherId: mothers.id })
    .from(users)
    .leftJoin(mothers, eq(mothers.userId, users.id))
    .where(where);
  if (!u) throw new Error('no such user');
  return { ...u, puskesmasId: u.puskesmasId ?? '' };
}
const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!.phone;

describe.each(BACKENDS)('forum on $name', (backend) => {
  let db: TestDb;
  let rina: Actor; // ibu, Posyandu Melati 1, has published posts
  let dewi: Actor; // another ibu
  let kader: Actor;
  let staff: Actor;
  let category: string;
  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    rina = await actorByPhone(db, login('ibu', 0));
    dewi = await actorByPhone(db, login('ibu', 1));
    kader = await actorByPhone(db, login('kader', 0));
    staff = await actorByPhone(db, login('staff', 0));
    const [c] = await db.db
      .select({ id: forumCategories.id })
      .from(forumCategories)
      .where(and(eq(forumCategories.puskesmasId, rina.puskesmasId), eq(forumCategories.slug, 'tanya-kader-bidan')));
    category = c!.id;
  });
  afterAll(() => db.dispose());

  it('search stems Indonesian: "menyusui" finds a post that says "menyusu", highlighted', async () => {
    const { id } = await createPost(staff, { categoryId: category, title: 'Catatan zqxuji', body: 'Dede kuat menyusu di malam hari, zqxuji.', anonymous: false });
    const plain = await searchForum(dewi, 'menyusui zqxuji');
    expect(plain.results.map((r) => r.id)).toEqual([id]);
    expect(plain.results[0]!.bodyHighlight).toContain(`${HL_START}menyusu`);
    // The literal word is not in the post: only stemming finds it.
    const [row] = await db.db.select({ body: forumPosts.body }).from(forumPosts).where(eq(forumPosts.id, id));
    expect(row!.body).not.toContain('menyusui');
    // Replies are searched too.
    const r = await createReply(kader, { postId: id, body: 'Pelekatan yang baik membantu, zqxbalas.' });
    expect(r.status).toBe('published');
    const inReply = await searchForum(dewi, 'zqxbalas');
    expect(inReply.results.map((x) => x.id)).toEqual([id]);
    expect(inReply.results[0]!.replyHighlight).toContain(HL_START);
  });

  it('held and hidden posts never reach other mothers: lists, threads, search, counts', async () => {
    const hiddenOrHeld = await db.db
      .select({ id: forumPosts.id, title: forumPosts.title, status: forumPosts.status, authorId: forumPosts.authorId })
      .from(forumPosts)
      .where(and(eq(forumPosts.puskesmasId, rina.puskesmasId), sql`${forumPosts.status} in ('held', 'hidden')`));
    expect(hiddenOrHeld.map((p) => p.status).sort()).toEqual(expect.arrayContaining(['held', 'hidden']));
    const others = hiddenOrHeld.filter((p) => p.authorId !== rina.id);
    expect(others.length).toBeGreaterThanOrEqual(2);
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const l = await listPosts(rina, { page });
      l.posts.forEach((p) => seen.add(p.id));
      if (!l.hasNext) break;
    }
    for (const p of others) {
      expect(seen.has(p.id)).toBe(false);
      await expect(getThread(rina, p.id)).rejects.toBeInstanceOf(NotFoundError);
      const words = p.title.split(/\s+/).slice(0, 3).join(' ');
      expect((await searchForum(rina, words)).results.map((r) => r.id)).not.toContain(p.id);
    }
    // Counts per category are published posts only.
    const cats = await forumCategoryList(rina);
    for (const c of cats) {
      const [n] = await db.db
        .select({ n: count() })
        .from(forumPosts)
        .where(and(eq(forumPosts.categoryId, c.id), eq(forumPosts.status, 'published')));
      expect(c.posts).toBe(n!.n);
    }
    // A moderator opens them; the author sees her own with the reason.
    for (const p of others) expect((await getThread(kader, p.id)).post.status).toBe(p.status);
    const author = await actorWhere(db, eq(users.id, others[0]!.authorId));
    const own = await getThread(author, others[0]!.id);
    expect(own.post.status).toBe(others[0]!.status);
    expect(own.post.moderationReason).toBeTruthy();
  });

  it('held replies are not shown to other mothers nor counted', async () => {
    const [post] = await db.db
      .select({ id: forumPosts.id })
      .from(forumPosts)
      .where(and(eq(forumPosts.puskesmasId, rina.puskesmasId), eq(forumPosts.status, 'published')))
      .limit(1);
    const r = await createReply(kader, { postId: post!.id, body: 'Coba susu SGM saja, bu.' });
    expect(r.status).toBe('held');
    const asRina = await getThread(rina, post!.id);
    expect([...asRina.replies, asRina.answer].map((c) => c?.id)).not.toContain(r.id);
    const asKader = await getThread(kader, post!.id);
    expect(asKader.replies.map((c) => c.id)).toContain(r.id);
    const listed = (await listPosts(rina)).posts.find((p) => p.id === post!.id);
    const [n] = await db.db
      .select({ n: count() })
      .from(forumComments)
      .where(and(eq(forumComments.postId, post!.id), eq(forumComments.status, 'published')));
    if (listed) expect(listed.replies).toBe(n!.n);
    expect((await searchForum(rina, 'SGM')).results.map((x) => x.id)).not.toContain(post!.id);
  });

  it('blocked terms hold a post, case-insensitively, and the queue shows it with the term', async () => {
    const [p] = await db.db.select({ terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, rina.puskesmasId));
    const term = p!.terms[0]!;
    const r = await createPost(rina, { categoryId: category, title: 'Tanya soal susu', body: `Ada yang tahu ${term.toUpperCase()} bagus?`, anonymous: false });
    expect(r.status).toBe('held');
    const queue = await moderationQueue(staff);
    const item = queue.find((q) => q.id === r.id);
    expect(item?.blockedTerms).toContain(term);
    // A word that merely contains the term is not held.
    const ok = await createPost(rina, { categoryId: category, title: 'Tanya lagi', body: `Kata x${term}x bukan istilah terblokir.`, anonymous: false });
    expect(ok.status).toBe('published');
    const [a] = await db.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, 'forum.post.create')));
    expect(a!.n).toBe(1);
  });

  it(`rate limit: ${RATE_LIMITS.posts} posts an hour, then a refusal that writes nothing`, async () => {
    const ibu = dewi;
    const [before] = await db.db
      .select({ n: count() })
      .from(forumPosts)
      .where(and(eq(forumPosts.authorId, ibu.id), sql`${forumPosts.createdAt} > now() - interval '1 hour'`));
    for (let i = before!.n; i < RATE_LIMITS.posts; i++) {
      await createPost(ibu, { categoryId: category, title: `Pertanyaan nomor ${i}`, body: 'Isi.', anonymous: false });
    }
    const err = await createPost(ibu, { categoryId: category, title: 'Satu lagi', body: 'Isi.', anonymous: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ForumError);
    expect((err as ForumError).code).toBe('rateLimitPosts');
    const [after] = await db.db.select({ n: count() }).from(forumPosts).where(eq(forumPosts.authorId, ibu.id));
    const [sum] = await db.db
      .select({ n: count() })
      .from(forumPosts)
      .where(and(eq(forumPosts.authorId, ibu.id), eq(forumPosts.title, 'Satu lagi')));
    expect(sum!.n).toBe(0);
    expect(after!.n).toBeGreaterThan(0);
  });

  it(`rate limit: ${RATE_LIMITS.replies} replies an hour`, async () => {
    const [post] = await db.db
      .select({ id: forumPosts.id })
      .from(forumPosts)
      .where(and(eq(forumPosts.puskesmasId, kader.puskesmasId), eq(forumPosts.status, 'published')))
      .limit(1);
    const k2 = await actorByPhone(db, login('kader', 1));
    for (let i = 0; i < RATE_LIMITS.replies; i++) await createReply(k2, { postId: post!.id, body: `Balasan ${i}` });
    await expect(createReply(k2, { postId: post!.id, body: 'lagi' })).rejects.toMatchObject({ code: 'rateLimitReplies' });
  });

  it("a mother's first two posts wait for approval", async () => {
    const [fresh] = await db.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.puskesmasId, rina.puskesmasId),
          eq(users.role, 'ibu'),
          sql`not exists (select 1 from ${forumPosts} p where p.author_id = ${users.id})`,
          sql`not exists (select 1 from ${forumComments} c where c.author_id = ${users.id})`,
        ),
      )
      .limit(1);
    const ibu = await actorWhere(db, eq(users.id, fresh!.id));
    for (let i = 0; i < 2; i++) {
      const r = await createPost(ibu, { categoryId: category, title: `Tulisan pertama ${i}`, body: 'Halo bunda.', anonymous: false });
      expect(r.status).toBe('held');
      await moderate(staff, { target: 'post', id: r.id, decision: 'approve', reason: '' });
    }
    const third = await createPost(ibu, { categoryId: category, title: 'Tulisan ketiga', body: 'Halo lagi.', anonymous: false });
    expect(third.status).toBe('published');
  });

  it('anonymous posts show "Ibu di Desa" to other mothers and the name to kaders; her reply stays anonymous', async () => {
    const ibu = await actorByPhone(db, login('ibu', 0));
    const post = await createPost(ibu, { categoryId: category, title: 'Pertanyaan pribadi', body: 'Malu bertanya langsung.', anonymous: true });
    expect(post.status).toBe('published');
    const reply = await createReply(ibu, { postId: post.id, body: 'Tambahan dari saya.' });
    const [me] = await db.db.select({ name: users.name }).from(users).where(eq(users.id, ibu.id));
    const other = await getThread(dewi, post.id);
    expect(other.post.author.anonymous).toBe(true);
    expect(JSON.stringify(other)).not.toContain(me!.name);
    expect(other.replies.find((c) => c.id === reply.id)!.author.anonymous).toBe(true);
    const asKader = await getThread(kader, post.id);
    expect(asKader.post.author).toMatchObject({ anonymous: false, name: me!.name, wasAnonymous: true });
    // Kader replies carry the programme badge.
    const k = await createReply(kader, { postId: post.id, body: 'Silakan tanya, Bu.' });
    const again = await getThread(dewi, post.id);
    expect(again.replies.find((c) => c.id === k.id)!.author).toMatchObject({ programme: true, role: 'kader' });
    // The author sees one unread reply (the kader's) until she opens the thread.
    const unread = await unreadReplies(ibu);
    expect(unread.posts.find((p) => p.id === post.id)?.n).toBe(1);
    await getThread(ibu, post.id);
    expect((await unreadReplies(ibu)).posts.find((p) => p.id === post.id)).toBeUndefined();
  });

  it("nobody edits or deletes another user's post or reply, moderators included", async () => {
    const post = await createPost(kader, { categoryId: category, title: 'Milik kader', body: 'Isi asli.', anonymous: false });
    for (const who of [dewi, staff]) {
      await expect(editOwn(who, { target: 'post', id: post.id, title: 'Diubah orang', body: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteOwn(who, { target: 'post', id: post.id })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [row] = await db.db.select({ title: forumPosts.title, status: forumPosts.status }).from(forumPosts).where(eq(forumPosts.id, post.id));
    expect(row).toEqual({ title: 'Milik kader', status: 'published' });
    // Another puskesmas cannot even see it.
    const gpt = await actorByPhone(db, DEMO_LOGINS.find((l) => /Gunung Putri/.test(l.what))!.phone);
    await expect(getThread(gpt, post.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteOwn(kader, { target: 'post', id: post.id })).resolves.toMatchObject({ postId: post.id });
    await expect(getThread(dewi, post.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
