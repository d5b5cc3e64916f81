import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ReasonLessons } from '@/components/lessons/reason-lessons';
import { lessonsForReader } from '@/lib/data/lessons';
import { Shell } from '@/components/layout/shell';
import { CurveChart, ReasonsChart, TrendChart } from '@/components/charts/coverage-charts';
import { figureTexts, CoverageValue, monthLabel } from '@/components/coverage/figures';
import { TargetNote } from '@/components/coverage/target-note';
import { PeriodSelect } from '@/components/district/period-picker';
import { periodLabel } from '@/components/district/tables';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, Td, Th } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { FirstStepsCard } from '@/components/staff/first-steps';
import { firstSteps } from '@/lib/data/first-steps';
import { coverageDashboard, isEmptyTotals, type PlaceRow } from '@/lib/data/coverage';
import { knowledgeFiguresFor } from '@/lib/data/knowledge-figures';
import { KnowledgeSection } from '@/components/knowledge-figures/knowledge-figures';
import { JOURNEY_STATUSES, monthOf, roundPercent, STOP_REASONS, type Coverage } from '@/lib/domain';
import { StatusBadge } from '@/components/status-badge';
import { formatDate, formatNumber, type UiLocale } from '@/lib/format';
import { monthParam, parseDashboardParams } from '@/lib/validation/coverage';
import { parsePeriodParam, recentPeriods } from '@/lib/validation/district';
import { searchParam } from '@/lib/search-params';

type Search = Record<string, string | string[] | undefined>;
const SORTS = ['nama', 'recall', 'enam'] as const;
type Sort = (typeof SORTS)[number];

function sortRows(rows: PlaceRow[], sort: Sort): PlaceRow[] {
  const key = (r: PlaceRow, k: 'recallCoverage' | 'sixMonthCoverage') => r.current?.[k].percent ?? Number.POSITIVE_INFINITY;
  const byName = (a: PlaceRow, b: PlaceRow) => (a.villageName ?? '').localeCompare(b.villageName ?? '', 'id') || a.name.localeCompare(b.name, 'id');
  return [...rows].sort((a, b) =>
    sort === 'recall'
      ? key(a, 'recallCoverage') - key(b, 'recallCoverage') || byName(a, b)
      : sort === 'enam'
        ? key(a, 'sixMonthCoverage') - key(b, 'sixMonthCoverage') || byName(a, b)
        : byName(a, b),
  );
}

/** The row with the lowest six-month coverage (else the lowest recall coverage), when there is data. */
function lowestId(rows: PlaceRow[]): string | null {
  for (const k of ['sixMonthCoverage', 'recallCoverage'] as const) {
    const withData = rows.filter((r) => r.current?.[k].percent != null);
    if (withData.length > 1) return withData.reduce((lo, r) => (r.current![k].percent! < lo.current![k].percent! ? r : lo)).id;
  }
  return null;
}

