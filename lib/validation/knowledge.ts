import * as z from 'zod/mini';
// The domain's own modules, not its index: this schema is bundled into the check form.
import { isIsoDate } from '@/lib/domain/dates';
import { KNOWLEDGE_ANSWERS, KNOWLEDGE_STATEMENT_IDS, type KnowledgeAnswer, type KnowledgeStatementId } from '@/lib/domain/knowledge';
import type { IsoDate } from '@/lib/domain/types';
import { REASON_MAX, REASON_MIN } from './limits';
import { safeLine, safeMultiline } from './text';

/**
 * A knowledge check (cek pengetahuan, issue #28): every statement of lib/domain KNOWLEDGE_STATEMENTS
 * answered with one of KNOWLEDGE_ANSWERS, a missing or unknown answer refused on its own field
 * ("validation.knowledgeAnswer"). Shared by the form (components/knowledge/knowledge-check-form.tsx)
 * and the server (lib/data/knowledge.ts). The statements are fields of their own, named by id, so
 * a form posts them as radio groups and an error lands on its fieldset. Written with `zod/mini`,
 * like the visit form: the schema is bundled into a phone's page.
 */
export type KnowledgeField = 'id' | 'babyId' | 'visitId' | 'takenOn' | 'reason' | KnowledgeStatementId;

export type KnowledgeContext = {
  /** Today in the puskesmas's time zone: the latest date a check may have. */
  today: IsoDate;
  /** The earliest date (a kader's check: the baby's birth date). */
  earliest?: IsoDate;
};

const answer = z.enum([...KNOWLEDGE_ANSWERS, ''], { error: 'validation.knowledgeAnswer' }).check(z.refine((v) => v !== '', 'validation.knowledgeAnswer'));

const answerFields = Object.fromEntries(KNOWLEDGE_STATEMENT_IDS.map((id) => [id, answer])) as Record<KnowledgeStatementId, typeof answer>;

const optionalId = z.optional(z.union([z.uuid({ error: 'validation.invalid' }), z.literal('')], { error: 'validation.invalid' }));

const fields = z.object({
  /** Made when the form is rendered: the same id again saves nothing new (decision 054). */
  id: z.uuid({ error: 'validation.invalid' }),
  /** The baby (a kader's check); absent or '' on a mother's own check. */
  babyId: optionalId,
  /** The visit it was taken with, if any. */
  visitId: optionalId,
  takenOn: z.string({ error: 'validation.required' }).check(
    safeLine,
    z.trim(),
    z.minLength(1, 'validation.required'),
    z.refine((v) => isIsoDate(v), 'validation.dateInvalid'),
  ),
  ...answerFields,
});

export type KnowledgeAnswersOf = Record<KnowledgeStatementId, KnowledgeAnswer>;

/** The schema for a check on a day (dates in the puskesmas's zone). */
export function knowledgeCheckSchema(ctx: KnowledgeContext) {
  return fields.check(
    z.superRefine((v, c) => {
      if (!isIsoDate(v.takenOn)) return;
      if (v.takenOn > ctx.today) c.addIssue({ code: 'custom', path: ['takenOn'], message: 'validation.dateInFuture' });
      if (ctx.earliest && v.takenOn < ctx.earliest) c.addIssue({ code: 'custom', path: ['takenOn'], message: 'validation.dateBeforeBirth' });
    }),
  );
}

/** The answers of parsed values, by statement id. */
export function answersOf(v: Record<string, unknown>): KnowledgeAnswersOf {
  return Object.fromEntries(KNOWLEDGE_STATEMENT_IDS.map((id) => [id, v[id]])) as KnowledgeAnswersOf;
}

/** Staff correcting a check: the answers again, and why (audited). */
export const knowledgeCorrectionSchema = z.object({
  id: z.uuid({ error: 'validation.invalid' }),
  reason: z
    .string({ error: 'validation.reasonRequired' })
    .check(safeMultiline, z.trim(), z.minLength(REASON_MIN, 'validation.reasonRequired'), z.maxLength(REASON_MAX, 'validation.tooLong')),
  ...answerFields,
});
