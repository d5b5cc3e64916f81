import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice, Pager, PostList, SearchBox } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { ButtonLink } from '@/components/ui/button-link';
import { EmptyState } from '@/components/ui/empty-state';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { forumCategoryList, listPosts, moderationCount } from '@/lib/data/forum';
import { pageSchema } from '@/lib/validation/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('title') };
}

export default async function ForumHome({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const sp = await searchParams;
  const page = pageSchema.parse(searchParam(sp.hal));
  const [categories, list, queue] = await Promise.all([forumCategoryList(user), listPosts(user, { page }), moderationCount(user)]);
  const t = await getTranslations();
  return (
    <Shell user={user} current="/forum">
      <h1 className="text-2xl font-bold text-ink">{t('forum.title')}</h1>
      <p className="mt-1 text-muted">{t('forum.intro')}</p>
      <Notice n={searchParam(sp.n)} e={searchParam(sp.e)} />
      <div className="mt-4 flex flex-wrap gap-2">
        <ButtonLink href="/forum/baru">{t('forum.newPost')}</ButtonLink>
        {can(user, 'moderate', 'forum') ? (
          <ButtonLink href="/forum/moderasi" variant="secondary">
            {t('forum.moderation')} · {t('forum.moderationCount', { count: queue })}
          </ButtonLink>
        ) : null}
        {can(user, 'write', 'forumCategories') ? (
          <ButtonLink href="/forum/kategori" variant="secondary">
            {t('forum.categoriesEdit')}
          </ButtonLink>
        ) : null}
      </div>
      <SearchBox />
      <section aria-labelledby="cats" className="mt-6">
        <h2 id="cats" className="text-lg font-semibold">
          {t('forum.categories')}
        </h2>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="forum-categories">
          {categories.map((c) => (
            <li key={c.id}>
              <Link href={`/forum/k/${c.slug}`} className="flex min-h-11 flex-col rounded-xl border border-line bg-surface p-3 hover:bg-canvas">
                <span className="font-semibold text-brand">{c.name}</span>
                <span className="text-sm text-muted">{t('forum.posts', { count: c.posts })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <h2 className="mt-6 text-lg font-semibold">{t('forum.recent')}</h2>
      {list.posts.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('forum.empty')} />
        </div>
      ) : (
        <PostList posts={list.posts} />
      )}
      <Pager base="/forum" page={list.page} hasNext={list.hasNext} />
    </Shell>
  );
}
