import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { GroupSessionList } from '@/components/group-sessions/views';
import { buttonClass } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/session';
import { listGroupSessions } from '@/lib/data/group-sessions';

export default async function KaderSessionsPage() {
  const user = await requireUser(['kader']);
  const [upcoming, past] = await Promise.all([listGroupSessions(user, { when: 'upcoming' }), listGroupSessions(user, { when: 'past', limit: 12 })]);
  const t = await getTranslations();
  return (
    <Shell user={user} current="/kader/pertemuan">
      <h1 className="text-2xl font-bold text-ink">{t('sessions.title')}</h1>
      <p className="mt-1 text-muted">{t('sessions.kaderIntro')}</p>
      <Link href="/kader/pertemuan/baru" className={buttonClass('primary', 'mt-3 w-full')}>
        {t('sessions.new')}
      </Link>
      <h2 className="mt-6 text-lg font-semibold">{t('sessions.upcoming')}</h2>
      <GroupSessionList items={upcoming.items} timeZone={upcoming.timeZone} base="/kader/pertemuan" empty={t('sessions.noUpcoming')} testId="session-list" />
      <h2 className="mt-6 text-lg font-semibold">{t('sessions.past')}</h2>
      <GroupSessionList items={past.items} timeZone={past.timeZone} base="/kader/pertemuan" empty={t('sessions.noPast')} testId="past-list" />
    </Shell>
  );
}
