import * as z from 'zod/mini';
// The domain's own modules, not its index: this file is bundled into the visit form, and the
// index would bring the time-zone code of lib/domain/today.ts along.
import { fiveMonthDate } from '@/lib/domain/age';
import { COUNSELLING_CODES, DANGER_SIGN_CODES, PROBLEM_CODES, type CounsellingCode, type DangerSignCode, type ProblemCode } from '@/lib/domain/catalogue';
import { isIsoDate } from '@/lib/domain/dates';
import { LESSON_SLUG_MAX, LESSON_SLUG_PATTERN } from '@/lib/domain/lessons';
import { BREAK_REASONS, isExclusiveRecall, RECALL_ITEMS } from '@/lib/domain/recall';
import type { IsoDate } from '@/lib/domain/types';
import { REASON_MAX, REASON_MIN } from './limits';
import { safeLine, safeMultiline } from './text';

/**
 * A kader's monitoring visit (DESIGN §3 "Recall", "Breaks"; §6 danger signs, AMBIDA).
 * Shared by the visit form (lib/validation/resolver.ts) and the server (lib/data/visits.ts). The rules that
 * need the baby (visit date not before birth, confirmation from the 5-month date on) and the
 * puskesmas's today come in as context, so both sides build the same schema.
 * Messages are keys of messages/*.json ("validation.*"). Written with `zod/mini` (same rules
 * and parse/safeParse API as classic zod, tree-shakable): the visit form bundles this schema,
 * and classic zod alone weighs 47 KB gzip on a kader's phone (#11).
 */

/** The code lists live in lib/domain/catalogue.ts (shared with the seed and reports). */
export const PROBLEMS = PROBLEM_CODES;
export type Problem = ProblemCode;
/** Buku KIA newborn danger signs (DESIGN §6): any one means refer to the bidan today. */
export const DANGER_SIGNS = DANGER_SIGN_CODES;
export type DangerSign = DangerSignCode;
export const COUNSELLING_TOPICS = COUNSELLING_CODES;
export type CounsellingTopic = CounsellingCode;

export const ATTACHMENT_PARTS = ['areola', 'mouthWide', 'lipOut', 'chin'] as const;

export const NOTES_MAX = 2000;
export const WEIGHT_MIN = 500;
export const WEIGHT_MAX = 15000;

export type VisitContext = {
  /** Birth date of the baby visited. */
  birthDate: IsoDate;
  /** Today in the puskesmas time zone (lib/domain isoToday). */
  today: IsoDate;
  /**
   * The lessons (materi) the kader may record on this visit: the puskesmas's visible lessons, and
   * on a correction those the visit already holds (kept even if hidden since). Absent: any
   * well-formed slug (the data layer always passes it).
   */
  lessonSlugs?: readonly string[];
};

/** At most this many lessons on one visit. */
export const VISIT_LESSONS_MAX = 20;

/**
 * A recall answer: asked with no answer chosen (decision 053, the WHO/UNICEF recall method), so
 * the form holds '' until the kader picks one, and '' (or nothing) is refused with the field's
 * message. A stored visit keeps its answer (visitToForm).
 */
const yesNo = z.enum(['yes', 'no', ''], { error: 'validation.answerRequired' }).check(z.refine((v) => v !== '', 'validation.answerRequired'));
const optionalYesNo = z.optional(z.enum(['yes', 'no', ''], { error: 'validation.invalid' }));
const codes = <T extends readonly [string, ...string[]]>(values: T, max: number) =>
  z.array(z.enum(values, { error: 'validation.unknownCode' }), { error: 'validation.invalid' }).check(z.maxLength(max, 'validation.invalid'));
const isoDate = z.string({ error: 'validation.required' }).check(
  safeLine,
  z.trim(),
  z.minLength(1, 'validation.required'),
  z.refine((v) => isIsoDate(v), 'validation.dateInvalid'),
);
/** Optional free text; `multiline` for a text area (tab and line breaks allowed, decision 052). */
const optionalText = (max: number, multiline = false) =>
  z.pipe(
    z.optional(z.string({ error: 'validation.invalid' }).check(multiline ? safeMultiline : safeLine, z.maxLength(max, 'validation.tooLong'))),
    z.transform((v: string | undefined) => (v?.trim() ? v.trim() : null)),
  );
const flag = () => z.boolean({ error: 'validation.invalid' });

