'use server';
/**
 * Forum server actions, posted by plain <form>s (they work without JavaScript). Each one
 * checks the signed-in user itself, validates with the forms' zod schema, calls one
 * data-access function (which checks the policy again) and redirects back with a notice or
 * an error code (keys under forum.notice / forum.errors / validation in messages/*.json).
 */
import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
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

async function user() {
  const u = await getCurrentUser();
  if (!u) redirect('/login');
  return u;
}

/** Maps a refusal to an error code; anything unexpected is rethrown (error page). */
function codeOf(err: unknown): string {
  if (err instanceof ForumError) return `forum.errors.${err.code}`;
  if (err instanceof ForbiddenError) return 'forum.errors.notAllowed';
  if (err instanceof NotFoundError) return 'forum.errors.gone';
  throw err;
}

function firstError(error: import('zod').ZodError): string {
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
  const actor = await user();
  const values = { id: str(fd, 'id') ?? '', categoryId: str(fd, 'categoryId') ?? '', title: str(fd, 'title') ?? '', body: str(fd, 'body') ?? '', anonymous: str(fd, 'anonymous') ?? '' };
  const parsed = postSchema.safeParse({ ...values, anonymous: values.anonymous || null });
  if (!parsed.success) return refused(values, fieldErrorsOf(parsed.error));
  let to: string;
  try {
    const r = await createPost(actor, parsed.data);
    to = withParam(`/forum/t/${r.id}`, 'n', r.status === 'held' ? 'held' : 'posted');
  } catch (err) {
    return refused(values, {}, codeOf(err));
  }
  redirect(to);
}

export async function replyAction(_prev: ForumFormState, fd: FormData): Promise<ForumFormState> {
  const actor = await user();
  const values = { id: str(fd, 'id') ?? '', postId: str(fd, 'postId') ?? '', body: str(fd, 'body') ?? '' };
  const parsed = replySchema.safeParse(values);
  if (!parsed.success) return refused(values, fieldErrorsOf(parsed.error));
  const thread = `/forum/t/${parsed.data.postId}`;
  let to: string;
  try {
    const r = await createReply(actor, parsed.data);
    to = `${withParam(thread, 'n', r.status === 'held' ? 'replyHeld' : 'replied')}#balasan-${r.id}`;
  } catch (err) {
    return refused(values, {}, codeOf(err));
  }
  redirect(to);
}

export async function editAction(fd: FormData): Promise<void> {
  const actor = await user();
  const target = str(fd, 'target') === 'comment' ? 'comment' : 'post';
  const parsed =
    target === 'post'
      ? editPostSchema.safeParse({ postId: str(fd, 'id'), title: str(fd, 'title'), body: str(fd, 'body') })
      : editReplySchema.safeParse({ commentId: str(fd, 'id'), body: str(fd, 'body') });
  const id = str(fd, 'id') ?? '';
  const form = `/forum/ubah?${target === 'post' ? 'tulisan' : 'balasan'}=${encodeURIComponent(id)}`;
  if (!parsed.success) redirect(withParam(form, 'e', firstError(parsed.error)));
  let to: string;
  try {
    const d = parsed.data;
    const r =
      'postId' in d && 'title' in d
        ? await editOwn(actor, { target: 'post', id: d.postId, title: d.title, body: d.body })
        : await editOwn(actor, { target: 'comment', id: (d as { commentId: string }).commentId, body: d.body });
    to = withParam(`/forum/t/${r.postId}`, 'n', r.status === 'held' ? 'editHeld' : 'edited');
  } catch (err) {
    // Only the edit window sends her back to the form; a post that is not hers has no form.
    to = withParam(err instanceof ForumError && err.code === 'editWindow' ? form : '/forum', 'e', codeOf(err));
  }
  redirect(to);
}

export async function deleteAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = targetSchema.safeParse({ target: str(fd, 'target'), id: str(fd, 'id') });
  if (!parsed.success) redirect(withParam('/forum', 'e', 'forum.errors.gone'));
  let to: string;
  try {
    const r = await deleteOwn(actor, parsed.data);
    to = parsed.data.target === 'post' ? withParam('/forum', 'n', 'deleted') : withParam(`/forum/t/${r.postId}`, 'n', 'replyDeleted');
  } catch (err) {
    to = withParam(back(fd, '/forum'), 'e', codeOf(err));
  }
  redirect(to);
}

export async function usefulAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = targetSchema.safeParse({ target: str(fd, 'target'), id: str(fd, 'id') });
  if (!parsed.success) redirect(withParam('/forum', 'e', 'forum.errors.gone'));
  let to: string;
  try {
    const r = await toggleUseful(actor, parsed.data);
    to = `/forum/t/${r.postId}${parsed.data.target === 'comment' ? `#balasan-${parsed.data.id}` : ''}`;
  } catch (err) {
    to = withParam(back(fd, '/forum'), 'e', codeOf(err));
  }
  redirect(to);
}

export async function answerAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = targetSchema.safeParse({ target: 'comment', id: str(fd, 'id') });
  if (!parsed.success) redirect(withParam('/forum', 'e', 'forum.errors.gone'));
  let to: string;
  try {
    const r = await markAnswer(actor, { commentId: parsed.data.id });
    to = withParam(`/forum/t/${r.postId}`, 'n', r.marked ? 'answerMarked' : 'answerUnmarked');
  } catch (err) {
    to = withParam(back(fd, '/forum'), 'e', codeOf(err));
  }
  redirect(to);
}

export async function reportAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = reportSchema.safeParse({ target: str(fd, 'target'), id: str(fd, 'id'), reason: str(fd, 'reason') });
  if (!parsed.success) redirect(withParam(back(fd, '/forum'), 'e', firstError(parsed.error)));
  let to: string;
  try {
    const r = await reportContent(actor, parsed.data);
    to = withParam(`/forum/t/${r.postId}`, 'n', 'reported');
  } catch (err) {
    to = withParam(back(fd, '/forum'), 'e', codeOf(err));
  }
  redirect(to);
}

export async function moderateAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = moderateSchema.safeParse({
    target: str(fd, 'target'),
    id: str(fd, 'id'),
    decision: str(fd, 'decision'),
    reason: str(fd, 'reason') ?? '',
  });
  if (!parsed.success) redirect(withParam(back(fd, '/forum/moderasi'), 'e', firstError(parsed.error)));
  let to: string;
  try {
    await moderate(actor, parsed.data);
    to = withParam(back(fd, '/forum/moderasi'), 'n', `mod_${parsed.data.decision}`);
  } catch (err) {
    to = withParam(back(fd, '/forum/moderasi'), 'e', codeOf(err));
  }
  redirect(to);
}

export async function saveCategoryAction(fd: FormData): Promise<void> {
  const actor = await user();
  const parsed = categorySchema.safeParse({
    id: str(fd, 'id') || undefined,
    name: str(fd, 'name'),
    slug: str(fd, 'slug'),
    description: str(fd, 'description'),
    sortOrder: str(fd, 'sortOrder'),
  });
  if (!parsed.success) redirect(withParam('/forum/kategori', 'e', firstError(parsed.error)));
  let to: string;
  try {
    await saveCategory(actor, parsed.data);
    to = withParam('/forum/kategori', 'n', 'categorySaved');
  } catch (err) {
    to = withParam('/forum/kategori', 'e', codeOf(err));
  }
  redirect(to);
}
