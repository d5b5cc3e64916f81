import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { DistrictPeriod } from '@/lib/validation/district';
import { periodLabel } from './tables';

/**
 * The period of the district view: one select (months, quarters, years) in a plain GET form,
 * `?bulan=2026-10`, `?bulan=2026-Q1` or `?bulan=2026`; works without script.
 */
export async function PeriodPicker({
  selected,
  options,
}: {
  selected: DistrictPeriod;
  options: { months: DistrictPeriod[]; quarters: DistrictPeriod[]; years: DistrictPeriod[] };
}) {
  const t = await getTranslations('district');
  const groups: [string, DistrictPeriod[]][] = [
    [t('periodMonths'), options.months],
    [t('periodQuarters'), options.quarters],
    [t('periodYears'), options.years],
  ];
  // The period shown is always offered, even when older than the list.
  const listed = groups.some(([, list]) => list.some((p) => p.param === selected.param));
  if (!listed) {
    const g = groups[selected.kind === 'month' ? 0 : selected.kind === 'quarter' ? 1 : 2]!;
    g[1] = [selected, ...g[1]];
  }
  const labelled = await Promise.all(groups.map(async ([label, list]) => [label, await Promise.all(list.map(async (p) => ({ value: p.param, label: await periodLabel(p) })))] as const));
  return (
    <form method="get" action="/dinkes" className="flex flex-wrap items-end gap-3">
      <label htmlFor="bulan" className="flex flex-col text-sm font-semibold text-ink">
        {t('period')}
        <select id="bulan" name="bulan" defaultValue={selected.param} className="mt-1 min-h-11 rounded-lg border border-line bg-surface px-3 text-base font-normal text-ink">
          {labelled.map(([label, list]) => (
            <optgroup key={label} label={label}>
              {list.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        {t('show')}
      </button>
    </form>
  );
}
