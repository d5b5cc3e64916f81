'use client';
/**
 * A moderator's decision on one queued post or reply (useActionState on the server action
 * itself, so it works without JavaScript too): a refused decision comes back with its message
 * and the reason typed. The buttons send `decision`.
 */
import Link from 'next/link';
import { useActionState } from 'react';
import { moderateAction, type ForumFormState } from '@/lib/actions/forum';
import { FORUM_LIMITS } from '@/lib/domain/forum';
import { FormError } from './form-error';

const btn = 'min-h-11 rounded-lg px-3 text-sm font-semibold';

export function ModerateForm({
  target,
  id,
  postId,
  status,
  reported,
  texts,
}: {
  target: 'post' | 'comment';
  id: string;
  postId: string;
  status: 'held' | 'hidden' | 'published' | 'deleted';
  /** Has open reports (a published item can then be dismissed). */
  reported: boolean;
  texts: { reason: string; approve: string; hide: string; restore: string; dismiss: string; openThread: string };
}) {
  const [state, action, pending] = useActionState<ForumFormState, FormData>(moderateAction, {});
  const rid = `reason-${id}`;
  const err = state.fieldErrors?.reason;
  return (
    <form key={state.nonce ?? 'moderate'} action={action} noValidate className="mt-3 flex flex-col gap-2">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      <FormError state={state} />
      <label htmlFor={rid} className="text-sm font-semibold text-ink">
        {texts.reason}
      </label>
      <input
        id={rid}
        name="reason"
        maxLength={FORUM_LIMITS.reason}
        defaultValue={state.values?.reason ?? ''}
        aria-invalid={Boolean(err) || undefined}
        aria-describedby={err ? `${rid}-error` : undefined}
        className={`min-h-11 rounded-lg border bg-surface px-3 text-base ${err ? 'border-danger' : 'border-line'}`}
      />
      {err ? (
        <p id={`${rid}-error`} role="alert" className="text-sm font-medium text-danger">
          {err}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status === 'held' ? (
          <button type="submit" name="decision" value="approve" disabled={pending} className={`${btn} bg-ok text-white`}>
            {texts.approve}
          </button>
        ) : null}
        {status !== 'hidden' ? (
          <button type="submit" name="decision" value="hide" disabled={pending} className={`${btn} bg-danger text-white`}>
            {texts.hide}
          </button>
        ) : (
          <button type="submit" name="decision" value="restore" disabled={pending} className={`${btn} border border-line bg-surface text-ink`}>
            {texts.restore}
          </button>
        )}
        {reported && status === 'published' ? (
          <button type="submit" name="decision" value="dismiss" disabled={pending} className={`${btn} border border-line bg-surface text-ink`}>
            {texts.dismiss}
          </button>
        ) : null}
        <Link href={`/forum/t/${postId}`} className={`${btn} inline-flex items-center text-brand underline`}>
          {texts.openThread}
        </Link>
      </div>
    </form>
  );
}
