'use client';

// Links are plain <a>: they show once the form is done, and next/link would add its runtime to
// this form's JavaScript (page-weight budget, docs/performance-pages.md).
import { useMemo, useState, useTransition } from 'react';
import { useFieldArray, useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { schemaResolver } from '@/lib/validation/resolver';
import { registerMotherAction, type RegisterState } from '@/lib/actions/mothers';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ActivationCodeNotice } from './activation-code-notice';
import { MAX_BABIES, motherSchema, type MotherField, type MotherFormValues, type MotherInput } from '@/lib/validation/mother';

export type RegisterFormProps = {
  /** The form's key, made when the page was opened (decision 054): sent twice, she is registered once. */
  formKey: string;
  today: string;
  /** Posyandu the actor may register for (a kader: only hers). */
  posyandu: { id: string; name: string }[];
  /** Where a baby's page is: /kader/bayi or /staff/bayi. */
  babyBase: string;
  texts: Record<string, string>;
};

function Check({ id, label, reg }: { id: string; label: string; reg: UseFormRegisterReturn }) {
  return (
    <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 text-base text-ink">
      <input id={id} type="checkbox" className="h-5 w-5 shrink-0 accent-brand" {...reg} />
      <span>{label}</span>
    </label>
  );
}

export function RegisterMotherForm({ formKey, today, posyandu, babyBase, texts }: RegisterFormProps) {
  const tx = (k?: string, vars: Record<string, string | number> = {}) =>
    k ? (texts[k] ?? texts['validation.invalid'] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : undefined;
  const schema = useMemo(() => motherSchema({ today }), [today]);
  const { register, control, handleSubmit, getValues, setError, setValue, formState: { errors } } = useForm<MotherFormValues, unknown, MotherInput>({
    resolver: schemaResolver<MotherFormValues, MotherInput>(schema),
    defaultValues: { name: '', phone: '', nik: '', posyanduId: posyandu[0]?.id ?? '', address: '', rt: '', rw: '', birthDate: '', earlyInitiation: '', babies: [{ sex: undefined as unknown as 'L', name: '', birthWeightGrams: '' }], consent: false as unknown as true, registerAnyway: false },
  });
  const babies = useFieldArray({ control, name: 'babies' });
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<RegisterState>({});
  // A duplicate found elsewhere in the puskesmas names its posyandu in the field's message.
  const err = (f: string) => tx((errors as Record<string, { message?: string } | undefined>)[f]?.message, { posyandu: state.duplicate?.posyanduName ?? '' });
  // A baby's own fields: react-hook-form keeps their errors under babies[i] (from the schema here or the server).
  const babyErr = (i: number, f: 'name' | 'sex' | 'birthWeightGrams') =>
    tx((errors.babies as unknown as Record<string, { message?: string } | undefined>[] | undefined)?.[i]?.[f]?.message);

  const onValid = () =>
    startTransition(async () => {
      const res = await registerMotherAction({ ...getValues(), id: formKey });
      setState(res);
      if (res.fieldErrors) for (const [k, m] of Object.entries(res.fieldErrors)) setError(k as MotherField, { message: m });
    });

  if (state.done && !state.done.code) {
    // No code from this registration (decision 054): said plainly, with the way to her baby.
    return (
      <div role="status" data-testid="register-done" className="flex flex-col gap-3 rounded-xl border border-ok bg-ok-soft p-4">
        <p className="font-semibold text-ok">{tx('register.done', { name: state.done.name })}</p>
        <p className="text-ink" data-testid="register-login">{tx(state.done.login === 'active' ? 'register.loginActive' : 'register.loginByStaff')}</p>
        <a href={`${babyBase}/${state.done.babyId}`} className="inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink">
          {tx('register.openBaby')}
        </a>
      </div>
    );
  }
  if (state.done) {
    return (
      <ActivationCodeNotice
        testId="register-done"
        title={tx('register.done', { name: state.done.name })}
        codeLabel={tx('register.codeIs')}
        code={state.done.code!}
        note={tx('register.codeOnce')}
        waHref={state.done.waLink!}
        waLabel={tx('register.sendWa')}
      >
        <a href={`${babyBase}/${state.done.babyId}`} className="inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink">
          {tx('register.openBaby')}
        </a>
      </ActivationCodeNotice>
    );
  }

  return (
    <form method="post" onSubmit={handleSubmit(onValid)} className="flex flex-col gap-4" noValidate>
      {state.formError ? (
        <div role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          <p>{tx(state.formError)}</p>
          {state.duplicate ? (
            <p className="mt-1">
              {state.duplicate.babyId ? (
                <a href={`${babyBase}/${state.duplicate.babyId}`} className="font-semibold underline">
                  {tx('register.openExisting', { name: state.duplicate.name ?? '' })}
                </a>
              ) : state.duplicate.name ? (
                state.duplicate.name
              ) : state.duplicate.posyanduName ? (
                tx('register.registeredAt', { posyandu: state.duplicate.posyanduName })
              ) : null}
            </p>
          ) : null}
          {state.duplicate?.reason === 'nameBirth' ? (
            <Button
              variant="secondary"
              className="mt-2 w-full"
              onClick={() => {
                setValue('registerAnyway', true);
                void handleSubmit(onValid)();
              }}
            >
              {tx('register.anyway')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Field id="name" label={tx('register.name')} error={err('name')}>
        <Input id="name" autoComplete="off" maxLength={100} invalid={Boolean(err('name'))} {...register('name')} />
      </Field>
      <Field id="phone" label={tx('register.phone')} hint={tx('register.phoneHint')} error={err('phone')}>
        <Input id="phone" type="tel" inputMode="tel" autoComplete="off" maxLength={32} invalid={Boolean(err('phone'))} hasHint {...register('phone')} />
      </Field>
      <Field id="nik" label={tx('register.nik')} hint={tx('register.nikHint')} error={err('nik')}>
        <Input id="nik" inputMode="numeric" autoComplete="off" maxLength={19} invalid={Boolean(err('nik'))} hasHint {...register('nik')} />
      </Field>
      <Field id="posyanduId" label={tx('register.posyandu')} error={err('posyanduId')}>
        <select id="posyanduId" className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink" {...register('posyanduId')}>
          {posyandu.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="address" label={tx('register.address')} error={err('address')}>
        <Input id="address" maxLength={200} invalid={Boolean(err('address'))} {...register('address')} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="rt" label={tx('register.rt')} error={err('rt')}>
          <Input id="rt" inputMode="numeric" maxLength={3} {...register('rt')} />
        </Field>
        <Field id="rw" label={tx('register.rw')} error={err('rw')}>
          <Input id="rw" inputMode="numeric" maxLength={3} {...register('rw')} />
        </Field>
      </div>
      <Field id="birthDate" label={tx('register.birthDate')} error={err('birthDate')}>
        <Input id="birthDate" type="date" max={today} invalid={Boolean(err('birthDate'))} {...register('birthDate')} />
      </Field>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-semibold text-ink">{tx('register.earlyInitiation')}</legend>
        <div className="flex gap-4">
          {(['yes', 'no'] as const).map((o) => (
            <label key={o} htmlFor={`imd-${o}`} className="flex min-h-11 items-center gap-2">
              <input id={`imd-${o}`} type="radio" value={o} className="h-5 w-5 accent-brand" {...register('earlyInitiation')} />
              {tx(`visit.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {babies.fields.map((f, i) => (
        <fieldset key={f.id} className="flex flex-col gap-3 rounded-xl border border-line p-3">
          <legend className="px-1 text-sm font-semibold text-ink">{tx('register.babyN', { n: i + 1 })}</legend>
          <Field id={`babies.${i}.name`} label={tx('register.babyName')} error={babyErr(i, 'name')}>
            <Input id={`babies.${i}.name`} maxLength={100} invalid={Boolean(babyErr(i, 'name'))} {...register(`babies.${i}.name`)} />
          </Field>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-semibold text-ink">{tx('register.sex')}</legend>
            <div className="flex gap-4">
              {(['L', 'P'] as const).map((s) => (
                <label key={s} htmlFor={`babies.${i}.sex-${s}`} className="flex min-h-11 items-center gap-2">
                  <input id={`babies.${i}.sex-${s}`} type="radio" value={s} className="h-5 w-5 accent-brand" {...register(`babies.${i}.sex`)} />
                  {tx(`sex.${s}`)}
                </label>
              ))}
            </div>
            {babyErr(i, 'sex') ? (
              <p role="alert" className="text-sm font-medium text-danger">
                {babyErr(i, 'sex')}
              </p>
            ) : null}
          </fieldset>
          <Field id={`babies.${i}.birthWeightGrams`} label={tx('register.birthWeight')} error={babyErr(i, 'birthWeightGrams')}>
            <Input id={`babies.${i}.birthWeightGrams`} inputMode="numeric" maxLength={5} invalid={Boolean(babyErr(i, 'birthWeightGrams'))} {...register(`babies.${i}.birthWeightGrams`)} />
          </Field>
          {i > 0 ? (
            <Button variant="ghost" onClick={() => babies.remove(i)}>
              {tx('register.removeBaby')}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {err('babies') ? <p role="alert" className="text-sm font-medium text-danger">{err('babies')}</p> : null}
      {babies.fields.length < MAX_BABIES ? (
        <Button variant="secondary" onClick={() => babies.append({ sex: undefined as unknown as 'L', name: '', birthWeightGrams: '' })}>
          {tx('register.addTwin')}
        </Button>
      ) : null}
      <div className="rounded-xl border border-line bg-canvas p-3">
        <p className="text-sm text-ink">{tx('register.consentText')}</p>
        <Check id="consent" label={tx('register.consent')!} reg={register('consent')} />
        {err('consent') ? <p id="consent-error" role="alert" className="text-sm font-medium text-danger">{err('consent')}</p> : null}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {tx('register.submit')}
      </Button>
    </form>
  );
}
