import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Shell } from '@/components/layout/shell';
import { PosyanduForm, VillageForm, type PlaceLimits } from '@/components/places/forms';
import { StatusForms } from '@/components/places/status-forms';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { setPlaceStatusAction } from '@/lib/actions/places';
import { orDenied, requireUser } from '@/lib/auth/session';
import { listPlaces, type PosyanduRow, type VillageRow } from '@/lib/data/places';
import { flatTexts } from '@/lib/i18n/texts';
import { PLACE_ADDRESS_MAX, PLACE_NAME_MAX, PLACE_RW_MAX } from '@/lib/validation/places';
import { searchParam } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('places');
  return { title: t('title') };
}

const NOTICES = new Set(['village.deactivate', 'village.activate', 'village.delete', 'posyandu.deactivate', 'posyandu.activate', 'posyandu.delete']);
const ERRORS = new Set(['hasRecordsVillage', 'hasRecordsPosyandu', 'villageInactive', 'notAllowed', 'gone']);
const LIMITS: PlaceLimits = { name: PLACE_NAME_MAX, address: PLACE_ADDRESS_MAX, rw: PLACE_RW_MAX };

type Search = Record<string, string | string[] | undefined>;

/** Villages and posyandu of the puskesmas: staff and admin add, edit and (de)activate them. */
export default async function PlacesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const data = await orDenied(listPlaces(user));
  const sp = await searchParams;
  const t = await getTranslations();
  const texts = await flatTexts(['places', 'places.errors', 'validation']);
  const n = searchParam(sp.n);
  const e = searchParam(sp.e);
  const errorRow = searchParam(sp.p);
  const errorText = e ? t(ERRORS.has(e) ? (`places.errors.${e}` as 'places.errors.gone') : 'places.errors.generic') : null;
  // A refusal that belongs to one place is shown on it; the others at the top.
  const rowError = errorRow && data.villages.some((v) => v.id === errorRow || v.posyandu.some((p) => p.id === errorRow)) ? errorRow : null;
  const posyanduTotal = data.villages.reduce((a, v) => a + v.posyandu.length, 0);
  const statusLabels = {
    deactivate: t('places.deactivate'),
    activate: t('places.activate'),
    delete: t('places.delete'),
    deleteConfirm: t('places.deleteConfirm'),
    deleteHint: t('places.deleteHint'),
  };

  const counts = (r: { mothers: number; babies: number; kaders: number }) => (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {(['mothers', 'babies', 'kaders'] as const).map((k) => (
        <div key={k} className="flex gap-1">
          <dt className="text-muted">{t(`places.${k}`)}</dt>
          <dd className="font-semibold tabular-nums text-ink">{r[k]}</dd>
        </div>
      ))}
    </dl>
  );
  const stateBadge = (active: boolean) => <Badge tone={active ? 'ok' : 'neutral'}>{active ? t('places.active') : t('places.inactive')}</Badge>;
  const rowAlert = (id: string) =>
    rowError === id && errorText ? (
      <p role="alert" className="mt-2 rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
        {errorText}
      </p>
    ) : null;

  const posyanduItem = (v: VillageRow, p: PosyanduRow) => (
    <li key={p.id} id={`place-${p.id}`} data-posyandu={p.name} className={`rounded-lg border border-line p-3 ${p.active ? 'bg-surface' : 'bg-canvas'}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 className="break-words font-semibold text-ink">{p.name}</h4>
          <p className="break-words text-sm text-muted">
            {p.rw ? t('places.rwValue', { rw: p.rw }) : t('places.noRw')} · {p.address ?? t('places.noAddress')}
          </p>
        </div>
        {stateBadge(p.active)}
      </div>
      <div className="mt-2">{counts(p)}</div>
      {rowAlert(p.id)}
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <StatusForms
          action={setPlaceStatusAction}
          entity="posyandu"
          id={p.id}
          name={p.name}
          active={p.active}
          canActivate={v.active}
          deletable={p.deletable}
          labels={statusLabels}
        />
        <details className="open:w-full">
          <summary className={buttonClass('secondary', 'cursor-pointer list-none')}>
            {t('places.edit')}
            <span className="sr-only"> {p.name}</span>
          </summary>
          <div className="mt-2 rounded-lg border border-line bg-surface p-3">
            <h5 id={`edit-${p.id}`} className="sr-only">
              {t('places.edit')} {p.name}
            </h5>
            <PosyanduForm posyandu={p} texts={texts} limits={LIMITS} titleId={`edit-${p.id}`} />
          </div>
        </details>
      </div>
    </li>
  );

  return (
    <Shell user={user} current="/staff/wilayah">
      <h1 id="top" className="text-2xl font-bold text-ink">
        {t('places.title')}
      </h1>
      <p className="mt-1 max-w-3xl text-muted">{t('places.intro')}</p>
      {n && NOTICES.has(n) ? (
        <p role="status" id="notice" className="mt-3 rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {t(`places.notice.${n}` as 'places.notice.village.delete')}
        </p>
      ) : null}
      {errorText && !rowError ? (
        <p role="alert" id="form-error" className="mt-3 rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {errorText}
        </p>
      ) : null}

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 id="add-village" className="mb-3 text-lg font-semibold text-ink">
            {t('places.addVillage')}
          </h2>
          <VillageForm texts={texts} limits={LIMITS} titleId="add-village" />
        </Card>
        <Card>
          <h2 id="add-posyandu" className="mb-3 text-lg font-semibold text-ink">
            {t('places.addPosyandu')}
          </h2>
          <PosyanduForm villages={data.activeVillages} texts={texts} limits={LIMITS} titleId="add-posyandu" />
        </Card>
      </div>

      <h2 className="mt-8 text-xl font-bold text-ink">{t('places.summary', { villages: data.villages.length, posyandu: posyanduTotal })}</h2>
      {data.villages.length === 0 ? <p className="mt-2 text-muted">{t('places.empty')}</p> : null}
      <div className="mt-3 flex flex-col gap-4" data-testid="places">
        {data.villages.map((v) => (
          <section
            key={v.id}
            id={`place-${v.id}`}
            data-village={v.name}
            aria-labelledby={`village-${v.id}`}
            className={`rounded-xl border border-line p-4 shadow-sm ${v.active ? 'bg-surface' : 'bg-canvas'}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 id={`village-${v.id}`} className="break-words text-lg font-semibold text-ink">
                  {t(v.kind === 'kelurahan' ? 'places.kindKelurahan' : 'places.kindDesa')} {v.name}
                </h3>
                <p className="text-sm text-muted">{t('places.posyanduCount', { count: v.posyandu.length })}</p>
              </div>
              {stateBadge(v.active)}
            </div>
            <div className="mt-2">{counts(v)}</div>
            {v.active ? null : <p className="mt-2 text-sm text-muted">{t('places.inactiveVillageNote')}</p>}
            {rowAlert(v.id)}
            <div className="mt-3 flex flex-wrap items-start gap-2">
              <StatusForms
                action={setPlaceStatusAction}
                entity="village"
                id={v.id}
                name={v.name}
                active={v.active}
                canActivate
                deletable={v.deletable}
                labels={statusLabels}
              />
              <details className="open:w-full">
                <summary className={buttonClass('secondary', 'cursor-pointer list-none')}>
                  {t('places.edit')}
                  <span className="sr-only"> {v.name}</span>
                </summary>
                <div className="mt-2 max-w-xl rounded-lg border border-line bg-surface p-3">
                  <h4 id={`edit-${v.id}`} className="sr-only">
                    {t('places.edit')} {v.name}
                  </h4>
                  <VillageForm village={v} texts={texts} limits={LIMITS} titleId={`edit-${v.id}`} />
                </div>
              </details>
            </div>
            {v.posyandu.length === 0 ? (
              <p className="mt-3 text-sm text-muted">{t('places.noPosyandu')}</p>
            ) : (
              <ul className="mt-3 grid gap-3 md:grid-cols-2 xl:grid-cols-3">{v.posyandu.map((p) => posyanduItem(v, p))}</ul>
            )}
          </section>
        ))}
      </div>
    </Shell>
  );
}
