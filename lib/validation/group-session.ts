import { z } from 'zod';
import { safeLine, safeMultiline } from './text';
import { DEFAULT_GROUP_SESSION_CAPACITY, isClockTime, isIsoDate, GROUP_SESSION_CAPACITY_MAX, SESSION_TOPIC_CODES, zonedInstant } from '@/lib/domain';
import { LESSON_SLUG_MAX, LESSON_SLUG_PATTERN } from '@/lib/domain/lessons';

/**
 * Scheduling or editing a group session (issue 5). Shared by the form and the server
 * (lib/data/group-sessions). The puskesmas zone and "now" come in as context, so both sides build
 * the same schema. Messages are keys of messages/*.json ("validation.*" or "sessions.errors.*").
 */
export const GROUP_SESSION_LIMITS = { title: 120, topicText: 120, place: 200, facilitators: 300, reason: 300, summary: 5000, name: 100 } as const;
/** "Other" in the topic list: the topic is free text. */
export const FREE_TOPIC = 'other';

export type GroupSessionContext = {
  timeZone: string;
  now: Date;
  /** When editing: the stored start (unchanged start may be in the past). */ storedStart?: Date;
  /** The lessons the session may choose (issue #28): the puskesmas's visible ones, and on an edit those it holds. */
  lessonSlugs?: readonly string[];
};
/** At most this many lessons for one session. */
export const GROUP_SESSION_LESSONS_MAX = 10;

const text = (min: number, max: number, multiline = false) =>
  z
    .string({ error: 'validation.required' })
    .check(multiline ? safeMultiline : safeLine)
    .trim()
    .min(1, 'validation.required')
    .min(min, 'validation.tooShort')
    .max(max, 'validation.tooLong');
const optionalText = (max: number) =>
  z
    .string({ error: 'validation.invalid' })
    .check(safeLine)
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => (v ? v : null));

const fields = z.object({
  title: text(3, GROUP_SESSION_LIMITS.title),
  topic: z.enum([...SESSION_TOPIC_CODES, FREE_TOPIC], { error: 'validation.required' }),
  topicText: optionalText(GROUP_SESSION_LIMITS.topicText),
  date: z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .trim()
    .min(1, 'validation.required')
    .refine((v) => isIsoDate(v), 'validation.dateInvalid'),
  startTime: z.string({ error: 'validation.required' }).check(safeLine).trim().min(1, 'validation.required').refine(isClockTime, 'sessions.errors.time'),
  endTime: z.string({ error: 'validation.required' }).check(safeLine).trim().min(1, 'validation.required').refine(isClockTime, 'sessions.errors.time'),
  place: text(3, GROUP_SESSION_LIMITS.place),
  villageId: z.uuid({ error: 'sessions.errors.village' }),
  posyanduId: z
    .union([z.uuid({ error: 'validation.invalid' }), z.literal('')], { error: 'validation.invalid' })
    .optional()
    .transform((v) => (v ? v : null)),
  facilitators: optionalText(GROUP_SESSION_LIMITS.facilitators),
  capacity: z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .trim()
    .min(1, 'validation.required')
    .refine((v) => /^\d{1,6}$/.test(v), 'sessions.errors.capacity')
    .refine((v) => Number(v) >= 1 && Number(v) <= GROUP_SESSION_CAPACITY_MAX, 'sessions.errors.capacity'),
  /** Slugs of the lessons the session goes through (issue #28); its page and reminder link them. */
  lessons: z
    .array(
      z
        .string({ error: 'validation.unknownLesson' })
        .check(safeLine)
        .max(LESSON_SLUG_MAX, 'validation.unknownLesson')
        .regex(LESSON_SLUG_PATTERN, 'validation.unknownLesson'),
      { error: 'validation.invalid' },
    )
    .max(GROUP_SESSION_LESSONS_MAX, 'validation.tooLong')
    .optional(),
});

export type GroupSessionFormValues = z.input<typeof fields>;
export type GroupSessionField = keyof GroupSessionFormValues;

