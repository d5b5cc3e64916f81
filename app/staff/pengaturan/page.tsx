import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { BlockedTermsForm, ProfileForm, PublicUrlForm, SignatoryForm, TargetForm, VisitWindowsForm } from '@/components/settings/settings-forms';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { settingsOverview } from '@/lib/data/settings';
import { formatDate, formatPercent, type UiLocale } from '@/lib/format';
import { SETTINGS_LIMITS, TIME_ZONES } from '@/lib/validation/settings';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('settings');
  return { title: t('title') };
}

const ZONE_KEY = { 'Asia/Jakarta': 'wib', 'Asia/Makassar': 'wita', 'Asia/Jayapura': 'wit' } as const;

/** Every string of a message section, nested keys included, as "section.a.b" (for the client forms). */
function flatten(prefix: string, node: unknown, out: Record<string, string> = {}): Record<string, string> {
  if (typeof node === 'string') out[prefix] = node;
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(`${prefix}.${k}`, v, out);
  return out;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 rounded-xl border border-line bg-surface p-4 shadow-sm md:p-6">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-ink">
        {title}
      </h2>
      {intro ? <div className="mt-1 max-w-3xl text-sm text-muted">{intro}</div> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {rows.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-sm font-semibold text-muted">{k}</dt>
          <dd className="break-words text-ink">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * /staff/pengaturan: the puskesmas's settings (issue #18). The admin edits them, one form per
 * section; staff see the same values read-only; kader and ibu get 403 (here and in lib/data).
 */
export default async function SettingsPage() {
  const user = await requireUser(['staff', 'admin']);
  const d = await orDenied(settingsOverview(user));
  const t = await getTranslations('settings');
  const tAll = await getTranslations();
  const locale = (await getLocale()) as UiLocale;
  const texts = { ...flatten('settings', tAll.raw('settings')), ...flatten('validation', tAll.raw('validation')) };
  const notSet = <span className="text-muted">{t('notSet')}</span>;
  const range = (w: { fromDay: number; toDay: number | null }) =>
    w.toDay === null ? t('windows.rangeOpen', { from: w.fromDay }) : t('windows.range', { from: w.fromDay, to: w.toDay });
  const zones = TIME_ZONES.map((z) => ({ value: z, label: t(`zones.${ZONE_KEY[z]}`) }));
  const zoneLabel = zones.find((z) => z.value === d.profile.timeZone)?.label ?? d.profile.timeZone;
  const serialExample = `KEKASIHKU/${d.profile.code}/${d.thisYear}/1`;
  const targetNow =
    d.targetThisYear === null
      ? t('target.thisYearUnset', { year: d.thisYear })
      : t('target.thisYear', { year: d.thisYear, percent: formatPercent(d.targetThisYear, locale)! });
  const windowsSource =
    d.windows.source === 'change'
      ? t('windows.sourceChange', { date: formatDate(d.windows.since!, locale) })
      : d.windows.source === 'base' && !d.windows.isDefault
        ? t('windows.sourceBase')
        : t('windows.sourceDefault');
  const sections = [
    ['alamat-portal', t('publicUrl.title')],
    ['profil', t('profile.title')],
    ['target', t('target.title')],
    ['penanda-tangan', t('signatory.title')],
    ['kata-terlarang', t('terms.title')],
    ['jadwal-kunjungan', t('windows.title')],
  ] as const;

  return (
    <Shell user={user} current="/staff/pengaturan">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-ink">{t('title')}</h1>
        {d.mayWrite ? null : <Badge tone="neutral">{t('readOnly')}</Badge>}
      </div>
      <p className="mt-1 max-w-3xl text-muted">{d.mayWrite ? t('intro') : t('introStaff')}</p>
      <nav aria-label={t('sections')} className="mt-3">
        <ul className="flex flex-wrap gap-x-1 gap-y-1">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-brand underline-offset-4 hover:underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="mt-4 flex flex-col gap-6">
        <Section id="alamat-portal" title={t('publicUrl.title')} intro={t('publicUrl.intro')}>
          <div data-testid="public-url-state" className="mb-4 flex flex-col gap-2">
            {d.publicUrl.source === 'missing' ? (
              <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-semibold text-danger">
                {t('publicUrl.missing')}
              </p>
            ) : d.publicUrl.source === 'appUrl' ? (
              <p className="rounded-lg border border-warn bg-warn-soft px-3 py-2 text-sm font-medium text-ink">
                {t('publicUrl.fromAppUrl', { url: d.publicUrl.appUrl! })}
              </p>
            ) : (
              <p className="break-all text-sm font-semibold text-ink">{t('publicUrl.inUse', { url: d.publicUrl.effective! })}</p>
            )}
            {d.publicUrl.warning ? (
              <p className="rounded-lg border border-warn bg-warn-soft px-3 py-2 text-sm font-medium text-ink">{t('publicUrl.httpWarning')}</p>
            ) : null}
          </div>
          {d.mayWrite ? <PublicUrlForm initial={d.publicUrl.saved ?? ''} texts={texts} /> : <Facts rows={[[t('publicUrl.current'), d.publicUrl.effective ?? notSet]]} />}
        </Section>

        <Section id="profil" title={t('profile.title')}>
          <div className="mb-4 rounded-lg bg-canvas p-3">
            <p className="text-sm font-semibold text-muted">{t('profile.code')}</p>
            <p className="font-mono text-lg font-bold text-ink" data-testid="puskesmas-code">
              {d.profile.code}
            </p>
            <p className="text-sm text-muted">{t('profile.codeHint', { example: serialExample })}</p>
          </div>
          {d.mayWrite ? (
            <ProfileForm
              initial={{ ...d.profile, address: d.profile.address ?? '' }}
              zones={zones}
              limits={{ name: SETTINGS_LIMITS.name, place: SETTINGS_LIMITS.place, address: SETTINGS_LIMITS.address }}
              texts={texts}
            />
          ) : (
            <Facts
              rows={[
                [t('profile.name'), d.profile.name],
                [t('profile.district'), d.profile.district],
                [t('profile.subdistrict'), d.profile.subdistrict],
                [t('profile.province'), d.profile.province],
                [t('profile.address'), d.profile.address ?? notSet],
                [t('profile.timeZone'), zoneLabel],
              ]}
            />
          )}
        </Section>

        <Section id="target" title={t('target.title')} intro={t('target.intro')}>
          <p className="mb-3 font-semibold text-ink" data-testid="target-this-year">
            {targetNow}
          </p>
          <Table caption={t('target.caption')}>
            <thead>
              <tr>
                <Th>{t('target.year')}</Th>
                <Th>{t('target.village')}</Th>
                <Th numeric>{t('target.percent')}</Th>
              </tr>
            </thead>
            <tbody data-testid="target-rows">
              {d.targets.length === 0 ? (
                <tr>
                  <Td colSpan={3} className="text-muted">
                    {t('target.empty')}
                  </Td>
                </tr>
              ) : null}
              {d.targets.map((row) => (
                <tr key={row.id}>
                  <Td className="tabular-nums">{row.year}</Td>
                  <Td>{row.villageName ?? t('target.wholePuskesmas')}</Td>
                  <Td numeric>{formatPercent(row.targetPercent, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {d.mayWrite ? (
            <div className="mt-6">
              <h3 className="mb-3 font-semibold text-ink">{t('target.formTitle')}</h3>
              <TargetForm year={d.thisYear} villages={d.villages} texts={texts} />
            </div>
          ) : null}
        </Section>

        <Section id="penanda-tangan" title={t('signatory.title')} intro={t('signatory.intro')}>
          {d.mayWrite ? (
            <SignatoryForm
              initial={{ name: d.signatory.name ?? '', nip: d.signatory.nip ?? '', title: d.signatory.title ?? '' }}
              limits={{ name: SETTINGS_LIMITS.signatoryName, title: SETTINGS_LIMITS.signatoryTitle }}
              texts={texts}
            />
          ) : (
            <Facts
              rows={[
                [t('signatory.name'), d.signatory.name ?? notSet],
                [t('signatory.nip'), d.signatory.nip ?? notSet],
                [t('signatory.jabatan'), d.signatory.title ?? notSet],
              ]}
            />
          )}
        </Section>

        <Section id="kata-terlarang" title={t('terms.title')} intro={t('terms.intro')}>
          {d.mayWrite ? (
            <BlockedTermsForm
              initial={d.blockedTerms}
              limits={{ terms: SETTINGS_LIMITS.terms, term: SETTINGS_LIMITS.term, text: SETTINGS_LIMITS.termsText }}
              texts={texts}
            />
          ) : (
            <>
              <p className="mb-2 text-sm text-muted">{t('terms.count', { count: d.blockedTerms.length })}</p>
              <ul aria-label={t('terms.caption')} className="flex flex-wrap gap-2">
                {d.blockedTerms.map((term) => (
                  <li key={term} className="rounded-full border border-line bg-canvas px-3 py-1 text-sm text-ink">
                    {term}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>

        <Section
          id="jadwal-kunjungan"
          title={t('windows.title')}
          intro={
            <>
              <p>{t('windows.intro')}</p>
              <p className="mt-1 font-medium text-ink">{t('windows.effect', { date: formatDate(d.today, locale) })}</p>
            </>
          }
        >
          <div className="mb-4 rounded-lg bg-canvas p-3">
            <p className="text-sm font-semibold text-ink">{t('windows.inForce')}</p>
            <p className="text-sm text-muted">{windowsSource}</p>
            <ol className="mt-2 grid gap-1 text-sm text-ink sm:grid-cols-2 lg:grid-cols-3" data-testid="windows-in-force">
              {d.windows.inForce.map((w, i) => (
                <li key={i}>
                  <span className="font-semibold">{t('windows.n', { n: i + 1 })}:</span> {range(w)}
                </li>
              ))}
            </ol>
          </div>
          {d.mayWrite ? <VisitWindowsForm initial={d.windows.inForce} defaultsText={d.windows.defaults.map(range).join('; ')} texts={texts} /> : null}
          {d.windows.history.length ? (
            <details className="mt-4">
              <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand">{t('windows.history')}</summary>
              <ul className="mt-2 flex flex-col gap-2 text-sm">
                {d.windows.history.map((h) => (
                  <li key={h.effectiveFrom}>
                    <span className="font-semibold text-ink">{t('windows.historyRow', { date: formatDate(h.effectiveFrom, locale) })}:</span>{' '}
                    <span className="text-muted">{h.windows.map(range).join('; ')}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Section>
      </div>
    </Shell>
  );
}
