import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { figureTexts, CoverageValue } from '@/components/coverage/figures';
import { PrintButton } from '@/components/coverage/print-button';
import { PeriodSelect } from '@/components/district/period-picker';
import { periodLabel } from '@/components/district/tables';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { isEmptyTotals, monthlyReport } from '@/lib/data/coverage';
import { isoToday, monthOf, type IndicatorTotals } from '@/lib/domain';
import { formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { O_ROWS } from '@/lib/reports/monthly';
import { monthPeriod, parsePeriodParam, recentPeriods } from '@/lib/validation/district';
import { F1Cells } from '@/components/coverage/f1-cells';
import { searchParam } from '@/lib/search-params';

type Search = Record<string, string | string[] | undefined>;
type F1Row = { key: string; first: string; second: string; totals: IndicatorTotals; kind: 'posyandu' | 'village' | 'total'; name: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The F1 section O report of a month, quarter or year (`?bulan=2026-10`, `2026-Q1`, `2026`),
 * optionally one village (`?desa=<id>`): a table per village (its posyandu and the village's
 * sum), the villages and the puskesmas (their sum), both coverages beside the period before.
 * Prints on A4; the same figures download as XLSX and CSV.
 */
export default async function MonthlyReportPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const period = parsePeriodParam(searchParam(sp.bulan)) ?? monthPeriod(monthOf(isoToday()));
  const desaRaw = searchParam(sp.desa);
  const r = await monthlyReport(user, period, { villageId: desaRaw && UUID.test(desaRaw) ? desaRaw : null });
  const t = await getTranslations('report');
  const tc = await getTranslations('coverage');
  const ts = await getTranslations('settings');
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const pLabel = await periodLabel(r.period);
  const prevLabel = await periodLabel(r.previousPeriod);
  const empty = isEmptyTotals(r.total);
  const fileQuery = r.village ? `?desa=${r.village.id}` : '';
  const unitName = r.village?.name ?? r.puskesmas.name;
  const head = 'border border-line bg-canvas px-1.5 py-1 font-semibold';

  const f1Table = (caption: string, rows: F1Row[], testId: string, firstHeading: string, secondHeading: string) => (
    <div
      key={testId}
      className="mt-4 overflow-x-auto rounded-xl border border-line bg-surface print:overflow-visible print:border-0"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full border-collapse text-xs" data-testid={testId}>
        <caption className="px-2 py-2 text-left text-base font-semibold text-ink">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className={`${head} text-left`}>
              {firstHeading}
            </th>
            <th scope="col" rowSpan={2} className={`${head} text-left`}>
              {secondHeading}
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
          {rows.map((row) => (
            <tr
              key={row.key}
              data-row={row.kind === 'total' ? 'total' : row.kind === 'village' ? 'village' : row.name}
              data-name={row.name}
              className={row.kind !== 'posyandu' ? 'font-bold' : undefined}
            >
              <td className="border border-line px-1.5 py-1">{row.first}</td>
              <td className="border border-line px-1.5 py-1">{row.second}</td>
              <F1Cells fig={fig} totals={row.totals} n={n} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <Shell user={user} current="/staff/laporan">
      <div className="report">
        <h1 className="text-2xl font-bold text-ink">{r.period.kind === 'month' ? t('title', { month: pLabel }) : t('titlePeriod', { period: pLabel })}</h1>
        <p className="mt-1 text-muted">
          {r.puskesmas.name}
          {r.village ? ` — ${t('villageTable', { village: r.village.name })}` : ''} — {t('intro')}
        </p>
        <div className="no-print mt-4 flex flex-wrap items-end gap-3 rounded-xl border border-line bg-surface p-4">
          <form method="get" action="/staff/laporan" className="flex flex-wrap items-end gap-3">
            <PeriodSelect selected={r.period} options={recentPeriods(monthOf(isoToday()))} />
            <div className="flex flex-col">
              <label htmlFor="desa" className="text-sm font-semibold text-ink">
                {t('village')}
              </label>
              <select
                id="desa"
                name="desa"
                defaultValue={r.village?.id ?? ''}
                className="mt-1 min-h-11 rounded-lg border border-line bg-surface px-3 text-base font-normal text-ink"
              >
                <option value="">{t('allVillages')}</option>
                {r.villageChoices.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="min-h-11 rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft">
              {t('show')}
            </button>
          </form>
          <div className="ml-auto flex flex-wrap gap-3">
            <PrintButton label={t('print')} />
            <a
              href={`/api/laporan/${r.period.param}/xlsx${fileQuery}`}
              className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white hover:bg-brand-strong"
              download
              data-testid="report-xlsx"
            >
              {t('xlsx')}
            </a>
            <a
              href={`/api/laporan/${r.period.param}/csv${fileQuery}`}
              className="inline-flex min-h-11 items-center rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft"
              download
              data-testid="report-csv"
            >
              {t('csv')}
            </a>
          </div>
        </div>

        {empty ? (
          <div className="mt-6" data-testid="report-empty">
            <EmptyState title={tc('emptyTitle', { month: pLabel })}>{t('emptyPeriod')}</EmptyState>
          </div>
        ) : null}

        <section className="mt-6">
          <h2 className="text-lg font-semibold text-ink">{t('summaryPeriod', { period: r.village ? `${pLabel}, ${r.village.name}` : pLabel })}</h2>
          <p className="mt-1 text-sm font-semibold text-ink" data-testid="report-target">
            {r.target === null ? ts('reportNoTarget', { year: r.period.year }) : ts('reportTarget', { year: r.period.year, percent: formatPercent(r.target, locale)! })}
          </p>
          <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5 print:grid-cols-5" data-testid="report-summary">
            <div>
              <dt className="text-muted">{tc('recall')}</dt>
              <dd>
                <CoverageValue fig={fig} c={r.total.recallCoverage} testId="report-recall" />
              </dd>
            </div>
            <div>
              <dt className="text-muted">{tc('sixMonth')}</dt>
              <dd>
                <CoverageValue fig={fig} c={r.total.sixMonthCoverage} testId="report-six" />
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

        <section className="mt-6 break-inside-avoid">
          <div
            className="overflow-x-auto rounded-xl border border-line bg-surface print:overflow-visible print:border-0"
            tabIndex={0}
            role="region"
            aria-label={t('compare', { period: pLabel, previous: prevLabel })}
          >
            <table className="w-full border-collapse text-sm" data-testid="report-compare">
              <caption className="px-2 py-2 text-left text-base font-semibold text-ink">{t('compare', { period: pLabel, previous: prevLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2} className={`${head} text-left`}>
                    {t('area')}
                  </th>
                  <th scope="colgroup" colSpan={2} className={head}>
                    {tc('recall')}
                  </th>
                  <th scope="colgroup" colSpan={2} className={head}>
                    {tc('sixMonth')}
                  </th>
                </tr>
                <tr>
                  {[0, 1].flatMap((i) => [
                    <th key={`${i}now`} scope="col" className={head}>
                      {pLabel}
                    </th>,
                    <th key={`${i}prev`} scope="col" className={head}>
                      {prevLabel}
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {[
                  ...(r.villages.length > 1 || !r.village ? r.villages.map((v) => ({ key: v.id, name: v.name, now: v.totals, prev: v.previous, total: false })) : []),
                  { key: 'total', name: unitName, now: r.total, prev: r.previousTotal, total: true },
                ].map((row) => (
                  <tr key={row.key} data-row={row.total ? 'total' : row.name} className={row.total ? 'font-bold' : undefined}>
                    <th scope="row" className="border border-line px-1.5 py-1 text-left font-[inherit]">
                      {row.name}
                    </th>
                    {(['recallCoverage', 'sixMonthCoverage'] as const).flatMap((k) => [
                      <td key={`${k}now`} className="border border-line px-1.5 py-1" data-cell={`${k}-now`}>
                        <CoverageValue fig={fig} c={row.now[k]} />
                      </td>,
                      <td key={`${k}prev`} className="border border-line px-1.5 py-1" data-cell={`${k}-prev`}>
                        <CoverageValue fig={fig} c={row.prev[k]} />
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="mt-6">
          <h2 className="text-lg font-semibold text-ink">{t('sectionO')}</h2>
          {r.villages.map((v) =>
            f1Table(
              t('villageTable', { village: v.name }),
              [
                ...r.rows
                  .filter((x) => x.villageId === v.id)
                  .map((x): F1Row => ({ key: x.id ?? x.name, first: v.name, second: x.name, totals: x.totals, kind: 'posyandu', name: x.name })),
                { key: `v-${v.id}`, first: v.name, second: t('villageTotal'), totals: v.totals, kind: 'village', name: v.name },
              ],
              `report-village-${v.id}`,
              tc('village'),
              tc('posyandu'),
            ),
          )}
          {f1Table(
            t('byVillage', { unit: r.village ? r.village.name : r.puskesmas.name }),
            [
              ...r.villages.map((v): F1Row => ({ key: v.id, first: v.name, second: t('villageTotal'), totals: v.totals, kind: 'village', name: v.name })),
              { key: 'total', first: t('total'), second: unitName, totals: r.total, kind: 'total', name: unitName },
            ],
            'report-table',
            tc('village'),
            t('note'),
          )}
        </section>
        <p className="mt-4 text-xs text-muted">{t('periodNote')}</p>
        <p className="mt-1 text-xs text-muted">{t('printedAt', { puskesmas: r.puskesmas.name })}</p>
      </div>
    </Shell>
  );
}
