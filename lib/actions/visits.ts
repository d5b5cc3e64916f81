'use server';
/**
 * The kader's visit form: validates (inside recordVisit, with the schema the form uses),
 * records one visit and goes back to the baby page.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { recordVisit } from '@/lib/data/visits';
import type { FormState } from '@/lib/validation/form-state';
import type { VisitField } from '@/lib/validation/visit';

export type VisitState = FormState<VisitField>;

export async function recordVisitAction(values: unknown): Promise<VisitState> {
  const user = await requireUser(['kader']);
  let babyId: string;
  try {
    const res = await recordVisit(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'visit.fixErrors' };
    babyId = res.babyId;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'visit.denied' };
    throw err;
  }
  redirect(`/kader/bayi/${babyId}?saved=1`);
}
