'use client';

import { useActionState } from 'react';
import { loginAction, type LoginState } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

/** Texts come translated from the server page: no message catalogue is shipped to the phone. */
export type LoginTexts = {
  phone: string;
  phoneHint: string;
  password: string;
  submit: string;
  submitting: string;
  /** Translations of the message keys the action may return. */
  messages: Record<string, string>;
};

/** `returnTo`: the page asked for before sign-in (validated on the server again). */
export function LoginForm({ texts, returnTo }: { texts: LoginTexts; returnTo?: string }) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const msg = (key?: string) => (key ? (texts.messages[key] ?? texts.messages['login.error']) : undefined);
  const phoneError = msg(state.fieldErrors?.phone);
  const passwordError = msg(state.fieldErrors?.password);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {returnTo ? <input type="hidden" name="ke" value={returnTo} /> : null}
      {state.formError ? (
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {msg(state.formError)}
        </p>
      ) : null}
      <Field id="phone" label={texts.phone} hint={texts.phoneHint} error={phoneError}>
        <Input
          id="phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="username"
          defaultValue={state.phone}
          key={`phone-${state.phone ?? ''}`}
          required
          maxLength={64}
          invalid={Boolean(phoneError)}
          hasHint
        />
      </Field>
      <Field id="password" label={texts.password} error={passwordError}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256} invalid={Boolean(passwordError)} />
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {pending ? texts.submitting : texts.submit}
      </Button>
    </form>
  );
}
