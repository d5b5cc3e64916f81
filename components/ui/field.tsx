import type { InputHTMLAttributes, ReactNode } from 'react';
import { forwardRef } from 'react';
import { cx } from './cx';

/** Ids of a field's hint and error, for aria-describedby. */
export function fieldIds(id: string) {
  return { hint: `${id}-hint`, error: `${id}-error` };
}

/** Label, control, hint and error message: every form field in the portal uses this. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const ids = fieldIds(id);
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-semibold text-ink">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={ids.hint} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean; hasHint?: boolean };

/** A text input wired to its Field's hint and error. */
export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ id, invalid, hasHint, className, ...props }, ref) {
  const ids = fieldIds(id ?? '');
  const describedBy = [hasHint ? ids.hint : null, invalid ? ids.error : null].filter(Boolean).join(' ');
  return (
    <input
      ref={ref}
      id={id}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy || undefined}
      className={cx(
        'min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink placeholder:text-muted',
        invalid ? 'border-danger' : 'border-line',
        className,
      )}
      {...props}
    />
  );
});

/**
 * A required choice wired to its Field's error: a first option asking to choose (value ''),
 * then the choices. Leaving it on the first option is the schema's "pilih salah satu".
 */
export function ChoiceSelect({
  id,
  name,
  choose,
  options,
  invalid,
  defaultValue = '',
  required = true,
}: {
  id: string;
  name: string;
  choose: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  invalid?: boolean;
  defaultValue?: string;
  required?: boolean;
}) {
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue}
      required={required}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? fieldIds(id).error : undefined}
      className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink"
    >
      <option value="">{choose}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
