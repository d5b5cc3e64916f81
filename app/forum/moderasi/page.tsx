import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ModerateForm } from '@/components/forum/moderate-form';
import { AuthorLine, ForumText, Notice } from '@/components/forum/parts';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { orDenied, requireUser } from '@/lib/auth/session';
import { moderationQueue } from '@/lib/data/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('moderationTitle') };
}

export default async function ModerationPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader']);
  const sp = await searchParams;
  const items = await orDenied(moderationQueue(user));
  const t = await getTranslations();
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href="/forum" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('forum.backToForum')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('forum.moderationTitle')}</h1>
      <p className="mt-1 text-muted">{t('forum.moderationIntro')}</p>
      <Notice n={searchParam(sp.n)} e={searchParam(sp.e)} />
      {items.length === 0 ? (
        <div className="mt-4">
          <EmptyState title={t('forum.moderationEmpty')} />
        </div>
      ) : (
        <ul className="mt-4 flex flex-col gap-3" data-testid="moderation-queue">
          {items.map((it) => {
            return (
              <li key={it.id} className="rounded-xl border border-line bg-surface p-3" data-testid="queue-item">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={it.status === 'held' ? 'warn' : it.status === 'hidden' ? 'danger' : 'neutral'}>
                    {it.status === 'held' ? t('forum.held') : it.status === 'hidden' ? t('forum.hidden') : t('forum.reports')}
                  </Badge>
                  <span className="text-sm text-muted">{it.target === 'post' ? t('forum.queuePost') : t('forum.queueReply', { title: it.title })}</span>
                </p>
                {it.target === 'post' ? <h2 className="mt-1 font-semibold text-ink">{it.title}</h2> : null}
                <AuthorLine author={it.author} at={it.createdAt} />
                <ForumText source={it.body} className="text-sm text-ink" />
                {it.blockedTerms.length ? (
                  <p className="mt-1 text-sm font-semibold text-danger">{t('forum.blockedTerms', { terms: it.blockedTerms.join(', ') })}</p>
                ) : null}
                {it.moderationReason === 'auto:new' ? <p className="mt-1 text-sm text-muted">{t('forum.reasons.auto:new')}</p> : null}
                {it.reports.length ? (
                  <div className="mt-1 text-sm">
                    <p className="font-semibold">{t('forum.reports')}</p>
                    <ul className="list-disc pl-5">
                      {it.reports.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <ModerateForm
                  target={it.target}
                  id={it.id}
                  postId={it.postId}
                  status={it.status}
                  reported={it.reports.length > 0}
                  texts={{
                    reason: t('forum.decisionReason'),
                    approve: t('forum.approve'),
                    hide: t('forum.hide'),
                    restore: t('forum.restore'),
                    dismiss: t('forum.dismiss'),
                    openThread: t('forum.openThread'),
                  }}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Shell>
  );
}
