'use client';

// Links are plain <a>: next/link would add its runtime to this form's JavaScript.
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { setupAction, type SetupState } from '@/lib/actions/setup';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ZONE_LABELS } from '@/lib/domain/setup';
import { schemaResolver } from '@/lib/validation/resolver';
import { setupSchema, type SetupField, type SetupFormValues, type SetupInput } from '@/lib/validation/setup';

const selectClass = 'min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink';

/** /pasang: the setup code, the puskesmas and its first admin. Texts come translated ("section.key"). */
export function SetupForm({ texts, year }: { texts: Record<string, string>; year: number }) {
  const tx = (k?: string, vars: Record<string, string | number> = {}) =>
    k ? (texts[k] ?? texts['validation.invalid'] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : undefined;
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    formState: { errors },
  } = useForm<SetupFormValues, unknown, SetupInput>({
    resolver: schemaResolver<SetupFormValues, SetupInput>(setupSchema),
    defaultValues: {
      setupCode: '',
      name: '',
      shortCode: '',
      district: '',
      subdistrict: '',
      province: '',
      timeZone: 'WIB',
      target: '',
      adminName: '',
      adminPhone: '',
      password: '',
      confirm: '',
    },
  });
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<SetupState>({});
  const err = (f: SetupField) => tx(errors[f]?.message);

  const onValid = () =>
    startTransition(async () => {
      // On success the action redirects to the sign-in page.
      const res = await setupAction(getValues());
      setState(res);
      if (res.fieldErrors) for (const [k, m] of Object.entries(res.fieldErrors)) setError(k as SetupField, { message: m });
    });

  const text = (id: SetupField, opts: { hint?: string; max?: number; upper?: boolean; autoComplete?: string; inputMode?: 'numeric' | 'tel' } = {}) => (
    <Field id={id} label={tx(`setup.${id}`)} hint={opts.hint} error={err(id)}>
      <Input
        id={id}
        maxLength={opts.max ?? 100}
        autoComplete={opts.autoComplete ?? 'off'}
        inputMode={opts.inputMode}
        autoCapitalize={opts.upper ? 'characters' : undefined}
        className={opts.upper ? 'uppercase' : undefined}
        invalid={Boolean(err(id))}
        hasHint={Boolean(opts.hint)}
        {...register(id)}
      />
    </Field>
  );

  return (
    // method="post": a tap before the script has loaded must not put the password in the URL.
    <form method="post" onSubmit={handleSubmit(onValid)} className="flex flex-col gap-5" noValidate>
      {state.formError ? (
        <div role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          <p>{tx(state.formError)}</p>
          {state.formError === 'setup.installed' ? (
            <a href="/login" className="mt-1 inline-flex min-h-11 items-center font-semibold underline">
              {tx('setup.toLogin')}
            </a>
          ) : null}
        </div>
      ) : null}

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold text-ink">{tx('setup.codeSection')}</legend>
        {text('setupCode', { hint: tx('setup.setupCodeHint'), max: 64, upper: true, autoComplete: 'one-time-code' })}
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold text-ink">{tx('setup.puskesmasSection')}</legend>
        {text('name', { hint: tx('setup.nameHint') })}
        {text('shortCode', { hint: tx('setup.shortCodeHint'), max: 10, upper: true })}
        {text('district', { hint: tx('setup.districtHint') })}
        {text('subdistrict')}
        {text('province')}
        <Field id="timeZone" label={tx('setup.timeZone')} error={err('timeZone')}>
          <select
            id="timeZone"
            aria-invalid={Boolean(err('timeZone')) || undefined}
            aria-describedby={err('timeZone') ? 'timeZone-error' : undefined}
            className={`${selectClass} ${err('timeZone') ? 'border-danger' : 'border-line'}`}
            {...register('timeZone')}
          >
            {ZONE_LABELS.map((z) => (
              <option key={z} value={z}>
                {tx(`setup.zone${z}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('target', { hint: tx('setup.targetHint', { year }), max: 3, inputMode: 'numeric' })}
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold text-ink">{tx('setup.adminSection')}</legend>
        {text('adminName', { autoComplete: 'name' })}
        <Field id="adminPhone" label={tx('setup.adminPhone')} hint={tx('setup.adminPhoneHint')} error={err('adminPhone')}>
          <Input
            id="adminPhone"
            type="tel"
            inputMode="tel"
            autoComplete="username"
            maxLength={32}
            invalid={Boolean(err('adminPhone'))}
            hasHint
            {...register('adminPhone')}
          />
        </Field>
        <Field id="password" label={tx('setup.password')} hint={tx('setup.passwordHint')} error={err('password')}>
          <Input id="password" type="password" autoComplete="new-password" maxLength={200} invalid={Boolean(err('password'))} hasHint {...register('password')} />
        </Field>
        <Field id="confirm" label={tx('setup.confirm')} error={err('confirm')}>
          <Input id="confirm" type="password" autoComplete="new-password" maxLength={200} invalid={Boolean(err('confirm'))} {...register('confirm')} />
        </Field>
      </fieldset>

      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {pending ? tx('setup.submitting') : tx('setup.submit')}
      </Button>
    </form>
  );
}
