'use client';
/**
 * One forum category's form, or the form for a new one (useActionState on the server action
 * itself, so it works without JavaScript too): a refused save — a slug already taken — comes
 * back with its message on the field and everything typed.
 */
import { useActionState } from 'react';
import { saveCategoryAction, type ForumFormState } from '@/lib/actions/forum';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormError } from './form-error';

export type CategoryValues = { id?: string; name: string; slug: string; description: string | null; sortOrder: number };

export function CategoryForm({
  c,
  prefix,
  texts,
}: {
  c: CategoryValues;
  prefix: string;
  texts: { name: string; slug: string; slugHint: string; description: string; sortOrder: string; save: string; add: string };
}) {
  const [state, action, pending] = useActionState<ForumFormState, FormData>(saveCategoryAction, {});
  const v = state.values ?? {};
  const err = state.fieldErrors ?? {};
  return (
    <form key={state.nonce ?? 'category'} action={action} noValidate className="grid gap-3 sm:grid-cols-2" data-testid="category-form">
      {c.id ? <input type="hidden" name="id" value={c.id} /> : null}
      <div className="sm:col-span-2">
        <FormError state={state} />
      </div>
      <Field id={`${prefix}-name`} label={texts.name} error={err.name}>
        <Input id={`${prefix}-name`} name="name" defaultValue={v.name ?? c.name} required minLength={3} maxLength={60} invalid={Boolean(err.name)} />
      </Field>
      <Field id={`${prefix}-slug`} label={texts.slug} hint={texts.slugHint} error={err.slug}>
        <Input
          id={`${prefix}-slug`}
          name="slug"
          defaultValue={v.slug ?? c.slug}
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          maxLength={60}
          hasHint
          invalid={Boolean(err.slug)}
        />
      </Field>
      <Field id={`${prefix}-description`} label={texts.description} error={err.description} className="sm:col-span-2">
        <Input id={`${prefix}-description`} name="description" defaultValue={v.description ?? c.description ?? ''} maxLength={200} invalid={Boolean(err.description)} />
      </Field>
      <Field id={`${prefix}-sortOrder`} label={texts.sortOrder} error={err.sortOrder}>
        <Input
          id={`${prefix}-sortOrder`}
          name="sortOrder"
          type="number"
          inputMode="numeric"
          min={0}
          max={99}
          defaultValue={v.sortOrder ?? c.sortOrder}
          required
          invalid={Boolean(err.sortOrder)}
        />
      </Field>
      <div className="flex items-end">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {c.id ? texts.save : texts.add}
        </Button>
      </div>
    </form>
  );
}
