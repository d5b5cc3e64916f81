/** The whole-form message of the forum's forms (#form-error), and their text area's classes. */
import type { ForumFormState } from '@/lib/actions/forum';

export const textareaClass = 'w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink';

export function FormError({ state }: { state: ForumFormState }) {
  if (!state.formError) return null;
  return (
    <p role="alert" id="form-error" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
      {state.formError}
    </p>
  );
}
