import { getLocale, getTranslations } from 'next-intl/server';
import { UnreadCard } from '@/components/forum/unread-card';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { kaderOverview } from '@/lib/data/overview';
import { formatDateShort, type UiLocale } from '@/lib/format';

export default async function KaderHome() {
  const user = await requireUser(['kader']);
  const data = await kaderOverview(user);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/kader">
      <h1 className="text-2xl font-bold text-ink">{t('kader.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('kader.intro', { posyandu: data.posyanduName })}</p>
      <UnreadCard user={user} />
      <h2 className="mt-6 text-lg font-semibold">
        {t('kader.myMothers')} <span className="font-normal text-muted">({t('kader.count', { count: data.mothers.length })})</span>
      </h2>
      {data.mothers.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('kader.empty')} />
        </div>
      ) : (
        <ul className="mt-3 flex flex-col gap-2" data-testid="kader-mothers">
          {data.mothers.map((m) => (
            <li key={m.babyId} className="rounded-xl border border-line bg-surface p-3">
              <div className="flex items-start justify-between gap-2">
                <p className="font-semibold text-ink">{m.motherName}</p>
                <StatusBadge status={m.status} />
              </div>
              <p className="mt-1 text-sm text-muted">
                {m.babyName ?? t('ibu.unnamed', { sex: t(`sex.${m.sex}`) })} · {t('common.days', { count: m.ageDays })}
              </p>
              <p className="text-sm text-muted">
                {t('kader.lastVisit')}: {m.lastVisit ? formatDateShort(m.lastVisit, locale) : t('kader.noVisit')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Shell>
  );
}
