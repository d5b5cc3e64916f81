'use client';

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  saveBlockedTermsAction,
  saveProfileAction,
  savePublicUrlAction,
  saveSignatoryAction,
  saveTargetAction,
  saveVisitWindowsAction,
  type SettingsState,
} from '@/lib/actions/settings';
import { Button, buttonClass } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { Field, Input, fieldIds } from '@/components/ui/field';

/** Texts come translated from the server page, flat ("settings.profile.name"). */
type Texts = Record<string, string>;

function translator(texts: Texts) {
  return (key: string | undefined, params?: Record<string, string | number>): string => {
    if (!key) return '';
    let s = texts[key] ?? texts['validation.invalid'] ?? key;
    for (const [k, v] of Object.entries(params ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

const control = 'min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink';

/** The form's answer: an error summary (focused, so a screen reader hears it) or a saved notice. */
function Answer({ state, tx }: { state: SettingsState; tx: ReturnType<typeof translator> }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.formError) ref.current?.focus();
  }, [state.seq, state.formError]);
  if (state.formError) {
    return (
      <p ref={ref} tabIndex={-1} role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
        {tx(state.formError)}
      </p>
    );
  }
  if (state.ok) {
    return (
      <p role="status" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
        {tx(state.unchanged ? 'settings.unchanged' : 'settings.saved')}
      </p>
    );
  }
  return null;
}

function Submit({ pending, tx, children }: { pending: boolean; tx: ReturnType<typeof translator>; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
        {pending ? tx('settings.saving') : tx('settings.save')}
      </Button>
      {children}
    </div>
  );
}

/** A one-line text field of a settings form. */
function TextField({
  name,
  label,
  hint,
  value,
  error,
  max,
  tx,
  autoComplete,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  max: number;
  tx: ReturnType<typeof translator>;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
}) {
  const id = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-${name}`;
  return (
    <Field id={id} label={label} hint={hint} error={error ? tx(error) : undefined}>
      <Input
        id={id}
        name={name}
        defaultValue={value}
        maxLength={max}
        invalid={Boolean(error)}
        hasHint={Boolean(hint)}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
      />
    </Field>
  );
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

// ---------------------------------------------------------------------------------------------

export type ProfileValues = { name: string; district: string; subdistrict: string; province: string; address: string; timeZone: string };

export function ProfileForm({
  initial,
  zones,
  limits,
  texts,
}: {
  initial: ProfileValues;
  zones: { value: string; label: string }[];
  limits: { name: number; place: number; address: number };
  texts: Texts;
}) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveProfileAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  const v = (k: keyof ProfileValues) => (state.values ? (one(state.values[k]) ?? '') : initial[k]);
  const zoneId = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-tz`;
  const zoneIds = fieldIds(zoneId);
  return (
    <form key={state.seq ?? 0} action={action} noValidate className="flex flex-col gap-4" data-testid="profile-form">
      <Answer state={state} tx={tx} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="name" label={tx('settings.profile.name')} value={v('name')} error={e.name} max={limits.name} tx={tx} />
        <TextField name="district" label={tx('settings.profile.district')} value={v('district')} error={e.district} max={limits.place} tx={tx} />
        <TextField name="subdistrict" label={tx('settings.profile.subdistrict')} value={v('subdistrict')} error={e.subdistrict} max={limits.place} tx={tx} />
        <TextField name="province" label={tx('settings.profile.province')} value={v('province')} error={e.province} max={limits.place} tx={tx} />
        <TextField
          name="address"
          label={tx('settings.profile.address')}
          hint={tx('settings.profile.addressHint')}
          value={v('address')}
          error={e.address}
          max={limits.address}
          tx={tx}
          autoComplete="street-address"
        />
        <Field id={zoneId} label={tx('settings.profile.timeZone')} hint={tx('settings.profile.timeZoneHint')} error={e.timeZone ? tx(e.timeZone) : undefined}>
          <select
            id={zoneId}
            name="timeZone"
            defaultValue={v('timeZone')}
            aria-invalid={e.timeZone ? true : undefined}
            aria-describedby={[zoneIds.hint, e.timeZone ? zoneIds.error : null].filter(Boolean).join(' ')}
            className={cx(control, e.timeZone ? 'border-danger' : 'border-line')}
          >
            {zones.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Submit pending={pending} tx={tx} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

export function TargetForm({ year, villages, texts }: { year: number; villages: { id: string; name: string }[]; texts: Texts }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveTargetAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const values = state.ok ? undefined : state.values;
  const ids = { year: `${base}-year`, percent: `${base}-percent`, village: `${base}-village` };
  const villageIds = fieldIds(ids.village);
  return (
    <form key={state.seq ?? 0} action={action} noValidate className="flex flex-col gap-4" data-testid="target-form">
      <Answer state={state} tx={tx} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id={ids.year} label={tx('settings.target.year')} error={e.year ? tx(e.year) : undefined}>
          <Input
            id={ids.year}
            name="year"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            step={1}
            defaultValue={one(values?.year) ?? String(year)}
            invalid={Boolean(e.year)}
          />
        </Field>
        <Field id={ids.percent} label={tx('settings.target.percent')} error={e.targetPercent ? tx(e.targetPercent) : undefined}>
          <Input
            id={ids.percent}
            name="targetPercent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            defaultValue={one(values?.targetPercent) ?? ''}
            invalid={Boolean(e.targetPercent)}
          />
        </Field>
        <Field id={ids.village} label={tx('settings.target.village')} hint={tx('settings.target.villageHint')} error={e.villageId ? tx(e.villageId) : undefined}>
          <select
            id={ids.village}
            name="villageId"
            defaultValue={one(values?.villageId) ?? ''}
            aria-invalid={e.villageId ? true : undefined}
            aria-describedby={[villageIds.hint, e.villageId ? villageIds.error : null].filter(Boolean).join(' ')}
            className={cx(control, e.villageId ? 'border-danger' : 'border-line')}
          >
            <option value="">{tx('settings.target.wholePuskesmas')}</option>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Submit pending={pending} tx={tx} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

export function SignatoryForm({
  initial,
  limits,
  texts,
}: {
  initial: { name: string; nip: string; title: string };
  limits: { name: number; title: number };
  texts: Texts;
}) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSignatoryAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  const values = state.values;
  return (
    <form key={state.seq ?? 0} action={action} noValidate className="flex flex-col gap-4" data-testid="signatory-form">
      <Answer state={state} tx={tx} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="signatoryName"
          label={tx('settings.signatory.name')}
          value={values ? (one(values.signatoryName) ?? '') : initial.name}
          error={e.signatoryName}
          max={limits.name}
          tx={tx}
        />
        <TextField
          name="signatoryNip"
          label={tx('settings.signatory.nip')}
          hint={tx('settings.signatory.nipHint')}
          value={values ? (one(values.signatoryNip) ?? '') : initial.nip}
          error={e.signatoryNip}
          max={40}
          tx={tx}
          inputMode="numeric"
        />
        <TextField
          name="signatoryTitle"
          label={tx('settings.signatory.jabatan')}
          hint={tx('settings.signatory.jabatanHint')}
          value={values ? (one(values.signatoryTitle) ?? '') : initial.title}
          error={e.signatoryTitle}
          max={limits.title}
          tx={tx}
        />
      </div>
      <Submit pending={pending} tx={tx} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

/** The portal's public address (issue #29): links sent to people are built from it. */
export function PublicUrlForm({ initial, texts }: { initial: string; texts: Texts }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(savePublicUrlAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form key={state.seq ?? 0} action={action} noValidate className="flex flex-col gap-4" data-testid="public-url-form">
      <Answer state={state} tx={tx} />
      <TextField
        name="publicUrl"
        label={tx('settings.publicUrl.label')}
        hint={tx('settings.publicUrl.hint')}
        value={state.values ? (one(state.values.publicUrl) ?? '') : initial}
        error={e.publicUrl}
        max={200}
        tx={tx}
        autoComplete="url"
      />
      <Submit pending={pending} tx={tx} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

export function BlockedTermsForm({ initial, limits, texts }: { initial: string[]; limits: { terms: number; term: number; text: number }; texts: Texts }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveBlockedTermsAction, {});
  const tx = translator(texts);
  const error = state.fieldErrors?.terms;
  const id = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-terms`;
  const ids = fieldIds(id);
  const value = state.values ? (one(state.values.terms) ?? '') : initial.join('\n');
  return (
    <form key={state.seq ?? 0} action={action} noValidate className="flex flex-col gap-4" data-testid="terms-form">
      <Answer state={state} tx={tx} />
      <Field id={id} label={tx('settings.terms.label')} hint={tx('settings.terms.hint', { max: limits.terms, len: limits.term })} error={error ? tx(error) : undefined}>
        <textarea
          id={id}
          name="terms"
          rows={10}
          defaultValue={value}
          maxLength={limits.text}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={[ids.hint, error ? ids.error : null].filter(Boolean).join(' ')}
          className={cx(control, 'min-h-48 font-mono text-sm', error ? 'border-danger' : 'border-line')}
        />
      </Field>
      <Submit pending={pending} tx={tx} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

type Row = { key: number; fromDay: string; toDay: string };

function rowsFrom(from: string[], to: string[], start: number): Row[] {
  return from.map((f, i) => ({ key: start + i, fromDay: f, toDay: to[i] ?? '' }));
}

/** The window rows of the form: add and remove rows here; the values are posted as fromDay[] / toDay[]. */
function WindowRows({ initial, errors, tx }: { initial: Row[]; errors: Record<string, string>; tx: ReturnType<typeof translator> }) {
  const [rows, setRows] = useState<Row[]>(initial);
  const next = useRef(initial.length + 1000);
  const addRef = useRef<HTMLButtonElement>(null);
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3">
        {rows.map((r, i) => {
          const fromId = `${base}-from-${r.key}`;
          const toId = `${base}-to-${r.key}`;
          const fromErr = errors[`windows.${i}.fromDay`];
          const toErr = errors[`windows.${i}.toDay`];
          const last = i === rows.length - 1;
          return (
            <li key={r.key} className="rounded-lg border border-line p-3" data-testid="window-row">
              <fieldset className="grid gap-3 sm:grid-cols-[8rem_1fr_1fr_auto] sm:items-start">
                <legend className="sr-only">{tx('settings.windows.n', { n: i + 1 })}</legend>
                <p aria-hidden="true" className="font-semibold text-ink sm:pt-8">
                  {tx('settings.windows.n', { n: i + 1 })}
                </p>
                <Field id={fromId} label={tx('settings.windows.from')} error={fromErr ? tx(fromErr) : undefined}>
                  <Input
                    id={fromId}
                    name="fromDay"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={180}
                    step={1}
                    defaultValue={r.fromDay}
                    invalid={Boolean(fromErr)}
                    aria-label={`${tx('settings.windows.n', { n: i + 1 })}: ${tx('settings.windows.from')}`}
                  />
                </Field>
                <Field id={toId} label={tx('settings.windows.to')} hint={last ? tx('settings.windows.toHint') : undefined} error={toErr ? tx(toErr) : undefined}>
                  <Input
                    id={toId}
                    name="toDay"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={180}
                    step={1}
                    defaultValue={r.toDay}
                    invalid={Boolean(toErr)}
                    hasHint={last}
                    aria-label={`${tx('settings.windows.n', { n: i + 1 })}: ${tx('settings.windows.to')}`}
                  />
                </Field>
                <Button
                  variant="secondary"
                  className="sm:mt-6"
                  disabled={rows.length === 1}
                  aria-label={tx('settings.windows.removeLabel', { n: i + 1 })}
                  onClick={() => {
                    setRows((rs) => rs.filter((x) => x.key !== r.key));
                    addRef.current?.focus();
                  }}
                >
                  {tx('settings.windows.remove')}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <button
          ref={addRef}
          type="button"
          className={buttonClass('secondary')}
          disabled={rows.length >= 20}
          onClick={() => setRows((rs) => [...rs, { key: next.current++, fromDay: '', toDay: '' }])}
        >
          {tx('settings.windows.add')}
        </button>
      </div>
    </div>
  );
}

export function VisitWindowsForm({ initial, defaultsText, texts }: { initial: { fromDay: number; toDay: number | null }[]; defaultsText: string; texts: Texts }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveVisitWindowsAction, {});
  const tx = translator(texts);
  const e = state.fieldErrors ?? {};
  const seq = state.seq ?? 0;
  const rows =
    state.values && !state.ok
      ? rowsFrom((state.values.fromDay as string[]) ?? [], (state.values.toDay as string[]) ?? [], seq * 100)
      : initial.map((w, i) => ({ key: seq * 100 + i, fromDay: String(w.fromDay), toDay: w.toDay === null ? '' : String(w.toDay) }));
  return (
    <form key={seq} action={action} noValidate className="flex flex-col gap-4" data-testid="windows-form">
      <Answer state={state} tx={tx} />
      {e.windows ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {tx(e.windows)}
        </p>
      ) : null}
      <WindowRows initial={rows.length ? rows : [{ key: 0, fromDay: '', toDay: '' }]} errors={e} tx={tx} />
      <Submit pending={pending} tx={tx}>
        <Button type="submit" name="intent" value="reset" variant="ghost" disabled={pending} aria-describedby="windows-reset-hint">
          {tx('settings.windows.reset')}
        </Button>
      </Submit>
      <p id="windows-reset-hint" className="text-sm text-muted">
        {tx('settings.windows.resetHint', { windows: defaultsText })}
      </p>
    </form>
  );
}
