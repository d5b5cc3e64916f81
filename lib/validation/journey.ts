import { z } from 'zod';
import { EXIT_REASONS, isIsoDate, type IsoDate } from '@/lib/domain';
import { OUTCOME_MAX } from './limits';
import { changeReason } from './visit';
import { safeLine, safeMultiline } from './text';

/**
 * A mother's journey outside the visits: following up a referral, moving her to another
 * posyandu, and a baby's exit from the program. Shared by the forms and the data layer.
 * Messages are keys of messages/*.json ("validation.*").
 */

export { OUTCOME_MAX } from './limits';

export const followUpSchema = z.object({
  visitId: z.uuid({ error: 'validation.invalid' }),
  outcome: z.string({ error: 'validation.required' }).check(safeMultiline).trim().min(3, 'validation.required').max(OUTCOME_MAX, 'validation.tooLong'),
});
export type FollowUpField = keyof z.input<typeof followUpSchema>;

export const transferSchema = z.object({
  motherId: z.uuid({ error: 'validation.invalid' }),
  posyanduId: z.uuid({ error: 'validation.required' }),
  reason: changeReason,
});
export type TransferField = keyof z.input<typeof transferSchema>;

/** An exit (DESIGN §3 "exited"): dated from the baby's birth to today, with a reason. */
export function exitSchema(ctx: { birthDate: IsoDate; today: IsoDate }) {
  return z.object({
    babyId: z.uuid({ error: 'validation.invalid' }),
    exitDate: z
      .string({ error: 'validation.required' })
      .check(safeLine)
      .trim()
      .min(1, 'validation.required')
      .refine((v) => isIsoDate(v), 'validation.dateInvalid')
      .refine((v) => !isIsoDate(v) || v >= ctx.birthDate, 'validation.dateBeforeBirth')
      .refine((v) => !isIsoDate(v) || v <= ctx.today, 'validation.dateInFuture'),
    exitReason: z.enum(EXIT_REASONS, { error: 'validation.unknownCode' }),
    reason: changeReason,
  });
}
export type ExitField = keyof z.input<ReturnType<typeof exitSchema>>;
