'use client';
/**
 * The new-thread form (useActionState; the reply form is components/forum/reply-form.tsx, so
 * a thread page loads only that). They work without JavaScript too: a refused
 * post comes back in the server's answer with its message and what was typed — never in the
 * URL. Each form carries `id`, the key made when the page was opened (decision 054): sending it
 * twice stores one post and lands on it.
 */
import { useActionState } from 'react';
import { createPostAction, type ForumFormState } from '@/lib/actions/forum';
import { FormError, textareaClass } from './form-error';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FORUM_LIMITS } from '@/lib/domain/forum';

type Texts = Record<string, string>;

export function NewPostForm({
  id,
  categories,
  preset,
  anonymousHint,
  texts,
}: {
  id: string;
  categories: { id: string; name: string }[];
  preset: string;
  /** Shown when the writer may post anonymously (mothers). */
  anonymousHint?: string;
  texts: Texts;
}) {
  // The server action itself (not a wrapper): a plain post without JavaScript reaches it too.
  const [state, action, pending] = useActionState<ForumFormState, FormData>(createPostAction, {});
  const v = state.values ?? {};
  const err = state.fieldErrors ?? {};
  return (
    // Mounted anew on each answer (its nonce): React empties a form after its action.
    <form key={state.nonce ?? 'new'} action={action} noValidate className="mt-4 flex flex-col gap-4">
      <input type="hidden" name="id" value={id} />
      <FormError state={state} />
      <Field id="categoryId" label={texts.category} error={err.categoryId}>
        <select
          id="categoryId"
          name="categoryId"
          required
          defaultValue={v.categoryId ?? preset}
          aria-invalid={Boolean(err.categoryId) || undefined}
          aria-describedby={err.categoryId ? 'categoryId-error' : undefined}
          className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 text-base text-ink"
        >
          <option value="" disabled>
            {texts.chooseCategory}
          </option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="title" label={texts.postTitle} error={err.title}>
        <Input id="title" name="title" required minLength={5} maxLength={FORUM_LIMITS.title} defaultValue={v.title ?? ''} invalid={Boolean(err.title)} />
      </Field>
      <Field id="body" label={texts.postBody} hint={texts.bodyHint} error={err.body}>
        <textarea
          id="body"
          name="body"
          required
          rows={8}
          maxLength={FORUM_LIMITS.body}
          defaultValue={v.body ?? ''}
          aria-invalid={Boolean(err.body) || undefined}
          aria-describedby={err.body ? 'body-hint body-error' : 'body-hint'}
          className={`${textareaClass} ${err.body ? 'border-danger' : 'border-line'}`}
        />
      </Field>
      {anonymousHint ? (
        <div className="flex items-start gap-3">
          <input
            id="anonymous"
            name="anonymous"
            type="checkbox"
            defaultChecked={Boolean(v.anonymous)}
            className="mt-1 h-6 w-6 shrink-0"
            aria-describedby="anonymous-hint"
          />
          <div>
            <label htmlFor="anonymous" className="font-semibold text-ink">
              {texts.anonymous}
            </label>
            <p id="anonymous-hint" className="text-sm text-muted">
              {anonymousHint}
            </p>
          </div>
        </div>
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
        {texts.submitPost}
      </Button>
    </form>
  );
}