export function groupSessionSchema(ctx: GroupSessionContext) {
  return fields
    .superRefine((v, c) => {
      if (v.topic === FREE_TOPIC && !v.topicText) c.addIssue({ code: 'custom', path: ['topicText'], message: 'validation.required' });
      if (ctx.lessonSlugs && (v.lessons ?? []).some((slug) => !ctx.lessonSlugs!.includes(slug))) {
        c.addIssue({ code: 'custom', path: ['lessons'], message: 'validation.unknownLesson' });
      }
      if (!isIsoDate(v.date) || !isClockTime(v.startTime)) return;
      const start = zonedInstant(v.date, v.startTime, ctx.timeZone);
      const unchanged = ctx.storedStart && ctx.storedStart.getTime() === start.getTime();
      if (!unchanged && start.getTime() <= ctx.now.getTime()) {
        c.addIssue({ code: 'custom', path: ['date'], message: 'sessions.errors.past' });
        c.addIssue({ code: 'custom', path: ['startTime'], message: 'sessions.errors.past' });
      }
      if (isClockTime(v.endTime) && zonedInstant(v.date, v.endTime, ctx.timeZone).getTime() <= start.getTime()) {
        c.addIssue({ code: 'custom', path: ['endTime'], message: 'sessions.errors.endBeforeStart' });
      }
    })
    .transform((v) => ({
      title: v.title,
      topic: v.topic === FREE_TOPIC ? null : v.topic,
      topicText: v.topic === FREE_TOPIC ? v.topicText : null,
      startsAt: zonedInstant(v.date, v.startTime, ctx.timeZone),
      endsAt: zonedInstant(v.date, v.endTime, ctx.timeZone),
      place: v.place,
      villageId: v.villageId,
      posyanduId: v.posyanduId,
      facilitators: v.facilitators,
      capacity: Number(v.capacity),
      lessons: [...new Set(v.lessons ?? [])],
    }));
}

export type GroupSessionInput = z.output<ReturnType<typeof groupSessionSchema>>;

export function emptyGroupSession(villageId: string, date: string): GroupSessionFormValues {
  return {
    title: '',
    topic: 'ten_steps',
    topicText: '',
    date,
    startTime: '09:00',
    endTime: '11:00',
    place: '',
    villageId,
    posyanduId: '',
    facilitators: '',
    capacity: String(DEFAULT_GROUP_SESSION_CAPACITY),
  };
}

const uuid = z.uuid({ error: 'validation.invalid' });
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export const WALK_IN_ROLES = ['pregnant', 'family'] as const;

export const markSchema = z.object({ sessionId: uuid, motherId: uuid, status: z.enum(ATTENDANCE_STATUSES, { error: 'validation.invalid' }) });
/**
 * A marking made on a kader's phone and sent from its outbox (docs/decisions/036): the id made
 * on the phone (a resend with it changes nothing) and the phone's time of the tap.
 */
export const deviceMarkSchema = markSchema.extend({
  id: uuid,
  recordedAt: z.iso.datetime({ error: 'validation.invalid' }).optional(),
});
export const markWalkInStatusSchema = z.object({ sessionId: uuid, attendanceId: uuid, status: z.enum(ATTENDANCE_STATUSES, { error: 'validation.invalid' }) });
export const walkInSchema = z.object({
  sessionId: uuid,
  /** Made when the form is shown: sending the same form twice stores one person. */
  id: uuid,
  name: text(2, GROUP_SESSION_LIMITS.name),
  role: z.enum(WALK_IN_ROLES, { error: 'validation.required' }),
});
export const findMotherSchema = z.object({ sessionId: uuid, q: text(2, 60) });
export const cancelSchema = z.object({ sessionId: uuid, reason: text(5, GROUP_SESSION_LIMITS.reason) });
export const summarySchema = z.object({ sessionId: uuid, summary: text(10, GROUP_SESSION_LIMITS.summary, true) });
export const publishSchema = z.object({ sessionId: uuid, categoryId: uuid });
export const rsvpSchema = z.object({ sessionId: uuid, answer: z.enum(['yes', 'no'], { error: 'validation.invalid' }) });
export const remindSchema = z.object({ sessionId: uuid, motherId: uuid });
export const inviteSchema = z.object({ sessionId: uuid, motherId: uuid });