/** Fields as the form holds them (strings for inputs, arrays for check boxes). */
const visitFields = z.object({
  id: z.uuid({ error: 'validation.invalid' }),
  babyId: z.uuid({ error: 'validation.invalid' }),
  visitDate: isoDate,
  breastfed: yesNo,
  recallItems: codes(RECALL_ITEMS, RECALL_ITEMS.length),
  recallOtherText: optionalText(200),
  givenSinceLast: yesNo,
  givenSinceLastDate: z
    .optional(z.string({ error: 'validation.invalid' }).check(safeLine, z.trim()))
    .check(z.refine((v) => !v || isIsoDate(v), 'validation.dateInvalid')),
  confirmedExclusive: optionalYesNo,
  breakReason: z.optional(z.enum([...BREAK_REASONS, ''], { error: 'validation.unknownCode' })),
  problems: codes(PROBLEMS, PROBLEMS.length),
  attachmentChecked: z.optional(flag()),
  attachment: z.optional(z.object({ areola: flag(), mouthWide: flag(), lipOut: flag(), chin: flag() })),
  dangerSigns: codes(DANGER_SIGNS, DANGER_SIGNS.length),
  referral: z.optional(flag()),
  referralReason: optionalText(500, true),
  counselling: codes(COUNSELLING_TOPICS, COUNSELLING_TOPICS.length),
  /** Slugs of the lessons she went through (issue #28); absent on visits kept on a phone before it. */
  lessons: z.optional(
    z
      .array(
        z
          .string({ error: 'validation.unknownLesson' })
          .check(safeLine, z.maxLength(LESSON_SLUG_MAX, 'validation.unknownLesson'), z.regex(LESSON_SLUG_PATTERN, 'validation.unknownLesson')),
        { error: 'validation.invalid' },
      )
      .check(z.maxLength(VISIT_LESSONS_MAX, 'validation.invalid')),
  ),
  weightGrams: z.optional(z.string({ error: 'validation.invalid' }).check(safeLine, z.trim(), z.maxLength(6, 'validation.weightRange'))).check(
    z.refine((v) => !v || /^\d+$/.test(v), 'validation.weightRange'),
    z.refine((v) => !v || (Number(v) >= WEIGHT_MIN && Number(v) <= WEIGHT_MAX), 'validation.weightRange'),
  ),
  notes: optionalText(NOTES_MAX, true),
  /**
   * "Sudah ada kunjungan hari ini — simpan lagi?": the kader confirms a second visit of the
   * baby on the same date (lib/data/visits recordVisit refuses one without it). Not stored.
   */
  sameDayConfirmed: z.optional(flag()),
  /** When the kader pressed save on her phone (ISO instant); informative only. */
  recordedAt: z.optional(z.iso.datetime({ error: 'validation.invalid' })),
});

export type VisitFormValues = z.input<typeof visitFields>;

/** The schema for one baby on one day. */
export function visitSchema(ctx: VisitContext) {
  const checked = visitFields.check(
    z.superRefine((v, c) => {
      if (v.visitDate < ctx.birthDate) c.addIssue({ code: 'custom', path: ['visitDate'], message: 'validation.dateBeforeBirth' });
      if (v.visitDate > ctx.today) c.addIssue({ code: 'custom', path: ['visitDate'], message: 'validation.dateInFuture' });
      const since = v.givenSinceLast === 'yes' ? v.givenSinceLastDate || '' : '';
      if (since && since < ctx.birthDate) c.addIssue({ code: 'custom', path: ['givenSinceLastDate'], message: 'validation.dateBeforeBirth' });
      if (since && since > v.visitDate) c.addIssue({ code: 'custom', path: ['givenSinceLastDate'], message: 'validation.dateAfterVisit' });
      const fromFiveMonths = v.visitDate >= fiveMonthDate(ctx.birthDate);
      if (fromFiveMonths && !v.confirmedExclusive) c.addIssue({ code: 'custom', path: ['confirmedExclusive'], message: 'validation.answerRequired' });
      const exclusive = isExclusiveRecall({ breastfed: v.breastfed === 'yes', items: v.recallItems });
      // (An unanswered "breastfed" has its own message; it does not ask for a reason too.)
      if (((v.breastfed !== '' && !exclusive) || v.givenSinceLast === 'yes') && !v.breakReason) {
        c.addIssue({ code: 'custom', path: ['breakReason'], message: 'validation.breakReasonRequired' });
      }
      if (v.recallItems.includes('other') && !v.recallOtherText) {
        c.addIssue({ code: 'custom', path: ['recallOtherText'], message: 'validation.required' });
      }
      if (v.dangerSigns.length > 0 && !v.referral) c.addIssue({ code: 'custom', path: ['referral'], message: 'validation.referralRequired' });
      if (v.referral && !v.referralReason) c.addIssue({ code: 'custom', path: ['referralReason'], message: 'validation.required' });
      if (ctx.lessonSlugs && (v.lessons ?? []).some((slug) => !ctx.lessonSlugs!.includes(slug))) {
        c.addIssue({ code: 'custom', path: ['lessons'], message: 'validation.unknownLesson' });
      }
    }),
  );
  return z.pipe(
    checked,
    z.transform((v: z.output<typeof visitFields>) => {
      const exclusive = isExclusiveRecall({ breastfed: v.breastfed === 'yes', items: v.recallItems });
      const breaks = !exclusive || v.givenSinceLast === 'yes';
      return {
        id: v.id,
        babyId: v.babyId,
        visitDate: v.visitDate,
        breastfed: v.breastfed === 'yes',
        recallItems: [...new Set(v.recallItems)],
        recallOtherText: v.recallItems.includes('other') ? v.recallOtherText : null,
        givenSinceLast: v.givenSinceLast === 'yes',
        givenSinceLastDate: v.givenSinceLast === 'yes' && v.givenSinceLastDate ? v.givenSinceLastDate : null,
        // Only asked from the 5-month date on; an answer sent earlier is not kept.
        confirmedExclusive: v.visitDate >= fiveMonthDate(ctx.birthDate) && v.confirmedExclusive ? v.confirmedExclusive === 'yes' : null,
        breakReason: breaks && v.breakReason ? v.breakReason : null,
        problems: [...new Set(v.problems)],
        attachment: v.attachmentChecked && v.attachment ? v.attachment : null,
        dangerSigns: [...new Set(v.dangerSigns)],
        referral: Boolean(v.referral),
        referralReason: v.referral ? v.referralReason : null,
        counselling: [...new Set(v.counselling)],
        lessons: [...new Set(v.lessons ?? [])],
        weightGrams: v.weightGrams ? Number(v.weightGrams) : null,
        notes: v.notes,
        recordedAt: v.recordedAt ? new Date(v.recordedAt) : null,
        sameDayConfirmed: Boolean(v.sameDayConfirmed),
      };
    }),
  );
}

