import * as z from 'zod/mini';
import { normalizePhone } from '@/lib/domain/identifiers';
import { safeLine } from './text';

/**
 * Shared by the sign-in form and the server. Messages are keys of messages/*.json
 * ("validation.*"), translated where they are shown. Written with `zod/mini` (the same rules
 * and parse/safeParse API as classic zod, tree-shakable): the phone field is part of the
 * registration schema that the client form bundles (issue #11, page weight).
 */
export const phoneField = z.pipe(
  z.string({ error: 'validation.required' }).check(safeLine, z.trim(), z.minLength(1, 'validation.required'), z.maxLength(32, 'validation.phoneInvalid')),
  z.transform((value: string, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.issues.push({ code: 'custom', message: 'validation.phoneInvalid', input: value });
      return z.NEVER;
    }
    return e164;
  }),
);

export const loginSchema = z.object({
  phone: phoneField,
  password: z.string({ error: 'validation.required' }).check(safeLine, z.minLength(1, 'validation.required'), z.maxLength(200, 'validation.passwordTooLong')),
});
export type LoginInput = z.input<typeof loginSchema>;
