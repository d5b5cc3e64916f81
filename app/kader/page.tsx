import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { UnreadCard } from '@/components/forum/unread-card';
import { KaderNextSessionCard } from '@/components/kader/next-session-card';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { certificatesByBaby } from '@/lib/data/certificates';
import { kaderOverview } from '@/lib/data/overview';
import { formatDateShort, type UiLocale } from '@/lib/format';

export default async function KaderHome() {
  const user = await requireUser(['kader']);
  const [data, certs] = await Promise.all([kaderOverview(user), certificatesByBaby(user)]);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Shell user={user} current="/kader">
      <h1 className="text-2xl font-bold text-ink">{t('kader.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('kader.intro', { posyandu: data.posyanduName })}</p>
      <UnreadCard user={user} />
      <KaderNextSessionCard user={user} />
      <h2 className="mt-6 text-lg font-semibold">{t('today.title')}</h2>
      {data.due.length === 0 ? (
        <p className="mt-2 text-muted">{t('today.empty')}</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-2" data-testid="kader-today">
          {data.due.map((item) => (
            <li key={`${item.babyId}-${item.kind}`} data-kind={item.kind} data-status={item.baby.status} className="rounded-xl border border-line bg-surface p-3">
              <div className="flex items-start justify-between gap-2">
                <Link href={`/kader/bayi/${item.babyId}`} className="font-semibold text-ink underline-offset-4 hover:underline">
                  {item.baby.motherName}
                </Link>
                <Badge tone={item.kind === 'open' ? 'info' : 'danger'}>
                  {item.kind === 'overdue'
                    ? t('today.overdue', { days: item.daysOverdue ?? 0 })
                    : item.kind === 'open'
                      ? item.daysLeft === 0
                        ? t('today.lastDay')
                        : t('today.open', { days: item.daysLeft ?? 0 })
                      : t('today.referral')}
                </Badge>
              </div>
              <p className="mt-1 text-sm text-muted">
                {item.baby.babyName ?? t('ibu.unnamed', { sex: t(`sex.${item.baby.sex}`) })} · {t('common.days', { count: item.baby.ageDays })}
                {item.window ? ` · ${t('today.window', { n: item.window.index + 1 })}` : null}
              </p>
              <p className="mt-1">
                <StatusBadge status={item.baby.status} />
              </p>
              <Link href={`/kader/bayi/${item.babyId}/kunjungan`} className={buttonClass('secondary', 'mt-2 w-full')}>
                {t('today.record')}
              </Link>
            </li>
          ))}
        </ul>
      )}
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
                <Link href={`/kader/bayi/${m.babyId}`} data-testid="mother-name" className="font-semibold text-ink underline-offset-4 hover:underline">
                  {m.motherName}
                </Link>
                <StatusBadge status={m.status} />
              </div>
              <p className="mt-1 text-sm text-muted">
                {m.babyName ?? t('ibu.unnamed', { sex: t(`sex.${m.sex}`) })} · {t('common.days', { count: m.ageDays })}
              </p>
              <p className="text-sm text-muted">
                {t('kader.lastVisit')}: {m.lastVisit ? formatDateShort(m.lastVisit, locale) : t('kader.noVisit')}
              </p>
              {certs.get(m.babyId) ? (
                <a
                  href={`/api/sertifikat/${certs.get(m.babyId)!.id}/pdf`}
                  className={buttonClass('secondary', 'mt-2 w-full')}
                  aria-label={t('certificates.downloadFor', { serial: certs.get(m.babyId)!.serial })}
                >
                  {t('certificates.download')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Shell>
  );
}
