import { cache } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
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

/**
 * The coverage texts of one request, made once (React cache): the dashboard shows a few hundred
 * figures, and next-intl's `t()` with values looks a formatter up on every call (issue #11).
 */
const coverageTexts = cache(async () => {
  const t = await getTranslations('coverage');
  const locale = (await getLocale()) as UiLocale;
  const memo = new Map<string, string>();
  const of = (num: number, den: number) => {
    const key = `${num}/${den}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = t('of', { num: formatNumber(num, locale), den: formatNumber(den, locale) });
      memo.set(key, v);
    }
    return v;
  };
  return { locale, noData: t('noData'), of };
});

/** "62,5%" with "10 dari 16" beside it, or "belum ada data" — never 0% or NaN for an empty denominator. */
export async function CoverageValue({ c, size = 'md', testId }: { c: Coverage | null | undefined; size?: 'lg' | 'md'; testId?: string }) {
  const { locale, noData, of } = await coverageTexts();
  const p = c ? formatPercent(c.percent, locale) : null;
  if (!c || p === null) {
    return (
      <span data-testid={testId} data-empty="true" className={cx('text-muted italic', size === 'lg' && 'text-xl')}>
        {noData}
      </span>
    );
  }
  return (
    <span data-testid={testId} className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className={cx('font-bold tabular-nums text-ink', size === 'lg' ? 'text-3xl' : 'text-base')} data-percent={c.percent}>
        {p}
      </span>
      <span className="text-sm text-muted tabular-nums">{of(c.numerator, c.denominator)}</span>
    </span>
  );
}
