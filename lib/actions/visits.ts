'use server';
/**
 * The kader's visit form: validates (inside recordVisit, with the schema the form uses),
 * records one visit and goes back to the baby page.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { isDatabaseUnavailable } from '@/lib/data/db-unavailable';
import { correctVisit, followUpReferral, recordVisit } from '@/lib/data/visits';
import type { FormState } from '@/lib/validation/form-state';
import type { FollowUpField } from '@/lib/validation/journey';
import type { VisitEditField, VisitField } from '@/lib/validation/visit';

export type VisitState = FormState<VisitField>;

export async function recordVisitAction(values: unknown): Promise<VisitState> {
  let babyId: string;
  try {
    const user = await requireUser(['kader']);
    const res = await recordVisit(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'visit.fixErrors' };
    babyId = res.babyId;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'visit.denied' };
    // Database down or restarting (docs/decisions/037): say so; the same id can be sent again.
    if (isDatabaseUnavailable(err)) return { formError: 'visit.unavailable' };
    throw err;
  }
  redirect(`/kader/bayi/${babyId}?saved=1`);
}

export type VisitEditState = FormState<VisitEditField>;

/**
 * Changing a recorded visit: its author (kader) within 7 days, staff and admin any time — the
 * data layer checks it (and the reason) again; back to the baby page of the actor's section.
 */
export async function correctVisitAction(values: unknown): Promise<VisitEditState> {
  const user = await requireUser(['kader', 'staff', 'admin']);
  let target: string;
  try {
    const res = await correctVisit(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'visit.fixErrors' };
    target = `${user.role === 'kader' ? '/kader' : '/staff'}/bayi/${res.babyId}?${res.changed.length ? 'corrected=1' : 'unchanged=1'}`;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'visitEdit.denied' };
    throw err;
  }
  redirect(target);
}

export type FollowUpState = FormState<FollowUpField>;

/** Marks a referral as followed up (kader of the mother, or staff); the page shows it done. */
export async function followUpAction(_prev: FollowUpState, formData: FormData): Promise<FollowUpState> {
  const user = await requireUser(['kader', 'staff', 'admin']);
  let target: string;
  try {
    const res = await followUpReferral(user, {
      babyId: formData.get('babyId'),
      visitId: formData.get('visitId'),
      outcome: formData.get('outcome'),
    });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'followUp.fixErrors' };
    target = `${user.role === 'kader' ? '/kader' : '/staff'}/bayi/${res.babyId}?followedUp=1`;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'followUp.denied' };
    throw err;
  }
  redirect(target);
}
