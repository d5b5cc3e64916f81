import { getLocale } from 'next-intl/server';
import { memoTranslator } from '@/lib/i18n/memo';
import type { Coverage, YearMonth } from '@/lib/domain';
import { formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { cx } from '@/components/ui/cx';

export function monthLabel(ym: YearMonth, locale: UiLocale, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    month: style,
    year: style === 'long' ? 'numeric' : '2-digit',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(ym.year, ym.month - 1, 1)));
}

/** "62,5%" with "10 dari 16" beside it, or "belum ada data" — never 0% or NaN for an empty denominator. */
export async function CoverageValue({ c, size = 'md', testId }: { c: Coverage | null | undefined; size?: 'lg' | 'md'; testId?: string }) {
  const tr = await memoTranslator();
  const locale = (await getLocale()) as UiLocale;
  const p = c ? formatPercent(c.percent, locale) : null;
  if (!c || p === null) {
    return (
      <span data-testid={testId} data-empty="true" className={cx('text-muted italic', size === 'lg' && 'text-xl')}>
        {tr('coverage.noData')}
      </span>
    );
  }
  return (
    <span data-testid={testId} className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className={cx('font-bold tabular-nums text-ink', size === 'lg' ? 'text-3xl' : 'text-base')} data-percent={c.percent}>
        {p}
      </span>
      <span className="text-sm text-muted tabular-nums">{tr('coverage.of', { num: formatNumber(c.numerator, locale), den: formatNumber(c.denominator, locale) })}</span>
    </span>
  );
}
