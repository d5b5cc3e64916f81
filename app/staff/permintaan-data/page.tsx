import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { CloseRequestForm, RetentionForm } from '@/components/forms/data-rights-forms';
import { Shell } from '@/components/layout/shell';
import { Card } from '@/components/ui/card';
import { orDenied, requireUser } from '@/lib/auth/session';
import { correctionRequestList, retentionOverview } from '@/lib/data/data-rights';
import { formatDate, type UiLocale } from '@/lib/format';
import { flatTexts } from '@/lib/i18n/texts';

/** Staff (issue #30): mothers' correction requests with their age, and what the retention run erases within a month. */
export default async function DataRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const [requests, retention] = await Promise.all([orDenied(correctionRequestList(user)), orDenied(retentionOverview(user))]);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = await flatTexts(['dataRights', 'dataRights.errors', 'validation']);
  const notice = sp.n === 'closed' ? t('dataRights.closed') : sp.n === 'retention' ? t('dataRights.retentionSaved') : null;
  return (
    <Shell user={user} current="/staff/permintaan-data">
      <h1 className="text-2xl font-bold text-ink">{t('dataRights.staffTitle')}</h1>
      <p className="mt-1 text-muted">{t('dataRights.staffIntro')}</p>
      {notice ? (
        <p role="status" className="mt-3 rounded-lg bg-ok-soft p-3 text-sm text-ink">
          {notice}
        </p>
      ) : null}
      <div className="mt-4 flex flex-col gap-4">
        <Card title={t('dataRights.openRequests', { n: requests.open.length })}>
          <p className="text-sm text-muted">{t('dataRights.correctHint')}</p>
          {requests.open.length === 0 ? <p className="mt-2 text-sm text-muted">{t('dataRights.noOpen')}</p> : null}
          <ul className="mt-3 flex flex-col gap-4" data-testid="open-requests">
            {requests.open.map((r) => (
              <li key={r.id} className="rounded-lg border border-line p-3" data-testid="open-request">
                <p className="text-sm font-semibold text-ink">
                  {r.motherName} · {t('dataRights.askedOn', { date: formatDate(r.askedOn, locale) })} ·{' '}
                  <span data-testid="request-age">{r.ageDays === 0 ? t('dataRights.ageToday') : t('dataRights.age', { n: r.ageDays })}</span>
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-ink">{r.body}</p>
                {r.babyId ? (
                  <Link href={`/staff/bayi/${r.babyId}`} className="mt-2 inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
                    {t('dataRights.openBaby')}
                  </Link>
                ) : null}
                <div className="mt-2">
                  <CloseRequestForm requestId={r.id} texts={texts} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
        {requests.closed.length ? (
          <Card title={t('dataRights.closedRequests')}>
            <ul className="flex flex-col gap-2 text-sm">
              {requests.closed.map((r) => (
                <li key={r.id} className="break-words text-ink">
                  <span className="font-semibold">{r.motherName}</span> · {t('dataRights.askedOn', { date: formatDate(r.askedOn, locale) })} ·{' '}
                  {t('dataRights.closedOn', { date: r.closedOn ? formatDate(r.closedOn, locale) : '' })}: {r.closeNote}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card title={t('dataRights.retentionTitle')}>
          <p className="text-sm text-ink">
            {t('dataRights.retentionIntro', { months: retention.months })} {retention.isDefault ? t('dataRights.retentionDefault') : ''}
          </p>
          <p className="mt-1 text-sm text-muted">
            {t('dataRights.erasedCounts', { withdrawal: retention.erased.withdrawal ?? 0, retention: retention.erased.retention ?? 0 })}
          </p>
          {retention.mayChange ? (
            <div className="mt-3">
              <RetentionForm months={retention.months} texts={texts} />
            </div>
          ) : null}
          <h3 className="mt-4 font-semibold text-ink">{t('dataRights.dueTitle', { n: retention.due.length })}</h3>
          {retention.due.length === 0 ? (
            <p className="text-sm text-muted">{t('dataRights.dueNone')}</p>
          ) : (
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="due-list">
                <thead>
                  <tr className="border-b border-line text-muted">
                    <th scope="col" className="py-2 pr-4">
                      {t('dataRights.mother')}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {t('dataRights.babiesCount')}
                    </th>
                    <th scope="col" className="py-2">
                      {t('dataRights.dueOn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {retention.due.map((d) => (
                    <tr key={d.motherId} className="border-b border-line">
                      <td className="py-2 pr-4">
                        {d.babyId ? (
                          <Link href={`/staff/bayi/${d.babyId}`} className="font-semibold text-brand underline-offset-4 hover:underline">
                            {d.name}
                          </Link>
                        ) : (
                          d.name
                        )}
                      </td>
                      <td className="py-2 pr-4">{d.babies}</td>
                      <td className="py-2">{formatDate(d.dueOn, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </Shell>
  );
}