export type VisitInput = z.output<ReturnType<typeof visitSchema>>;
export type VisitField = keyof VisitFormValues;

/** An empty form for a new visit (the id is made once, on the device): the recall unanswered. */
export function emptyVisit(id: string, babyId: string, today: IsoDate): VisitFormValues {
  return {
    id,
    babyId,
    visitDate: today,
    // Unanswered: the kader asks and picks (decision 053); nothing is assumed.
    breastfed: '',
    recallItems: [],
    recallOtherText: '',
    givenSinceLast: '',
    givenSinceLastDate: '',
    confirmedExclusive: '',
    breakReason: '',
    problems: [],
    attachmentChecked: false,
    attachment: { areola: false, mouthWide: false, lipOut: false, chin: false },
    dangerSigns: [],
    referral: false,
    referralReason: '',
    counselling: [],
    lessons: [],
    weightGrams: '',
    notes: '',
  };
}

// ---------------------------------------------------------------------------------------------
// Changing a recorded visit (its author within 7 days, staff any time): the same schema plus
// the reason, which goes into the audit log with the before/after of the changed fields.

export { REASON_MAX, REASON_MIN };

/** Why a health record is changed (visit correction, transfer, exit): required, audited. */
export const changeReason = z
  .string({ error: 'validation.required' })
  .check(safeMultiline, z.trim(), z.minLength(REASON_MIN, 'validation.required'), z.maxLength(REASON_MAX, 'validation.tooLong'));

export function visitEditSchema(ctx: VisitContext) {
  return z.intersection(z.object({ reason: changeReason }), visitSchema(ctx));
}

export type VisitEditValues = VisitFormValues & { reason: string };
export type VisitEditInput = z.output<ReturnType<typeof visitEditSchema>>;
export type VisitEditField = VisitField | 'reason';

/** A stored visit as the form holds it (the inverse of the schema's transform). */
export function visitToForm(v: {
  id: string;
  babyId: string;
  visitDate: string;
  breastfed: boolean;
  recallItems: readonly string[];
  recallOtherText: string | null;
  givenSinceLast: boolean;
  givenSinceLastDate: string | null;
  confirmedExclusive: boolean | null;
  breakReason: string | null;
  problems: readonly string[];
  attachment: { areola: boolean; mouthWide: boolean; lipOut: boolean; chin: boolean } | null;
  dangerSigns: readonly string[];
  referral: boolean;
  referralReason: string | null;
  counselling: readonly string[];
  lessons: readonly string[];
  weightGrams: number | null;
  notes: string | null;
}): VisitFormValues {
  const yn = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');
  return {
    id: v.id,
    babyId: v.babyId,
    visitDate: v.visitDate,
    breastfed: v.breastfed ? 'yes' : 'no',
    recallItems: [...v.recallItems] as VisitFormValues['recallItems'],
    recallOtherText: v.recallOtherText ?? '',
    givenSinceLast: v.givenSinceLast ? 'yes' : 'no',
    givenSinceLastDate: v.givenSinceLastDate ?? '',
    confirmedExclusive: yn(v.confirmedExclusive) as VisitFormValues['confirmedExclusive'],
    breakReason: (v.breakReason ?? '') as VisitFormValues['breakReason'],
    problems: [...v.problems] as VisitFormValues['problems'],
    attachmentChecked: v.attachment !== null,
    attachment: v.attachment ?? { areola: false, mouthWide: false, lipOut: false, chin: false },
    dangerSigns: [...v.dangerSigns] as VisitFormValues['dangerSigns'],
    referral: v.referral,
    referralReason: v.referralReason ?? '',
    counselling: [...v.counselling] as VisitFormValues['counselling'],
    lessons: [...v.lessons],
    weightGrams: v.weightGrams === null ? '' : String(v.weightGrams),
    notes: v.notes ?? '',
  };
}
