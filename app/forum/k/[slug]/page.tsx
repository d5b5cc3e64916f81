import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice, Pager, PostList } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { ButtonLink } from '@/components/ui/button-link';
import { EmptyState } from '@/components/ui/empty-state';
import { orDenied, requireUser } from '@/lib/auth/session';
import { forumCategoryBySlug, listPosts } from '@/lib/data/forum';
import { pageSchema } from '@/lib/validation/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ForumCategory({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const { slug } = await params;
  const sp = await searchParams;
  const page = pageSchema.parse(searchParam(sp.hal));
  const category = await orDenied(forumCategoryBySlug(user, slug.slice(0, 80)));
  const list = await listPosts(user, { categoryId: category.id, page });
  const t = await getTranslations();
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href="/forum" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('forum.allCategories')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{category.name}</h1>
      {category.description ? <p className="mt-1 text-muted">{category.description}</p> : null}
      <Notice n={searchParam(sp.n)} e={searchParam(sp.e)} />
      <div className="mt-4">
        <ButtonLink href={`/forum/baru?k=${encodeURIComponent(category.slug)}`}>{t('forum.newPost')}</ButtonLink>
      </div>
      {list.posts.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('forum.empty')} />
        </div>
      ) : (
        <PostList posts={list.posts} showCategory={false} />
      )}
      <Pager base={`/forum/k/${category.slug}`} page={list.page} hasNext={list.hasNext} />
    </Shell>
  );
}
