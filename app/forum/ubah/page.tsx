import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { EditForm } from '@/components/forum/edit-form';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { getOwnForEdit } from '@/lib/data/forum';
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
      {!item.open ? <p className="mt-3 text-muted">{t('editClosed')}</p> : null}
      <EditForm
        target={target}
        id={item.id}
        title={item.title ?? ''}
        body={item.body}
        open={item.open}
        texts={{ postTitle: t('postTitle'), postBody: t('postBody'), bodyHint: t('bodyHint'), save: t('save') }}
      />
    </Shell>
  );
}
