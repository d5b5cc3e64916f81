'use client';
/**
 * The reply form of a thread (useActionState on the server action itself, so it works without
 * JavaScript too): a refused reply comes back with its message and text, never in the URL. `id`
 * is the key made when the page was opened (decision 054): sent twice, one reply is stored.
 * Kept apart from the new-thread form and free of zod: a mother reading a thread on a phone
 * loads this form only.
 */
import { useActionState } from 'react';
import { replyAction, type ForumFormState } from '@/lib/actions/forum';
import { Button } from '@/components/ui/button';
import { FORUM_LIMITS } from '@/lib/domain/forum';
import { FormError, textareaClass } from './form-error';

type Texts = Record<string, string>;

export function ReplyForm({ id, postId, texts }: { id: string; postId: string; texts: Texts }) {
  const [state, action, pending] = useActionState<ForumFormState, FormData>(replyAction, {});
  const err = state.fieldErrors?.body;
  return (
    <form key={state.nonce ?? 'new'} action={action} noValidate className="mt-6 flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="postId" value={postId} />
      <FormError state={state} />
      <label htmlFor="reply-body" className="text-sm font-semibold text-ink">
        {texts.replyLabel}
      </label>
      <textarea
        id="reply-body"
        name="body"
        required
        rows={4}
        maxLength={FORUM_LIMITS.reply}
        defaultValue={state.values?.body ?? ''}
        aria-invalid={Boolean(err) || undefined}
        aria-describedby={err ? 'reply-hint reply-body-error' : 'reply-hint'}
        className={`${textareaClass} ${err ? 'border-danger' : 'border-line'}`}
      />
      <p id="reply-hint" className="text-sm text-muted">
        {texts.bodyHint}
      </p>
      {err ? (
        <p id="reply-body-error" role="alert" className="text-sm font-medium text-danger">
          {err}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto sm:self-start">
        {texts.submitReply}
      </Button>
    </form>
  );
}
