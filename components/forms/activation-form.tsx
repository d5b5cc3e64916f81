'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { activateAction, type ActivationState } from '@/lib/actions/mothers';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { NewPasswordFields } from './new-password-fields';

/** Texts come translated from the server page (flat "section.key" map). */
export function ActivationForm({ texts }: { texts: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<ActivationState, FormData>(activateAction, {});
  const tx = (k?: string) => (k ? (texts[k] ?? texts['validation.invalid']) : undefined);
  const e = state.fieldErrors ?? {};
  if (state.ok) {
    return (
      <div role="status" className="flex flex-col gap-3">
        <p className="font-medium text-ok">{tx('activation.done')}</p>
        <Link href="/login" className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-4 py-2 font-semibold text-white">
          {tx('activation.toLogin')}
        </Link>
      </div>
    );
  }
  return (
    // Mounted anew on each refusal (its nonce), showing the phone and code sent: React empties a
    // form after its action. The passwords are typed again.
    <form key={state.nonce ?? 'new'} action={formAction} className="flex flex-col gap-4" noValidate>
      {state.formError ? (
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(state.formError)}
        </p>
      ) : null}
      <Field id="phone" label={tx('login.phone')} hint={tx('login.phoneHint')} error={tx(e.phone)}>
        <Input
          id="phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="username"
          maxLength={64}
          required
          defaultValue={state.values?.phone ?? ''}
          invalid={Boolean(e.phone)}
          hasHint
        />
      </Field>
      <Field id="code" label={tx('activation.code')} hint={tx('activation.codeHint')} error={tx(e.code)}>
        <Input
          id="code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          maxLength={32}
          required
          defaultValue={state.values?.code ?? ''}
          invalid={Boolean(e.code)}
          hasHint
        />
      </Field>
      <NewPasswordFields
        labels={{ password: tx('activation.password'), hint: tx('activation.passwordHint'), confirm: tx('activation.confirm') }}
        errors={{ password: tx(e.password), confirm: tx(e.confirm) }}
      />
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {tx('activation.submit')}
      </Button>
    </form>
  );
}
