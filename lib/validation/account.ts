import { z } from 'zod';
import { PASSWORD_MAX } from './password';

/** Changing one's own password (the rules are checked on the server with the account's phone). */
export const changePasswordSchema = z.object({
  current: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(PASSWORD_MAX, 'validation.passwordTooLong'),
  password: z.string({ error: 'validation.required' }).max(PASSWORD_MAX, 'validation.passwordTooLong'),
  confirm: z.string({ error: 'validation.required' }).max(PASSWORD_MAX, 'validation.passwordTooLong'),
});
export type ChangePasswordField = keyof z.input<typeof changePasswordSchema>;

/** Disabling, enabling or ending the sessions of an account; a reason is always recorded. */
export const accountActionSchema = z.object({
  userId: z.uuid({ error: 'validation.invalid' }),
  action: z.enum(['disable', 'enable', 'endSessions'], { error: 'validation.invalid' }),
  reason: z
    .string({ error: 'validation.reasonRequired' })
    .trim()
    .min(3, 'validation.reasonRequired')
    .max(300, 'validation.tooLong'),
});
export type AccountActionInput = z.infer<typeof accountActionSchema>;

/** Query string of the account list and the audit page; anything unknown is dropped. */
export const accountFilterSchema = z.object({
  role: z.enum(['admin', 'staff', 'kader', 'ibu']).optional().catch(undefined),
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const auditFilterSchema = z.object({
  user: z.uuid().optional().catch(undefined),
  entity: z.string().trim().regex(/^[a-z_]{2,40}$/).optional().catch(undefined),
  record: z.string().trim().max(64).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
