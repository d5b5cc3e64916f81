/**
 * The register's three buttons on a kader's phone, as a client form that keeps a tap in the
 * outbox when there is no network (docs/decisions/036-offline-kader.md). Imported only by the
 * register page: the session cards on /kader and /ibu import components/group-sessions/views.tsx,
 * and a client component referenced there would be sent to those pages too.
 */
import { getTranslations } from 'next-intl/server';
import { markAttendanceAction } from '@/lib/actions/group-sessions';
import type { MarkButtonsProps } from '@/components/group-sessions/views';
import { MarkForm } from './mark-form';

const STATUSES = ['present', 'excused', 'absent'] as const;

export async function OfflineMarkButtons(props: MarkButtonsProps) {
  const t = await getTranslations();
  const labels = Object.fromEntries(STATUSES.map((st) => [st, t(`sessions.attendance.${st}`)])) as Record<(typeof STATUSES)[number], string>;
  const ariaLabels = Object.fromEntries(STATUSES.map((st) => [st, t('sessions.markFor', { status: labels[st], name: props.name })])) as Record<
    (typeof STATUSES)[number],
    string
  >;
  return (
    <MarkForm
      action={markAttendanceAction}
      {...props}
      labels={labels}
      ariaLabels={ariaLabels}
      texts={{ markedOffline: t.raw('offline.markedOffline') as string, needsNetwork: t('offline.needsNetwork') }}
    />
  );
}
