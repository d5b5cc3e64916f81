import { cache } from 'react';
import { getLocale } from 'next-intl/server';
import { memoTranslator } from '@/lib/i18n/memo';
import type { Coverage, YearMonth } from '@/lib/domain';
import { formatMonth, formatNumber, formatPercent, type UiLocale } from '@/lib/format';
import { cx } from '@/components/ui/cx';

export function monthLabel(ym: YearMonth, locale: UiLocale, style: 'long' | 'short' = 'long'): string {
  return formatMonth(ym.year, ym.month, locale, style);
}

/** The texts of a figure in the reader's language, made once per request (React cache). */
export type FigureTexts = { locale: UiLocale; noData: string; of: (numerator: number, denominator: number) => string };

export const figureTexts = cache(async (): Promise<FigureTexts> => {
  const tr = await memoTranslator();
  const locale = (await getLocale()) as UiLocale;
  return {
    locale,
    noData: tr('coverage.noData'),
    of: (num, den) => tr('coverage.of', { num: formatNumber(num, locale), den: formatNumber(den, locale) }),
  };
});

/**
 * "62,5%" with "10 dari 16" beside it, or "belum ada data" — never 0% or NaN for an empty
 * denominator. Not async (issue #31): the dashboard draws over a hundred of these, and each
 * async component was a separate piece of the page's payload and a round of promises.
 */
export function CoverageValue({ c, size = 'md', testId, fig }: { c: Coverage | null | undefined; size?: 'lg' | 'md'; testId?: string; fig: FigureTexts }) {
  const p = c ? formatPercent(c.percent, fig.locale) : null;
  // Short classes of app/globals.css (`.cv`, `.cv-p`, `.cv-n`) and no test id when there is
  // none: a dashboard repeats this over a hundred times in its HTML and RSC payload.
  const id = testId ? { 'data-testid': testId } : null;
  if (!c || p === null) {
    return (
      <span {...id} data-empty="true" className={cx('text-muted italic', size === 'lg' && 'text-xl')}>
        {fig.noData}
      </span>
    );
  }
  return (
    <span {...id} className="cv">
      <span className={cx('cv-p', size === 'lg' && 'text-3xl')} data-percent={c.percent}>
        {p}
      </span>
      <span className="cv-n">{fig.of(c.numerator, c.denominator)}</span>
    </span>
  );
}
