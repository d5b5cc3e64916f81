import { getTranslations } from 'next-intl/server';
import type { JourneyStatus } from '@/lib/domain';
import { Badge, type Tone } from './ui/badge';

export const STATUS_TONE: Record<JourneyStatus, Tone> = {
  ongoing: 'info',
  broken: 'warn',
  graduated: 'ok',
  unrecorded: 'neutral',
  exited: 'neutral',
};

export async function StatusBadge({ status }: { status: JourneyStatus }) {
  const t = await getTranslations('status');
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}
