import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { Notice } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { editAction } from '@/lib/actions/forum';
import { orDenied, requireUser } from '@/lib/auth/session';
import { getOwnForEdit } from '@/lib/data/forum';
import { FORUM_LIMITS } from '@/lib/validation/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EditPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const sp = await searchParams;
  const postId = searchParam(sp.tulisan);
  const commentId = searchParam(sp.balasan);
  const target = postId ? 'post' : 'comment';
  const id = postId ?? commentId ?? '';
  if (!z.uuid().safeParse(id).success) notFound();
  const item = await orDenied(getOwnForEdit(user, target, id));
  const t = await getTranslations('forum');
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href={`/forum/t/${item.postId}`} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('cancel')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{target === 'post' ? t('editTitle') : t('editReplyTitle')}</h1>
      <Notice e={searchParam(sp.e)} />
      {!item.open ? <p className="mt-3 text-muted">{t('editClosed')}</p> : null}
      <form action={editAction} className="mt-4 flex flex-col gap-4">
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="id" value={item.id} />
        {target === 'post' ? (
          <Field id="title" label={t('postTitle')}>
            <Input id="title" name="title" required minLength={5} maxLength={FORUM_LIMITS.title} defaultValue={item.title ?? ''} />
          </Field>
        ) : null}
        <Field id="body" label={t('postBody')} hint={t('bodyHint')}>
          <textarea
            id="body"
            name="body"
            required
            rows={8}
            maxLength={target === 'post' ? FORUM_LIMITS.body : FORUM_LIMITS.reply}
            defaultValue={item.body}
            aria-describedby="body-hint"
            className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
          />
        </Field>
        <Button type="submit" className="w-full sm:w-auto sm:self-start" disabled={!item.open}>
          {t('save')}
        </Button>
      </form>
    </Shell>
  );
}
