import * as z from 'zod/mini';
import { PASSWORD_MAX, passwordProblem } from './password';
// The domain's own modules, not its index (this file is bundled into the registration form).
import { addDays, isIsoDate } from '@/lib/domain/dates';
import { validateNik } from '@/lib/domain/identifiers';
import type { IsoDate } from '@/lib/domain/types';
import { phoneField } from './auth';
import { safeLine } from './text';

/**
 * Registering a mother with her baby (or twins) — shared by the form and the server — and
 * activating her account. Messages are keys of messages/*.json ("validation.*").
 * Written with `zod/mini` (same rules and parse/safeParse API as classic zod, tree-shakable):
 * the registration form bundles this schema, and classic zod alone weighs 47 KB gzip (#11).
 */

/** Version of the consent text the mother agreed to (UU 27/2022: provable consent). */
export const CONSENT_TEXT_VERSION = '2026-01';
export const MAX_BABIES = 3;

const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string({ error: 'validation.invalid' }).check(safeLine, z.maxLength(max, 'validation.tooLong'))),
    z.transform((v: string | undefined) => (v?.trim() ? v.trim() : null)),
  );

const babyFields = z.object({
  name: optionalText(100),
  sex: z.enum(['L', 'P'], { error: 'validation.required' }),
  birthWeightGrams: z.pipe(
    z
      .optional(z.string({ error: 'validation.invalid' }).check(safeLine, z.trim(), z.maxLength(5, 'validation.birthWeightRange')))
      .check(z.refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 300 && Number(v) <= 7000), 'validation.birthWeightRange')),
    z.transform((v: string | undefined) => (v ? Number(v) : null)),
  ),
});

export function motherSchema(ctx: { today: IsoDate }) {
  const fields = z.object({
    name: z.string({ error: 'validation.required' }).check(safeLine, z.trim(), z.minLength(2, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
    phone: phoneField,
    nik: z.pipe(
      z.optional(z.string({ error: 'validation.invalid' }).check(safeLine, z.trim(), z.maxLength(40, 'validation.nikInvalid'))),
      z.transform((v: string | undefined, c) => {
        if (!v) return null;
        const r = validateNik(v, ctx.today);
        if (!r.ok) {
          c.issues.push({ code: 'custom', message: 'validation.nikInvalid', input: v });
          return z.NEVER;
        }
        return v.replace(/ /g, '');
      }),
    ),
    posyanduId: z.uuid({ error: 'validation.required' }),
    address: optionalText(200),
    rt: optionalText(3),
    rw: optionalText(3),
    birthDate: z.string({ error: 'validation.required' }).check(
      safeLine,
      z.trim(),
      z.refine((v) => isIsoDate(v), 'validation.dateInvalid'),
      z.refine((v) => v <= ctx.today, 'validation.dateInFuture'),
      z.refine((v) => v >= addDays(ctx.today, -366), 'validation.birthTooOld'),
    ),
    earlyInitiation: z.optional(z.enum(['yes', 'no', ''], { error: 'validation.invalid' })),
    babies: z.array(babyFields, { error: 'validation.invalid' }).check(z.minLength(1, 'validation.required'), z.maxLength(MAX_BABIES, 'validation.invalid')),
    consent: z.literal(true, { error: 'validation.consentRequired' }),
    /** The user saw the possible duplicate and registers a new mother anyway. */
    registerAnyway: z.optional(z.boolean({ error: 'validation.invalid' })),
  });
  return z.pipe(
    fields,
    z.transform((v: z.output<typeof fields>) => ({ ...v, earlyInitiation: v.earlyInitiation ? v.earlyInitiation === 'yes' : null })),
  );
}

export type MotherFormValues = z.input<ReturnType<typeof motherSchema>>;
export type MotherInput = z.output<ReturnType<typeof motherSchema>>;
export type MotherField = keyof MotherFormValues;

/** The mother's own activation: one-time code, new password (lib/validation/password.ts). */
export const activationSchema = z
  .object({
    phone: phoneField,
    code: z.pipe(
      z.string({ error: 'validation.required' }).check(safeLine, z.trim(), z.minLength(1, 'validation.required'), z.maxLength(32, 'validation.invalid')),
      z.transform((v: string) => v.replace(/[\s-]/g, '').toUpperCase()),
    ),
    password: z.string({ error: 'validation.required' }).check(safeLine, z.maxLength(PASSWORD_MAX, 'validation.passwordTooLong')),
    confirm: z.string({ error: 'validation.required' }).check(safeLine, z.maxLength(PASSWORD_MAX, 'validation.passwordTooLong')),
  })
  .check(
    z.superRefine((v, c) => {
      const problem = passwordProblem(v.password, v.phone);
      if (problem) c.addIssue({ code: 'custom', path: ['password'], message: problem });
      if (v.password !== v.confirm) c.addIssue({ code: 'custom', path: ['confirm'], message: 'validation.passwordMismatch' });
    }),
  );
export type ActivationFormValues = z.input<typeof activationSchema>;

/**
 * Staff give a mother registered without a login (her number was another account's, decision
 * 054) a login with a number she uses: the mother's id and the new phone (the registration's
 * phone rule).
 */
export const motherLoginSchema = z.object({
  motherId: z.uuid({ error: 'validation.invalid' }),
  phone: phoneField,
});
export type MotherLoginField = keyof z.input<typeof motherLoginSchema>;
