import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { unreadReplies } from '@/lib/data/forum';

/** Home-page marker: new replies to my forum posts since I last opened them (`data`: unreadReplies). */
export async function UnreadCard({ data }: { data: Awaited<ReturnType<typeof unreadReplies>> }) {
  const t = await getTranslations('forum');
  return (
    <Card title={t('unreadTitle')} className="mt-4">
      <p className="font-semibold text-ink" data-testid="forum-unread" data-count={data.total}>
        {t('unread', { count: data.total })}
      </p>
      {data.posts.length ? (
        <ul className="mt-2 flex flex-col gap-1">
          {data.posts.slice(0, 5).map((p) => (
            <li key={p.id}>
              <Link href={`/forum/t/${p.id}`} className="inline-flex min-h-11 items-center text-brand underline-offset-4 hover:underline">
                {t('unreadPost', { title: p.title, count: p.n })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
