import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice } from '@/components/forum/parts';
import { NewPostForm } from '@/components/forum/post-forms';
import { Shell } from '@/components/layout/shell';
import { requireUser } from '@/lib/auth/session';
import { newPostContext } from '@/lib/data/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('newPostTitle') };
}

export default async function NewPost({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const sp = await searchParams;
  const ctx = await newPostContext(user);
  const t = await getTranslations('forum');
  const preset = ctx.categories.find((c) => c.slug === searchParam(sp.k))?.id ?? '';
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href="/forum" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('backToForum')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('newPostTitle')}</h1>
      <Notice e={searchParam(sp.e)} />
      <NewPostForm
        id={randomUUID()}
        categories={ctx.categories.map((c) => ({ id: c.id, name: c.name }))}
        preset={preset}
        anonymousHint={ctx.canBeAnonymous ? t('anonymousHint', { village: ctx.village }) : undefined}
        texts={{
          category: t('category'),
          chooseCategory: t('chooseCategory'),
          postTitle: t('postTitle'),
          postBody: t('postBody'),
          bodyHint: t('bodyHint'),
          anonymous: t('anonymous'),
          submitPost: t('submitPost'),
        }}
      />
    </Shell>
  );
}
