'use client';

// Links are plain <a>: they show once the form is done, and next/link would add its runtime to
// this form's JavaScript (page-weight budget, docs/performance-pages.md).
// No form library either (decision 053, page weight): a plain uncontrolled form, read with
// FormData (./register-values.ts) and checked with the same zod schema as the server's.
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { registerMotherAction, type RegisterState } from '@/lib/actions/mothers';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ActivationCodeNotice } from './activation-code-notice';
import { dropBaby, issueMessages, registerValues, type FieldMessages, type RegisterValues } from './register-values';
import { MAX_BABIES, motherSchema } from '@/lib/validation/mother';

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

function Check({ id, name, label }: { id: string; name: string; label: string }) {
  return (
    <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 text-base text-ink">
      <input id={id} name={name} type="checkbox" className="h-5 w-5 shrink-0 accent-brand" />
      <span>{label}</span>
    </label>
  );
}

export function RegisterMotherForm({ formKey, today, posyandu, babyBase, texts }: RegisterFormProps) {
  const tx = (k?: string, vars: Record<string, string | number> = {}) =>
    k ? (texts[k] ?? texts['validation.invalid'] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : undefined;
  const schema = useMemo(() => motherSchema({ today }), [today]);
  const formRef = useRef<HTMLFormElement>(null);
  // One key per baby's fieldset, kept while twins are added and removed: what was typed stays with its baby.
  const [babyKeys, setBabyKeys] = useState<number[]>([0]);
  const nextBabyKey = useRef(1);
  // A twin just added: its name field gets the focus once it is on the form.
  const focusAfterAdd = useRef<string | null>(null);
  /** "Register anyway" pressed once: every later send says so. */
  const registerAnyway = useRef(false);
  // Message keys by field name (the schema's on the phone, the server's after a send).
  const [errors, setErrors] = useState<FieldMessages>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<RegisterState>({});
  // A duplicate found elsewhere in the puskesmas names its posyandu in the field's message.
  const err = (f: string) => tx(errors[f], { posyandu: state.duplicate?.posyanduName ?? '' });
  const babyErr = (i: number, f: 'name' | 'sex' | 'birthWeightGrams') => tx(errors[`babies.${i}.${f}`]);

  useEffect(() => {
    if (!focusAfterAdd.current) return;
    document.getElementById(focusAfterAdd.current)?.focus();
    focusAfterAdd.current = null;
  }, [babyKeys]);

  const read = (form: HTMLFormElement): RegisterValues => registerValues(new FormData(form), babyKeys.length, { id: formKey, registerAnyway: registerAnyway.current });
  const check = (values: RegisterValues): FieldMessages => {
    const r = schema.safeParse(values);
    return r.success ? {} : issueMessages(r.error.issues);
  };

  const submit = (form: HTMLFormElement) => {
    if (pending) return;
    const values = read(form);
    const errs = check(values);
    setSubmitted(true);
    setErrors(errs);
    if (Object.keys(errs).length) {
      // The first field with a message, in the form's order (a radio group: its first button).
      const first = Array.from(form.elements).find((el) => errs[(el as HTMLInputElement).name]);
      (first as HTMLElement | undefined)?.focus();
      return;
    }
    // The server validates the same raw values with the same schema.
    startTransition(async () => {
      const res = await registerMotherAction(values);
      setState(res);
      if (res.fieldErrors) setErrors((prev) => ({ ...prev, ...res.fieldErrors }));
    });
  };

  // After a first send, the message of the field just changed follows its answer (the others,
  // the server's too, stay until their own field changes or the form is sent again).
  const onChange = (e: React.FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    if (!submitted || !name) return;
    const fresh = check(read(e.currentTarget))[name];
    setErrors((prev) => {
      const next = { ...prev };
      if (fresh) next[name] = fresh;
      else delete next[name];
      return next;
    });
  };

  const addBaby = () => {
    const key = nextBabyKey.current++;
    focusAfterAdd.current = `babies.${babyKeys.length}.name`;
    setBabyKeys((keys) => [...keys, key]);
  };
  const removeBaby = (i: number) => {
    setBabyKeys((keys) => keys.filter((_, j) => j !== i));
    setErrors((prev) => dropBaby(prev, i));
  };

  if (state.done && !state.done.code) {
    // No code from this registration (decision 054): said plainly, with the way to her baby.
    return (
      <div role="status" data-testid="register-done" className="flex flex-col gap-3 rounded-xl border border-ok bg-ok-soft p-4">
        <p className="font-semibold text-ok">{tx('register.done', { name: state.done.name })}</p>
        <p className="text-ink" data-testid="register-login">
          {tx(state.done.login === 'active' ? 'register.loginActive' : 'register.loginByStaff')}
        </p>
        <a
          href={`${babyBase}/${state.done.babyId}`}
          className="inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink"
        >
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
        <a
          href={`${babyBase}/${state.done.babyId}`}
          className="inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink"
        >
          {tx('register.openBaby')}
        </a>
      </ActivationCodeNotice>
    );
  }

  return (
    <form
      ref={formRef}
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      onChange={onChange}
      className="flex flex-col gap-4"
      noValidate
    >
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
                registerAnyway.current = true;
                if (formRef.current) submit(formRef.current);
              }}
            >
              {tx('register.anyway')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Field id="name" label={tx('register.name')} error={err('name')}>
        <Input id="name" name="name" autoComplete="off" maxLength={100} invalid={Boolean(err('name'))} />
      </Field>
      <Field id="phone" label={tx('register.phone')} hint={tx('register.phoneHint')} error={err('phone')}>
        <Input id="phone" name="phone" type="tel" inputMode="tel" autoComplete="off" maxLength={32} invalid={Boolean(err('phone'))} hasHint />
      </Field>
      <Field id="nik" label={tx('register.nik')} hint={tx('register.nikHint')} error={err('nik')}>
        <Input id="nik" name="nik" inputMode="numeric" autoComplete="off" maxLength={19} invalid={Boolean(err('nik'))} hasHint />
      </Field>
      <Field id="posyanduId" label={tx('register.posyandu')} error={err('posyanduId')}>
        <select id="posyanduId" name="posyanduId" className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink">
          {posyandu.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="address" label={tx('register.address')} error={err('address')}>
        <Input id="address" name="address" maxLength={200} invalid={Boolean(err('address'))} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="rt" label={tx('register.rt')} error={err('rt')}>
          <Input id="rt" name="rt" inputMode="numeric" maxLength={3} />
        </Field>
        <Field id="rw" label={tx('register.rw')} error={err('rw')}>
          <Input id="rw" name="rw" inputMode="numeric" maxLength={3} />
        </Field>
      </div>
      <Field id="birthDate" label={tx('register.birthDate')} error={err('birthDate')}>
        <Input id="birthDate" name="birthDate" type="date" max={today} invalid={Boolean(err('birthDate'))} />
      </Field>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-semibold text-ink">{tx('register.earlyInitiation')}</legend>
        <div className="flex gap-4">
          {(['yes', 'no'] as const).map((o) => (
            <label key={o} htmlFor={`imd-${o}`} className="flex min-h-11 items-center gap-2">
              <input id={`imd-${o}`} name="earlyInitiation" type="radio" value={o} className="h-5 w-5 accent-brand" />
              {tx(`visit.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {babyKeys.map((k, i) => (
        <fieldset key={k} className="flex flex-col gap-3 rounded-xl border border-line p-3">
          <legend className="px-1 text-sm font-semibold text-ink">{tx('register.babyN', { n: i + 1 })}</legend>
          <Field id={`babies.${i}.name`} label={tx('register.babyName')} error={babyErr(i, 'name')}>
            <Input id={`babies.${i}.name`} name={`babies.${i}.name`} maxLength={100} invalid={Boolean(babyErr(i, 'name'))} />
          </Field>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-semibold text-ink">{tx('register.sex')}</legend>
            <div className="flex gap-4">
              {(['L', 'P'] as const).map((s) => (
                <label key={s} htmlFor={`babies.${i}.sex-${s}`} className="flex min-h-11 items-center gap-2">
                  <input id={`babies.${i}.sex-${s}`} name={`babies.${i}.sex`} type="radio" value={s} className="h-5 w-5 accent-brand" />
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
            <Input
              id={`babies.${i}.birthWeightGrams`}
              name={`babies.${i}.birthWeightGrams`}
              inputMode="numeric"
              maxLength={5}
              invalid={Boolean(babyErr(i, 'birthWeightGrams'))}
            />
          </Field>
          {i > 0 ? (
            <Button variant="ghost" onClick={() => removeBaby(i)}>
              {tx('register.removeBaby')}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {err('babies') ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {err('babies')}
        </p>
      ) : null}
      {babyKeys.length < MAX_BABIES ? (
        <Button variant="secondary" onClick={addBaby}>
          {tx('register.addTwin')}
        </Button>
      ) : null}
      <div className="rounded-xl border border-line bg-canvas p-3">
        <p className="text-sm text-ink">{tx('register.consentText')}</p>
        <Check id="consent" name="consent" label={tx('register.consent')!} />
        {err('consent') ? (
          <p id="consent-error" role="alert" className="text-sm font-medium text-danger">
            {err('consent')}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {tx('register.submit')}
      </Button>
    </form>
  );
}
