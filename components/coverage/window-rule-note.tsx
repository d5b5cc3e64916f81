import { memoTranslator } from '@/lib/i18n/memo';

/**
 * How a visit is assigned to a window (docs/decisions/049; lib/domain/windows.ts assignVisits),
 * under the baby's schedule: a closed <details> — no script, one line until opened.
 */
export async function WindowRuleNote() {
  const t = await memoTranslator();
  return (
    <details className="mt-3 text-sm text-muted" data-testid="window-rule">
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand">{t('windowRule.summary')}</summary>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        <li>{t('windowRule.onTime')}</li>
        <li>{t('windowRule.second')}</li>
        <li>{t('windowRule.late')}</li>
        <li>{t('windowRule.extra')}</li>
        <li>{t('windowRule.beforeRegistration')}</li>
      </ul>
    </details>
  );
}
