import type { $ZodError } from 'zod/v4/core';

/**
 * What a server action returns to its form: message keys (messages/*.json) per field and for
 * the whole form. Never a stack trace, never data.
 */
export type FormState<F extends string = string> = {
  ok?: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  formError?: string;
};

/**
 * The first message of each field, from a zod error: classic zod's `ZodError` or the core
 * `$ZodError` of the `zod/mini` schemas (lib/validation/visit.ts, mother.ts, auth.ts).
 */
export function fieldErrorsOf<F extends string>(error: Pick<$ZodError, 'issues'>): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}
