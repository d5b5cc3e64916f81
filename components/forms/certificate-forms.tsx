'use client';

import { useActionState, useId } from 'react';
import { issueAllAction, issueCertificateAction, revokeCertificateAction, type CertificateState } from '@/lib/actions/certificates';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

function Notice({ state }: { state: CertificateState }) {
  if (state.formError) {
    return (
      <p role="alert" className="text-sm font-medium text-danger">
        {state.formError}
      </p>
    );
  }
  if (state.notice) {
    return (
      <p role="status" className="text-sm font-medium text-ok">
        {state.notice}
      </p>
    );
  }
  return null;
}

/** One baby: a button with a full accessible name ("Terbitkan sertifikat untuk …"). */
export function IssueForm({ babyId, label, accessibleLabel, pendingLabel }: { babyId: string; label: string; accessibleLabel: string; pendingLabel: string }) {
  const [state, action, pending] = useActionState<CertificateState, FormData>(issueCertificateAction, {});
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="babyId" value={babyId} />
      <Button type="submit" disabled={pending} aria-busy={pending} aria-label={accessibleLabel}>
        {pending ? pendingLabel : label}
      </Button>
      <Notice state={state} />
    </form>
  );
}

export function IssueAllForm({ label, pendingLabel, disabled }: { label: string; pendingLabel: string; disabled?: boolean }) {
  const [state, action, pending] = useActionState<CertificateState, FormData>(issueAllAction, {});
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <Button type="submit" disabled={pending || disabled} aria-busy={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <div aria-live="polite">
        <Notice state={state} />
      </div>
    </form>
  );
}

export function RevokeForm({
  certificateId,
  texts,
}: {
  certificateId: string;
  texts: { reason: string; hint: string; submit: string; accessibleSubmit: string; pending: string };
}) {
  const [state, action, pending] = useActionState<CertificateState, FormData>(revokeCertificateAction, {});
  const id = `reason-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const error = state.fieldErrors?.reason;
  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="certificateId" value={certificateId} />
      <Field id={id} label={texts.reason} hint={texts.hint} error={error}>
        <Input id={id} name="reason" required maxLength={600} invalid={Boolean(error)} hasHint />
      </Field>
      <Button type="submit" variant="danger" disabled={pending} aria-busy={pending} aria-label={texts.accessibleSubmit}>
        {pending ? texts.pending : texts.submit}
      </Button>
      <Notice state={state} />
    </form>
  );
}
