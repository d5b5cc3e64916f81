import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { figureTexts, CoverageValue } from '@/components/coverage/figures';
import { PeriodPicker } from '@/components/district/period-picker';
import { CoverageByPuskesmas, F1ByPuskesmas, periodLabel, TrendTable } from '@/components/district/tables';
import { Shell } from '@/components/layout/shell';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { orDenied, requireUser } from '@/lib/auth/session';
import { districtOverview } from '@/lib/data/district';
import { districtKnowledge } from '@/lib/data/knowledge-figures';
import { DistrictKnowledgeTable } from '@/components/knowledge-figures/knowledge-figures';
import { isEmptyTotals } from '@/lib/data/coverage';
import { monthOf } from '@/lib/domain';
import { formatNumber, type UiLocale } from '@/lib/format';
import { parsePeriodParam, recentPeriods } from '@/lib/validation/district';

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('roles');
  return { title: t('dinkes') };
}

/**
 * /dinkes (issue #19): the district office compares the puskesmas of its kabupaten for a month,
 * quarter or year — aggregates only (lib/data/district.ts returns counts and puskesmas names).
 */
export default async function DistrictPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['dinkes']);
  const sp = await searchParams;
  // A period that is not one (?bulan=abc) shows this month, as the staff pages do.
  const periodParam = parsePeriodParam(sp.bulan)?.param ?? null;
  const [d, knowledge] = await Promise.all([orDenied(districtOverview(user, periodParam)), orDenied(districtKnowledge(user, periodParam))]);
  const t = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const label = await periodLabel(d.period);
  const kab = d.kabupaten.name;
  const totalLabel = t('district.totalRow', { kabupaten: kab });
  const file = (ext: 'xlsx' | 'csv') => `/api/dinkes/laporan/${d.period.param}/${ext}`;
  return (
    <Shell user={user} current="/dinkes">
      <h1 className="text-2xl font-bold text-ink">{t('district.title', { kabupaten: kab })}</h1>
      <p className="mt-1 max-w-3xl text-muted">{t('district.intro', { kabupaten: kab })}</p>

      <div className="mt-4 flex flex-wrap items-end gap-3 rounded-xl border border-line bg-surface p-4">
        <PeriodPicker selected={d.period} options={recentPeriods(monthOf(d.today))} />
        <div className="flex flex-wrap items-center gap-3 lg:ml-auto">
          <span className="w-full text-sm text-muted lg:w-auto">{t('district.downloads')}</span>
          <a href={file('xlsx')} download className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white hover:bg-brand-strong">
            {t('district.xlsx')}
          </a>
          <a href={file('csv')} download className="inline-flex min-h-11 items-center rounded-lg border border-brand px-4 font-semibold text-brand hover:bg-brand-soft">
            {t('district.csv')}
          </a>
        </div>
      </div>

      {d.puskesmas.length === 0 ? (
        <div className="mt-6" data-testid="district-no-puskesmas">
          <EmptyState title={t('district.noPuskesmasTitle', { kabupaten: kab })}>{t('district.noPuskesmasBody')}</EmptyState>
        </div>
      ) : null}

      <section className="mt-6" aria-labelledby="district-total">
        <h2 id="district-total" className="text-lg font-semibold text-ink">
          {t('district.totalTitle', { kabupaten: kab, period: label })}
        </h2>
        {d.puskesmas.length > 0 && isEmptyTotals(d.total) ? <p className="mt-1 text-sm text-muted">{t('district.emptyPeriod')}</p> : null}
        <dl className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="district-summary">
          <div className="rounded-xl border border-line bg-surface p-4">
            <dt className="text-sm text-muted">{t('coverage.recall')}</dt>
            <dd className="mt-1">
              <CoverageValue fig={fig} c={d.total.recallCoverage} size="lg" testId="district-total-recall" />
            </dd>
          </div>
          <div className="rounded-xl border border-line bg-surface p-4">
            <dt className="text-sm text-muted">{t('coverage.sixMonth')}</dt>
            <dd className="mt-1">
              <CoverageValue fig={fig} c={d.total.sixMonthCoverage} size="lg" testId="district-total-six" />
            </dd>
          </div>
          <div className="rounded-xl border border-line bg-surface p-4">
            <dt className="text-sm text-muted">{t('report.sessionsHeld')}</dt>
            <dd className="mt-1 text-3xl font-bold tabular-nums text-ink">{n(d.sessions.held)}</dd>
          </div>
          <div className="rounded-xl border border-line bg-surface p-4">
            <dt className="text-sm text-muted">{t('report.certificates')}</dt>
            <dd className="mt-1 text-3xl font-bold tabular-nums text-ink">{n(d.certificatesIssued)}</dd>
          </div>
        </dl>
      </section>

      <section className="mt-6 flex flex-col gap-2" data-testid="district-coverage">
        <CoverageByPuskesmas rows={d.puskesmas} total={d.total} caption={t('district.coverageTitle', { period: label })} totalLabel={totalLabel} year={d.period.year} />
        <p className="max-w-3xl text-sm text-muted">{t('district.sumNote')}</p>
      </section>

      <section className="mt-6 flex flex-col gap-2">
        <F1ByPuskesmas rows={d.puskesmas} total={d.total} caption={t('district.f1Title', { period: label })} totalLabel={totalLabel} />
        {d.period.kind === 'month' ? null : <p className="max-w-3xl text-sm text-muted">{t('district.quarterNote')}</p>}
      </section>

      <section className="mt-6 flex flex-col gap-2">
        <TrendTable trend={d.trend} caption={t('district.trendTitle', { kabupaten: kab })} />
        <p className="text-sm text-muted">{t('district.trendNote')}</p>
      </section>

      <DistrictKnowledgeTable rows={knowledge.puskesmas} total={knowledge.total.figures} periodLabel={label} totalLabel={totalLabel} />

      <Card className="mt-6">
        <p className="text-sm text-muted">{t('district.privacy')}</p>
        <p className="mt-2">
          <Link href="/dinkes/pengguna" className="inline-flex min-h-11 items-center font-semibold text-brand underline-offset-4 hover:underline">
            {t('district.accountsLink')} →
          </Link>
        </p>
      </Card>
    </Shell>
  );
}
