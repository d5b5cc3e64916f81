'use client';
/**
 * Reporting a post or reply (useActionState on the server action itself, so it works without
 * JavaScript too): a refused report comes back open, with its message and the reason typed.
 */
import { useActionState } from 'react';
import { reportAction, type ForumFormState } from '@/lib/actions/forum';
import { Button } from '@/components/ui/button';
import { FORUM_LIMITS } from '@/lib/domain/forum';
import { FormError } from './form-error';

export function ReportForm({
  target,
  id,
  back,
  summaryClass,
  texts,
}: {
  target: 'post' | 'comment';
  id: string;
  back: string;
  summaryClass: string;
  texts: { report: string; reason: string; submit: string };
}) {
  const [state, action, pending] = useActionState<ForumFormState, FormData>(reportAction, {});
  const fid = `report-${id}`;
  const err = state.fieldErrors?.reason;
  return (
    <details className="open:w-full" open={Boolean(state.nonce) || undefined}>
      <summary className={`${summaryClass} cursor-pointer list-none`}>{texts.report}</summary>
      <form key={state.nonce ?? 'report'} action={action} noValidate className="mt-2 flex flex-col gap-2">
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="back" value={back} />
        <FormError state={state} />
        <label htmlFor={fid} className="text-sm font-semibold text-ink">
          {texts.reason}
        </label>
        <input
          id={fid}
          name="reason"
          required
          minLength={3}
          maxLength={FORUM_LIMITS.reason}
          defaultValue={state.values?.reason ?? ''}
          aria-invalid={Boolean(err) || undefined}
          aria-describedby={err ? `${fid}-error` : undefined}
          className={`min-h-11 rounded-lg border bg-surface px-3 text-base ${err ? 'border-danger' : 'border-line'}`}
        />
        {err ? (
          <p id={`${fid}-error`} role="alert" className="text-sm font-medium text-danger">
            {err}
          </p>
        ) : null}
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {texts.submit}
        </Button>
      </form>
    </details>
  );
}
