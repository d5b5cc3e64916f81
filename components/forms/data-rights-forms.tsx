'use client';

import { useActionState } from 'react';
import {
  closeRequestAction,
  requestCorrectionAction,
  saveRetentionAction,
  withdrawAction,
  type CloseRequestState,
  type CorrectionState,
  type RetentionState,
  type WithdrawalState,
} from '@/lib/actions/data-rights';
import { Button } from '@/components/ui/button';
import { ChoiceSelect, Field, Input, fieldIds } from '@/components/ui/field';
import { CLOSE_NOTE_MAX, CORRECTION_MAX, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS, WITHDRAWAL_CHANNELS } from '@/lib/domain/data-rights';

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

function TextArea({ id, name, max, error, rows = 3 }: { id: string; name: string; max: number; error?: string; rows?: number }) {
  const ids = fieldIds(id);
  return (
    <textarea
      id={id}
      name={name}
      rows={rows}
      maxLength={max}
      required
      aria-invalid={error ? true : undefined}
      aria-describedby={[ids.hint, error ? ids.error : null].filter(Boolean).join(' ')}
      className={control}
    />
  );
}

/** The mother says what is wrong in her data. `formKey` is made when the page is rendered (decision 054). */
export function CorrectionForm({ formKey, texts }: { formKey: string; texts: Texts }) {
  const [state, action, pending] = useActionState<CorrectionState, FormData>(requestCorrectionAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="correction-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="id" value={formKey} />
      <Field id="correction-body" label={tx('dataRights.correctionLabel')} hint={tx('dataRights.correctionHint')} error={tx(e.body)}>
        <TextArea id="correction-body" name="body" max={CORRECTION_MAX} error={e.body} rows={4} />
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
        {tx('dataRights.correctionSend')}
      </Button>
    </form>
  );
}

/** Staff close a request with a note the mother reads. */
export function CloseRequestForm({ requestId, texts }: { requestId: string; texts: Texts }) {
  const [state, action, pending] = useActionState<CloseRequestState, FormData>(closeRequestAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  const id = `close-${requestId}`;
  return (
    <form action={action} className="flex flex-col gap-2" data-testid="close-request-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="id" value={requestId} />
      <Field id={id} label={tx('dataRights.closeNote')} hint={tx('dataRights.closeNoteHint')} error={tx(e.note)}>
        <TextArea id={id} name="note" max={CLOSE_NOTE_MAX} error={e.note} rows={2} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
        {tx('dataRights.close')}
      </Button>
    </form>
  );
}

/** Staff record a withdrawal she asked for, confirmed by typing her name. */
export function WithdrawalForm({ formKey, motherId, babyId, today, texts }: { formKey: string; motherId: string; babyId: string; today: string; texts: Texts }) {
  const [state, action, pending] = useActionState<WithdrawalState, FormData>(withdrawAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="withdrawal-form" noValidate>
      <FormError message={tx(state.formError)} />
      <input type="hidden" name="id" value={formKey} />
      <input type="hidden" name="motherId" value={motherId} />
      <input type="hidden" name="babyId" value={babyId} />
      <Field id="requestedOn" label={tx('dataRights.requestedOn')} error={tx(e.requestedOn)}>
        <Input id="requestedOn" name="requestedOn" type="date" max={today} defaultValue={today} required invalid={Boolean(e.requestedOn)} />
      </Field>
      <Field id="channel" label={tx('dataRights.channel')} error={tx(e.channel)}>
        <ChoiceSelect
          id="channel"
          name="channel"
          choose={tx('dataRights.choose')}
          options={WITHDRAWAL_CHANNELS.map((c) => ({ value: c, label: tx(`dataRights.channels.${c}`) }))}
          invalid={Boolean(e.channel)}
        />
      </Field>
      <Field id="confirmName" label={tx('dataRights.confirmName')} hint={tx('dataRights.confirmNameHint')} error={tx(e.confirmName)}>
        <Input id="confirmName" name="confirmName" autoComplete="off" required hasHint invalid={Boolean(e.confirmName)} />
      </Field>
      <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
        {tx('dataRights.withdraw')}
      </Button>
    </form>
  );
}

/** The admin sets the retention period. */
export function RetentionForm({ months, texts }: { months: number; texts: Texts }) {
  const [state, action, pending] = useActionState<RetentionState, FormData>(saveRetentionAction, {});
  const tx = translate(texts);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end" data-testid="retention-form" noValidate>
      <FormError message={tx(state.formError)} />
      <Field id="months" label={tx('dataRights.retentionMonths')} error={tx(e.months)}>
        <Input
          id="months"
          name="months"
          type="number"
          inputMode="numeric"
          min={RETENTION_MIN_MONTHS}
          max={RETENTION_MAX_MONTHS}
          defaultValue={String(months)}
          required
          invalid={Boolean(e.months)}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {tx('dataRights.retentionSave')}
      </Button>
    </form>
  );
}
