/**
 * The react-hook-form resolver of the client forms: the form's own zod/mini schema, parsed with
 * its `safeParse` (the server parses with the same schema), and its issues turned into
 * react-hook-form's nested errors — first issue of a field wins, message = the schema's message
 * key, which the form translates. It replaces @hookform/resolvers' zodResolver, which also
 * carries zod 3 support and native-validation code these forms do not use, on phones that pay
 * for every kilobyte (docs/performance-pages.md).
 */
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';

export type SchemaIssue = { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: string };
export type SafeParser<Out> = {
  safeParse(data: unknown): { success: true; data: Out } | { success: false; error: { issues: readonly SchemaIssue[] } };
};

/** Issues as react-hook-form errors: `babies.0.name` → `{ babies: [{ name: { type, message } }] }`. */
export function nestIssues(issues: readonly SchemaIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.map(String) : ['root'];
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      node[key] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    node[leaf] ??= { type: issue.code ?? 'invalid', message: issue.message };
  }
  return out;
}

export function schemaResolver<In extends FieldValues, Out = In>(schema: SafeParser<Out>): Resolver<In, unknown, Out> {
  return (values) => {
    const r = schema.safeParse(values);
    if (r.success) return { values: r.data, errors: {} };
    return { values: {}, errors: nestIssues(r.error.issues) as FieldErrors<In> };
  };
}
