import { z } from 'zod';
import { FORUM_LIMITS } from '@/lib/domain/forum';
import { safeLine, safeMultiline } from './text';

/**
 * Forum forms, shared by the pages (maxLength, required) and the server actions. Messages are
 * keys of messages/*.json.
 */
export { FORUM_LIMITS };

const uuid = z.uuid({ error: 'validation.invalid' });
/** A trimmed text; `multiline` for a text area (decision 052: tab and line breaks allowed). */
const text = (min: number, max: number, multiline = false) =>
  z
    .string({ error: 'validation.required' })
    .check(multiline ? safeMultiline : safeLine)
    .trim()
    .min(min, min <= 1 ? 'validation.required' : 'validation.tooShort')
    .max(max, 'validation.tooLong');
const checkbox = z
  .union([z.literal('on'), z.literal('1'), z.literal('true'), z.null(), z.undefined(), z.literal('')])
  .transform((v) => v === 'on' || v === '1' || v === 'true');

/**
 * New posts and replies carry `id`, made when the form is opened (decision 054): the same form
 * sent twice (double tap, resend, back and send again) stores one post and answers with it.
 */
export const postSchema = z.object({
  id: uuid,
  categoryId: uuid,
  title: text(5, FORUM_LIMITS.title),
  body: text(1, FORUM_LIMITS.body, true),
  anonymous: checkbox,
});
export const editPostSchema = z.object({
  postId: uuid,
  title: text(5, FORUM_LIMITS.title),
  body: text(1, FORUM_LIMITS.body, true),
});
export const replySchema = z.object({ id: uuid, postId: uuid, body: text(1, FORUM_LIMITS.reply, true) });
export const editReplySchema = z.object({ commentId: uuid, body: text(1, FORUM_LIMITS.reply, true) });
export const targetSchema = z.object({ target: z.enum(['post', 'comment']), id: uuid });
export const reportSchema = targetSchema.extend({ reason: text(3, FORUM_LIMITS.reason, true) });
export const moderateSchema = targetSchema
  .extend({
    decision: z.enum(['approve', 'hide', 'restore', 'dismiss']),
    reason: z.string().check(safeMultiline).trim().max(FORUM_LIMITS.reason, 'validation.tooLong').optional().default(''),
  })
  .refine((v) => (v.decision !== 'hide' && v.decision !== 'restore') || v.reason.length >= 3, {
    message: 'validation.reasonRequired',
    path: ['reason'],
  });
/** A forum category, edited by staff (a puskesmas setting). */
export const categorySchema = z.object({
  id: uuid.optional(),
  name: text(3, 60),
  slug: z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .trim()
    .min(3, 'validation.tooShort')
    .max(60, 'validation.tooLong')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'validation.slug'),
  description: z.string().check(safeLine).trim().max(200, 'validation.tooLong').optional().default(''),
  sortOrder: z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').min(0, 'validation.invalid').max(99, 'validation.invalid'),
});
export type CategoryInput = z.output<typeof categorySchema>;

export const searchSchema = z.object({ q: z.string().check(safeLine).trim().min(1, 'validation.required').max(FORUM_LIMITS.query, 'validation.tooLong') });
export const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export type PostInput = z.output<typeof postSchema>;
export type ModerateInput = z.output<typeof moderateSchema>;
