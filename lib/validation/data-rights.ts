import { z } from 'zod';
import { CLOSE_NOTE_MAX, CORRECTION_MAX, CORRECTION_MIN, isIsoDate, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS, WITHDRAWAL_CHANNELS, type IsoDate } from '@/lib/domain';
import { safeLine, safeMultiline } from './text';

/**
 * A mother's rights over her data (issue #30): her correction request, staff closing it, a
 * withdrawal recorded by staff, and the retention setting. Shared by the forms and the data
 * layer; messages are keys of messages/*.json.
 */

export const correctionRequestSchema = z.object({
  /** The form's key (decision 054): a resend finds the stored request. */
  id: z.uuid({ error: 'validation.invalid' }),
  body: z
    .string({ error: 'validation.required' })
    .check(safeMultiline)
    .trim()
    .min(1, 'validation.required')
    .min(CORRECTION_MIN, 'validation.correctionTooShort')
    .max(CORRECTION_MAX, 'validation.tooLong'),
});
export type CorrectionRequestField = keyof z.input<typeof correctionRequestSchema>;

export const closeRequestSchema = z.object({
  id: z.uuid({ error: 'validation.invalid' }),
  note: z.string({ error: 'validation.required' }).check(safeMultiline).trim().min(3, 'validation.required').max(CLOSE_NOTE_MAX, 'validation.tooLong'),
});
export type CloseRequestField = keyof z.input<typeof closeRequestSchema>;

/** The same name, whatever the case and spacing: what staff type to confirm a withdrawal. */
export function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
  return n(a) === n(b) && n(a).length > 0;
}

export function withdrawalSchema(ctx: { today: IsoDate; motherName: string }) {
  return z.object({
    /** The form's key: the same withdrawal sent again answers as the first did. */
    id: z.uuid({ error: 'validation.invalid' }),
    motherId: z.uuid({ error: 'validation.invalid' }),
    requestedOn: z
      .string({ error: 'validation.required' })
      .check(safeLine)
      .trim()
      .min(1, 'validation.required')
      .refine((v) => isIsoDate(v), 'validation.dateInvalid')
      .refine((v) => !isIsoDate(v) || v <= ctx.today, 'validation.dateInFuture'),
    channel: z.enum(WITHDRAWAL_CHANNELS, { error: 'validation.required' }),
    confirmName: z
      .string({ error: 'validation.required' })
      .check(safeLine)
      .trim()
      .min(1, 'validation.confirmNameRequired')
      .max(200, 'validation.tooLong')
      .refine((v) => sameName(v, ctx.motherName), 'validation.confirmNameMismatch'),
  });
}
export type WithdrawalField = keyof z.input<ReturnType<typeof withdrawalSchema>>;

export const retentionSchema = z.object({
  months: z.coerce
    .number({ error: 'validation.required' })
    .int('validation.invalid')
    .min(RETENTION_MIN_MONTHS, 'validation.retentionRange')
    .max(RETENTION_MAX_MONTHS, 'validation.retentionRange'),
});
export type RetentionField = keyof z.input<typeof retentionSchema>;
