import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { KnowledgeCheckForm } from '@/components/knowledge/knowledge-check-form';
import { KnowledgeResult } from '@/components/knowledge/knowledge-results';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { knowledgeCheckResult, myKnowledgeChecks, myKnowledgeFormContext } from '@/lib/data/knowledge';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

/** A mother takes the knowledge check herself (recorded as her own, never baseline or endline), then sees her result (`?hasil=<checkId>`). */
export default async function IbuKnowledgeCheckPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const user = await requireUser(['ibu']);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const back = (
    <p className="text-sm">
      <Link href="/ibu" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
        ← {t('knowledge.backIbu')}
      </Link>
    </p>
  );
  if (typeof sp.hasil === 'string') {
    const check = await orDenied(knowledgeCheckResult(user, sp.hasil));
    return (
      <Shell user={user} current="/ibu">
        {back}
        <h1 className="mb-3 text-2xl font-bold text-ink">{t('knowledge.title')}</h1>
        <KnowledgeResult check={check} backHref="/ibu" backLabel={t('knowledge.backIbu')} />
      </Shell>
    );
  }
  const [ctx, earlier] = await Promise.all([orDenied(myKnowledgeFormContext(user)), myKnowledgeChecks(user)]);
  const texts = await flatTexts(['knowledge', 'knowledge.statements', 'knowledge.answer', 'validation']);
  return (
    <Shell user={user} current="/ibu">
      {back}
      <h1 className="text-2xl font-bold text-ink">{t('knowledge.title')}</h1>
      <p className="mt-2 text-sm text-ink">{t('knowledge.introIbu')}</p>
      <div className="mt-4">
        <KnowledgeCheckForm id={randomUUID()} texts={texts} today={ctx.today} takenOn={ctx.today} withDate={false} />
      </div>
      {earlier.length ? (
        <section className="mt-6" aria-labelledby="knowledge-earlier">
          <h2 id="knowledge-earlier" className="text-lg font-semibold text-ink">
            {t('knowledge.ibuHistory')}
          </h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm text-ink">
            {earlier.map((c) => (
              <li key={c.id}>
                <Link href={`/ibu/cek-pengetahuan?hasil=${c.id}`} className="inline-flex min-h-11 items-center text-brand underline underline-offset-2">
                  {formatDate(c.takenOn, locale)} · {t('knowledge.score', { score: c.score, total: c.total })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Shell>
  );
}
