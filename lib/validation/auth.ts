import { z } from 'zod';
import { normalizePhone } from '@/lib/domain/identifiers';

/**
 * Shared by the sign-in form and the server. Messages are keys of messages/*.json
 * ("validation.*"), translated where they are shown.
 */
export const phoneField = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(32, 'validation.phoneInvalid')
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'validation.phoneInvalid' });
      return z.NEVER;
    }
    return e164;
  });

export const loginSchema = z.object({
  phone: phoneField,
  password: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .max(200, 'validation.passwordTooLong'),
});
export type LoginInput = z.input<typeof loginSchema>;
