import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { KnowledgeCheckForm } from '@/components/knowledge/knowledge-check-form';
import { KnowledgeResult } from '@/components/knowledge/knowledge-results';
import { Shell } from '@/components/layout/shell';
import { orDenied, requireUser } from '@/lib/auth/session';
import { babyKnowledgeChecks, knowledgeCheckResult, knowledgeFormContext } from '@/lib/data/knowledge';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

/**
 * A kader records a knowledge check with the mother (`?kunjungan=<visitId>`: taken with that
 * visit), then sees its result (`?hasil=<checkId>`). Ids only in the address.
 */
export default async function KaderKnowledgeCheckPage({
  params,
  searchParams,
}: {
  params: Promise<{ babyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { babyId } = await params;
  const sp = await searchParams;
  const user = await requireUser(['kader']);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const back = (
    <p className="text-sm">
      <Link href={`/kader/bayi/${babyId}`} className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
        ← {t('knowledge.back')}
      </Link>
    </p>
  );

  if (typeof sp.hasil === 'string') {
    const check = await orDenied(knowledgeCheckResult(user, sp.hasil));
    if (check.babyId !== babyId) notFound();
    return (
      <Shell user={user} current="/kader">
        {back}
        <h1 className="mb-3 text-2xl font-bold text-ink">{t('knowledge.title')}</h1>
        <KnowledgeResult check={check} backHref={`/kader/bayi/${babyId}`} backLabel={t('knowledge.back')} />
      </Shell>
    );
  }

  const visitId = typeof sp.kunjungan === 'string' ? sp.kunjungan : null;
  const [ctx, k] = await Promise.all([orDenied(knowledgeFormContext(user, babyId, visitId)), orDenied(babyKnowledgeChecks(user, babyId))]);
  const texts = await flatTexts(['knowledge', 'knowledge.statements', 'knowledge.answer', 'validation']);
  const babyName = ctx.babyName ?? t('ibu.unnamed', { sex: t(`sex.${ctx.sex}`) });
  const takenOn = ctx.visit?.visitDate ?? ctx.today;
  return (
    <Shell user={user} current="/kader">
      {back}
      <h1 className="text-2xl font-bold text-ink">{t('knowledge.title')}</h1>
      <div className="mt-2 rounded-xl border border-line bg-surface p-3">
        <p className="text-ink">{t('knowledge.forBaby', { mother: ctx.motherName, baby: babyName })}</p>
        {ctx.visit ? <p className="mt-1 text-sm text-muted">{t('knowledge.withVisit', { date: formatDate(ctx.visit.visitDate, locale) })}</p> : null}
        {takenOn === ctx.today ? (
          <p className="mt-1 text-sm font-medium text-ink" data-testid="knowledge-counts">
            {t(`knowledge.counts.${k.prompt ?? 'none'}`)}
          </p>
        ) : null}
      </div>
      <p className="mt-3 text-sm text-muted">{t('knowledge.intro')}</p>
      <div className="mt-4">
        <KnowledgeCheckForm
          id={randomUUID()}
          texts={texts}
          today={ctx.today}
          babyId={ctx.babyId}
          visitId={ctx.visit?.id}
          takenOn={takenOn}
          earliest={ctx.birthDate}
          withDate
        />
      </div>
    </Shell>
  );
}
