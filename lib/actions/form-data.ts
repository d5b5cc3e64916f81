/**
 * Reading a posted form in the server actions: text fields only (a file or a missing field is
 * not text). Not a 'use server' module: nothing here is an endpoint.
 *
 * An action's endpoint can be called by anyone with any arguments (issue #29 point 4): a form
 * without the prior state (`action(formData)`), nothing, a string, an object. Every reader here
 * takes `unknown` and reads anything that is not a FormData as an empty form, so a wrong call
 * goes on to the form's own validation and is answered as an empty form is (field messages, or
 * the wrapper's refusals, lib/actions/safe-action.ts), never a TypeError and a 500.
 */

/** What was posted as a form: the FormData itself, or an empty form for anything else. */
export function formOf(fd: unknown): FormData {
  return fd instanceof FormData ? fd : new FormData();
}

/** A posted value as FormData.get gives it (null when missing). */
export function field(fd: unknown, name: string): FormDataEntryValue | null {
  return formOf(fd).get(name);
}

/** Every posted value of a field as FormData.getAll gives them. */
export function fields(fd: unknown, name: string): FormDataEntryValue[] {
  return formOf(fd).getAll(name);
}

/** A posted text field; undefined when it is missing or not text. */
export function str(fd: unknown, name: string): string | undefined {
  const v = field(fd, name);
  return typeof v === 'string' ? v : undefined;
}

/** Every posted value of a field (checkbox groups, multiple selects), non-text as ''. */
export function strs(fd: unknown, name: string): string[] {
  return fields(fd, name).map((v) => (typeof v === 'string' ? v : ''));
}

/** The named text fields, '' when missing: what a refused form gives back as typed. */
export function formValues<K extends string>(fd: unknown, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, str(fd, n) ?? ''])) as Record<K, string>;
}