export default async function StaffDashboard({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const sp = await searchParams;
  const params = parseDashboardParams(sp);
  const sortParam = searchParam(sp.urut) as Sort | undefined;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'nama';
  // `bulan` is a month, a quarter (2026-Q1) or a year (2026); anything else is this month.
  const period = parsePeriodParam(searchParam(sp.bulan));
  const [d, knowledge, steps] = await Promise.all([
    coverageDashboard(user, { ...params, period }),
    knowledgeFiguresFor(user, { period, villageId: params.villageId, posyanduId: params.posyanduId }),
    firstSteps(user),
  ]);
  const t = await getTranslations('coverage');
  const tr = await getTranslations('breakReason');
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  // The lesson answering each reason for stopping (issue #28), linked under that table.
  const reasonLessons = await lessonsForReader(user, locale);
  const tl = await getTranslations('lessonCards');
  const n = (v: number) => formatNumber(v, locale);
  const mLabel = await periodLabel(d.period);
  const prevLabel = await periodLabel(d.previousPeriod);
  const query = (over: Record<string, string | null>) => {
    const q = new URLSearchParams();
    const base: Record<string, string | null> = {
      bulan: d.period.param,
      desa: d.filters.villageId,
      posyandu: d.filters.posyanduId,
      urut: sort === 'nama' ? null : sort,
      ...over,
    };
    for (const [k, v] of Object.entries(base)) if (v) q.set(k, v);
    return `/staff?${q.toString()}`;
  };
  const empty = isEmptyTotals(d.current);
  const reasonKeys = STOP_REASONS.map((r) => ({ key: r, label: r === 'unknown' ? t('reasonUnknown') : tr(r) }));
  const villagePosyandu = d.places.posyandu.filter((p) => !d.filters.villageId || p.villageId === d.filters.villageId);

  const SortHeader = ({ col, label, numeric }: { col: Sort; label: string; numeric?: boolean }) => (
    <Th numeric={numeric}>
      <Link
        href={query({ urut: col === 'nama' ? null : col })}
        className="inline-flex min-h-11 items-center underline-offset-4 hover:underline"
        aria-label={t('sortBy', { column: label })}
        aria-current={sort === col ? 'true' : undefined}
      >
        {label}
        {sort === col ? ' ▲' : ''}
      </Link>
    </Th>
  );

  const placeTable = (rows: PlaceRow[], caption: string, testId: string, withVillage: boolean) => {
    const lo = lowestId(rows);
    return (
      <Table caption={caption} className="mt-6">
        <thead>
          <tr>
            {withVillage ? <Th>{t('village')}</Th> : null}
            <SortHeader col="nama" label={withVillage ? t('posyandu') : t('village')} />
            <Th>{t('followed')}</Th>
            <SortHeader col="recall" label={t('recall')} />
            <Th>{prevLabel}</Th>
            <SortHeader col="enam" label={t('sixMonth')} />
            <Th>{prevLabel}</Th>
          </tr>
        </thead>
        <tbody data-testid={testId}>
          {sortRows(rows, sort).map((r) => (
            <tr key={r.id} data-name={r.name} {...(r.id === lo ? { 'data-lowest': 'true', className: 'bg-warn-soft' } : null)}>
              {withVillage ? <Td>{r.villageName}</Td> : null}
              <Td>
                {r.name}
                {r.id === lo ? <span className="ml-2 rounded bg-warn px-1.5 py-0.5 text-xs font-semibold text-white">{t('lowest')}</span> : null}
              </Td>
              <Td>{formatNumber(r.followed, locale)}</Td>
              <Td>
                <CoverageValue fig={fig} c={r.current?.recallCoverage} />
              </Td>
              <Td>
                <CoverageValue fig={fig} c={r.previous?.recallCoverage} />
              </Td>
              <Td>
                <CoverageValue fig={fig} c={r.current?.sixMonthCoverage} />
              </Td>
              <Td>
                <CoverageValue fig={fig} c={r.previous?.sixMonthCoverage} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    );
  };

  const headline = (label: string, help: string, cur: Coverage | undefined, prev: Coverage | undefined, testId: string) => (
    <Card title={label}>
      <p className="text-sm text-muted">{help}</p>
      <dl className="mt-3 grid grid-cols-2 gap-4">
        <div>
          <dt className="text-sm font-semibold text-muted">{t('periodNow', { period: mLabel })}</dt>
          <dd>
            <CoverageValue fig={fig} c={cur} size="lg" testId={testId} />
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-muted">{t('periodBefore', { period: prevLabel })}</dt>
          <dd>
            <CoverageValue fig={fig} c={prev} size="lg" testId={`${testId}-prev`} />
          </dd>
        </div>
      </dl>
      <TargetNote c={cur} target={d.target} className="mt-2" testId={`${testId}-target`} />
    </Card>
  );

  return (
    <Shell user={user} current="/staff">
      <h1 className="text-2xl font-bold text-ink">{t('title', { puskesmas: d.puskesmasName })}</h1>
      <p className="mt-1 text-muted">{t('intro')}</p>
      <p className="mt-1 text-sm text-muted" data-testid="as-of-note">
        {t('asOfNote', { period: mLabel, date: formatDate(d.asOf, locale) })}
      </p>
      {steps.show ? (
        <FirstStepsCard
          steps={steps}
          texts={{
            title: t('firstSteps.title'),
            intro: t('firstSteps.intro'),
            progress: t('firstSteps.progress', { done: steps.done, total: steps.steps.length }),
            done: t('firstSteps.done'),
            todo: t('firstSteps.todo'),
            steps: Object.fromEntries(
              steps.steps.map((s) => [
                s.key,
                { title: t(`firstSteps.steps.${s.key}.title`), hint: t(`firstSteps.steps.${s.key}.hint`), action: t(`firstSteps.steps.${s.key}.action`) },
              ]),
            ),
          }}
        />
      ) : null}

      <form method="get" action="/staff" className="mt-4 flex flex-wrap items-end gap-3 rounded-xl border border-line bg-surface p-4" aria-label={t('filters')}>
        <PeriodSelect selected={d.period} options={recentPeriods(monthOf(d.today))} />
        <label className="flex flex-col text-sm font-semibold text-ink">
          {t('village')}
          <select name="desa" defaultValue={d.filters.villageId ?? ''} className="mt-1 min-h-11 rounded-lg border border-line bg-surface px-3 font-normal">
            <option value="">{t('allVillages')}</option>
            {d.places.villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm font-semibold text-ink">
          {t('posyandu')}
          <select name="posyandu" defaultValue={d.filters.posyanduId ?? ''} className="mt-1 min-h-11 rounded-lg border border-line bg-surface px-3 font-normal">
            <option value="">{t('allPosyandu')}</option>
            {villagePosyandu.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {sort !== 'nama' ? <input type="hidden" name="urut" value={sort} /> : null}
        <button type="submit" className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white hover:bg-brand-strong">
          {t('apply')}
        </button>
        <Link href="/staff" className="inline-flex min-h-11 items-center px-2 font-semibold text-brand underline-offset-4 hover:underline">
          {t('reset')}
        </Link>
        <Link
          href={`/staff/laporan?bulan=${d.period.param}${d.filters.villageId ? `&desa=${d.filters.villageId}` : ''}`}
          className="ml-auto inline-flex min-h-11 items-center px-2 font-semibold text-brand underline-offset-4 hover:underline"
        >
          {t('openReportPeriod', { period: mLabel })}
        </Link>
      </form>

      {empty ? (
        <div className="mt-6" data-testid="dashboard-empty">
          <EmptyState title={t('emptyTitle', { month: mLabel })}>{t('emptyBody')}</EmptyState>
        </div>
      ) : null}

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {headline(t('recall'), t('recallHelp'), d.current?.recallCoverage, d.previous?.recallCoverage, 'recall-coverage')}
        {headline(t('sixMonth'), t('sixMonthHelp'), d.current?.sixMonthCoverage, d.previous?.sixMonthCoverage, 'six-month-coverage')}
      </div>

      <Card title={t('statusToday', { date: formatDate(d.asOf, locale) })} className="mt-6">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="status-counts">
          {JOURNEY_STATUSES.map((s) => (
            <li key={s} className="flex flex-col items-start gap-2 rounded-lg border border-line p-3" data-status={s}>
              <StatusBadge status={s} />
              <span className="text-2xl font-bold tabular-nums">{n(d.statusOnDay[s])}</span>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('trend')} className="mt-6">
        <p className="text-sm text-muted">{t('trendCaption')}</p>
        <TrendChart
          data={d.trend.map((m) => ({
            label: monthLabel(m, locale, 'short'),
            recall: roundPercent(m.recallCoverage.percent),
            sixMonth: roundPercent(m.sixMonthCoverage.percent),
            target: m.target,
          }))}
          labels={{ recall: t('recall'), sixMonth: t('sixMonth'), target: t('targetLine') }}
          ariaLabel={t('trendCaption')}
        />
        <Table caption={t('trendTable')} className="mt-4">
          <thead>
            <tr>
              <Th>{t('trendMonth')}</Th>
              <Th>{t('recall')}</Th>
              <Th>{t('sixMonth')}</Th>
            </tr>
          </thead>
          <tbody data-testid="trend-table">
            {[...d.trend].reverse().map((m) => (
              <tr key={`${m.year}-${m.month}`} data-month={monthParam(m)}>
                <Td>{monthLabel(m, locale)}</Td>
                <Td>
                  <CoverageValue fig={fig} c={m.recallCoverage} />
                </Td>
                <Td>
                  <CoverageValue fig={fig} c={m.sixMonthCoverage} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      {placeTable(d.villages, t('perVillage', { month: mLabel }), 'village-table', false)}
      {placeTable(d.posyandu, t('perPosyandu', { month: mLabel }), 'posyandu-table', true)}
      <p className="mt-2 text-sm text-muted">{t('lowestNote')}</p>

      <Card title={t('curve')} className="mt-6">
        <p className="text-sm text-muted">{t('curveHelp', { date: formatDate(d.curveDay, locale) })}</p>
        <CurveChart
          data={d.curve.map((p) => ({ label: t('ageMonthShort', { n: p.month }), share: roundPercent(p.share.percent) }))}
          label={t('share')}
          ariaLabel={t('curve')}
        />
        <Table caption={t('curve')} className="mt-4">
          <thead>
            <tr>
              {d.curve.map((p) => (
                <Th key={p.month}>{t('ageMonthShort', { n: p.month })}</Th>
              ))}
            </tr>
          </thead>
          <tbody data-testid="curve-table">
            <tr>
              {d.curve.map((p) => (
                <Td key={p.month}>
                  <CoverageValue fig={fig} c={p.share} />
                </Td>
              ))}
            </tr>
          </tbody>
        </Table>
      </Card>

      <Card title={t('reasons')} className="mt-6">
        <p className="text-sm text-muted">{t('reasonsHelp')}</p>
        {d.reasonsByVillage.length === 0 ? (
          <p className="mt-3">{t('reasonsEmpty')}</p>
        ) : (
          <>
            <ReasonsChart data={d.reasonsByVillage.map((v) => ({ name: v.name, ...v.counts }))} reasons={reasonKeys} ariaLabel={t('reasons')} />
            <Table caption={t('reasons')} className="mt-4">
              <thead>
                <tr>
                  <Th>{t('village')}</Th>
                  {reasonKeys.map((r) => (
                    <Th key={r.key} numeric>
                      {r.label}
                    </Th>
                  ))}
                  <Th numeric>{t('total')}</Th>
                </tr>
              </thead>
              <tbody data-testid="reasons-table">
                {d.reasonsByVillage.map((v) => (
                  <tr key={v.id}>
                    <Td>{v.name}</Td>
                    {reasonKeys.map((r) => (
                      <Td key={r.key} numeric>
                        {n(v.counts[r.key])}
                      </Td>
                    ))}
                    <Td numeric>{n(v.total)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <ReasonLessons lessons={reasonLessons} reasons={reasonKeys} label={(title) => tl('stopReasonLesson', { title })} />
          </>
        )}
      </Card>

      <Card title={t('sessions')} className="mt-6">
        <dl className="grid gap-4 sm:grid-cols-3" data-testid="sessions">
          <div>
            <dt className="text-sm text-muted">{t('sessionsHeld')}</dt>
            <dd className="text-2xl font-bold tabular-nums">{n(d.sessions.held)}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t('attendance')}</dt>
            <dd className="text-2xl font-bold tabular-nums">{n(d.sessions.present)}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t('mothersAttended')}</dt>
            <dd className="text-2xl font-bold tabular-nums">{n(d.sessions.mothers)}</dd>
          </div>
        </dl>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm font-semibold text-ink">{t('attendedCoverage')}</dt>
            <dd>
              <CoverageValue fig={fig} c={d.sessions.attended} size="lg" testId="attended-coverage" />
            </dd>
          </div>
          <div>
            <dt className="text-sm font-semibold text-ink">{t('notAttendedCoverage')}</dt>
            <dd>
              <CoverageValue fig={fig} c={d.sessions.notAttended} size="lg" testId="not-attended-coverage" />
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-sm text-muted">{t('attendedHelp')}</p>
      </Card>

      <KnowledgeSection figures={knowledge.figures} periodLabel={mLabel} />

      <Table caption={t('kaders', { month: mLabel })} className="mt-6">
        <thead>
          <tr>
            <Th>{t('kader')}</Th>
            <Th>{t('posyandu')}</Th>
            <Th numeric>{t('mothersPerKader')}</Th>
            <Th numeric>{t('visitsInPeriod')}</Th>
            <Th numeric>{t('onTime')}</Th>
            <Th numeric>{t('late')}</Th>
            <Th numeric>{t('missed')}</Th>
            <Th>{t('lastVisit')}</Th>
          </tr>
        </thead>
        <tbody data-testid="kader-table">
          {d.kaders.length === 0 ? (
            <tr>
              <Td className="text-muted">{t('kadersEmpty')}</Td>
            </tr>
          ) : (
            d.kaders.map((k) => (
              <tr key={k.id} className={k.noVisit30Days ? 'bg-danger-soft' : undefined} data-no-visit={k.noVisit30Days ? 'true' : undefined}>
                <Td>{k.name}</Td>
                <Td>{k.posyanduName}</Td>
                <Td numeric>{n(k.mothersFollowed)}</Td>
                <Td numeric>{n(k.visitsInMonth)}</Td>
                <Td numeric>{n(k.windows.onTime)}</Td>
                <Td numeric>{n(k.windows.late)}</Td>
                <Td numeric>{n(k.windows.missed)}</Td>
                <Td>
                  {k.lastVisit ? formatDate(k.lastVisit, locale) : t('never')}
                  {k.noVisit30Days ? <span className="ml-2 font-semibold text-danger">{t('noVisit30')}</span> : null}
                </Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <p className="mt-2 text-sm text-muted">
        {t('windowsNotePeriod', { date: formatDate(d.asOf, locale) })}{' '}
        {t('noVisit30Count', { n: d.kaders.filter((k) => k.noVisit30Days).length, date: formatDate(d.asOf, locale) })}
      </p>
      <p className="mt-1 text-sm text-muted" data-testid="late-registered">
        {t('lateRegistered', { n: d.lateRegistered })}
      </p>
    </Shell>
  );
}
