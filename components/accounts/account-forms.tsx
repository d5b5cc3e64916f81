'use client';

// Links are plain <a>: next/link would add its runtime to these forms' JavaScript
// (page-weight budget, docs/performance-pages.md).
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  createAccountAction,
  reissueCodeAction,
  updateAccountAction,
  type CreateAccountState,
  type IssuedCode,
  type ReissueCodeState,
  type UpdateAccountState,
} from '@/lib/actions/accounts';
import { ActivationCodeNotice } from '@/components/forms/activation-code-notice';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { cx } from '@/components/ui/cx';

export type VillageChoice = { id: string; name: string; posyandu: { id: string; name: string; active: boolean }[] };
type Texts = Record<string, string>;
/** The schema's limits (lib/validation/account.ts), passed by the page: the form does not bundle zod. */
export type AccountLimits = { name: number; phone: number };

function translator(texts: Texts) {
  return (k?: string, vars: Record<string, string | number> = {}) =>
    k ? (texts[k] ?? texts['validation.invalid'] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : undefined;
}

const selectClass = (invalid: boolean) => cx('min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink', invalid ? 'border-danger' : 'border-line');

const noSubscription = () => () => {};
/** False in the server's HTML and until this form's script runs: the form must work without it. */
function useHydrated(): boolean {
  // The server's snapshot (false) is used for the HTML and during hydration, the client's after.
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function FormError({ message }: { message?: string }) {
  return message ? (
    <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
      {message}
    </p>
  ) : null;
}

/**
 * The posyandu a kader works in: one checkbox per active posyandu, grouped by village, and the
 * "posyandu utama" when more than one is chosen (empty: the first chosen in list order).
 */
function PosyanduChoice({
  villages,
  initial,
  initialHome,
  errors,
  tx,
}: {
  villages: VillageChoice[];
  initial: readonly string[];
  initialHome?: string | null;
  errors: { posyanduIds?: string; homePosyanduId?: string };
  tx: ReturnType<typeof translator>;
}) {
  const [chosen, setChosen] = useState<string[]>([...initial]);
  const hydrated = useHydrated();
  const all = villages.flatMap((v) => v.posyandu);
  const inOrder = all.filter((p) => chosen.includes(p.id));
  // Without script the choice cannot follow the ticks: it offers every posyandu.
  const showHome = hydrated ? inOrder.length > 1 || Boolean(errors.homePosyanduId) : all.length > 1;
  const errorId = 'posyanduIds-error';
  return (
    <>
      <fieldset className="flex flex-col gap-2 rounded-xl border border-line p-3" aria-describedby={cx('posyanduIds-hint', errors.posyanduIds && errorId)}>
        <legend className="px-1 text-sm font-semibold text-ink">{tx('accountsNew.posyandu')}</legend>
        <p id="posyanduIds-hint" className="text-sm text-muted">
          {tx('accountsNew.posyanduHint')}
        </p>
        {villages.map((v) => (
          <fieldset key={v.id} className="flex flex-col">
            <legend className="text-sm font-semibold text-muted">{v.name}</legend>
            {v.posyandu.map((p) => (
              <label key={p.id} htmlFor={`pos-${p.id}`} className="flex min-h-11 cursor-pointer items-center gap-3 text-base text-ink">
                <input
                  id={`pos-${p.id}`}
                  type="checkbox"
                  name="posyanduIds"
                  value={p.id}
                  defaultChecked={initial.includes(p.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((id) => id !== p.id)))}
                  className="h-5 w-5 shrink-0 accent-brand"
                />
                <span>
                  {p.name}
                  {p.active ? null : <span className="text-sm text-muted"> ({tx('accountsNew.inactivePlace')})</span>}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        {errors.posyanduIds ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-danger">
            {errors.posyanduIds}
          </p>
        ) : null}
      </fieldset>
      {showHome ? (
        <Field id="homePosyanduId" label={tx('accountsNew.home')} hint={tx('accountsNew.homeHint')} error={errors.homePosyanduId}>
          <select
            id="homePosyanduId"
            name="homePosyanduId"
            defaultValue={initialHome && chosen.includes(initialHome) ? initialHome : ''}
            aria-invalid={Boolean(errors.homePosyanduId) || undefined}
            aria-describedby={cx('homePosyanduId-hint', errors.homePosyanduId && 'homePosyanduId-error')}
            className={selectClass(Boolean(errors.homePosyanduId))}
          >
            <option value="">
              {tx('accountsNew.homeFirst')}
              {hydrated && inOrder[0] ? ` (${inOrder[0].name})` : ''}
            </option>
            {hydrated
              ? inOrder.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))
              : villages.map((v) => (
                  <optgroup key={v.id} label={v.name}>
                    {v.posyandu.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
        </Field>
      ) : null}
    </>
  );
}

/** The code, shown once, with the WhatsApp link and the /aktivasi address; focused when it appears. */
function CodeShown({ title, done, tx, children }: { title?: string; done: IssuedCode; tx: ReturnType<typeof translator>; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none focus-visible:ring-2 focus-visible:ring-brand">
      <ActivationCodeNotice
        testId="account-code"
        title={title}
        codeLabel={tx('accountsNew.codeIs')}
        code={done.code}
        note={
          <>
            <p>{tx('accountsNew.codeOnce', { days: done.days })}</p>
            <p className="mt-1 break-words">{tx('accountsNew.howTo', { url: done.activationUrl })}</p>
          </>
        }
        waHref={done.waLink}
        waLabel={tx('accountsNew.sendWa')}
      >
        {children}
      </ActivationCodeNotice>
    </div>
  );
}

const linkClass = 'inline-flex min-h-11 items-center justify-center rounded-lg border border-line bg-surface px-4 py-2 font-semibold text-ink';

/** "Tambah akun": role, name, phone and, for a kader, her posyandu; then the code, once. */
export function CreateAccountForm({
  roles,
  villages,
  texts,
  limits,
}: {
  roles: { value: string; label: string }[];
  villages: VillageChoice[];
  texts: Texts;
  limits: AccountLimits;
}) {
  const [state, formAction, pending] = useActionState<CreateAccountState, FormData>(createAccountAction, {});
  const tx = translator(texts);
  const v = state.values ?? {};
  // Most new accounts are kaders: the form starts there.
  const [role, setRole] = useState(v.role ?? (roles.some((r) => r.value === 'kader') ? 'kader' : (roles[0]?.value ?? '')));
  const hydrated = useHydrated();
  const e = state.fieldErrors ?? {};
  if (state.done) {
    return (
      <CodeShown title={tx('accountsNew.created', { name: state.done.name })} done={state.done} tx={tx}>
        <a href={`/staff/pengguna/${state.done.userId}`} className={linkClass}>
          {tx('accountsNew.openAccount')}
        </a>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain <a> on purpose, as the note at the top says (page weight) */}
        <a href="/staff/pengguna/baru" className={linkClass}>
          {tx('accountsNew.addAnother')}
        </a>
      </CodeShown>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <FormError message={tx(state.formError)} />
      <Field id="role" label={tx('accountsNew.role')} error={tx(e.role)}>
        <select
          id="role"
          name="role"
          defaultValue={role}
          onChange={(ev) => setRole(ev.target.value)}
          aria-invalid={Boolean(e.role) || undefined}
          aria-describedby={e.role ? 'role-error' : undefined}
          className={selectClass(Boolean(e.role))}
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="name" label={tx('accountsNew.name')} hint={tx('accountsNew.nameHint')} error={tx(e.name)}>
        <Input id="name" name="name" autoComplete="off" maxLength={limits.name} defaultValue={v.name} required invalid={Boolean(e.name)} hasHint />
      </Field>
      <Field id="phone" label={tx('accountsNew.phone')} hint={tx('accountsNew.phoneHint')} error={tx(e.phone)}>
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
      {/* Only a kader has posyandu (the server drops them for other roles); without script the group stays. */}
      {role === 'kader' || !hydrated ? (
        <PosyanduChoice
          villages={villages}
          initial={v.posyanduIds ?? []}
          initialHome={v.homePosyanduId}
          errors={{ posyanduIds: tx(e.posyanduIds), homePosyanduId: tx(e.homePosyanduId) }}
          tx={tx}
        />
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
        {tx('accountsNew.submit')}
      </Button>
    </form>
  );
}

/** The account page's form: the name and, for a kader, her posyandu (moving her). */
export function EditAccountForm({
  userId,
  name,
  kader,
  villages,
  posyanduIds,
  homePosyanduId,
  texts,
  limits,
}: {
  userId: string;
  name: string;
  kader: boolean;
  villages: VillageChoice[];
  posyanduIds: string[];
  homePosyanduId: string | null;
  texts: Texts;
  limits: AccountLimits;
}) {
  const [state, formAction, pending] = useActionState<UpdateAccountState, FormData>(updateAccountAction, {});
  const tx = translator(texts);
  const v = state.values;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <FormError message={tx(state.formError)} />
      {state.saved ? (
        <p role="status" className="rounded-lg border border-ok bg-ok-soft px-3 py-2 text-sm font-medium text-ok">
          {tx(`accountsNew.account.${state.saved}`)}
        </p>
      ) : null}
      <Field id="name" label={tx('accountsNew.name')} hint={tx('accountsNew.nameHint')} error={tx(e.name)}>
        <Input id="name" name="name" autoComplete="off" maxLength={limits.name} defaultValue={v?.name ?? name} required invalid={Boolean(e.name)} hasHint />
      </Field>
      {kader ? (
        <>
          <PosyanduChoice
            villages={villages}
            initial={v?.posyanduIds ?? posyanduIds}
            initialHome={v ? v.homePosyanduId : homePosyanduId}
            errors={{ posyanduIds: tx(e.posyanduIds), homePosyanduId: tx(e.homePosyanduId) }}
            tx={tx}
          />
          <p className="text-sm text-muted">{tx('accountsNew.account.moveHint')}</p>
        </>
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
        {tx('accountsNew.account.save')}
      </Button>
    </form>
  );
}

/** "Buat kode aktivasi baru": a new one-time code; the unused older ones stop working. */
export function ReissueCodeForm({ userId, activated, texts }: { userId: string; activated: boolean; texts: Texts }) {
  const [state, formAction, pending] = useActionState<ReissueCodeState, FormData>(reissueCodeAction, {});
  const tx = translator(texts);
  const reasonError = state.formError === 'accountsNew.errors.reasonRequired' ? tx(state.formError) : undefined;
  return (
    <div className="flex flex-col gap-3">
      {state.done ? <CodeShown key={state.done.code} title={tx('accountsNew.account.newCode', { name: state.done.name })} done={state.done} tx={tx} /> : null}
      <form action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="userId" value={userId} />
        <FormError message={reasonError ? undefined : tx(state.formError)} />
        {activated ? (
          // The account has a password: the code replaces it, so the reason is asked and audited.
          <Field id={`reason-${userId}`} label={tx('accountsNew.account.reissueReason')!} hint={tx('accountsNew.account.reissueReasonHint')} error={reasonError}>
            <Input id={`reason-${userId}`} name="reason" maxLength={300} required hasHint invalid={Boolean(reasonError)} />
          </Field>
        ) : null}
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
          {tx('accountsNew.account.reissueButton')}
        </Button>
      </form>
    </div>
  );
}
