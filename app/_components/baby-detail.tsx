import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { groupSessionsAttendedByMother } from '@/lib/data/group-sessions';
import type { babyDetail, JourneyEvent } from '@/lib/data/visits';
import { formatDate, formatDateShort, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';
import { FollowUpForm } from '@/components/forms/journey-forms';
import { AttendedGroupSessions } from '@/components/group-sessions/attended-sessions';
import { WindowRuleNote } from '@/components/coverage/window-rule-note';
import { StatusBadge } from '@/components/status-badge';
import { Badge, type Tone } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { VisitLessonsLine } from '@/components/lessons/counselling-card';
import { Card } from '@/components/ui/card';

type Detail = Awaited<ReturnType<typeof babyDetail>>;

const WINDOW_TONE: Record<Detail['windows'][number]['state'], Tone> = {
  upcoming: 'neutral',
  open: 'info',
  done_on_time: 'ok',
  done_late: 'warn',
  missed: 'danger',
  before_registration: 'neutral',
};

const RECALL_TONE: Record<Detail['visits'][number]['recallClass'], Tone> = {
  exclusive: 'ok',
  mixed_milk: 'warn',
  other_food: 'warn',
  not_breastfed: 'danger',
};

const EVENT_TONE: Record<JourneyEvent['kind'], Tone> = {
  start: 'info',
  broken: 'warn',
  exited: 'neutral',
  graduated: 'ok',
  unrecorded: 'neutral',
  certificate: 'ok',
  transfer: 'brand',
};

/** Notices after a change on the baby page (?saved=1 …): which message to show. */
const NOTICES = {
  saved: 'baby.saved',
  corrected: 'visitEdit.saved',
  unchanged: 'visitEdit.unchanged',
  followedUp: 'followUp.saved',
  transferred: 'motherAdmin.transferred',
  exited: 'motherAdmin.exited',
} as const;

export async function ChangeNotice({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  const t = await getTranslations();
  const key = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => searchParams[k] === '1');
  if (!key) return null;
  return (
    <p role="status" className="mb-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
      {t(NOTICES[key])}
    </p>
  );
}

/**
 * One baby for kader and staff: status, visit windows, the journey (status changes computed by
 * lib/domain, certificates, transfers) and the visits with their corrections and referrals.
 * `base` is the section the links stay in. The page fetches `data` (babyDetail) and `attended`
 * (groupSessionsAttendedByMother of its mother). `motherAccount` (staff) is the mother's portal
 * login, shown with her details near the top.
 */
export async function BabyDetail({
  data,
  attended,
  actions,
  base,
  aside,
  knowledge,
  motherAccount,
  counselling,
}: {
  data: Detail;
  attended: Awaited<ReturnType<typeof groupSessionsAttendedByMother>>;
  actions?: React.ReactNode;
  base: '/kader' | '/staff';
  aside?: React.ReactNode;
  /** The mother's knowledge checks (components/knowledge/knowledge-results.tsx). */
  knowledge?: React.ReactNode;
  motherAccount?: React.ReactNode;
  /** The kader's "bahan konseling" card (components/lessons/counselling-card.tsx). */
  counselling?: React.ReactNode;
}) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  // A baby without a name yet is "Bayi (Laki-laki)", not "Bayi Bayi (Laki-laki)".
  const heading = data.babyName ? t('baby.title', { baby: data.babyName }) : t('ibu.unnamed', { sex: t(`sex.${data.sex}`) });
  const followUpTexts = data.visits.some((v) => v.canFollowUp) ? await flatTexts(['followUp', 'validation']) : {};
  const fieldName = (f: string) => t(`visitEdit.field.${f}` as 'visitEdit.field.notes');
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold text-ink">{heading}</h1>
        <p className="mt-1 text-muted">{t('baby.mother', { mother: data.motherName })}</p>
        <p className="text-sm text-muted">{t('baby.born', { date: formatDate(data.birthDate, locale), days: data.ageDays })}</p>
        <p className="text-sm text-muted">{t('baby.sixMonth', { date: formatDate(data.sixMonthDate, locale) })}</p>
        <p className="mt-2 flex flex-wrap items-center gap-2" data-testid="baby-status">
          <StatusBadge status={data.status} />
          {data.breakDate ? (
            <span className="text-sm text-muted">
              {t('baby.breakSince', { date: formatDate(data.breakDate, locale) })}
              {data.breakReason ? ` · ${t(`breakReason.${data.breakReason}`)}` : null}
            </span>
          ) : null}
          {data.exitDate ? (
            <span className="text-sm text-muted">
              {t('baby.breakSince', { date: formatDate(data.exitDate, locale) })}
              {data.exitReason ? ` · ${t(`motherAdmin.reasons.${data.exitReason}`)}` : null}
            </span>
          ) : null}
        </p>
      </div>
      <ReferralBanner data={data} t={t} locale={locale} />
      {motherAccount}
      {actions}
      {counselling}
      <Card title={t('baby.schedule')}>
        <ol className="flex flex-col gap-2" data-testid="windows">
          {data.windows.map((w) => (
            <li key={w.index} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="text-ink">
                {t('baby.windowN', { n: w.index + 1, from: formatDateShort(w.from, locale), to: formatDateShort(w.to, locale) })}
                {w.visitDate ? <span className="text-muted"> · {t('baby.visitOn', { date: formatDateShort(w.visitDate, locale) })}</span> : null}
              </span>
              <Badge tone={WINDOW_TONE[w.state]}>{t(`window.${w.state}`)}</Badge>
            </li>
          ))}
        </ol>
        <WindowRuleNote />
      </Card>
      <Card title={t('journey.title')}>
        <ol className="flex flex-col gap-3" data-testid="journey-events">
          {data.events.map((e, i) => (
            <li key={`${e.kind}-${i}`} data-kind={e.kind} className="flex flex-col gap-1 border-b border-line pb-3 last:border-b-0 last:pb-0">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold text-ink">{formatDate(e.date, locale)}</p>
                {e.kind === 'certificate' && e.revokedOn ? null : (
                  <Badge tone={EVENT_TONE[e.kind]}>
                    {e.kind === 'start'
                      ? t('status.ongoing')
                      : e.kind === 'transfer'
                        ? t('motherAdmin.transferTitle')
                        : e.kind === 'certificate'
                          ? t('status.graduated')
                          : t(`status.${e.kind}`)}
                  </Badge>
                )}
              </div>
              <EventText event={e} t={t} locale={locale} />
            </li>
          ))}
          {/* Sessions attended (issue #5) are listed here as events of their own kind. */}
        </ol>
      </Card>
      <Card title={t('baby.timeline')}>
        {data.visits.length === 0 ? (
          <p className="text-muted">{t('baby.noVisits')}</p>
        ) : (
          <ol className="flex flex-col gap-3" data-testid="timeline">
            {data.visits.map((v) => (
              <li key={v.id} id={`visit-${v.id}`} data-visit={v.id} className="scroll-mt-4 border-b border-line pb-3 last:border-b-0 last:pb-0">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-semibold text-ink">{formatDate(v.visitDate, locale)}</p>
                  <Badge tone={RECALL_TONE[v.recallClass]}>{t(`recallClass.${v.recallClass}`)}</Badge>
                </div>
                <p className="text-sm text-muted">{t('baby.by', { name: v.kaderName })}</p>
                {v.breakDate ? (
                  <p className="text-sm text-ink">
                    {t('baby.breakAt', { date: formatDate(v.breakDate, locale) })}
                    {v.breakReason ? ` · ${t(`breakReason.${v.breakReason}`)}` : null}
                  </p>
                ) : null}
                {v.weightGrams ? <p className="text-sm text-muted">{t('baby.weight', { grams: v.weightGrams })}</p> : null}
                <VisitLessonsLine lessons={v.lessons} />
                {v.referralState ? (
                  <p className="mt-1">
                    <Badge tone={v.referralState === 'open' ? 'danger' : 'ok'}>{t(v.referralState === 'open' ? 'baby.referralOpen' : 'baby.referralDone')}</Badge>
                  </p>
                ) : null}
                {v.referralState === 'followed_up' && v.referralFollowedUpOn ? (
                  <p className="mt-1 text-sm text-ink" data-testid="follow-up-done">
                    {/* Who and what came of it when known; a missing part is left out, never "–". */}
                    {t('followUp.doneOn', { date: formatDateShort(v.referralFollowedUpOn, locale) })}
                    {v.referralFollowedUpBy ? ` ${t('followUp.doneBy', { name: v.referralFollowedUpBy })}` : null}
                    {v.referralOutcome?.trim() ? `: ${v.referralOutcome.trim()}` : null}
                  </p>
                ) : null}
                {v.canFollowUp ? <FollowUpForm babyId={data.babyId} visitId={v.id} texts={followUpTexts} /> : null}
                {v.corrections.length ? (
                  <ul className="mt-2 flex flex-col gap-1 rounded-lg bg-canvas p-2 text-sm text-ink" data-testid="corrections">
                    {v.corrections.map((c, i) => (
                      <li key={i}>
                        {t('visitEdit.corrected', { date: formatDateShort(c.on, locale), name: c.by, reason: c.reason ?? '–' })}
                        <span className="block text-muted">{t('visitEdit.fields', { fields: c.fields.map(fieldName).join(', ') })}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {v.canEdit ? (
                  <Link
                    href={`${base}/bayi/${data.babyId}/kunjungan/${v.id}`}
                    className={buttonClass('secondary', 'mt-2')}
                    aria-label={t('visitEdit.editLabel', { date: formatDate(v.visitDate, locale) })}
                  >
                    {t('visitEdit.edit')}
                  </Link>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      {knowledge}
      <AttendedGroupSessions data={attended} />
      {aside}
    </div>
  );
}

/**
 * Open referrals first, near the top of the page: which visit, the danger sign(s) seen, the
 * reason written, and the way to the follow-up (issue #23). Gone once followed up.
 */
function ReferralBanner({ data, t, locale }: { data: Detail; t: Awaited<ReturnType<typeof getTranslations>>; locale: UiLocale }) {
  const open = data.visits.filter((v) => v.referralState === 'open');
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="referral-banner-title" data-testid="referral-banner" className="rounded-xl border-2 border-danger bg-danger-soft p-3">
      <h2 id="referral-banner-title" className="text-lg font-bold text-danger">
        {t('baby.referralBannerTitle')}
      </h2>
      <ul className="mt-1 flex flex-col gap-2">
        {open.map((v) => (
          <li key={v.id} className="text-ink">
            <p className="font-semibold">
              {v.dangerSigns.length
                ? t('baby.referralSigns', { date: formatDate(v.visitDate, locale), signs: v.dangerSigns.map((s) => t(`danger.${s}` as 'danger.fever')).join(', ') })
                : t('baby.referralNoSign', { date: formatDate(v.visitDate, locale) })}
            </p>
            {v.referralReason ? <p className="text-sm">{v.referralReason}</p> : null}
            {v.canFollowUp ? (
              <a href={`#visit-${v.id}`} className="inline-flex min-h-11 items-center font-semibold text-danger underline underline-offset-4">
                {t('baby.referralFollowUp')}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EventText({ event: e, t, locale }: { event: JourneyEvent; t: Awaited<ReturnType<typeof getTranslations>>; locale: UiLocale }) {
  switch (e.kind) {
    case 'start':
      return <p className="text-sm text-ink">{t('journey.start')}</p>;
    case 'broken':
      return (
        <p className="text-sm text-ink">
          {t('journey.broken')}
          {e.reason ? ` · ${t(`breakReason.${e.reason}`)}` : null}
        </p>
      );
    case 'exited':
      return (
        <p className="text-sm text-ink">
          {t('journey.exited', { reason: e.exitReason ? t(`motherAdmin.reasons.${e.exitReason}`) : '–' })}
          {e.note ? <span className="block text-muted">{e.note}</span> : null}
        </p>
      );
    case 'graduated':
    case 'unrecorded':
      return <p className="text-sm text-ink">{t(`journey.${e.kind}`)}</p>;
    case 'transfer':
      return (
        <p className="text-sm text-ink">
          {t('journey.transfer', { from: e.from, to: e.to })} · {t('journey.by', { name: e.by })}
          {e.reason ? <span className="block text-muted">{e.reason}</span> : null}
        </p>
      );
    case 'certificate':
      return (
        <div className="flex flex-col gap-1 text-sm text-ink">
          <p>{t('journey.certificate', { serial: e.serial })}</p>
          {e.revokedOn ? (
            <p>
              <Badge tone="danger">{t('journey.certificateRevoked', { date: formatDateShort(e.revokedOn, locale), reason: e.revokeReason ?? '–' })}</Badge>
            </p>
          ) : null}
          {e.canDownload ? (
            <a href={`/api/sertifikat/${e.id}/pdf`} className={buttonClass('secondary', 'w-full sm:w-auto')} aria-label={t('journey.downloadFor', { serial: e.serial })}>
              {t('journey.download')}
            </a>
          ) : null}
        </div>
      );
  }
}
