import { getLocale, getTranslations } from 'next-intl/server';
import type { babyDetail } from '@/lib/data/visits';
import { formatDate, formatDateShort, type UiLocale } from '@/lib/format';
import { AttendedSessions } from './sessions/attended-sessions';
import { StatusBadge } from './status-badge';
import { Badge, type Tone } from './ui/badge';
import { Card } from './ui/card';

type Detail = Awaited<ReturnType<typeof babyDetail>>;

const WINDOW_TONE: Record<Detail['windows'][number]['state'], Tone> = {
  upcoming: 'neutral',
  open: 'info',
  done_on_time: 'ok',
  done_late: 'warn',
  missed: 'danger',
};

const RECALL_TONE: Record<Detail['visits'][number]['recallClass'], Tone> = {
  exclusive: 'ok',
  mixed_milk: 'warn',
  other_food: 'warn',
  not_breastfed: 'danger',
};

/** One baby for kader and staff: status, visit windows and the visit timeline. */
export async function BabyDetail({ data, actions }: { data: Detail; actions?: React.ReactNode }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const babyName = data.babyName ?? t('ibu.unnamed', { sex: t(`sex.${data.sex}`) });
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold text-ink">{t('baby.title', { baby: babyName })}</h1>
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
        </p>
      </div>
      {actions}
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
      </Card>
      <Card title={t('baby.timeline')}>
        {data.visits.length === 0 ? (
          <p className="text-muted">{t('baby.noVisits')}</p>
        ) : (
          <ol className="flex flex-col gap-3" data-testid="timeline">
            {data.visits.map((v) => (
              <li key={v.id} className="border-b border-line pb-3 last:border-b-0 last:pb-0">
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
                {v.referralState ? (
                  <p className="mt-1">
                    <Badge tone={v.referralState === 'open' ? 'danger' : 'ok'}>
                      {t(v.referralState === 'open' ? 'baby.referralOpen' : 'baby.referralDone')}
                    </Badge>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <AttendedSessions motherId={data.motherId} />
    </div>
  );
}
