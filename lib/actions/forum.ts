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
import { createPost, createReply, deleteOwn, editOwn, ForumError, markAnswer, moderate, reportContent, saveCategory, toggleUseful } from '@/lib/data/forum';
import { categorySchema, editPostSchema, editReplySchema, moderateSchema, postSchema, replySchema, reportSchema, targetSchema } from '@/lib/validation/forum';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { formValues, str } from './form-data';
import { safeAction, when, type Schema } from './safe-action';

/** What the edit form sends, parsed: a thread (title and text) or a reply (text). */
type EditInput = z.output<typeof editPostSchema> | z.output<typeof editReplySchema>;

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
    Object.entries(fieldErrors).map(([k, v]) => [k, v && (v.startsWith('validation.') || v.startsWith('forum.errors.')) ? t(v as never) : t('validation.invalid')]),
  );
  const first = Object.keys(fields)[0];
  const formError = formKey
    ? t(formKey as never)
    : first && first !== '_form' && t.has(`forum.fields.${first}` as never)
      ? `${t(`forum.fields.${first}` as never)}: ${fields[first]}`
      : t('forum.errors.generic');
  return { formError, fieldErrors: fields, values, nonce: randomUUID() };
}

type Actor = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;

/**
 * A form that answers a refusal on itself (useActionState, with or without JavaScript): field
 * and forum refusals she can act on come back with what was typed (issue #23 item 3); a thing
 * she may not touch, or that is gone, has no form to come back to: `away` with the refusal.
 * Done, `work` gives the address to go to. `user` is the action's own check of who calls.
 */
async function keptForm<T>(
  user: () => Promise<Actor | null>,
  values: Record<string, string>,
  parse: { schema: Schema<T, ZodError>; input: unknown },
  away: string,
  work: (actor: Actor, data: T) => Promise<string>,
  opts: {
    /** The field a forum refusal belongs to (a taken slug: `slug`). */
    fieldOf?: (err: ForumError) => string | null;
    /** Schema field → form field, where they are named apart. */
    rename?: Record<string, string>;
  } = {},
): Promise<ForumFormState> {
  const fieldsOf = (error: ZodError) => Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([k, v]) => [opts.rename?.[k] ?? k, v]));
  const answer: ForumFormState | { to: string } = await safeAction(
    {
      user,
      parse: { ...parse, invalid: (error: ZodError) => refused(values, fieldsOf(error)) },
      ...refusalsAs<ForumFormState | { to: string }>((key, err) => {
        if (!err || err.code === 'notAllowed' || err.code === 'gone') return { to: withParam(away, 'e', key) };
        const field = opts.fieldOf?.(err);
        return refused(values, field ? { [field]: key } : {}, key);
      }),
    },
    async (actor: Actor, data: T) => ({ to: await work(actor, data) }),
  );
  if ('to' in answer && typeof answer.to === 'string') redirect(answer.to);
  return answer as ForumFormState;
}

export async function createPostAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const values = formValues(fd, ['id', 'categoryId', 'title', 'body', 'anonymous']);
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
  const values = formValues(fd, ['id', 'postId', 'body']);
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

/** Editing her own thread or reply; a post not hers, or gone, goes back to the forum. */
export async function editAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const user = () => getCurrentUser();
  const target = str(fd, 'target') === 'comment' ? 'comment' : 'post';
  const values = { target, ...formValues(fd, ['id', 'title', 'body']) };
  const parse: { schema: Schema<EditInput, ZodError>; input: unknown } =
    target === 'post'
      ? { schema: editPostSchema, input: { postId: values.id, title: values.title, body: values.body } }
      : { schema: editReplySchema, input: { commentId: values.id, body: values.body } };
  const edit = async (actor: Actor, d: EditInput) => {
    const r =
      'postId' in d && 'title' in d
        ? await editOwn(actor, { target: 'post', id: d.postId, title: d.title, body: d.body })
        : await editOwn(actor, { target: 'comment', id: (d as { commentId: string }).commentId, body: d.body });
    return withParam(`/forum/t/${r.postId}`, 'n', r.status === 'held' ? 'editHeld' : 'edited');
  };
  // The schemas name the id postId/commentId; the form's field is `id`.
  return keptForm(user, values, parse, '/forum', edit, { rename: { postId: 'id', commentId: 'id' } });
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

export async function reportAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const values = formValues(fd, ['target', 'id', 'reason', 'back']);
  return keptForm(
    () => getCurrentUser(),
    values,
    { schema: reportSchema, input: { target: values.target, id: values.id, reason: values.reason } },
    back(fd, '/forum'),
    async (actor, data) => {
      const r = await reportContent(actor, data);
      return withParam(`/forum/t/${r.postId}`, 'n', 'reported');
    },
  );
}

export async function moderateAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const place = back(fd, '/forum/moderasi');
  const values = formValues(fd, ['target', 'id', 'decision', 'reason', 'back']);
  return keptForm(
    () => getCurrentUser(),
    values,
    { schema: moderateSchema, input: { target: values.target, id: values.id, decision: values.decision, reason: values.reason } },
    place,
    async (actor, data) => {
      await moderate(actor, data);
      return withParam(place, 'n', `mod_${data.decision}`);
    },
  );
}

export async function saveCategoryAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const values = formValues(fd, ['id', 'name', 'slug', 'description', 'sortOrder']);
  return keptForm(
    () => getCurrentUser(),
    values,
    { schema: categorySchema, input: { ...values, id: values.id || undefined } },
    '/forum/kategori',
    async (actor, data) => {
      await saveCategory(actor, data);
      return withParam('/forum/kategori', 'n', 'categorySaved');
    },
    { fieldOf: (err) => (err.code === 'slugTaken' ? 'slug' : null) },
  );
}
