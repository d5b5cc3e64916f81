import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { KnowledgeCheckView } from '@/lib/data/knowledge';
import type { KnowledgeOccasion } from '@/lib/domain/knowledge';
import { formatDate, type UiLocale } from '@/lib/format';
import { Badge, type Tone } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button-link';
import { Card } from '@/components/ui/card';

/** What a check counts as: baseline (awal), endline (akhir), the mother's own (mandiri), or another kader check. */
function occasionKey(c: Pick<KnowledgeCheckView, 'source' | 'occasion'>): 'baseline' | 'endline' | 'self' | 'other' {
  if (c.source === 'self') return 'self';
  return c.occasion ?? 'other';
}
const OCCASION_TONE: Record<ReturnType<typeof occasionKey>, Tone> = { baseline: 'info', endline: 'ok', self: 'brand', other: 'neutral' };

/** The statements missed, each with the right answer and a link to the lesson that teaches it. */
async function MissedList({ check }: { check: KnowledgeCheckView }) {
  const t = await getTranslations('knowledge');
  if (check.missed.length === 0) return <p className="text-sm text-ok">{t('allRight')}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="knowledge-missed">
      {check.missed.map((m) => (
        <li key={m.id} className="rounded-lg bg-canvas p-2 text-sm">
          <p className="text-ink">{t(`statements.${m.id}` as 'statements.night_feeds')}</p>
          <p className="font-semibold text-ink">{t('rightAnswer', { answer: t(`answer.${m.correct}`) })}</p>
          <Link href={`/materi/${m.lesson}`} className="inline-flex min-h-11 items-center font-medium text-brand underline underline-offset-2">
            {t('readLesson')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One check's result right after it was saved: the score ("7 dari 10 benar") and what was missed. */
export async function KnowledgeResult({ check, backHref, backLabel }: { check: KnowledgeCheckView; backHref: string; backLabel: string }) {
  const t = await getTranslations('knowledge');
  return (
    <div className="flex flex-col gap-4" data-testid="knowledge-result">
      <p role="status" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
        {t('saved')}
      </p>
      <Card title={t('resultTitle')}>
        <p className="text-2xl font-bold text-ink" data-testid="knowledge-score">
          {t('score', { score: check.score, total: check.total })}
        </p>
        <p className="mt-1 text-sm text-muted">{t(`occasion.${occasionKey(check)}`)}</p>
        {check.missed.length ? <h2 className="mt-4 mb-2 text-base font-semibold text-ink">{t('missedTitle')}</h2> : null}
        <div className={check.missed.length ? '' : 'mt-3'}>
          <MissedList check={check} />
        </div>
      </Card>
      <ButtonLink href={backHref} variant="secondary" className="w-full">
        {backLabel}
      </ButtonLink>
    </div>
  );
}

/** The baby page's card (kader, staff): every check with date, who, occasion, score and the statements missed with their lessons. */
export async function KnowledgeResults({ checks, takeHref }: { checks: readonly KnowledgeCheckView[]; takeHref?: string }) {
  const t = await getTranslations('knowledge');
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('cardTitle')}>
      {checks.length === 0 ? <p className="text-sm text-muted">{t('none')}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="knowledge-results">
        {checks.map((c) => {
          const o = occasionKey(c);
          return (
            <li key={c.id} className="border-t border-line pt-3 first:border-t-0 first:pt-0">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-sm font-semibold text-ink">{formatDate(c.takenOn, locale)}</span>
                <Badge tone={OCCASION_TONE[o]}>{t(`occasionShort.${o}`)}</Badge>
              </div>
              <p className="text-sm text-muted">{c.source === 'self' ? t('bySelf') : t('byKader', { name: c.recordedByName })}</p>
              <p className="text-base font-semibold text-ink">
                {t('score', { score: c.score, total: c.total })}
                {c.rose === true ? <span className="ml-2 text-sm font-medium text-ok">{t('rose')}</span> : null}
              </p>
              {c.missed.length ? (
                <details className="mt-1">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand">
                    {t('missedCount', { n: c.missed.length })}
                  </summary>
                  <MissedList check={c} />
                </details>
              ) : (
                <p className="text-sm text-ok">{t('allRight')}</p>
              )}
            </li>
          );
        })}
      </ul>
      {takeHref ? (
        <ButtonLink href={takeHref} variant="secondary" className="mt-3 w-full">
          {t('take')}
        </ButtonLink>
      ) : null}
    </Card>
  );
}

/** "Cek pengetahuan awal/akhir belum diisi": a prompt on the kader's baby page (also after a visit is saved); never blocking. */
export async function KnowledgePromptCard({ occasion, href }: { occasion: KnowledgeOccasion; href: string }) {
  const t = await getTranslations('knowledge');
  return (
    <section className="rounded-xl border border-warn bg-warn-soft p-4" data-testid="knowledge-prompt" aria-labelledby="knowledge-prompt-title">
      <h2 id="knowledge-prompt-title" className="text-base font-semibold text-ink">
        {t(`prompt.${occasion}`)}
      </h2>
      <p className="mt-1 text-sm text-ink">{t(`promptHint.${occasion}`)}</p>
      <ButtonLink href={href} className="mt-3 w-full">
        {t('promptAction')}
      </ButtonLink>
    </section>
  );
}

/** The mother's home (/ibu): her latest check and a link to take one. */
export async function MyKnowledgeCard({ latest }: { latest: KnowledgeCheckView | null }) {
  const t = await getTranslations('knowledge');
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('ibuTitle')} className="mt-4">
      {latest ? (
        <p className="text-sm text-ink" data-testid="knowledge-latest">
          {t('ibuLatest', { date: formatDate(latest.takenOn, locale), score: latest.score, total: latest.total })}
        </p>
      ) : (
        <p className="text-sm text-muted">{t('ibuNone')}</p>
      )}
      <ButtonLink href="/ibu/cek-pengetahuan" variant="secondary" className="mt-3 w-full">
        {t(latest ? 'ibuAgain' : 'ibuTake')}
      </ButtonLink>
    </Card>
  );
}
