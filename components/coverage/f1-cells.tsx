import type { IndicatorTotals } from '@/lib/domain';
import { O_ROWS } from '@/lib/reports/monthly';
import { CoverageValue, type FigureTexts } from './figures';

/** A number cell of the F1 section O tables (staff report, district page). */
export const F1_CELL = 'border border-line px-1.5 py-1 text-right tabular-nums';

/** One row's cells of an F1 section O table: O1–O5 by L, P and total, then the two coverages. */
export function F1Cells({ totals, n, fig }: { totals: IndicatorTotals; n: (v: number) => string; fig: FigureTexts }) {
  return (
    <>
      {O_ROWS.flatMap((o) => [
        <td key={`${o.key}L`} className={F1_CELL} data-cell={`${o.key}-L`}>
          {n(totals[o.key].L)}
        </td>,
        <td key={`${o.key}P`} className={F1_CELL} data-cell={`${o.key}-P`}>
          {n(totals[o.key].P)}
        </td>,
        <td key={`${o.key}J`} className={F1_CELL} data-cell={`${o.key}-J`}>
          {n(totals[o.key].total)}
        </td>,
      ])}
      <td className={F1_CELL} data-cell="recall">
        <CoverageValue fig={fig} c={totals.recallCoverage} />
      </td>
      <td className={F1_CELL} data-cell="six">
        <CoverageValue fig={fig} c={totals.sixMonthCoverage} />
      </td>
    </>
  );
}
