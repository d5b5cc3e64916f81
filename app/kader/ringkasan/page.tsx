import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { CoverageValue, monthLabel } from '@/components/coverage/figures';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { isEmptyTotals, kaderSummary } from '@/lib/data/coverage';
import { formatDate, formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { searchParam } from '@/lib/search-params';

/** The kader's summary on a phone: her posyandu's coverage and her own visit record. No charts. */
export default async function KaderSummaryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['kader']);
  const sp = await searchParams;
  const posyanduId = searchParam(sp.posyandu) ?? null;
  const s = await kaderSummary(user, { month: null, posyanduId });
  const t = await getTranslations('kaderSummary');
  const tc = await getTranslations('coverage');
  const locale = (await getLocale()) as UiLocale;
  const n = (v: number) => formatNumber(v, locale);
  const mLabel = monthLabel(s.month, locale);
  const prevLabel = monthLabel(s.previousMonth, locale);
  const target = s.target === null ? tc('noTarget') : tc('target', { percent: formatPercent(s.target, locale)! });
  const row = (label: string, cur: Parameters<typeof CoverageValue>[0]['c'], prev: Parameters<typeof CoverageValue>[0]['c'], testId: string) => (
    <div className="border-t border-line py-3 first:border-t-0">
      <p className="font-semibold text-ink">{label}</p>
      <dl className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-muted">{tc('thisMonth')}</dt>
          <dd>
            <CoverageValue c={cur} testId={testId} />
          </dd>
        </div>
        <div>
          <dt className="text-muted">{prevLabel}</dt>
          <dd>
            <CoverageValue c={prev} testId={`${testId}-prev`} />
          </dd>
        </div>
      </dl>
    </div>
  );
  return (
    <Shell user={user} current="/kader/ringkasan">
      <h1 className="text-2xl font-bold text-ink">{t('title', { posyandu: s.posyanduName })}</h1>
      <p className="mt-1 text-muted">{t('intro', { month: mLabel })}</p>
      {s.posyanduChoices.length > 1 ? (
        // A kader in several posyandu reads one at a time (a plain form: works before any script).
        <form method="get" className="mt-3 flex items-end gap-2">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="posyandu" className="text-sm font-semibold text-ink">
              {t('posyanduPick')}
            </label>
            <select id="posyandu" name="posyandu" defaultValue={s.posyanduId ?? ''} className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink">
              {s.posyanduChoices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-lg border border-line bg-surface px-4 font-semibold text-brand">
            {t('show')}
          </button>
        </form>
      ) : null}
      {isEmptyTotals(s.current) ? (
        <div className="mt-4" data-testid="summary-empty">
          <EmptyState title={tc('emptyTitle', { month: mLabel })} />
        </div>
      ) : null}
      <Card title={t('posyanduCoverage')} className="mt-4">
        {row(tc('recall'), s.current?.recallCoverage, s.previous?.recallCoverage, 'kader-recall')}
        {row(tc('sixMonth'), s.current?.sixMonthCoverage, s.previous?.sixMonthCoverage, 'kader-six')}
        <p className="mt-1 text-sm font-semibold text-danger">{target}</p>
      </Card>
      <Card title={t('myVisits')} className="mt-4">
        <dl className="grid grid-cols-2 gap-3 text-sm" data-testid="kader-record">
          <div>
            <dt className="text-muted">{t('mothers')}</dt>
            <dd className="text-xl font-bold tabular-nums">{n(s.me.mothersFollowed)}</dd>
          </div>
          <div>
            <dt className="text-muted">{t('visits')}</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="kader-visits">
              {n(s.me.visitsInMonth)}
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-muted">{t('windows')}</dt>
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
        {s.me.noVisit30Days ? <p className="mt-3 font-semibold text-danger">{t('noVisit30')}</p> : null}
      </Card>
    </Shell>
  );
}
