'use client';
/**
 * An account row's "Kelola akun": end its sessions, disable or enable it, with a reason
 * (useActionState on the server action itself, so it works without JavaScript too). A refused
 * reason comes back on the row, open, with what was typed.
 */
import { useActionState } from 'react';
import { manageAccountAction, type ManageAccountState } from '@/lib/actions/accounts';
import { buttonClass } from '@/components/ui/button';
import { filterControl as control } from '@/components/ui/filter-select';

export function ManageAccountForm({
  userId,
  back,
  active,
  openSessions,
  texts,
}: {
  userId: string;
  back: string;
  active: boolean;
  openSessions: number;
  texts: { manage: string; reason: string; reasonHint: string; endSessions: string; disable: string; enable: string };
}) {
  const [state, action, pending] = useActionState<ManageAccountState, FormData>(manageAccountAction, {});
  const rid = `acc-${userId}`;
  const invalid = Boolean(state.reasonError);
  return (
    <details open={Boolean(state.nonce) || undefined} className="min-w-64">
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-lg px-2 font-semibold text-brand">{texts.manage}</summary>
      <form key={state.nonce ?? 'manage'} action={action} className="mt-2 flex flex-col gap-2">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="back" value={back} />
        {state.formError ? (
          <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
            {state.formError}
          </p>
        ) : null}
        <label htmlFor={`${rid}-reason`} className="text-sm font-semibold text-ink">
          {texts.reason} <span className="font-normal text-muted">({texts.reasonHint})</span>
        </label>
        <input
          id={`${rid}-reason`}
          name="reason"
          maxLength={300}
          required
          defaultValue={state.reason ?? ''}
          className={control}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${rid}-error` : undefined}
        />
        {invalid ? (
          <p id={`${rid}-error`} role="alert" className="text-sm font-medium text-danger">
            {state.reasonError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {active ? (
            <>
              <button type="submit" name="action" value="endSessions" className={buttonClass('secondary')} disabled={openSessions === 0 || pending}>
                {texts.endSessions}
              </button>
              <button type="submit" name="action" value="disable" className={buttonClass('danger')} disabled={pending}>
                {texts.disable}
              </button>
            </>
          ) : (
            <button type="submit" name="action" value="enable" className={buttonClass('secondary')} disabled={pending}>
              {texts.enable}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
