/**
 * The district office's tables (issue #19): coverage per puskesmas with the kabupaten total,
 * F1 section O per puskesmas, the 12-month trend. Server components taking plain rows: counts
 * and puskesmas names only (the data layer gives nothing else).
 */
import { getLocale, getTranslations } from 'next-intl/server';
import { figureTexts, CoverageValue, monthLabel, type FigureTexts } from '@/components/coverage/figures';
import { Table, Td, Th } from '@/components/ui/table';
import type { Coverage, IndicatorTotals, YearMonth } from '@/lib/domain';
import { formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { O_ROWS } from '@/lib/reports/monthly';
import type { DistrictPeriod } from '@/lib/validation/district';
import { F1Cells } from '@/components/coverage/f1-cells';

export type DistrictRow = { id: string; code: string; name: string; subdistrict: string; totals: IndicatorTotals; target: number | null };

const QUARTERS = ['I', 'II', 'III', 'IV'];

/** "Oktober 2026", "Triwulan I 2026", "Tahun 2026" in the page's language. */
export async function periodLabel(period: DistrictPeriod): Promise<string> {
  const t = await getTranslations('district');
  const locale = (await getLocale()) as UiLocale;
  if (period.kind === 'month') return monthLabel(period.from, locale);
  if (period.kind === 'quarter') return t('quarterLabel', { q: locale === 'en' ? String(period.quarter) : QUARTERS[(period.quarter ?? 1) - 1]!, year: period.year });
  return t('yearLabel', { year: period.year });
}

/** Both coverages of every puskesmas and the kabupaten's total (a footer row). */
export async function CoverageByPuskesmas({
  rows,
  total,
  caption,
  totalLabel,
  year,
}: {
  rows: DistrictRow[];
  total: IndicatorTotals;
  caption: string;
  totalLabel: string;
  year: number;
}) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{t('district.puskesmas')}</Th>
          <Th>{t('district.subdistrict')}</Th>
          <Th numeric>{t('coverage.recall')}</Th>
          <Th numeric>{t('coverage.sixMonth')}</Th>
          <Th numeric>{t('district.target', { year })}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-row={r.code}>
            <Td className="font-semibold">{r.name}</Td>
            <Td>{r.subdistrict}</Td>
            <Td numeric>
              <span data-cell="recall">
                <CoverageValue fig={fig} c={r.totals.recallCoverage} />
              </span>
            </Td>
            <Td numeric>
              <span data-cell="six">
                <CoverageValue fig={fig} c={r.totals.sixMonthCoverage} />
              </span>
            </Td>
            <Td numeric>{r.target === null ? <span className="italic text-muted">{t('district.noTarget')}</span> : formatPercent(r.target, locale)}</Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-row="total" className="bg-canvas font-bold">
          <Th className="border-b-0">{totalLabel}</Th>
          <Td> </Td>
          <Td numeric>
            <span data-cell="recall">
              <CoverageValue fig={fig} c={total.recallCoverage} />
            </span>
          </Td>
          <Td numeric>
            <span data-cell="six">
              <CoverageValue fig={fig} c={total.sixMonthCoverage} />
            </span>
          </Td>
          <Td> </Td>
        </tr>
      </tfoot>
    </Table>
  );
}

/** F1 section O by sex, one row per puskesmas and the kabupaten's sum (as the staff report, without posyandu). */
export async function F1ByPuskesmas({ rows, total, caption, totalLabel }: { rows: DistrictRow[]; total: IndicatorTotals; caption: string; totalLabel: string }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const head = 'border border-line bg-canvas px-1.5 py-1 font-semibold';
  const lines = [
    ...rows.map((r) => ({ key: r.id, code: r.code, name: r.name, totals: r.totals, isTotal: false })),
    { key: 'total', code: 'total', name: totalLabel, totals: total, isTotal: true },
  ];
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-xs" data-testid="district-f1">
        <caption className="px-2 py-2 text-left text-base font-semibold text-ink">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className={`${head} text-left`}>
              {t('district.puskesmas')}
            </th>
            {O_ROWS.map((o) => (
              <th key={o.key} scope="colgroup" colSpan={3} className={head}>
                {t(`coverage.${o.key}`)}
              </th>
            ))}
            <th scope="col" rowSpan={2} className={head}>
              {t('coverage.recall')}
            </th>
            <th scope="col" rowSpan={2} className={head}>
              {t('coverage.sixMonth')}
            </th>
          </tr>
          <tr>
            {O_ROWS.flatMap((o) => [
              <th key={`${o.key}L`} scope="col" className={head}>
                {t('report.L')}
              </th>,
              <th key={`${o.key}P`} scope="col" className={head}>
                {t('report.P')}
              </th>,
              <th key={`${o.key}J`} scope="col" className={head}>
                {t('report.sum')}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {lines.map((row) => (
            <tr key={row.key} data-row={row.code} className={row.isTotal ? 'bg-canvas font-bold' : undefined}>
              <th scope="row" className="border border-line px-1.5 py-1 text-left font-semibold">
                {row.name}
              </th>
              <F1Cells fig={fig} totals={row.totals} n={n} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The kabupaten's two coverages month by month (a table: what screen readers and tests read). */
export async function TrendTable({ trend, caption }: { trend: (YearMonth & { recallCoverage: Coverage; sixMonthCoverage: Coverage })[]; caption: string }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{t('district.month')}</Th>
          <Th numeric>{t('coverage.recall')}</Th>
          <Th numeric>{t('coverage.sixMonth')}</Th>
        </tr>
      </thead>
      <tbody data-testid="district-trend">
        {[...trend].reverse().map((m) => (
          <tr key={`${m.year}-${m.month}`}>
            <Td>{monthLabel(m, locale)}</Td>
            <Td numeric>
              <Bar fig={fig} c={m.recallCoverage} tone="bg-info" />
            </Td>
            <Td numeric>
              <Bar fig={fig} c={m.sixMonthCoverage} tone="bg-brand" />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The figure with a thin bar under it (no chart library: the page stays light). */
function Bar({ c, tone, fig }: { c: Coverage; tone: string; fig: FigureTexts }) {
  const width = c.percent === null ? 0 : Math.max(0, Math.min(100, c.percent));
  return (
    <span className="inline-flex min-w-40 flex-col items-end gap-1">
      <CoverageValue fig={fig} c={c} />
      <span aria-hidden="true" className="block h-1.5 w-full rounded bg-line">
        <span className={`block h-1.5 rounded ${tone}`} style={{ width: `${width}%` }} />
      </span>
    </span>
  );
}
