import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ConfirmImportForm } from '@/components/imports/confirm-form';
import { RowErrors } from '@/components/imports/row-errors';
import { Shell } from '@/components/layout/shell';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { orDenied, requireUser } from '@/lib/auth/session';
import { getImportBatch, importContext } from '@/lib/data/imports';
import { IMPORT_HEADERS, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from '@/lib/domain/import';
import { flatTexts } from '@/lib/i18n/texts';
import { searchParam } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('imports');
  return { title: t('title') };
}

const REFUSALS = new Set(['tooBig', 'empty', 'type', 'encoding', 'unzippedTooBig', 'tooManyRows', 'noRows', 'columnsMissing', 'unreadable', 'noFile', 'origin']);
const HEADER_NAMES = new Set(Object.values(IMPORT_HEADERS));

type Search = Record<string, string | string[] | undefined>;

/**
 * Import (issue #19): download the template, upload a file (app/api/impor/unggah), read the
 * check of every row, confirm. Staff and admin; a batch is seen only by the one who uploaded it.
 */
export default async function ImportPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(['staff', 'admin']);
  const ctx = await orDenied(importContext(user));
  const sp = await searchParams;
  const batchId = searchParam(sp.b);
  const batch = batchId ? await orDenied(getImportBatch(user, batchId)) : null;
  const t = await getTranslations();
  const texts = await flatTexts(['imports', 'imports.errors', 'imports.columns', 'imports.refuse', 'validation']);
  const e = searchParam(sp.e);
  const columns = (searchParam(sp.c) ?? '')
    .split(', ')
    .filter((c) => HEADER_NAMES.has(c))
    .join(', ');
  const refusal = e
    ? t(REFUSALS.has(e) ? (`imports.refuse.${e}` as 'imports.refuse.type') : 'imports.refuse.generic', {
        mb: IMPORT_MAX_FILE_BYTES / 1024 / 1024,
        max: IMPORT_MAX_ROWS,
        columns,
      })
    : null;

  return (
    <Shell user={user} current="/staff/impor">
      <h1 className="text-2xl font-bold text-ink">{t('imports.title')}</h1>
      <p className="mt-1 max-w-3xl text-muted">{t('imports.intro')}</p>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold text-ink">{t('imports.step1')}</h2>
          <p className="mb-3 text-sm text-muted">{t('imports.step1Text')}</p>
          <a href="/api/impor/template" download className={buttonClass('secondary')}>
            {t('imports.download')}
          </a>
          <details className="mt-3">
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand">{t('imports.places')}</summary>
            {ctx.places.length === 0 ? (
              <p className="text-sm text-muted">{t('imports.noPlaces')}</p>
            ) : (
              <ul className="mt-1 list-disc pl-6 text-sm text-ink">
                {ctx.places.map((p) => (
                  <li key={`${p.village}/${p.posyandu}`}>
                    {p.village} — {p.posyandu}
                  </li>
                ))}
              </ul>
            )}
          </details>
        </Card>

        <Card>
          <h2 className="mb-2 text-lg font-semibold text-ink">{t('imports.step2')}</h2>
          {refusal ? (
            <p role="alert" id="form-error" className="mb-3 rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
              {refusal}
            </p>
          ) : null}
          <form action="/api/impor/unggah" method="post" encType="multipart/form-data" className="flex flex-col gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor="file" className="text-sm font-semibold text-ink">
                {t('imports.file')}
              </label>
              <input
                id="file"
                name="file"
                type="file"
                required
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-describedby={refusal ? 'file-hint form-error' : 'file-hint'}
                className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink file:mr-3 file:rounded-md file:border-0 file:bg-canvas file:px-3 file:py-1 file:font-semibold"
              />
              <p id="file-hint" className="text-sm text-muted">
                {t('imports.fileHint', { mb: ctx.maxMb, rows: ctx.maxRows })}
              </p>
            </div>
            <div>
              <button type="submit" className={buttonClass('primary')}>
                {t('imports.upload')}
              </button>
            </div>
          </form>
        </Card>
      </div>

      {batch ? (
        <section aria-labelledby="check" className="mt-6 flex flex-col gap-4">
          <h2 id="check" className="text-xl font-bold text-ink">
            {t('imports.step3')}
          </h2>
          <dl className="grid grid-cols-3 gap-3" aria-label={t('imports.countsLabel')} data-testid="import-counts">
            {(
              [
                ['new', 'countNew'],
                ['existing', 'countExisting'],
                ['rejected', 'countRejected'],
              ] as const
            ).map(([k, label]) => (
              <div key={k} className="rounded-xl border border-line bg-surface p-4" data-count={k}>
                <dt className="text-sm text-muted">{t(`imports.${label}`)}</dt>
                <dd className="mt-1 text-3xl font-bold tabular-nums text-ink">{batch.counts[k]}</dd>
              </div>
            ))}
          </dl>
          {batch.feedingRows > 0 ? <p className="max-w-3xl text-sm text-muted">{t('imports.feeding', { n: batch.feedingRows })}</p> : null}

          {batch.rejected.length > 0 ? (
            <div className="flex flex-col gap-2">
              <p className="max-w-3xl text-sm text-ink">{t('imports.errorsFix')}</p>
              <RowErrors rows={batch.rejected} texts={texts} caption={t('imports.errorsCaption', { n: batch.counts.rejected })} />
            </div>
          ) : null}

          {batch.existing.length > 0 ? (
            <Table caption={t('imports.existingCaption', { n: batch.counts.existing })}>
              <thead>
                <tr>
                  <Th numeric>{t('imports.row')}</Th>
                  <Th>{t('imports.motherName')}</Th>
                  <Th>{t('imports.existingBy')}</Th>
                </tr>
              </thead>
              <tbody>
                {batch.existing.map((r) => (
                  <tr key={r.row}>
                    <Td numeric>{r.row}</Td>
                    <Td>{r.cells.motherName}</Td>
                    <Td>
                      {r.existingBy === 'repeat'
                        ? t('imports.existingRepeat', { row: r.repeatOf ?? 0 })
                        : r.existingBy === 'nik'
                          ? t('imports.existingNik')
                          : t('imports.existingPhoneBirth')}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}

          {batch.status === 'confirmed' ? (
            <p role="status" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
              {t('imports.alreadyDone')}
            </p>
          ) : batch.counts.new === 0 ? (
            <p className="text-ink">{t('imports.nothingNew')}</p>
          ) : (
            <>
              <Table caption={t('imports.freshCaption', { n: batch.counts.new })}>
                <thead>
                  <tr>
                    <Th numeric>{t('imports.row')}</Th>
                    <Th>{t('imports.motherName')}</Th>
                    <Th>{t('imports.place')}</Th>
                    <Th>{t('imports.birthDate')}</Th>
                  </tr>
                </thead>
                <tbody>
                  {batch.fresh.map((r) => (
                    <tr key={r.row}>
                      <Td numeric>{r.row}</Td>
                      <Td>
                        {r.name}
                        {r.twinOf ? <span className="text-sm text-muted"> ({t('imports.twinOf', { row: r.twinOf })})</span> : null}
                      </Td>
                      <Td>
                        {r.village} / {r.posyandu}
                      </Td>
                      <Td>{r.birthDate}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {batch.counts.new > batch.fresh.length ? <p className="text-sm text-muted">{t('imports.freshMore')}</p> : null}
              <Card>
                <ConfirmImportForm batchId={batch.id} newRows={batch.counts.new} texts={texts} />
              </Card>
            </>
          )}
        </section>
      ) : null}
    </Shell>
  );
}
