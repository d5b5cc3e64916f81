import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { CoverageValue, monthLabel } from '@/components/coverage/figures';
import { PrintButton } from '@/components/coverage/print-button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { isEmptyTotals, monthlyReport } from '@/lib/data/coverage';
import { isoToday, monthOf } from '@/lib/domain';
import { formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { O_ROWS } from '@/lib/reports/monthly';
import { monthParam, monthParamSchema } from '@/lib/validation/coverage';
import { F1Cells } from '@/components/coverage/f1-cells';
import { searchParam } from '@/lib/search-params';

type Search = Record<string, string | string[] | undefined>;

export default async function MonthlyReportPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const raw = searchParam(sp.bulan);
  const parsed = monthParamSchema.safeParse(raw);
  const month = parsed.success ? parsed.data : monthOf(isoToday());
  const r = await monthlyReport(user, month);
  const t = await getTranslations('report');
  const tc = await getTranslations('coverage');
  const ts = await getTranslations('settings');
  const locale = (await getLocale()) as UiLocale;
  const n = (v: number) => formatNumber(v, locale);
  const ym = monthParam(month);
  const mLabel = monthLabel(month, locale);
  const empty = isEmptyTotals(r.total);
  const head = 'border border-line bg-canvas px-1.5 py-1 font-semibold';
  return (
    <Shell user={user} current="/staff/laporan">
      <div className="report">
        <h1 className="text-2xl font-bold text-ink">{t('title', { month: mLabel })}</h1>
        <p className="mt-1 text-muted">
          {r.puskesmas.name} — {t('intro')}
        </p>
        <div className="no-print mt-4 flex flex-wrap items-end gap-3 rounded-xl border border-line bg-surface p-4">
          <form method="get" action="/staff/laporan" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col text-sm font-semibold text-ink">
              {t('choose')}
              <input type="month" name="bulan" defaultValue={ym} className="mt-1 min-h-11 rounded-lg border border-line px-3 font-normal" />
            </label>
            <button type="submit" className="min-h-11 rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft">
              {t('show')}
            </button>
          </form>
          <div className="ml-auto flex flex-wrap gap-3">
            <PrintButton label={t('print')} />
            <a href={`/api/laporan/${ym}/xlsx`} className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white hover:bg-brand-strong" download>
              {t('xlsx')}
            </a>
            <a href={`/api/laporan/${ym}/csv`} className="inline-flex min-h-11 items-center rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft" download>
              {t('csv')}
            </a>
          </div>
        </div>

        {empty ? (
          <div className="mt-6" data-testid="report-empty">
            <EmptyState title={tc('emptyTitle', { month: mLabel })}>{t('empty')}</EmptyState>
          </div>
        ) : null}

        <section className="mt-6">
          <h2 className="text-lg font-semibold text-ink">{t('summary')}</h2>
          <p className="mt-1 text-sm font-semibold text-ink" data-testid="report-target">
            {r.target === null ? ts('reportNoTarget', { year: month.year }) : ts('reportTarget', { year: month.year, percent: formatPercent(r.target, locale)! })}
          </p>
          <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5 print:grid-cols-5" data-testid="report-summary">
            <div>
              <dt className="text-muted">{tc('recall')}</dt>
              <dd>
                <CoverageValue c={r.total.recallCoverage} testId="report-recall" />
              </dd>
            </div>
            <div>
              <dt className="text-muted">{tc('sixMonth')}</dt>
              <dd>
                <CoverageValue c={r.total.sixMonthCoverage} testId="report-six" />
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t('sessionsHeld')}</dt>
              <dd className="font-bold tabular-nums" data-testid="report-sessions">
                {n(r.sessions.held)}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t('attendance')}</dt>
              <dd className="font-bold tabular-nums">{n(r.sessions.present)}</dd>
            </div>
            <div>
              <dt className="text-muted">{t('certificates')}</dt>
              <dd className="font-bold tabular-nums" data-testid="report-certificates">
                {n(r.certificatesIssued)}
              </dd>
            </div>
          </dl>
        </section>

        <section className="mt-6">
          <div className="overflow-x-auto rounded-xl border border-line bg-surface print:overflow-visible print:border-0" tabIndex={0} role="region" aria-label={t('sectionO')}>
            <table className="w-full border-collapse text-xs" data-testid="report-table">
              <caption className="px-2 py-2 text-left text-base font-semibold text-ink">{t('sectionO')}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2} className={`${head} text-left`}>
                    {tc('village')}
                  </th>
                  <th scope="col" rowSpan={2} className={`${head} text-left`}>
                    {tc('posyandu')}
                  </th>
                  {O_ROWS.map((o) => (
                    <th key={o.key} scope="colgroup" colSpan={3} className={head}>
                      {tc(o.key)}
                    </th>
                  ))}
                  <th scope="col" rowSpan={2} className={head}>
                    {tc('recall')}
                  </th>
                  <th scope="col" rowSpan={2} className={head}>
                    {tc('sixMonth')}
                  </th>
                </tr>
                <tr>
                  {O_ROWS.flatMap((o) => [
                    <th key={`${o.key}L`} scope="col" className={head}>
                      {t('L')}
                    </th>,
                    <th key={`${o.key}P`} scope="col" className={head}>
                      {t('P')}
                    </th>,
                    <th key={`${o.key}J`} scope="col" className={head}>
                      {t('sum')}
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {[...r.rows.map((x) => ({ key: x.id ?? x.name, village: x.villageName, name: x.name, totals: x.totals, total: false })), { key: 'total', village: t('total'), name: r.puskesmas.name, totals: r.total, total: true }].map(
                  (row) => (
                    <tr key={row.key} data-row={row.total ? 'total' : row.name} className={row.total ? 'font-bold' : undefined}>
                      <td className="border border-line px-1.5 py-1">{row.village}</td>
                      <td className="border border-line px-1.5 py-1">{row.name}</td>
                      <F1Cells totals={row.totals} n={n} />
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </section>
        <p className="mt-4 text-xs text-muted">{t('printedAt', { puskesmas: r.puskesmas.name })}</p>
      </div>
    </Shell>
  );
}
