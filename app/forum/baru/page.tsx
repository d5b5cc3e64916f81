import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { createPostAction } from '@/lib/actions/forum';
import { requireUser } from '@/lib/auth/session';
import { newPostContext } from '@/lib/data/forum';
import { FORUM_LIMITS } from '@/lib/validation/forum';
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
      <form action={createPostAction} className="mt-4 flex flex-col gap-4">
        <Field id="categoryId" label={t('category')}>
          <select
            id="categoryId"
            name="categoryId"
            required
            defaultValue={preset}
            className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 text-base text-ink"
          >
            <option value="" disabled>
              {t('chooseCategory')}
            </option>
            {ctx.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="title" label={t('postTitle')}>
          <Input id="title" name="title" required minLength={5} maxLength={FORUM_LIMITS.title} />
        </Field>
        <Field id="body" label={t('postBody')} hint={t('bodyHint')}>
          <textarea
            id="body"
            name="body"
            required
            rows={8}
            maxLength={FORUM_LIMITS.body}
            aria-describedby="body-hint"
            className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
          />
        </Field>
        {ctx.canBeAnonymous ? (
          <div className="flex items-start gap-3">
            <input id="anonymous" name="anonymous" type="checkbox" className="mt-1 h-6 w-6 shrink-0" aria-describedby="anonymous-hint" />
            <div>
              <label htmlFor="anonymous" className="font-semibold text-ink">
                {t('anonymous')}
              </label>
              <p id="anonymous-hint" className="text-sm text-muted">
                {t('anonymousHint', { village: ctx.village })}
              </p>
            </div>
          </div>
        ) : null}
        <Button type="submit" className="w-full sm:w-auto sm:self-start">
          {t('submitPost')}
        </Button>
      </form>
    </Shell>
  );
}
