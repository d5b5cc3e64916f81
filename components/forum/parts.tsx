import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { AuthorView } from '@/lib/data/forum';
import { renderForumText } from '@/lib/forum/text';
import { formatDateTime, type UiLocale } from '@/lib/format';

/** Who wrote it: "Ibu di Desa X" to other mothers for anonymous posts; a badge for kaders and staff. */
export async function AuthorLine({ author, at, edited }: { author: AuthorView; at: Date; edited?: boolean }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
      <span className="font-semibold text-ink" data-testid="author">
        {author.anonymous ? t('forum.anonymousAuthor', { village: author.village }) : author.name}
      </span>
      {author.isMe ? <span>({t('forum.you')})</span> : null}
      {!author.anonymous && author.programme ? (
        <span data-testid="programme-badge">
          <Badge tone="info">{t(`roles.${author.role}`)}</Badge>
        </span>
      ) : null}
      {!author.anonymous && author.wasAnonymous ? <span>· {t('forum.wasAnonymous')}</span> : null}
      <span>· {formatDateTime(new Date(at), 'Asia/Jakarta', locale)}</span>
      {edited ? <span>· {t('forum.edited')}</span> : null}
    </p>
  );
}

/** A post or reply body, rendered by lib/forum/text (sanitised HTML: see decision 020). */
export function ForumText({ source, className }: { source: string; className?: string }) {
  return <div className={`forum-text ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: renderForumText(source) }} />;
}

const NOTICES = new Set([
  'posted',
  'held',
  'replied',
  'replyHeld',
  'edited',
  'editHeld',
  'deleted',
  'replyDeleted',
  'answerMarked',
  'answerUnmarked',
  'reported',
  'mod_approve',
  'mod_hide',
  'mod_restore',
  'mod_dismiss',
  'categorySaved',
]);
const ERRORS = new Set(['rateLimitPosts', 'rateLimitReplies', 'editWindow', 'notAllowed', 'gone', 'slugTaken']);
const VALIDATION = new Set(['required', 'tooLong', 'tooShort', 'invalid', 'reasonRequired', 'slug']);
const FIELDS = new Set(['title', 'body', 'reason', 'categoryId', 'q', '_form', 'name', 'slug', 'description', 'sortOrder']);

/** The result of the last action, from ?n= (done) or ?e= (refused); only known keys are shown. */
export async function Notice({ n, e }: { n?: string; e?: string }) {
  const t = await getTranslations();
  if (e) {
    let msg = t('forum.errors.generic');
    const m = /^forum\.errors\.(\w+)$/.exec(e);
    const v = /^(\w+):validation\.(\w+)$/.exec(e);
    if (m && ERRORS.has(m[1]!)) msg = t(`forum.errors.${m[1]}`);
    else if (v && FIELDS.has(v[1]!) && VALIDATION.has(v[2]!)) msg = `${t(`forum.fields.${v[1]}`)}: ${t(`validation.${v[2]}`)}`;
    return (
      <p role="alert" id="form-error" className="mt-3 rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
        {msg}
      </p>
    );
  }
  if (n && NOTICES.has(n)) {
    return (
      <p role="status" id="notice" className="mt-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
        {t(`forum.notice.${n}`)}
      </p>
    );
  }
  return null;
}

/** Previous / next links; the page number travels in ?hal=. */
export async function Pager({ base, page, hasNext, extra }: { base: string; page: number; hasNext: boolean; extra?: Record<string, string> }) {
  if (page <= 1 && !hasNext) return null;
  const t = await getTranslations('forum');
  const href = (p: number) => {
    const q = new URLSearchParams(extra);
    if (p > 1) q.set('hal', String(p));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const cls = 'inline-flex min-h-11 items-center rounded-lg border border-line bg-surface px-4 font-semibold text-brand';
  return (
    <nav aria-label={t('pagination')} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={cls} rel="prev">
          {t('prev')}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted">{t('page', { page })}</span>
      {hasNext ? (
        <Link href={href(page + 1)} className={cls} rel="next">
          {t('next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The search box: a plain GET form to /forum/cari. */
export async function SearchBox({ q }: { q?: string }) {
  const t = await getTranslations('forum');
  return (
    <form action="/forum/cari" method="get" role="search" noValidate className="mt-4 flex gap-2">
      <label htmlFor="forum-q" className="sr-only">
        {t('searchLabel')}
      </label>
      <input
        id="forum-q"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={200}
        required
        placeholder={t('searchHint')}
        className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3 text-base text-ink placeholder:text-muted"
      />
      <button type="submit" className="min-h-11 shrink-0 rounded-lg bg-brand px-4 font-semibold text-white hover:bg-brand-strong">
        {t('search')}
      </button>
    </form>
  );
}

type ListPost = {
  id: string;
  title: string;
  status: string;
  lastActivityAt: Date;
  hasAnswer: boolean;
  categoryName: string;
  replies: number;
  useful: number;
  author: AuthorView;
};

export async function PostList({ posts, showCategory = true }: { posts: ListPost[]; showCategory?: boolean }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <ul className="mt-3 flex flex-col gap-2" data-testid="forum-posts">
      {posts.map((p) => (
        <li key={p.id} className="rounded-xl border border-line bg-surface">
          <Link href={`/forum/t/${p.id}`} className="block min-h-11 p-3 hover:bg-canvas">
            <span className="block font-semibold text-ink">{p.title}</span>
            {p.status !== 'published' ? (
              <span className="mt-1 inline-block">
                <Badge tone="warn">{t(p.status === 'held' ? 'forum.held' : 'forum.hidden')}</Badge>
              </span>
            ) : null}
            <span className="mt-1 block text-sm text-muted">
              {p.author.anonymous ? t('forum.anonymousAuthor', { village: p.author.village }) : p.author.name}
              {showCategory ? ` · ${p.categoryName}` : ''} · {t('forum.comments', { count: p.replies })}
              {p.hasAnswer ? ` · ${t('forum.answer')}` : ''} · {formatDateTime(new Date(p.lastActivityAt), 'Asia/Jakarta', locale)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
