import { getLocale, getTranslations } from 'next-intl/server';
import type { groupSessionsAttendedByMother } from '@/lib/data/group-sessions';
import { zonedParts } from '@/lib/domain';
import { formatDate, type UiLocale } from '@/lib/format';
import { Card } from '@/components/ui/card';

/** On the baby/mother page: the KP-ASI sessions the mother attended (present); `data`: groupSessionsAttendedByMother. */
export async function AttendedGroupSessions({ data }: { data: Awaited<ReturnType<typeof groupSessionsAttendedByMother>> }) {
  const { timeZone, sessions } = data;
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('sessions.attendedTitle')}>
      {sessions.length === 0 ? (
        <p className="text-muted">{t('sessions.attendedEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-1" data-testid="attended-sessions">
          {sessions.map((s) => (
            <li key={s.id} className="text-sm">
              <span className="font-semibold text-ink">{s.title}</span>{' '}
              <span className="text-muted">
                · {formatDate(zonedParts(s.startsAt, timeZone).date, locale)} · {s.place}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
