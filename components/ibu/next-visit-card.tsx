import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { NextVisit } from '@/lib/data/next-visit';
import { formatDate, type UiLocale } from '@/lib/format';

/** The mother's home: her baby's next kader visit window (or the one open or overdue now); `list`: nextVisits. */
export async function NextVisitCard({ list }: { list: NextVisit[] }) {
  if (list.length === 0) return null;
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('nextVisit.title')} className="mt-4">
      <ul className="flex flex-col gap-3" data-testid="next-visit">
        {list.map((b) => (
          <li key={b.babyId} data-state={b.state} className="flex flex-col gap-1">
            {list.length > 1 ? <p className="font-semibold text-ink">{b.name ?? t('ibu.unnamed', { sex: t(`sex.${b.sex}`) })}</p> : null}
            {b.window ? (
              <>
                <p>
                  <Badge tone={b.state === 'overdue' ? 'danger' : b.state === 'open' ? 'info' : 'neutral'}>{t('nextVisit.window', { n: b.window.n })}</Badge>
                </p>
                <p className="text-ink">
                  {t(`nextVisit.${b.state as 'open' | 'overdue' | 'upcoming'}`, { from: formatDate(b.window.from, locale), to: formatDate(b.window.to, locale) })}
                </p>
              </>
            ) : (
              <p className="text-muted">{t('nextVisit.none')}</p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
