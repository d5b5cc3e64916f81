import { z } from 'zod';
import { normalizePhone } from '@/lib/domain/identifiers';
import { PASSWORD_MAX } from './password';
import { safeLine } from './text';

/** Changing one's own password (the rules are checked on the server with the account's phone). */
export const changePasswordSchema = z.object({
  current: z.string({ error: 'validation.required' }).check(safeLine).min(1, 'validation.required').max(PASSWORD_MAX, 'validation.passwordTooLong'),
  password: z.string({ error: 'validation.required' }).check(safeLine).max(PASSWORD_MAX, 'validation.passwordTooLong'),
  confirm: z.string({ error: 'validation.required' }).check(safeLine).max(PASSWORD_MAX, 'validation.passwordTooLong'),
});
export type ChangePasswordField = keyof z.input<typeof changePasswordSchema>;

/** Disabling, enabling or ending the sessions of an account; a reason is always recorded. */
export const accountActionSchema = z.object({
  userId: z.uuid({ error: 'validation.invalid' }),
  action: z.enum(['disable', 'enable', 'endSessions'], { error: 'validation.invalid' }),
  reason: z.string({ error: 'validation.reasonRequired' }).check(safeLine).trim().min(3, 'validation.reasonRequired').max(300, 'validation.tooLong'),
});
export type AccountActionInput = z.infer<typeof accountActionSchema>;

/** Query string of the account list and the audit page; anything unknown is dropped. */
export const accountFilterSchema = z.object({
  role: z.enum(['admin', 'staff', 'kader', 'ibu']).optional().catch(undefined),
  q: z.string().check(safeLine).trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const auditFilterSchema = z.object({
  user: z.uuid().optional().catch(undefined),
  entity: z
    .string()
    .check(safeLine)
    .trim()
    .regex(/^[a-z_]{2,40}$/)
    .optional()
    .catch(undefined),
  record: z.string().check(safeLine).trim().max(64).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/**
 * Adding and editing an account (issue #18): shared by the forms (their field names and
 * limits) and lib/data/accounts.ts (which parses every post with these schemas). Messages are
 * keys of messages/*.json: `validation.*` or `accountsNew.errors.*`.
 */
export const NEW_ACCOUNT_ROLES = ['admin', 'staff', 'kader'] as const;
export type NewAccountRole = (typeof NEW_ACCOUNT_ROLES)[number];
export const ACCOUNT_NAME_MAX = 100;
export const ACCOUNT_PHONE_MAX = 32;
/** More posyandu than one puskesmas has: a guard against a flood of ids, not a rule. */
export const ACCOUNT_POSYANDU_MAX = 60;

/** A person's name with titles ("Sri Wahyuni, A.Md.Keb."): letters, spaces and . , ' ’ - ( ). No markup. */
export const personNameField = z
  .string({ error: 'validation.required' })
  .check(safeLine)
  .trim()
  .min(1, 'validation.required')
  .max(ACCOUNT_NAME_MAX, 'validation.tooLong')
  .refine((v) => v.length >= 2, 'accountsNew.errors.nameShort')
  .refine((v) => /^[\p{L}\p{M}][\p{L}\p{M} .,'’()-]*$/u.test(v), 'accountsNew.errors.nameChars')
  .transform((v) => v.replace(/\s+/g, ' '));

/** The login: 0812-…, 62812… or +62812…, stored as E.164 (+62812…). */
export const loginPhoneField = z
  .string({ error: 'validation.required' })
  .check(safeLine)
  .trim()
  .min(1, 'validation.required')
  .max(ACCOUNT_PHONE_MAX, 'validation.phoneInvalid')
  .transform((v, ctx) => {
    const e164 = normalizePhone(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'validation.phoneInvalid' });
      return z.NEVER;
    }
    return e164;
  });

/** Posyandu ids from checkboxes (one value, several or none); each must be a uuid. */
const posyanduIdList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.uuid({ error: 'accountsNew.errors.posyanduInvalid' }), { error: 'accountsNew.errors.posyanduInvalid' })
    .max(ACCOUNT_POSYANDU_MAX, 'accountsNew.errors.posyanduInvalid')
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
);

/** "Posyandu utama": empty = the first chosen posyandu in list order. */
const homePosyandu = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid({ error: 'accountsNew.errors.homeInvalid' }).optional());

/** A kader works in at least one posyandu, and her home posyandu is one of them. */
export function kaderPosyanduProblem(v: { posyanduIds: string[]; homePosyanduId?: string }): { field: 'posyanduIds' | 'homePosyanduId'; message: string } | null {
  if (v.posyanduIds.length === 0) return { field: 'posyanduIds', message: 'accountsNew.errors.posyanduRequired' };
  if (v.homePosyanduId && !v.posyanduIds.includes(v.homePosyanduId.toLowerCase())) return { field: 'homePosyanduId', message: 'accountsNew.errors.homeInvalid' };
  return null;
}

export const createAccountSchema = z
  .object({
    role: z.enum(NEW_ACCOUNT_ROLES, { error: 'accountsNew.errors.role' }),
    name: personNameField,
    phone: loginPhoneField,
    posyanduIds: posyanduIdList,
    homePosyanduId: homePosyandu,
  })
  .superRefine((v, ctx) => {
    const problem = v.role === 'kader' ? kaderPosyanduProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  // Only a kader has posyandu; anything posted for another role is dropped.
  .transform((v) => (v.role === 'kader' ? v : { ...v, posyanduIds: [] as string[], homePosyanduId: undefined }));
export type CreateAccountInput = z.infer<typeof createAccountSchema>;
export type CreateAccountField = 'role' | 'name' | 'phone' | 'posyanduIds' | 'homePosyanduId';

/** Editing: the name, and a kader's posyandu (which the data layer requires for a kader only). */
export const updateAccountSchema = z.object({
  userId: z.uuid({ error: 'validation.invalid' }),
  name: personNameField,
  posyanduIds: posyanduIdList,
  homePosyanduId: homePosyandu,
});
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
export type UpdateAccountField = 'name' | 'posyanduIds' | 'homePosyanduId';

/**
 * A new activation code. For an account that already has a password the code lets its holder
 * set a new one, i.e. take the account over: a reason is then required and audited.
 */
export const reissueCodeSchema = z.object({
  userId: z.uuid({ error: 'validation.invalid' }),
  reason: z
    .string()
    .check(safeLine)
    .optional()
    .transform((s) => (s ?? '').replace(/\s+/g, ' ').trim())
    .pipe(z.string().check(safeLine).max(300, 'validation.tooLong')),
});
