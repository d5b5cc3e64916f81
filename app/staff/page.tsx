import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { Card, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, Td, Th } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { staffOverview } from '@/lib/data/overview';
import { JOURNEY_STATUSES } from '@/lib/domain';
import { formatDate, formatNumber, type UiLocale } from '@/lib/format';

export default async function StaffHome() {
  const user = await requireUser(['staff', 'admin']);
  const data = await staffOverview(user);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Shell user={user} current="/staff">
      <h1 className="text-2xl font-bold text-ink">{t('staff.title', { puskesmas: data.puskesmasName })}</h1>
      <p className="mt-1 text-muted">{t('staff.intro', { date: formatDate(data.today, locale) })}</p>
      <div className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label={t('staff.total')} value={n(data.totalBabies)} />
        <Stat label={t('staff.mothers')} value={n(data.motherCount)} />
        <Stat label={t('staff.kaders')} value={n(data.kaderCount)} />
        <Stat label={t('staff.villages')} value={n(data.villageCount)} />
      </div>
      {data.totalBabies === 0 ? (
        <div className="mt-6">
          <EmptyState title={t('staff.noData')} />
        </div>
      ) : (
        <>
          <Card title={t('staff.babiesByStatus')} className="mt-6">
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-5" data-testid="status-counts">
              {JOURNEY_STATUSES.map((s) => (
                <li key={s} className="flex flex-col items-start gap-2 rounded-lg border border-line p-3" data-status={s}>
                  <StatusBadge status={s} />
                  <span className="text-2xl font-bold tabular-nums">{n(data.byStatus[s])}</span>
                </li>
              ))}
            </ul>
          </Card>
          <Table caption={t('staff.perVillage')} className="mt-6">
            <thead>
              <tr>
                <Th>{t('staff.village')}</Th>
                {JOURNEY_STATUSES.map((s) => (
                  <Th key={s} numeric>
                    {t(`status.${s}`)}
                  </Th>
                ))}
                <Th numeric>{t('staff.count')}</Th>
              </tr>
            </thead>
            <tbody>
              {data.villages.map((v) => (
                <tr key={v.name}>
                  <Td>{v.name}</Td>
                  {JOURNEY_STATUSES.map((s) => (
                    <Td key={s} numeric>
                      {n(v.counts[s])}
                    </Td>
                  ))}
                  <Td numeric>{n(v.total)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Shell>
  );
}
