import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { MonthCalendar } from '@/components/group-sessions/calendar';
import { rateText, GroupSessionList } from '@/components/group-sessions/views';
import { buttonClass } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { listGroupSessions, monthGroupSessions, groupSessionFormContext, villageAttendance } from '@/lib/data/group-sessions';
import { isoToday } from '@/lib/domain';
import type { UiLocale } from '@/lib/format';

type View = 'mendatang' | 'lalu' | 'kalender';

export default async function StaffSessionsPage({ searchParams }: { searchParams: Promise<{ tampil?: string; bulan?: string; desa?: string }> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const view: View = sp.tampil === 'lalu' || sp.tampil === 'kalender' ? sp.tampil : 'mendatang';
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const ctx = await groupSessionFormContext(user);
  const villageId = ctx.villages.some((v) => v.id === sp.desa) ? sp.desa! : null;
  const tabs: { key: View; label: string }[] = [
    { key: 'mendatang', label: t('sessions.upcoming') },
    { key: 'lalu', label: t('sessions.past') },
    { key: 'kalender', label: t('sessions.calendar') },
  ];
  const href = (k: View) => `/staff/pertemuan?tampil=${k}${villageId ? `&desa=${villageId}` : ''}`;
  const today = isoToday(ctx.timeZone);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.bulan ?? '') ? sp.bulan! : today.slice(0, 7);
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  const [list, calendar, perVillage] = await Promise.all([
    view === 'kalender' ? null : listGroupSessions(user, { when: view === 'lalu' ? 'past' : 'upcoming', villageId }),
    view === 'kalender' ? monthGroupSessions(user, year, monthNo) : null,
    villageAttendance(user),
  ]);
  return (
    <Shell user={user} current="/staff/pertemuan">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-ink">{t('sessions.title')}</h1>
          <p className="mt-1 text-muted">{t('sessions.intro')}</p>
        </div>
        <Link href="/staff/pertemuan/baru" className={buttonClass('primary')}>
          {t('sessions.new')}
        </Link>
      </div>
      <nav aria-label={t('sessions.views')} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {tabs.map((tab) => (
            <li key={tab.key}>
              <Link href={href(tab.key)} aria-current={view === tab.key ? 'page' : undefined} className={buttonClass(view === tab.key ? 'primary' : 'secondary')}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view !== 'kalender' ? (
        <form method="get" className="mt-4 flex flex-wrap items-end gap-2">
          <input type="hidden" name="tampil" value={view} />
          <div className="flex flex-col gap-1">
            <label htmlFor="desa" className="text-sm font-semibold text-ink">
              {t('sessions.fields.villageId')}
            </label>
            <select id="desa" name="desa" defaultValue={villageId ?? ''} className="min-h-11 rounded-lg border border-line bg-surface px-3">
              <option value="">{t('sessions.allVillages')}</option>
              {ctx.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            {t('sessions.filter')}
          </button>
        </form>
      ) : null}
      <section className="mt-4">
        {view === 'kalender' ? (
          <MonthCalendar month={month} data={calendar!} base="/staff/pertemuan" />
        ) : (
          <GroupSessionList
            items={list!.items}
            timeZone={list!.timeZone}
            base="/staff/pertemuan"
            empty={view === 'lalu' ? t('sessions.noPast') : t('sessions.noUpcoming')}
            testId="session-list"
          />
        )}
      </section>
      <section className="mt-8">
        <Table caption={t('sessions.perVillage')}>
          <thead>
            <tr>
              <Th>{t('sessions.villageCol')}</Th>
              <Th numeric>{t('sessions.heldCol')}</Th>
              <Th numeric>{t('sessions.mothersCol')}</Th>
              <Th numeric>{t('sessions.othersCol')}</Th>
              <Th numeric>{t('sessions.rateCol')}</Th>
            </tr>
          </thead>
          <tbody data-testid="village-attendance">
            {perVillage.map((v) => (
              <tr key={v.villageId}>
                <Td>{v.villageName}</Td>
                <Td numeric>{v.held}</Td>
                <Td numeric>{v.presentMothers}</Td>
                <Td numeric>{v.presentOthers}</Td>
                <Td numeric>
                  {rateText(t, v.attendanceRate, locale)}
                  <span className="block text-xs text-muted">{t('common.of', { num: v.presentMothers, den: v.recordedMothers })}</span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </Shell>
  );
}
