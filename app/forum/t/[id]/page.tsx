import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AuthorLine, ForumText, Notice, Pager } from '@/components/forum/parts';
import { ReplyForm } from '@/components/forum/reply-form';
import { ReportForm } from '@/components/forum/report-form';
import { Shell } from '@/components/layout/shell';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { answerAction, deleteAction, usefulAction } from '@/lib/actions/forum';
import { orDenied, requireUser } from '@/lib/auth/session';
import { getThread } from '@/lib/data/forum';
import { pageSchema } from '@/lib/validation/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;
type Thread = Awaited<ReturnType<typeof getThread>>;
type Reply = NonNullable<Thread['answer']>;
type T = Awaited<ReturnType<typeof getTranslations>>;

const small = 'inline-flex min-h-11 items-center rounded-lg border border-line bg-surface px-3 text-sm font-semibold text-ink hover:bg-canvas';

function reasonText(t: T, reason: string | null): string | null {
  if (!reason) return null;
  return reason === 'auto:blocked' || reason === 'auto:new' ? t(`forum.reasons.${reason}`) : reason;
}

function StatusNote({ t, status, reason }: { t: T; status: string; reason: string | null }) {
  if (status === 'published') return null;
  const r = reasonText(t, reason);
  const text = status === 'held' ? `${t('forum.heldNotice')}${r ? ` ${r}` : ''}` : r ? t('forum.hiddenNotice', { reason: r }) : t('forum.hiddenNoticeNoReason');
  return (
    <p className="mt-2 rounded-lg border border-warn bg-warn-soft px-3 py-2 text-sm text-warn" data-testid="moderation-note">
      <Badge tone="warn">{t(status === 'held' ? 'forum.held' : 'forum.hidden')}</Badge> {text}
    </p>
  );
}

function UsefulButton({ t, target, id, count, mine, back }: { t: T; target: 'post' | 'comment'; id: string; count: number; mine: boolean; back: string }) {
  return (
    <form action={usefulAction}>
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" aria-pressed={mine} className={`${small} aria-pressed:border-brand aria-pressed:bg-brand-soft aria-pressed:text-brand`}>
        {t('forum.useful')} · {count}
      </button>
    </form>
  );
}

const reportTexts = (t: T) => ({ report: t('forum.report'), reason: t('forum.reportReason'), submit: t('forum.reportSubmit') });

function DeleteForm({ t, target, id, label, back }: { t: T; target: 'post' | 'comment'; id: string; label: string; back: string }) {
  return (
    <details>
      <summary className={`${small} cursor-pointer list-none`}>{t('forum.delete')}</summary>
      <form action={deleteAction} className="mt-2">
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="back" value={back} />
        <Button type="submit" variant="danger">
          {label}
        </Button>
      </form>
    </details>
  );
}

async function ReplyCard({ t, c, isAnswer, back }: { t: T; c: Reply; isAnswer: boolean; back: string }) {
  return (
    <li id={`balasan-${c.id}`} className={`rounded-xl border bg-surface p-3 ${isAnswer ? 'border-ok' : 'border-line'}`} data-testid={isAnswer ? 'answer' : 'reply'}>
      {isAnswer ? (
        <p className="mb-1">
          <Badge tone="ok">{t('forum.answer')}</Badge>
        </p>
      ) : null}
      <AuthorLine author={c.author} at={c.createdAt} edited={Boolean(c.editedAt)} />
      <StatusNote t={t} status={c.status} reason={c.moderationReason} />
      <ForumText source={c.body} className="text-ink" />
      <div className="mt-2 flex flex-wrap items-start gap-2">
        {c.status === 'published' ? <UsefulButton t={t} target="comment" id={c.id} count={c.useful} mine={c.mine} back={back} /> : null}
        {c.canMarkAnswer ? (
          <form action={answerAction}>
            <input type="hidden" name="id" value={c.id} />
            <input type="hidden" name="back" value={back} />
            <button type="submit" className={small}>
              {isAnswer ? t('forum.unmarkAnswer') : t('forum.markAnswer')}
            </button>
          </form>
        ) : null}
        {c.canEdit ? (
          <Link href={`/forum/ubah?balasan=${c.id}`} className={small}>
            {t('forum.edit')}
          </Link>
        ) : null}
        {c.canDelete ? <DeleteForm t={t} target="comment" id={c.id} label={t('forum.deleteReply')} back={back} /> : null}
        {!c.author.isMe ? <ReportForm target="comment" id={c.id} back={back} summaryClass={small} texts={reportTexts(t)} /> : null}
      </div>
    </li>
  );
}

export default async function ThreadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const sp = await searchParams;
  const page = pageSchema.parse(searchParam(sp.hal));
  const data = await orDenied(getThread(user, id, { page }));
  const t = await getTranslations();
  const { post } = data;
  const back = `/forum/t/${post.id}`;
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link
          href={post.category ? `/forum/k/${post.category.slug}` : '/forum'}
          className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline"
        >
          ← {post.category?.name ?? t('forum.backToForum')}
        </Link>
      </p>
      <Notice n={searchParam(sp.n)} e={searchParam(sp.e)} />
      <article className="mt-3 rounded-xl border border-line bg-surface p-4" data-testid="post">
        <h1 className="text-xl font-bold text-ink" data-testid="post-title">
          {post.title}
        </h1>
        <div className="mt-1">
          <AuthorLine author={post.author} at={post.createdAt} edited={Boolean(post.editedAt)} />
        </div>
        <StatusNote t={t} status={post.status} reason={post.moderationReason} />
        <ForumText source={post.body} className="mt-2 text-ink" />
        <div className="mt-3 flex flex-wrap items-start gap-2">
          {post.status === 'published' ? <UsefulButton t={t} target="post" id={post.id} count={post.useful} mine={post.mine} back={back} /> : null}
          {post.canEdit ? (
            <Link href={`/forum/ubah?tulisan=${post.id}`} className={small}>
              {t('forum.edit')}
            </Link>
          ) : null}
          {post.canDelete ? <DeleteForm t={t} target="post" id={post.id} label={t('forum.deleteConfirm')} back={back} /> : null}
          {!post.author.isMe ? <ReportForm target="post" id={post.id} back={back} summaryClass={small} texts={reportTexts(t)} /> : null}
        </div>
      </article>

      {data.answer && data.page === 1 ? (
        <section aria-labelledby="answer-h" className="mt-6">
          <h2 id="answer-h" className="text-lg font-semibold">
            {t('forum.answer')}
          </h2>
          <ul className="mt-2">
            <ReplyCard t={t} c={data.answer} isAnswer back={back} />
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="replies-h" className="mt-6">
        <h2 id="replies-h" className="text-lg font-semibold">
          {t('forum.replies')}
        </h2>
        {data.replies.length === 0 && !data.answer ? <p className="mt-2 text-muted">{t('forum.noReplies')}</p> : null}
        <ul className="mt-2 flex flex-col gap-2" data-testid="replies">
          {data.replies.map((c) => (
            <ReplyCard key={c.id} t={t} c={c} isAnswer={false} back={back} />
          ))}
        </ul>
        <Pager base={back} page={data.page} hasNext={data.hasNext} />
      </section>

      {post.canReply ? (
        <ReplyForm id={randomUUID()} postId={post.id} texts={{ replyLabel: t('forum.replyLabel'), bodyHint: t('forum.bodyHint'), submitReply: t('forum.submitReply') }} />
      ) : (
        <p className="mt-6 text-muted">{t('forum.closedForReplies')}</p>
      )}
    </Shell>
  );
}
