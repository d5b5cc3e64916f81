'use client';
/**
 * Editing her own thread or reply (useActionState on the server action itself, so it works
 * without JavaScript too): a refused edit comes back with its message and what she typed,
 * never in the URL (issue #23 item 3).
 */
import { useActionState } from 'react';
import { editAction, type ForumFormState } from '@/lib/actions/forum';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FORUM_LIMITS } from '@/lib/domain/forum';
import { FormError, textareaClass } from './form-error';

export function EditForm({
  target,
  id,
  title,
  body,
  open,
  texts,
}: {
  target: 'post' | 'comment';
  id: string;
  title: string;
  body: string;
  /** Still within the edit window. */
  open: boolean;
  texts: { postTitle: string; postBody: string; bodyHint: string; save: string };
}) {
  const [state, action, pending] = useActionState<ForumFormState, FormData>(editAction, {});
  const v = state.values ?? {};
  const err = state.fieldErrors ?? {};
  return (
    // Mounted anew on each answer (its nonce): React empties a form after its action.
    <form key={state.nonce ?? 'edit'} action={action} noValidate className="mt-4 flex flex-col gap-4">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      <FormError state={state} />
      {target === 'post' ? (
        <Field id="title" label={texts.postTitle} error={err.title}>
          <Input id="title" name="title" required minLength={5} maxLength={FORUM_LIMITS.title} defaultValue={v.title ?? title} invalid={Boolean(err.title)} />
        </Field>
      ) : null}
      <Field id="body" label={texts.postBody} hint={texts.bodyHint} error={err.body}>
        <textarea
          id="body"
          name="body"
          required
          rows={8}
          maxLength={target === 'post' ? FORUM_LIMITS.body : FORUM_LIMITS.reply}
          defaultValue={v.body ?? body}
          aria-invalid={Boolean(err.body) || undefined}
          aria-describedby={err.body ? 'body-hint body-error' : 'body-hint'}
          className={`${textareaClass} ${err.body ? 'border-danger' : 'border-line'}`}
        />
      </Field>
      <Button type="submit" className="w-full sm:w-auto sm:self-start" disabled={!open || pending} aria-busy={pending}>
        {texts.save}
      </Button>
    </form>
  );
}
