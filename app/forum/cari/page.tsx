import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthorLine, Notice, Pager, SearchBox } from '@/components/forum/parts';
import { Highlight } from './_components/highlight';
import { Shell } from '@/components/layout/shell';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { searchForum } from '@/lib/data/forum';
import { pageSchema, searchSchema } from '@/lib/validation/forum';
import { searchParam } from '@/lib/search-params';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata() {
  const t = await getTranslations('forum');
  return { title: t('searchTitle') };
}

export default async function SearchPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser(['admin', 'staff', 'kader', 'ibu']);
  const sp = await searchParams;
  const page = pageSchema.parse(searchParam(sp.hal));
  const parsed = searchSchema.safeParse({ q: searchParam(sp.q) ?? '' });
  const t = await getTranslations();
  const data = parsed.success ? await searchForum(user, parsed.data.q, { page }) : null;
  return (
    <Shell user={user} current="/forum">
      <p>
        <Link href="/forum" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
          ← {t('forum.backToForum')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-ink">{t('forum.searchTitle')}</h1>
      <SearchBox q={parsed.success ? parsed.data.q : undefined} />
      {!parsed.success && searchParam(sp.q) !== undefined ? <Notice e={`q:${parsed.error.issues[0]?.message ?? 'validation.invalid'}`} /> : null}
      {data ? (
        <>
          <p className="mt-4 text-muted">{t('forum.searchFor', { q: parsed.data!.q })}</p>
          {data.results.length === 0 ? (
            <div className="mt-3">
              <EmptyState title={t('forum.searchEmpty')} />
            </div>
          ) : (
            <ul className="mt-3 flex flex-col gap-2" data-testid="search-results">
              {data.results.map((r) => (
                <li key={r.id} className="rounded-xl border border-line bg-surface p-3">
                  <Link href={`/forum/t/${r.id}`} className="block min-h-11 font-semibold text-brand underline-offset-4 hover:underline">
                    <Highlight text={r.titleHighlight} />
                  </Link>
                  <AuthorLine author={r.author} at={r.lastActivityAt} />
                  <p className="mt-1 text-sm text-ink" data-testid="search-snippet">
                    <Highlight text={r.bodyHighlight} />
                  </p>
                  {r.replyHighlight ? (
                    <p className="mt-1 text-sm text-ink">
                      <span className="font-semibold">{t('forum.inReply')}</span> <Highlight text={r.replyHighlight} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pager base="/forum/cari" page={data.page} hasNext={data.hasNext} extra={{ q: parsed.data!.q }} />
        </>
      ) : null}
    </Shell>
  );
}
