import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { unreadReplies } from '@/lib/data/forum';

/**
 * The kader home's forum news: new replies to her posts, shown only when there are some (issue
 * #23: the home leads with the work; no "nothing new" card). The same data and texts as
 * components/forum/unread-card.tsx, which other homes use. The page fetches `data` (unreadReplies).
 */
export async function KaderForumNews({ data }: { data: Awaited<ReturnType<typeof unreadReplies>> }) {
  if (data.total === 0) return null;
  const t = await getTranslations('forum');
  return (
    <Card title={t('unreadTitle')} className="mt-6">
      <p className="font-semibold text-ink" data-testid="forum-unread" data-count={data.total}>
        {t('unread', { count: data.total })}
      </p>
      <ul className="mt-2 flex flex-col gap-1">
        {data.posts.slice(0, 5).map((p) => (
          <li key={p.id}>
            <Link href={`/forum/t/${p.id}`} className="inline-flex min-h-11 items-center text-brand underline-offset-4 hover:underline">
              {t('unreadPost', { title: p.title, count: p.n })}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
