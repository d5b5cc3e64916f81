import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { markAttendanceAction } from '@/lib/actions/group-sessions';
import type { GroupSessionListItem } from '@/lib/data/group-sessions';
import { zonedParts } from '@/lib/domain';
import { formatDate, formatPercent, formatTime, type UiLocale } from '@/lib/format';
import { Badge, type Tone } from '@/components/ui/badge';
import { cx } from '@/components/ui/cx';

export const STATUS_TONE: Record<'scheduled' | 'cancelled' | 'closed', Tone> = { scheduled: 'info', cancelled: 'danger', closed: 'ok' };

type T = Awaited<ReturnType<typeof getTranslations>>;

export function topicLabel(t: T, s: { topic: string | null; topicText: string | null }): string {
  return s.topic ? t(`sessionTopic.${s.topic}` as never) : (s.topicText ?? '');
}

/** "Senin … 17 Agustus 2024, 09.00–11.00 WIB" */
export function whenText(t: T, s: { startsAt: Date; endsAt: Date }, timeZone: string, locale: UiLocale): string {
  return t('sessions.when', {
    date: formatDate(zonedParts(s.startsAt, timeZone).date, locale),
    start: formatTime(s.startsAt, timeZone, locale),
    end: formatTime(s.endsAt, timeZone, locale),
    zone: t('sessions.zone'),
  });
}

/** Sessions as cards (phone and desktop), each linking to its page. */
export async function GroupSessionList({
  items,
  timeZone,
  base,
  empty,
  testId,
}: {
  items: GroupSessionListItem[];
  timeZone: string;
  base: string;
  empty: string;
  testId?: string;
}) {
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  if (items.length === 0) return <p className="mt-2 text-muted">{empty}</p>;
  return (
    <ul className="mt-3 flex flex-col gap-2" data-testid={testId}>
      {items.map((s) => (
        <li key={s.id} className="rounded-xl border border-line bg-surface p-3" data-status={s.status}>
          <div className="flex items-start justify-between gap-2">
            <Link href={`${base}/${s.id}`} className="font-semibold text-ink underline-offset-4 hover:underline">
              {s.title}
            </Link>
            <Badge tone={STATUS_TONE[s.status]}>{t(`sessions.status.${s.status}`)}</Badge>
          </div>
          <p className="mt-1 text-sm text-ink">{whenText(t, s, timeZone, locale)}</p>
          <p className="text-sm text-muted">
            {t('sessions.village', { village: s.villageName })} · {s.place}
          </p>
          {s.status === 'cancelled' && s.cancelReason ? <p className="text-sm text-danger">{t('sessions.cancelReason', { reason: s.cancelReason })}</p> : null}
          {s.status === 'closed' ? (
            <p className="text-sm text-muted">{t('sessions.attendanceCounts', { present: s.presentMothers, recorded: s.recordedMothers, others: s.presentOthers })}</p>
          ) : s.status === 'scheduled' ? (
            <p className="text-sm text-muted">{t('sessions.counts', { invited: s.invited, yes: s.rsvpYes })}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** What the register's buttons for one person need (here and in components/offline/mark-buttons.tsx). */
export type MarkButtonsProps = {
  sessionId: string;
  name: string;
  current: 'present' | 'excused' | 'absent' | null;
  motherId?: string;
  attendanceId?: string;
  disabled?: boolean;
};

/** Three big buttons: one tap records hadir / izin / tidak hadir (plain form posts). */
export async function MarkButtons({ sessionId, name, current, motherId, attendanceId, disabled }: MarkButtonsProps) {
  const t = await getTranslations();
  const tones = { present: 'bg-ok text-white border-ok', excused: 'bg-warn text-white border-warn', absent: 'bg-danger text-white border-danger' } as const;
  return (
    <form action={markAttendanceAction} className="mt-2 grid grid-cols-3 gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      {motherId ? <input type="hidden" name="motherId" value={motherId} /> : null}
      {attendanceId ? <input type="hidden" name="attendanceId" value={attendanceId} /> : null}
      {(['present', 'excused', 'absent'] as const).map((st) => (
        <button
          key={st}
          type="submit"
          name="status"
          value={st}
          disabled={disabled}
          aria-pressed={current === st}
          aria-label={t('sessions.markFor', { status: t(`sessions.attendance.${st}`), name })}
          className={cx(
            'min-h-12 rounded-lg border px-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60',
            current === st ? tones[st] : 'border-line bg-surface text-ink hover:bg-canvas',
          )}
        >
          {t(`sessions.attendance.${st}`)}
        </button>
      ))}
    </form>
  );
}

export function rateText(t: T, rate: number | null, locale: UiLocale) {
  return formatPercent(rate, locale) ?? t('sessions.noData');
}
