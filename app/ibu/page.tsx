import { getLocale, getTranslations } from 'next-intl/server';
import { UnreadCard } from '@/components/forum/unread-card';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { ibuOverview } from '@/lib/data/overview';
import { formatDate, type UiLocale } from '@/lib/format';

export default async function IbuHome() {
  const user = await requireUser(['ibu']);
  const data = await ibuOverview(user);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/ibu">
      <h1 className="text-2xl font-bold text-ink">{t('ibu.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('ibu.intro')}</p>
      <UnreadCard user={user} />
      {data.babies.length === 0 ? (
        <div className="mt-4">
          <EmptyState title={t('ibu.empty')} />
        </div>
      ) : (
        <div className="mt-4 flex flex-col gap-4">
          {data.babies.map((b) => (
            <Card key={b.id} title={b.name ?? t('ibu.unnamed', { sex: t(`sex.${b.sex}`) })} actions={<StatusBadge status={b.status} />}>
              <p className="text-4xl font-bold text-brand" data-testid="exclusive-days">
                {t('ibu.daysExclusive', { days: b.exclusiveDays })}
              </p>
              <dl className="mt-3 grid gap-1 text-sm text-ink">
                <div>
                  <dt className="sr-only">{t('ibu.babyName')}</dt>
                  <dd>{t('ibu.born', { date: formatDate(b.birthDate, locale) })}</dd>
                </div>
                <div>
                  <dd>{t('ibu.ageDays', { days: b.ageDays, months: b.ageMonths })}</dd>
                </div>
                <div>
                  <dd>{t('ibu.sixMonth', { date: formatDate(b.sixMonthDate, locale) })}</dd>
                </div>
                <div>
                  <dd>{b.lastVisit ? t('ibu.lastVisit', { date: formatDate(b.lastVisit, locale) }) : t('ibu.noVisit')}</dd>
                </div>
              </dl>
            </Card>
          ))}
        </div>
      )}
    </Shell>
  );
}
