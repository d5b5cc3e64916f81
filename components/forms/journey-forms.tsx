'use client';

import { useActionState } from 'react';
import { followUpAction, type FollowUpState } from '@/lib/actions/visits';
import { exitAction, transferAction, type ExitState, type TransferState } from '@/lib/actions/journey';
import { Button } from '@/components/ui/button';
import { ChoiceSelect, Field, Input, fieldIds } from '@/components/ui/field';
import { EXIT_REASONS } from '@/lib/domain/recall';
import { OUTCOME_MAX, REASON_MAX } from '@/lib/validation/limits';

/** Texts come translated from the server page (flat "section.key" map). */
type Texts = Record<string, string>;
const translate = (texts: Texts) => (k?: string) => (k ? (texts[k] ?? texts['validation.invalid'] ?? k) : undefined);

const control = 'w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink';

function FormError({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
      {message}
    </p>
  ) : null;
}

function TextArea({ id, name, max, error, hint }: { id: string; name: string; max: number; error?: string; hint?: boolean }) {
  const ids = fieldIds(id);
  return (
    <textarea
      id={id}
      name={name}
      rows={2}
      maxLength={max}
      required
      aria-invalid={error ? true : undefined}
      aria-describedby={[hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ') || undefined}
      className={control}
    />
  );
}

/** Marking one referral as followed up, under its visit on the baby page. */
export function FollowUpForm({ babyId, visitId, texts }: { babyId: string; visitId: string; texts: Texts }) {
  const [state, action, pending] = useActionState<FollowUpState, FormData>(followUpAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  const id = `outcome-${visitId}`;
  return (
    <form action={action} className="mt-2 flex flex-col gap-2 rounded-lg bg-canvas p-3" data-testid="follow-up-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="babyId" value={babyId} />
      <input type="hidden" name="visitId" value={visitId} />
      <Field id={id} label={tx('followUp.outcome')} hint={tx('followUp.outcomeHint')} error={tx(e.outcome)}>
        <TextArea id={id} name="outcome" max={OUTCOME_MAX} error={e.outcome} hint />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
        {tx('followUp.save')}
      </Button>
    </form>
  );
}

/** Staff: move the mother to another posyandu of the puskesmas. */
export function TransferForm({
  babyId,
  motherId,
  current,
  posyandu,
  texts,
}: {
  babyId: string;
  motherId: string;
  current: string;
  posyandu: { id: string; name: string }[];
  texts: Texts;
}) {
  const [state, action, pending] = useActionState<TransferState, FormData>(transferAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="transfer-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="babyId" value={babyId} />
      <input type="hidden" name="motherId" value={motherId} />
      <Field id="posyanduId" label={tx('motherAdmin.posyandu')} error={tx(e.posyanduId)}>
        <ChoiceSelect
          id="posyanduId"
          name="posyanduId"
          choose={tx('motherAdmin.choose')}
          options={posyandu.filter((p) => p.id !== current).map((p) => ({ value: p.id, label: p.name }))}
          invalid={Boolean(e.posyanduId)}
        />
      </Field>
      <Field id="transfer-reason" label={tx('motherAdmin.reason')} hint={tx('motherAdmin.reasonHint')} error={tx(e.reason)}>
        <TextArea id="transfer-reason" name="reason" max={REASON_MAX} error={e.reason} hint />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {tx('motherAdmin.transfer')}
      </Button>
    </form>
  );
}

/** Staff: the baby leaves the program (moved away, died, transferred out), dated, with a reason. */
export function ExitForm({ babyId, birthDate, today, texts }: { babyId: string; birthDate: string; today: string; texts: Texts }) {
  const [state, action, pending] = useActionState<ExitState, FormData>(exitAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="exit-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="babyId" value={babyId} />
      <Field id="exitDate" label={tx('motherAdmin.exitDate')} error={tx(e.exitDate)}>
        <Input id="exitDate" name="exitDate" type="date" min={birthDate} max={today} defaultValue={today} required invalid={Boolean(e.exitDate)} />
      </Field>
      <Field id="exitReason" label={tx('motherAdmin.exitReason')} error={tx(e.exitReason)}>
        <ChoiceSelect
          id="exitReason"
          name="exitReason"
          choose={tx('motherAdmin.choose')}
          options={EXIT_REASONS.map((r) => ({ value: r, label: tx(`motherAdmin.reasons.${r}`) }))}
          invalid={Boolean(e.exitReason)}
        />
      </Field>
      <Field id="exit-reason-text" label={tx('motherAdmin.reason')} hint={tx('motherAdmin.reasonHint')} error={tx(e.reason)}>
        <TextArea id="exit-reason-text" name="reason" max={REASON_MAX} error={e.reason} hint />
      </Field>
      <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
        {tx('motherAdmin.exit')}
      </Button>
    </form>
  );
}
