import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { monthGroupSessions } from '@/lib/data/group-sessions';
import { addToYearMonth, daysInMonth, formatIsoDate } from '@/lib/domain';
import { formatMonth, formatTime, type UiLocale } from '@/lib/format';
import { cx } from '@/components/ui/cx';

/**
 * A month grid (Monday first) with each day's sessions; cancelled ones struck through. `month` is
 * 'YYYY-MM'; `data` is monthGroupSessions of that month.
 */
export async function MonthCalendar({ month, data, base }: { month: string; data: Awaited<ReturnType<typeof monthGroupSessions>>; base: string }) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const { timeZone, items } = data;
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const first = new Date(Date.UTC(year, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7;
  const days = daysInMonth(year, m);
  const cells: (string | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => formatIsoDate(year, m, i + 1))];
  while (cells.length % 7) cells.push(null);
  const prev = addToYearMonth({ year, month: m }, -1);
  const next = addToYearMonth({ year, month: m }, 1);
  const ym = (x: { year: number; month: number }) => `${x.year}-${String(x.month).padStart(2, '0')}`;
  const title = formatMonth(year, m, locale);
  const weekdays = t('sessions.weekdays').split(',');
  return (
    <div>
      <div className="mb-3 flex items-center justify-between gap-2">
        <Link className="min-h-11 px-2 py-2 text-brand underline" href={`${base}?tampil=kalender&bulan=${ym(prev)}`}>
          ← {t('sessions.prevMonth')}
        </Link>
        <h2 className="text-lg font-semibold text-ink">{title}</h2>
        <Link className="min-h-11 px-2 py-2 text-brand underline" href={`${base}?tampil=kalender&bulan=${ym(next)}`}>
          {t('sessions.nextMonth')} →
        </Link>
      </div>
      <table className="w-full table-fixed border-collapse text-sm" data-testid="calendar">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col" className="border border-line bg-canvas p-1 text-ink">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: cells.length / 7 }, (_, w) => (
            <tr key={w}>
              {cells.slice(w * 7, w * 7 + 7).map((day, i) => (
                <td key={i} className="h-24 border border-line p-1 align-top">
                  {day ? (
                    <>
                      <span className="text-xs text-muted">{Number(day.slice(8))}</span>
                      <ul className="flex flex-col gap-1">
                        {items
                          .filter((s) => s.day === day)
                          .map((s) => (
                            <li key={s.id}>
                              <Link
                                href={`${base}/${s.id}`}
                                className={cx('block rounded bg-brand-soft px-1 text-xs text-ink hover:underline', s.status === 'cancelled' && 'line-through')}
                              >
                                {formatTime(s.startsAt, timeZone, locale)} {s.villageName}: {s.title}
                                {s.status === 'cancelled' ? ` (${t('sessions.status.cancelled')})` : ''}
                              </Link>
                            </li>
                          ))}
                      </ul>
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
