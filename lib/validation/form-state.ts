import type { z } from 'zod';

/**
 * What a server action returns to its form: message keys (messages/*.json) per field and for
 * the whole form. Never a stack trace, never data.
 */
export type FormState<F extends string = string> = {
  ok?: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  formError?: string;
};

/** The first message of each field, from a zod error. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!out[key]) out[key] = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<F, string>>;
}
