'use server';
/**
 * Forum server actions, posted by plain <form>s (they work without JavaScript). Each one
 * checks the signed-in user itself, validates with the forms' zod schema, calls one
 * data-access function (which checks the policy again) and redirects back with a notice or
 * an error code (keys under forum.notice / forum.errors / validation in messages/*.json).
 */
import { randomUUID } from 'node:crypto';
import type { z, ZodError } from 'zod';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import {
  createPost,
  createReply,
  deleteOwn,
  editOwn,
  ForumError,
  markAnswer,
  moderate,
  reportContent,
  saveCategory,
  toggleUseful,
} from '@/lib/data/forum';
import {
  categorySchema,
  editPostSchema,
  editReplySchema,
  moderateSchema,
  postSchema,
  replySchema,
  reportSchema,
  targetSchema,
} from '@/lib/validation/forum';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { safeAction, when, type Schema } from './safe-action';

/** What the edit form sends, parsed: a thread (title and text) or a reply (text). */
type EditInput = z.output<typeof editPostSchema> | z.output<typeof editReplySchema>;

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};

/** Same-site path to come back to; anything else falls back to the forum home. */
function back(fd: FormData, fallback: string): string {
  const b = str(fd, 'back');
  return b && /^\/forum(\/[\w\-/]*)?(\?[\w=&%\-.]*)?$/.test(b) ? b : fallback;
}

function withParam(path: string, key: string, value: string): string {
  const u = new URL(path, 'http://x');
  u.searchParams.delete('n');
  u.searchParams.delete('e');
  u.searchParams.set(key, value);
  return `${u.pathname}${u.search}`;
}

/**
 * The forum's refusals, each as an error key (forum.errors.*) made into the action's answer:
 * the policy's (not allowed, gone) and the forum's own (ForumError: limits, edit window…).
 */
function refusalsAs<A>(answer: (key: string, err?: ForumError) => A | Promise<A>) {
  return {
    forbidden: () => answer('forum.errors.notAllowed'),
    notFound: () => answer('forum.errors.gone'),
    refusals: [when(ForumError, (err) => answer(`forum.errors.${err.code}`, err))],
  };
}

function firstError(error: ZodError): string {
  const e = fieldErrorsOf(error);
  const [field, key] = Object.entries(e)[0] ?? ['_form', 'validation.invalid'];
  return `${field}:${key}`;
}

/**
 * What the new-post and reply forms get back when refused (useActionState, with or without
 * JavaScript): the message and what was typed, so nothing is lost. The typed text travels in
 * the answer, never in the URL.
 */
export type ForumFormState = {
  formError?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
  /** New on every answer: the form is mounted anew with it, so its fields show `values`. */
  nonce?: string;
};

/** A refusal as the form shows it: messages translated, the typed fields sent back. */
async function refused(values: Record<string, string>, fieldErrors: Partial<Record<string, string>>, formKey?: string): Promise<ForumFormState> {
  const t = await getTranslations();
  const fields = Object.fromEntries(
    Object.entries(fieldErrors).map(([k, v]) => [k, v && v.startsWith('validation.') ? t(v as never) : t('validation.invalid')]),
  );
  const first = Object.keys(fields)[0];
  const formError = formKey
    ? t(formKey as never)
    : first && first !== '_form' && t.has(`forum.fields.${first}` as never)
      ? `${t(`forum.fields.${first}` as never)}: ${fields[first]}`
      : t('forum.errors.generic');
  return { formError, fieldErrors: fields, values, nonce: randomUUID() };
}

export async function createPostAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const values = { id: str(fd, 'id') ?? '', categoryId: str(fd, 'categoryId') ?? '', title: str(fd, 'title') ?? '', body: str(fd, 'body') ?? '', anonymous: str(fd, 'anonymous') ?? '' };
  return safeAction(
    {
      user: () => getCurrentUser(),
      parse: { schema: postSchema, input: { ...values, anonymous: values.anonymous || null }, invalid: (error) => refused(values, fieldErrorsOf(error)) },
      ...refusalsAs((key) => refused(values, {}, key)),
    },
    async (actor, data) => {
      const r = await createPost(actor, data);
      redirect(withParam(`/forum/t/${r.id}`, 'n', r.status === 'held' ? 'held' : 'posted'));
    },
  );
}

export async function replyAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const values = { id: str(fd, 'id') ?? '', postId: str(fd, 'postId') ?? '', body: str(fd, 'body') ?? '' };
  return safeAction(
    {
      user: () => getCurrentUser(),
      parse: { schema: replySchema, input: values, invalid: (error) => refused(values, fieldErrorsOf(error)) },
      ...refusalsAs((key) => refused(values, {}, key)),
    },
    async (actor, data) => {
      const r = await createReply(actor, data);
      redirect(`${withParam(`/forum/t/${data.postId}`, 'n', r.status === 'held' ? 'replyHeld' : 'replied')}#balasan-${r.id}`);
    },
  );
}

/**
 * Editing her own thread or reply (useActionState, with or without JavaScript): a refusal she can
 * act on (a field, the edit window closing while she typed) comes back on the form with what she
 * typed (issue #23 item 3); a post that is not hers, or gone, has no form: back to the forum.
 */
