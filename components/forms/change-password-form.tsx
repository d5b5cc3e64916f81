'use client';

import { useActionState } from 'react';
import { changePasswordAction, type ChangePasswordState } from '@/lib/actions/accounts';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { NewPasswordFields } from './new-password-fields';

/** Texts come translated from the server page (flat "section.key" map). */
export function ChangePasswordForm({ texts }: { texts: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const tx = (k?: string) => (k ? (texts[k] ?? texts['validation.invalid']) : undefined);
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.formError ? (
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(state.formError)}
        </p>
      ) : null}
      <Field id="current" label={tx('account.current')} error={tx(e.current)}>
        <Input id="current" name="current" type="password" autoComplete="current-password" maxLength={200} required invalid={Boolean(e.current)} />
      </Field>
      <NewPasswordFields
        labels={{ password: tx('account.password'), hint: tx('account.passwordHint'), confirm: tx('account.confirm') }}
        errors={{ password: tx(e.password), confirm: tx(e.confirm) }}
      />
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
        {tx('account.submit')}
      </Button>
    </form>
  );
}
