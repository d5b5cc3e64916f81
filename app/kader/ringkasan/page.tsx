import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { figureTexts, CoverageValue, monthLabel } from '@/components/coverage/figures';
import { TargetNote } from '@/components/coverage/target-note';
import { PeriodSelect } from '@/components/district/period-picker';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { isEmptyTotals, kaderSummary } from '@/lib/data/coverage';
import { knowledgeFiguresFor } from '@/lib/data/knowledge-figures';
import { KnowledgeSection } from '@/components/knowledge-figures/knowledge-figures';
import { formatDate, formatNumber, type UiLocale } from '@/lib/format';
import { monthParamSchema } from '@/lib/validation/coverage';
import { monthPeriod, recentPeriods } from '@/lib/validation/district';
import { searchParam } from '@/lib/search-params';

/**
 * The kader's summary on a phone: her posyandu's coverage and her own visit record for a month
 * (`?bulan=2026-10`, default this month), picked with the staff dashboard's period select
 * (months only) in a plain GET form — no script. No charts.
 */
export default async function KaderSummaryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['kader']);
  const sp = await searchParams;
  const posyanduId = searchParam(sp.posyandu) ?? null;
  const bulan = monthParamSchema.safeParse(searchParam(sp.bulan));
  const [s, knowledge] = await Promise.all([
    kaderSummary(user, { month: bulan.success ? bulan.data : null, posyanduId }),
    knowledgeFiguresFor(user, { period: bulan.success ? monthPeriod(bulan.data) : null, posyanduId }),
  ]);
  const t = await getTranslations('kaderSummary');
  const tc = await getTranslations('coverage');
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const mLabel = monthLabel(s.month, locale);
  const prevLabel = monthLabel(s.previousMonth, locale);
  const asOf = formatDate(s.asOf, locale);
  const row = (label: string, cur: Parameters<typeof CoverageValue>[0]['c'], prev: Parameters<typeof CoverageValue>[0]['c'], testId: string) => (
    <div className="border-t border-line py-3 first:border-t-0">
      <p className="font-semibold text-ink">{label}</p>
      <dl className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-muted">{mLabel}</dt>
          <dd>
            <CoverageValue fig={fig} c={cur} testId={testId} />
          </dd>
        </div>
        <div>
          <dt className="text-muted">{prevLabel}</dt>
          <dd>
            <CoverageValue fig={fig} c={prev} testId={`${testId}-prev`} />
          </dd>
        </div>
      </dl>
    </div>
  );
  return (
    <Shell user={user} current="/kader/ringkasan">
      <h1 className="text-2xl font-bold text-ink">{t('title', { posyandu: s.posyanduName })}</h1>
      <p className="mt-1 text-muted">{t('intro', { month: mLabel })}</p>
      {/* Month (and, for a kader in several posyandu, which one): a plain form, works before any script. */}
      <form method="get" className="mt-3 flex flex-wrap items-end gap-2" data-testid="summary-picker">
        <div className="min-w-0 flex-1">
          <PeriodSelect selected={monthPeriod(s.month)} options={{ months: recentPeriods(s.thisMonth).months }} label={t('monthPick')} />
        </div>
        {s.posyanduChoices.length > 1 ? (
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor="posyandu" className="text-sm font-semibold text-ink">
              {t('posyanduPick')}
            </label>
            <select
              id="posyandu"
              name="posyandu"
              defaultValue={s.posyanduId ?? ''}
              className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
            >
              {s.posyanduChoices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="min-h-11 rounded-lg border border-line bg-surface px-4 font-semibold text-brand">
          {t('show')}
        </button>
      </form>
      {isEmptyTotals(s.current) ? (
        <div className="mt-4" data-testid="summary-empty">
          <EmptyState title={tc('emptyTitle', { month: mLabel })} />
        </div>
      ) : null}
      <Card title={t('coverageIn', { month: mLabel })} className="mt-4">
        {row(tc('recall'), s.current?.recallCoverage, s.previous?.recallCoverage, 'kader-recall')}
        {row(tc('sixMonth'), s.current?.sixMonthCoverage, s.previous?.sixMonthCoverage, 'kader-six')}
        <TargetNote c={s.current?.sixMonthCoverage} target={s.target} className="mt-1" testId="kader-target" />
      </Card>
      <Card title={t('myVisits')} className="mt-4">
        <dl className="grid grid-cols-2 gap-3 text-sm" data-testid="kader-record">
          <div>
            <dt className="text-muted">{t('mothers')}</dt>
            <dd className="text-xl font-bold tabular-nums">{n(s.me.mothersFollowed)}</dd>
          </div>
          <div>
            <dt className="text-muted">{t('visitsIn', { month: mLabel })}</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="kader-visits">
              {n(s.me.visitsInMonth)}
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-muted">{t('windowsIn', { month: mLabel })}</dt>
            <dd className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              <span>
                {tc('onTime')}: <strong className="tabular-nums">{n(s.me.windows.onTime)}</strong>
              </span>
              <span>
                {tc('late')}: <strong className="tabular-nums">{n(s.me.windows.late)}</strong>
              </span>
              <span>
                {tc('missed')}: <strong className="tabular-nums">{n(s.me.windows.missed)}</strong>
              </span>
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-muted">{t('lastVisit')}</dt>
            <dd className="font-semibold">{s.me.lastVisit ? formatDate(s.me.lastVisit, locale) : tc('never')}</dd>
          </div>
        </dl>
        {s.me.noVisit30Days ? <p className="mt-3 font-semibold text-danger">{t('noVisit30At', { date: asOf })}</p> : null}
        <p className="mt-3 text-sm text-muted" data-testid="as-of-note">
          {t('asOfNote', { month: mLabel, date: asOf })}
        </p>
      </Card>
      <KnowledgeSection figures={knowledge.figures} periodLabel={mLabel} variant="compact" title={(await getTranslations('knowledgeFigures'))('kaderTitle')} />
    </Shell>
  );
}