export async function editAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const target = str(fd, 'target') === 'comment' ? 'comment' : 'post';
  const values = { target, id: str(fd, 'id') ?? '', title: str(fd, 'title') ?? '', body: str(fd, 'body') ?? '' };
  const parse: { schema: Schema<EditInput, ZodError>; input: unknown } =
    target === 'post'
      ? { schema: editPostSchema, input: { postId: values.id, title: values.title, body: values.body } }
      : { schema: editReplySchema, input: { commentId: values.id, body: values.body } };
  const answer: ForumFormState | { to: string } = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: { ...parse, invalid: (error) => refused(values, renamed(fieldErrorsOf(error))) },
      ...refusalsAs<ForumFormState | { to: string }>((key, err) => (err?.code === 'editWindow' ? refused(values, {}, key) : { to: withParam('/forum', 'e', key) })),
    },
    async (actor, d) => {
      const r =
        'postId' in d && 'title' in d
          ? await editOwn(actor, { target: 'post', id: d.postId, title: d.title, body: d.body })
          : await editOwn(actor, { target: 'comment', id: (d as { commentId: string }).commentId, body: d.body });
      return { to: withParam(`/forum/t/${r.postId}`, 'n', r.status === 'held' ? 'editHeld' : 'edited') };
    },
  );
  if ('to' in answer && typeof answer.to === 'string') redirect(answer.to);
  return answer as ForumFormState;
}

/** The edit schemas name the id postId/commentId; the form's field is `id`. */
function renamed(errors: Partial<Record<string, string>>): Partial<Record<string, string>> {
  const { postId, commentId, ...rest } = errors;
  const id = postId ?? commentId;
  return id ? { ...rest, id } : rest;
}

export async function deleteAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: { schema: targetSchema, input: { target: str(fd, 'target'), id: str(fd, 'id') }, invalid: withParam('/forum', 'e', 'forum.errors.gone') },
      ...refusalsAs((key) => withParam(back(fd, '/forum'), 'e', key)),
    },
    async (actor, data) => {
      const r = await deleteOwn(actor, data);
      return data.target === 'post' ? withParam('/forum', 'n', 'deleted') : withParam(`/forum/t/${r.postId}`, 'n', 'replyDeleted');
    },
  );
  redirect(to);
}

export async function usefulAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: { schema: targetSchema, input: { target: str(fd, 'target'), id: str(fd, 'id') }, invalid: withParam('/forum', 'e', 'forum.errors.gone') },
      ...refusalsAs((key) => withParam(back(fd, '/forum'), 'e', key)),
    },
    async (actor, data) => {
      const r = await toggleUseful(actor, data);
      return `/forum/t/${r.postId}${data.target === 'comment' ? `#balasan-${data.id}` : ''}`;
    },
  );
  redirect(to);
}

export async function answerAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: { schema: targetSchema, input: { target: 'comment', id: str(fd, 'id') }, invalid: withParam('/forum', 'e', 'forum.errors.gone') },
      ...refusalsAs((key) => withParam(back(fd, '/forum'), 'e', key)),
    },
    async (actor, data) => {
      const r = await markAnswer(actor, { commentId: data.id });
      return withParam(`/forum/t/${r.postId}`, 'n', r.marked ? 'answerMarked' : 'answerUnmarked');
    },
  );
  redirect(to);
}

export async function reportAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: {
        schema: reportSchema,
        input: { target: str(fd, 'target'), id: str(fd, 'id'), reason: str(fd, 'reason') },
        invalid: (error) => withParam(back(fd, '/forum'), 'e', firstError(error)),
      },
      ...refusalsAs((key) => withParam(back(fd, '/forum'), 'e', key)),
    },
    async (actor, data) => {
      const r = await reportContent(actor, data);
      return withParam(`/forum/t/${r.postId}`, 'n', 'reported');
    },
  );
  redirect(to);
}

export async function moderateAction(fd: FormData): Promise<void> {
  const place = back(fd, '/forum/moderasi');
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: {
        schema: moderateSchema,
        input: { target: str(fd, 'target'), id: str(fd, 'id'), decision: str(fd, 'decision'), reason: str(fd, 'reason') ?? '' },
        invalid: (error) => withParam(place, 'e', firstError(error)),
      },
      ...refusalsAs((key) => withParam(place, 'e', key)),
    },
    async (actor, data) => {
      await moderate(actor, data);
      return withParam(place, 'n', `mod_${data.decision}`);
    },
  );
  redirect(to);
}

export async function saveCategoryAction(fd: FormData): Promise<void> {
  const to = await safeAction(
    {
      user: () => getCurrentUser(),
      parse: {
        schema: categorySchema,
        input: { id: str(fd, 'id') || undefined, name: str(fd, 'name'), slug: str(fd, 'slug'), description: str(fd, 'description'), sortOrder: str(fd, 'sortOrder') },
        invalid: (error) => withParam('/forum/kategori', 'e', firstError(error)),
      },
      ...refusalsAs((key) => withParam('/forum/kategori', 'e', key)),
    },
    async (actor, data) => {
      await saveCategory(actor, data);
      return withParam('/forum/kategori', 'n', 'categorySaved');
    },
  );
  redirect(to);
}
