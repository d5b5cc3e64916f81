'use client';

// Links are plain <a>: next/link would add its runtime to this form's JavaScript.
import { useActionState, useEffect, useRef } from 'react';
import { confirmImportAction, type ConfirmImportState } from '@/lib/actions/imports';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { RowErrors, textOf } from './row-errors';

type Texts = Record<string, string>;

/**
 * "Impor": the staff member's word that each mother's consent is on paper, then one
 * confirmation. Afterwards the counts and, per posyandu, how many mothers still need a portal
 * login, with a printable list each (no codes: each mother gets hers from her baby's page).
 */
export function ConfirmImportForm({ batchId, newRows, texts }: { batchId: string; newRows: number; texts: Texts }) {
  const [state, action, pending] = useActionState<ConfirmImportState, FormData>(confirmImportAction, {});
  const tx = (k: string, p?: Record<string, string | number>) => textOf(texts, k, p);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.done) doneRef.current?.focus();
  }, [state.done]);

  if (state.done) {
    const { counts, logins, already } = state.done;
    return (
      <div ref={doneRef} tabIndex={-1} className="flex flex-col gap-4 outline-none" data-testid="import-done">
        <div role="status" className="rounded-xl border border-ok bg-ok-soft p-4">
          <h2 className="text-lg font-semibold text-ok">{tx('imports.doneTitle')}</h2>
          <p className="mt-1 text-ink">{already ? tx('imports.alreadyDone') : tx('imports.doneCounts', { ...counts })}</p>
        </div>
        {logins.length > 0 ? (
          <>
            <p className="max-w-3xl text-ink">{tx('imports.loginsIntro')}</p>
            <Table caption={tx('imports.loginsCaption')}>
              <thead>
                <tr>
                  <Th>{tx('imports.place')}</Th>
                  <Th numeric>{tx('imports.loginsCount')}</Th>
                  <Th>{tx('imports.loginsList')}</Th>
                </tr>
              </thead>
              <tbody>
                {logins.map((l) => (
                  <tr key={l.posyanduId}>
                    <Td>
                      {l.village} / {l.posyandu}
                    </Td>
                    <Td numeric>{l.mothers}</Td>
                    <Td>
                      <a
                        href={`/staff/impor/akun/${l.posyanduId}`}
                        aria-label={tx('imports.loginsPrintOf', { posyandu: l.posyandu })}
                        className="inline-flex min-h-11 items-center rounded-lg border border-brand px-3 py-2 font-semibold text-brand"
                      >
                        {tx('imports.loginsPrint')}
                      </a>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        ) : null}
        <p className="flex flex-wrap gap-3">
          <a href="/staff/ibu" className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 py-2 font-semibold text-white">
            {tx('imports.toRegistry')}
          </a>
          <a href="/staff/impor" className="inline-flex min-h-11 items-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink">
            {tx('imports.uploadAgain')}
          </a>
        </p>
      </div>
    );
  }

  const consentError = state.fieldErrors?.consent;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="batchId" value={batchId} />
      {state.formError && !consentError ? (
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(state.formError)}
        </p>
      ) : null}
      {state.rows && state.rows.length > 0 ? <RowErrors rows={state.rows} texts={texts} caption={tx('imports.errorsCaption', { n: state.rows.length })} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="consent" className="flex min-h-11 cursor-pointer items-start gap-3 text-base text-ink">
          <input
            id="consent"
            type="checkbox"
            name="consent"
            required
            aria-invalid={Boolean(consentError) || undefined}
            aria-describedby={consentError ? 'consent-error' : undefined}
            className="mt-1 h-5 w-5 shrink-0 accent-brand"
          />
          <span>{tx('imports.consent')}</span>
        </label>
        {consentError ? (
          <p id="consent-error" role="alert" className="text-sm font-medium text-danger">
            {tx(consentError)}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? tx('imports.confirming') : tx('imports.confirm', { n: newRows })}
        </Button>
      </div>
    </form>
  );
}
