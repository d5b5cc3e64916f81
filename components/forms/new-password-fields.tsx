import { Field, Input } from '@/components/ui/field';

/** The new password and its repetition, for every form that sets one (activation, change). */
export function NewPasswordFields({
  labels,
  errors,
}: {
  labels: { password?: string; hint?: string; confirm?: string };
  errors: { password?: string; confirm?: string };
}) {
  return (
    <>
      <Field id="password" label={labels.password} hint={labels.hint} error={errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" maxLength={200} required invalid={Boolean(errors.password)} hasHint />
      </Field>
      <Field id="confirm" label={labels.confirm} error={errors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" maxLength={200} required invalid={Boolean(errors.confirm)} />
      </Field>
    </>
  );
}
