import { getLocale, getTranslations } from 'next-intl/server';
import { UnreadCard } from '@/components/forum/unread-card';
import { NextVisitCard } from '@/components/ibu/next-visit-card';
import { NextSessionCard } from '@/components/ibu/next-session-card';
import { IbuKnowledgeCard } from './_components/knowledge-card';
import { LessonCards } from '@/components/lessons/lesson-cards';
import { Shell } from '@/components/layout/shell';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { certificatesByBaby } from '@/lib/data/certificates';
import { unreadReplies } from '@/lib/data/forum';
import { nextVisits } from '@/lib/data/next-visit';
import { ibuOverview } from '@/lib/data/overview';
import { myGroupSessions } from '@/lib/data/group-sessions';
import { latestVisitsOfBabies } from '@/lib/data/counselling';
import { lessonsForReader } from '@/lib/data/lessons';
import { publicOrigin } from '@/lib/server/public-url';
import { formatDate, type UiLocale } from '@/lib/format';

export default async function IbuHome() {
  const user = await requireUser(['ibu']);
  const locale = (await getLocale()) as UiLocale;
  const [data, certs, sessions, visits, forum, lessons, origin] = await Promise.all([
    ibuOverview(user),
    certificatesByBaby(user),
    myGroupSessions(user),
    nextVisits(user),
    unreadReplies(user),
    lessonsForReader(user, locale),
    publicOrigin(user.puskesmasId),
  ]);
  const t = await getTranslations();
  // Lessons for the babies still under 6 months (issue #28), from their age and latest visit.
  const young = data.babies.filter((b) => b.status === 'ongoing' || b.status === 'broken').filter((b) => data.today < b.sixMonthDate);
  const latest = await latestVisitsOfBabies(
    user,
    young.map((b) => b.id),
  );
  const ready = data.babies.flatMap((b) => {
    const cert = b.status === 'graduated' ? certs.get(b.id) : undefined;
    return cert ? [{ baby: b, cert }] : [];
  });
  return (
    <Shell user={user} current="/ibu">
      <h1 className="text-2xl font-bold text-ink">{t('ibu.title', { name: user.name })}</h1>
      <p className="mt-1 text-muted">{t('ibu.intro')}</p>
      {/* Her baby first, then a ready certificate, the next session, the next visit and the forum (#23). */}
      {data.babies.length === 0 ? (
        <div className="mt-4">
          <EmptyState title={t('ibu.empty')} />
        </div>
      ) : (
        <section aria-label={t('ibu.babiesSection')} className="mt-4 flex flex-col gap-4" data-testid="ibu-babies">
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
              {b.status === 'graduated' && !certs.get(b.id) ? (
                <p className="mt-4 rounded-lg bg-brand-soft p-3 text-sm text-ink" data-testid="certificate-pending">
                  {t('certificates.ibuPending')}
                </p>
              ) : null}
            </Card>
          ))}
        </section>
      )}
      <LessonCards
        babies={young.map((b) => ({
          id: b.id,
          name: b.name ?? t('ibu.unnamed', { sex: t(`sex.${b.sex}`) }),
          birthDate: b.birthDate,
          ageDays: b.ageDays,
          latestVisit: latest.get(b.id) ?? null,
        }))}
        lessons={lessons}
        today={data.today}
        origin={origin}
      />
      {ready.map(({ baby, cert }) => (
        <CertificateReady key={cert.id} cert={cert} babyName={baby.name} locale={locale} t={t} />
      ))}
      <div data-testid="ibu-next-session">
        <NextSessionCard data={sessions} />
      </div>
      <NextVisitCard list={visits} />
      <IbuKnowledgeCard user={user} />
      <div data-testid="ibu-forum">
        <UnreadCard data={forum} />
      </div>
    </Shell>
  );
}

/** A certificate ready to download, right under the baby's card. */
function CertificateReady({
  cert,
  babyName,
  locale,
  t,
}: {
  cert: { id: string; serial: string; issuedOn: string };
  babyName: string | null;
  locale: UiLocale;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  return (
    <section aria-labelledby={`cert-${cert.id}`} className="mt-4 rounded-xl border border-ok bg-ok-soft p-4" data-testid="certificate-ready">
      <h2 id={`cert-${cert.id}`} className="font-semibold text-ink">
        {t('certificates.ibuReadyTitle')}
        {babyName ? ` · ${babyName}` : ''}
      </h2>
      <p className="mt-1 text-sm text-ink">{t('certificates.ibuReadyBody', { serial: cert.serial, date: formatDate(cert.issuedOn, locale) })}</p>
      <a href={`/api/sertifikat/${cert.id}/pdf`} className={buttonClass('primary', 'mt-3 w-full')} download>
        {t('certificates.download')}
      </a>
    </section>
  );
}
