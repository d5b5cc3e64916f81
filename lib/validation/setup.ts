import * as z from 'zod/mini';
// The domain's own modules, not its index (this file is bundled into the setup form).
import { isPlainName, isZoneLabel, normalizeSetupCode, SHORT_CODE_PATTERN, TIME_ZONES, type ZoneLabel } from '@/lib/domain/setup';
import { phoneField } from './auth';
import { PASSWORD_MAX, passwordProblem } from './password';
import { safeLine } from './text';

/**
 * First-run setup (/pasang and `npm run setup`): the puskesmas and its first admin. Shared by
 * the form, the server action, the CLI and lib/data/setup.ts. Messages are keys of
 * messages/*.json ("validation.*", "setup.*"). zod/mini: the form bundles this schema.
 */

const nameText = (min: number, max: number) =>
  z.string({ error: 'validation.required' }).check(
    safeLine,
    z.trim(),
    z.minLength(1, 'validation.required'),
    z.minLength(min, 'setup.tooShort'),
    z.maxLength(max, 'validation.tooLong'),
    z.refine((v) => v.length > max || isPlainName(v), 'setup.plainText'),
  );

/** The puskesmas and the admin's name and phone: what the CLI asks for too. */
export const puskesmasSetupSchema = z.object({
  name: nameText(3, 100),
  shortCode: z.string({ error: 'validation.required' }).check(
    safeLine,
    z.trim(),
    z.toUpperCase(),
    z.minLength(1, 'validation.required'),
    z.refine((v) => SHORT_CODE_PATTERN.test(v), 'setup.shortCodeFormat'),
  ),
  district: nameText(3, 100),
  subdistrict: nameText(3, 100),
  province: nameText(3, 100),
  timeZone: z.pipe(
    z.string({ error: 'setup.zoneRequired' }).check(
      safeLine,
      z.refine((v) => isZoneLabel(v), 'setup.zoneRequired'),
    ),
    z.transform((v: string) => TIME_ZONES[v as ZoneLabel]),
  ),
  /** Coverage target of the current year, percent (a whole number, 1–100). */
  target: z.pipe(
    z.string({ error: 'validation.required' }).check(
      safeLine,
      z.trim(),
      z.minLength(1, 'validation.required'),
      z.refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100, 'setup.targetRange'),
    ),
    z.transform((v: string) => Number(v)),
  ),
  adminName: nameText(2, 100),
  adminPhone: phoneField,
});

/** The /pasang form: the setup code from the server log, and the admin's password. */
export const setupSchema = z
  .object({
    setupCode: z.pipe(
      z.string({ error: 'validation.required' }).check(safeLine, z.trim(), z.minLength(1, 'validation.required'), z.maxLength(64, 'setup.codeFormat')),
      z.transform((v: string, ctx) => {
        const code = normalizeSetupCode(v);
        if (!code) {
          ctx.issues.push({ code: 'custom', message: 'setup.codeFormat', input: v });
          return z.NEVER;
        }
        return code;
      }),
    ),
    ...puskesmasSetupSchema.shape,
    password: z.string({ error: 'validation.required' }).check(
      safeLine,
      z.maxLength(PASSWORD_MAX, 'validation.passwordTooLong'),
      z.superRefine((v, c) => {
        const problem = passwordProblem(v);
        if (problem) c.addIssue({ code: 'custom', message: problem, input: v });
      }),
    ),
    confirm: z.string({ error: 'validation.required' }).check(safeLine, z.maxLength(PASSWORD_MAX, 'validation.passwordTooLong')),
  })
  .check(
    z.superRefine((v, c) => {
      // Runs once every field is valid: the password may not be the admin's phone.
      const problem = passwordProblem(v.password, v.adminPhone);
      if (problem) c.addIssue({ code: 'custom', path: ['password'], message: problem, input: v.password });
      if (v.password !== v.confirm) c.addIssue({ code: 'custom', path: ['confirm'], message: 'validation.passwordMismatch', input: v.confirm });
    }),
  );

export type SetupFormValues = z.input<typeof setupSchema>;
export type SetupInput = z.output<typeof setupSchema>;
export type SetupField = keyof SetupFormValues;
export type PuskesmasSetupInput = z.output<typeof puskesmasSetupSchema>;
export type PuskesmasSetupField = keyof z.input<typeof puskesmasSetupSchema>;
