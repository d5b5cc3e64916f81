import { getLocale } from 'next-intl/server';
import { memoTranslator } from '@/lib/i18n/memo';
import { targetState, type Coverage } from '@/lib/domain';
import { formatPercent, type UiLocale } from '@/lib/format';
import { cx } from '@/components/ui/cx';

/**
 * "Target 50%: tercapai" in green, "belum tercapai" in red, muted when there is no data or no
 * target (issue #23: the target line was red even when met). The rule is lib/domain targetState;
 * the words, not only the colour, say which.
 */
export async function TargetNote({ c, target, testId, className }: { c: Coverage | null | undefined; target: number | null; testId?: string; className?: string }) {
  const tr = await memoTranslator();
  const locale = (await getLocale()) as UiLocale;
  const state = targetState(c, target);
  const percent = target === null ? '' : formatPercent(target, locale)!;
  const text =
    state === 'noTarget'
      ? tr('coverage.noTarget')
      : state === 'met'
        ? tr('coverage.targetMet', { percent })
        : state === 'notMet'
          ? tr('coverage.targetNotMet', { percent })
          : tr('coverage.targetNoData', { percent });
  const colour = state === 'met' ? 'text-ok' : state === 'notMet' ? 'text-danger' : 'text-muted';
  return (
    <p className={cx('text-sm font-semibold', colour, className)} data-testid={testId} data-target-state={state}>
      {state === 'met' ? '✓ ' : state === 'notMet' ? '✗ ' : ''}
      {text}
    </p>
  );
}
