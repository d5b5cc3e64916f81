'use client';

// Links are plain <a>: next/link would add its runtime to this form's JavaScript.
import { useActionState, useEffect, useRef } from 'react';
import { createDistrictAccountAction, type DistrictAccountState } from '@/lib/actions/district';
import { ActivationCodeNotice } from '@/components/forms/activation-code-notice';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

type Texts = Record<string, string>;

function translator(texts: Texts) {
  return (k?: string, vars: Record<string, string | number> = {}) =>
    k ? (texts[k] ?? texts['validation.invalid'] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : undefined;
}

/** "Tambah akun Dinas Kesehatan": name and phone; then the one-time code with its WhatsApp link. */
export function DistrictAccountForm({ texts, limits }: { texts: Texts; limits: { name: number; phone: number } }) {
  const [state, formAction, pending] = useActionState<DistrictAccountState, FormData>(createDistrictAccountAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.done) shown.current?.focus();
  }, [state.done]);
  if (state.done) {
    const done = state.done;
    return (
      <div ref={shown} tabIndex={-1} className="outline-none focus-visible:ring-2 focus-visible:ring-brand">
        <ActivationCodeNotice
          testId="district-account-code"
          title={tx('district.accounts.created', { name: done.name })}
          codeLabel={tx('district.accounts.codeIs')}
          code={done.code}
          note={
            <>
              <p>{tx('district.accounts.codeOnce', { days: done.days })}</p>
              <p className="mt-1 break-words">{tx('district.accounts.howTo', { url: done.activationUrl })}</p>
            </>
          }
          waHref={done.waLink}
          waLabel={tx('district.accounts.sendWa')}
        >
          <a
            href="/dinkes/pengguna"
            className="inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink"
          >
            {tx('district.accounts.addAnother')}
          </a>
        </ActivationCodeNotice>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.formError ? (
        <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(state.formError)}
        </p>
      ) : null}
      <Field id="name" label={tx('district.accounts.name')} hint={tx('district.accounts.nameHint')} error={tx(e.name)}>
        <Input id="name" name="name" autoComplete="off" maxLength={limits.name} defaultValue={v.name} required invalid={Boolean(e.name)} hasHint />
      </Field>
      <Field id="phone" label={tx('district.accounts.phone')} hint={tx('district.accounts.phoneHint')} error={tx(e.phone)}>
        <Input
          id="phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={limits.phone}
          defaultValue={v.phone}
          required
          invalid={Boolean(e.phone)}
          hasHint
        />
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
        {tx('district.accounts.submit')}
      </Button>
    </form>
  );
}
