import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { KaderBabyList, ListBadge, ListStatusBadge } from '@/components/kader/baby-list';
import { KaderForumNews } from '@/components/kader/forum-news';
import { memoTranslator } from '@/lib/i18n/memo';
import { KaderNextSessionCard } from '@/components/kader/next-session-card';
import { Shell } from '@/components/layout/shell';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { certificatesByBaby } from '@/lib/data/certificates';
import { unreadReplies } from '@/lib/data/forum';
import { kaderOverview, RECENTLY_ENDED_DAYS } from '@/lib/data/overview';
import { nextGroupSessionsForKader } from '@/lib/data/group-sessions';

/**
 * The kader's home leads with the work (issue #23): today's visits (overdue, open windows) and
 * open referrals first, then her next session, forum news only when there is some, then the
 * babies she follows.
 */
export default async function KaderHome() {
  const user = await requireUser(['kader']);
  const [data, nextSessions, forumNews] = await Promise.all([kaderOverview(user), nextGroupSessionsForKader(user), unreadReplies(user)]);
  // The babies in today's list are not listed again below (they are linked there): at district
  // scale a posyandu's home page would otherwise carry most babies twice (issue #11, server time).
  const inToday = new Set(data.due.map((d) => d.babyId));
  const others = data.mothers.filter((m) => !inToday.has(m.babyId));
  const certs = await certificatesByBaby(
    user,
    others.map((m) => m.babyId),
  );
  const t = await getTranslations();
  const tr = await memoTranslator();
  return (
    <Shell user={user} current="/kader">
      <h1 className="text-2xl font-bold text-ink">{t('kader.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('kader.intro', { posyandu: data.posyanduName })}</p>
      <section aria-labelledby="today-title" data-testid="kader-today-section">
        <h2 id="today-title" className="mt-4 text-lg font-semibold">
          {t('today.title')}
        </h2>
        {data.due.length === 0 ? (
          <p className="mt-2 text-muted">{t('today.empty')}</p>
        ) : (
          <ul className="mt-3 flex flex-col gap-2" data-testid="kader-today">
            {data.due.map((item) => (
              <li key={`${item.babyId}-${item.kind}`} data-kind={item.kind} data-status={item.baby.status} className="kl-item">
                <div className="kl-head">
                  <a href={`/kader/bayi/${item.babyId}`} className="kl-name inline-flex min-h-11 items-center">
                    {item.baby.motherName}
                  </a>
                  <ListBadge tone={item.kind === 'open' ? 'info' : 'danger'}>
                    {item.kind === 'overdue'
                      ? tr('today.missed', { n: (item.window?.index ?? 0) + 1, days: item.daysOverdue ?? 0 })
                      : item.kind === 'open'
                        ? item.daysLeft === 0
                          ? tr('today.lastDay')
                          : tr('today.open', { days: item.daysLeft ?? 0 })
                        : tr('today.referral')}
                  </ListBadge>
                </div>
                <p className="kl-meta mt-1">
                  {[
                    item.baby.babyName ?? tr('ibu.unnamed', { sex: tr(`sex.${item.baby.sex}`) }),
                    tr('common.days', { count: item.baby.ageDays }),
                    // The window a visit today fills: the same lib/domain windowForVisit as the form.
                    item.visitFills ? tr(item.visitFills.late ? 'today.fillsLate' : 'today.fills', { n: item.visitFills.index + 1 }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p className="mt-1">
                  <ListStatusBadge status={item.baby.status} tr={tr} />
                </p>
                <a href={`/kader/bayi/${item.babyId}/kunjungan`} className="kl-act">
                  {tr('today.record')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <KaderNextSessionCard data={nextSessions} />
      <KaderForumNews data={forumNews} />
      <h2 className="mt-6 text-lg font-semibold" data-testid="kader-mothers-heading">
        {t('kader.myMothers')} <span className="font-normal text-muted">({t('kader.followedCount', { count: data.mothers.filter((m) => m.followed).length })})</span>
      </h2>
      <p className="mt-1 text-sm text-muted">{t('kader.followedNote', { days: RECENTLY_ENDED_DAYS })}</p>
      {data.total === 0 ? (
        <div className="mt-3">
          <EmptyState title={t('kader.empty')} />
        </div>
      ) : (
        <>
          {others.length ? <KaderBabyList items={others} certs={certs} /> : null}
          <Link href="/kader/ibu" className={buttonClass('secondary', 'mt-3 w-full')} data-testid="kader-all-link">
            {t('kader.seeAll', { count: data.total })}
          </Link>
        </>
      )}
    </Shell>
  );
}
