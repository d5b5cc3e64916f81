/**
 * Reading a posted form in the server actions: text fields only (a file or a missing field is
 * not text). Not a 'use server' module: nothing here is an endpoint.
 */

/** A posted text field; undefined when it is missing or not text. */
export function str(fd: FormData, name: string): string | undefined {
  const v = fd.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every posted value of a field (checkbox groups, multiple selects), non-text as ''. */
export function strs(fd: FormData, name: string): string[] {
  return fd.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
}

/** The named text fields, '' when missing: what a refused form gives back as typed. */
export function formValues<K extends string>(fd: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, str(fd, n) ?? ''])) as Record<K, string>;
}
