import { z } from 'zod';
import { PASSWORD_MAX, passwordProblem } from './password';
import { addDays, isIsoDate, validateNik, type IsoDate } from '@/lib/domain';
import { phoneField } from './auth';

/**
 * Registering a mother with her baby (or twins) — shared by the form and the server — and
 * activating her account. Messages are keys of messages/*.json ("validation.*").
 */

/** Version of the consent text the mother agreed to (UU 27/2022: provable consent). */
export const CONSENT_TEXT_VERSION = '2026-01';
export const MAX_BABIES = 3;

const optionalText = (max: number) =>
  z
    .string({ error: 'validation.invalid' })
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null));

const babyFields = z.object({
  name: optionalText(100),
  sex: z.enum(['L', 'P'], { error: 'validation.required' }),
  birthWeightGrams: z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(5, 'validation.birthWeightRange')
    .optional()
    .refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 300 && Number(v) <= 7000), 'validation.birthWeightRange')
    .transform((v) => (v ? Number(v) : null)),
});

export function motherSchema(ctx: { today: IsoDate }) {
  return z
    .object({
      name: z.string({ error: 'validation.required' }).trim().min(2, 'validation.required').max(100, 'validation.tooLong'),
      phone: phoneField,
      nik: z
        .string({ error: 'validation.invalid' })
        .trim()
        .max(40, 'validation.nikInvalid')
        .optional()
        .transform((v, c) => {
          if (!v) return null;
          const r = validateNik(v, ctx.today);
          if (!r.ok) {
            c.addIssue({ code: 'custom', message: 'validation.nikInvalid' });
            return z.NEVER;
          }
          return v.replace(/ /g, '');
        }),
      posyanduId: z.uuid({ error: 'validation.required' }),
      address: optionalText(200),
      rt: optionalText(3),
      rw: optionalText(3),
      birthDate: z
        .string({ error: 'validation.required' })
        .trim()
        .refine((v) => isIsoDate(v), 'validation.dateInvalid')
        .refine((v) => v <= ctx.today, 'validation.dateInFuture')
        .refine((v) => v >= addDays(ctx.today, -366), 'validation.birthTooOld'),
      earlyInitiation: z.enum(['yes', 'no', ''], { error: 'validation.invalid' }).optional(),
      babies: z.array(babyFields, { error: 'validation.invalid' }).min(1, 'validation.required').max(MAX_BABIES, 'validation.invalid'),
      consent: z.literal(true, { error: 'validation.consentRequired' }),
      /** The user saw the possible duplicate and registers a new mother anyway. */
      registerAnyway: z.boolean({ error: 'validation.invalid' }).optional(),
    })
    .transform((v) => ({ ...v, earlyInitiation: v.earlyInitiation ? v.earlyInitiation === 'yes' : null }));
}

export type MotherFormValues = z.input<ReturnType<typeof motherSchema>>;
export type MotherInput = z.output<ReturnType<typeof motherSchema>>;
export type MotherField = keyof MotherFormValues;

/** The mother's own activation: one-time code, new password (lib/validation/password.ts). */
export const activationSchema = z
  .object({
    phone: phoneField,
    code: z
      .string({ error: 'validation.required' })
      .trim()
      .min(1, 'validation.required')
      .max(32, 'validation.invalid')
      .transform((v) => v.replace(/[\s-]/g, '').toUpperCase()),
    password: z.string({ error: 'validation.required' }).max(PASSWORD_MAX, 'validation.passwordTooLong'),
    confirm: z.string({ error: 'validation.required' }).max(PASSWORD_MAX, 'validation.passwordTooLong'),
  })
  .superRefine((v, c) => {
    const problem = passwordProblem(v.password, v.phone);
    if (problem) c.addIssue({ code: 'custom', path: ['password'], message: problem });
    if (v.password !== v.confirm) c.addIssue({ code: 'custom', path: ['confirm'], message: 'validation.passwordMismatch' });
  });
export type ActivationFormValues = z.input<typeof activationSchema>;
