import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { DistrictPeriod } from '@/lib/validation/district';
import { periodLabel } from './tables';

type Options = { months: DistrictPeriod[]; quarters?: DistrictPeriod[]; years?: DistrictPeriod[] };

/**
 * The period select (`bulan=2026-10`, `2026-Q1` or `2026`): months, quarters and years in
 * groups (only the groups given; the kader's summary offers months only). A plain select for a
 * GET form: works without script, one control on a 360px phone. Shared by the district view,
 * the staff dashboard and report, and the kader's summary.
 */
export async function PeriodSelect({ selected, options, label, id = 'bulan' }: { selected: DistrictPeriod; options: Options; label?: string; id?: string }) {
  const t = await getTranslations('district');
  const groups: [string, DistrictPeriod[]][] = [
    [t('periodMonths'), [...options.months]],
    [t('periodQuarters'), [...(options.quarters ?? [])]],
    [t('periodYears'), [...(options.years ?? [])]],
  ];
  // The period shown is always offered, even when older than the list.
  const listed = groups.some(([, list]) => list.some((p) => p.param === selected.param));
  if (!listed) {
    const g = groups[selected.kind === 'month' ? 0 : selected.kind === 'quarter' ? 1 : 2]!;
    g[1] = [selected, ...g[1]];
  }
  const shown = groups.filter(([, list]) => list.length > 0);
  const labelled = await Promise.all(
    shown.map(async ([label, list]) => [label, await Promise.all(list.map(async (p) => ({ value: p.param, label: await periodLabel(p) })))] as const),
  );
  const opts = (list: readonly { value: string; label: string }[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    // The label beside the select, not around it: its name is "Periode", not "Periode Oktober 2026".
    <div className="flex flex-col">
      <label htmlFor={id} className="text-sm font-semibold text-ink">
        {label ?? t('period')}
      </label>
      <select
        id={id}
        name="bulan"
        defaultValue={selected.param}
        className="mt-1 min-h-11 w-full rounded-lg border border-line bg-surface px-3 text-base font-normal text-ink"
      >
        {labelled.length === 1
          ? opts(labelled[0]![1])
          : labelled.map(([label, list]) => (
              <optgroup key={label} label={label}>
                {opts(list)}
              </optgroup>
            ))}
      </select>
    </div>
  );
}

/**
 * The period of the district view: one select (months, quarters, years) in a plain GET form,
 * `?bulan=2026-10`, `?bulan=2026-Q1` or `?bulan=2026`; works without script.
 */
export async function PeriodPicker({ selected, options, action = '/dinkes' }: { selected: DistrictPeriod; options: Options; action?: string }) {
  const t = await getTranslations('district');
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3">
      <PeriodSelect selected={selected} options={options} />
      <button type="submit" className={buttonClass('secondary')}>
        {t('show')}
      </button>
    </form>
  );
}
