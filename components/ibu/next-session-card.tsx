import { getLocale, getTranslations } from 'next-intl/server';
import { rsvpAction } from '@/lib/actions/group-sessions';
import type { myGroupSessions } from '@/lib/data/group-sessions';
import { zonedParts } from '@/lib/domain';
import { formatDate, type UiLocale } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cx } from '@/components/ui/cx';
import { STATUS_TONE, topicLabel, whenText } from '@/components/group-sessions/views';

/** The mother's next sessions of her village, her answer (RSVP), and the sessions she attended (`data`: myGroupSessions). */
export async function NextSessionCard({ data }: { data: Awaited<ReturnType<typeof myGroupSessions>> }) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('sessions.nextTitle')} className="mt-4">
      {data.upcoming.length === 0 ? (
        <p className="text-muted">{t('sessions.nextEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-4" data-testid="ibu-sessions">
          {data.upcoming.map((s) => (
            <li key={s.id} className="border-b border-line pb-3 last:border-b-0 last:pb-0" data-testid="ibu-session">
              <div className="flex items-start justify-between gap-2">
                <p className="font-semibold text-ink">{s.title}</p>
                {s.status === 'cancelled' ? <Badge tone={STATUS_TONE.cancelled}>{t('sessions.status.cancelled')}</Badge> : null}
              </div>
              <p className="text-ink">{whenText(t, s, data.timeZone, locale)}</p>
              <p className="text-sm text-muted">{t('sessions.at', { place: s.place })}</p>
              <p className="text-sm text-muted">{t('sessions.topic', { topic: topicLabel(t, s) })}</p>
              {s.status === 'cancelled' && s.cancelReason ? <p className="text-sm text-danger">{t('sessions.cancelReason', { reason: s.cancelReason })}</p> : null}
              {s.rsvp ? (
                <p className="mt-2 text-sm font-semibold text-ink" data-testid="rsvp-answer">
                  {t('sessions.ibuAnswered', { answer: s.rsvp === 'yes' ? t('sessions.ibuYes') : t('sessions.ibuNo') })}
                </p>
              ) : null}
              {s.rsvpOpen ? (
                <form action={rsvpAction} className="mt-2">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <fieldset>
                    <legend className="text-sm font-semibold text-ink">{t('sessions.ibuAnswer')}</legend>
                    <div className="mt-1 grid grid-cols-2 gap-2">
                      <button
                        type="submit"
                        name="answer"
                        value="yes"
                        aria-pressed={s.rsvp === 'yes'}
                        className={cx(buttonClass(s.rsvp === 'yes' ? 'primary' : 'secondary'), 'w-full')}
                      >
                        {t('sessions.ibuYes')}
                      </button>
                      <button
                        type="submit"
                        name="answer"
                        value="no"
                        aria-pressed={s.rsvp === 'no'}
                        className={cx(buttonClass(s.rsvp === 'no' ? 'primary' : 'secondary'), 'w-full')}
                      >
                        {t('sessions.ibuNo')}
                      </button>
                    </div>
                  </fieldset>
                </form>
              ) : null}
              {s.status !== 'cancelled' ? (
                <a href={`/api/pertemuan/${s.id}/ics`} className={buttonClass('ghost', 'mt-1 px-0')} download>
                  {t('sessions.ics')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-4 font-semibold text-ink">{t('sessions.ibuAttendedTitle')}</h3>
      {data.attended.length === 0 ? (
        <p className="text-sm text-muted">{t('sessions.ibuAttendedEmpty')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="ibu-attended">
          {data.attended.slice(0, 12).map((s) => (
            <li key={s.id}>
              <span className="text-ink">{s.title}</span> <span className="text-muted">· {formatDate(zonedParts(s.startsAt, data.timeZone).date, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
