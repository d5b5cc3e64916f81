import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { forumOverview } from '@/lib/data/overview';
import { formatDateTime, type UiLocale } from '@/lib/format';

export default async function ForumHome() {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const data = await forumOverview(user);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/forum">
      <h1 className="text-2xl font-bold text-ink">{t('forum.title')}</h1>
      <p className="mt-1 text-muted">{t('forum.intro')}</p>
      <Card title={t('forum.categories')} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {data.categories.map((c) => (
            <li key={c.id}>
              <Badge tone="brand">
                {c.name} · {t('forum.posts', { count: c.posts })}
              </Badge>
            </li>
          ))}
        </ul>
      </Card>
      <h2 className="mt-6 text-lg font-semibold">{t('forum.recent')}</h2>
      {data.posts.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('forum.empty')} />
        </div>
      ) : (
        <ul className="mt-3 flex flex-col gap-2" data-testid="forum-posts">
          {data.posts.map((p) => (
            <li key={p.id} className="rounded-xl border border-line bg-surface p-3">
              <p className="font-semibold text-ink">{p.title}</p>
              <p className="mt-1 text-sm text-muted">
                {p.author.anonymous ? t('forum.anonymousAuthor', { village: p.author.village }) : p.author.name} · {p.categoryName} ·{' '}
                {t('forum.comments', { count: p.comments })} · {formatDateTime(p.lastActivityAt, 'Asia/Jakarta', locale)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Shell>
  );
}
