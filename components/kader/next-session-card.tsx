import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { nextGroupSessionsForKader } from '@/lib/data/group-sessions';
import type { UiLocale } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { STATUS_TONE, whenText } from '@/components/group-sessions/views';

/** The kader's next sessions in her village (`data`: nextGroupSessionsForKader), with the way to the register. */
export async function KaderNextSessionCard({ data }: { data: Awaited<ReturnType<typeof nextGroupSessionsForKader>> }) {
  const { timeZone, items } = data;
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  return (
    <Card title={t('sessions.nextTitle')} className="mt-6">
      {items.length === 0 ? (
        <p className="text-muted">{t('sessions.nextEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="kader-next-sessions">
          {items.map((s) => (
            <li key={s.id}>
              <div className="flex items-start justify-between gap-2">
                <Link href={`/kader/pertemuan/${s.id}`} className="inline-flex min-h-11 items-center font-semibold text-ink underline-offset-4 hover:underline">
                  {s.title}
                </Link>
                <Badge tone={STATUS_TONE[s.status]}>{t(`sessions.status.${s.status}`)}</Badge>
              </div>
              <p className="text-sm text-ink">{whenText(t, s, timeZone, locale)}</p>
              <p className="text-sm text-muted">
                {s.place} · {t('sessions.counts', { invited: s.invited, yes: s.rsvpYes })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Link href="/kader/pertemuan" className={buttonClass('secondary', 'mt-3 w-full')}>
        {t('sessions.allSessions')}
      </Link>
    </Card>
  );
}
