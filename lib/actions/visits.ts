'use server';
/**
 * The kader's visit form: validates (inside recordVisit, with the schema the form uses),
 * records one visit and goes back to the baby page.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { correctVisit, followUpReferral, recordVisit } from '@/lib/data/visits';
import type { FormState } from '@/lib/validation/form-state';
import type { FollowUpField } from '@/lib/validation/journey';
import type { VisitEditField, VisitField } from '@/lib/validation/visit';
import { field } from './form-data';
import { safeAction } from './safe-action';

export type VisitState = FormState<VisitField>;

export async function recordVisitAction(values: unknown): Promise<VisitState> {
  return safeAction(
    {
      user: () => requireUser(['kader']),
      denied: { formError: 'visit.denied' },
      // Database down or restarting (docs/decisions/037), also while checking the session: say
      // so; the same id can be sent again.
      unavailable: { formError: 'visit.unavailable' },
    },
    async (user) => {
      const res = await recordVisit(user, values);
      if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'visit.fixErrors' };
      redirect(`/kader/bayi/${res.babyId}?saved=1`);
    },
  );
}

export type VisitEditState = FormState<VisitEditField>;

/**
 * Changing a recorded visit: its author (kader) within 7 days, staff and admin any time — the
 * data layer checks it (and the reason) again; back to the baby page of the actor's section.
 */
export async function correctVisitAction(values: unknown): Promise<VisitEditState> {
  return safeAction({ user: () => requireUser(['kader', 'staff', 'admin']), denied: { formError: 'visitEdit.denied' } }, async (user) => {
    const res = await correctVisit(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'visit.fixErrors' };
    redirect(`${user.role === 'kader' ? '/kader' : '/staff'}/bayi/${res.babyId}?${res.changed.length ? 'corrected=1' : 'unchanged=1'}`);
  });
}

export type FollowUpState = FormState<FollowUpField>;

/** Marks a referral as followed up (kader of the mother, or staff); the page shows it done. */
export async function followUpAction(_prev: FollowUpState, formData: FormData): Promise<FollowUpState> {
  return safeAction({ user: () => requireUser(['kader', 'staff', 'admin']), denied: { formError: 'followUp.denied' } }, async (user) => {
    const res = await followUpReferral(user, {
      babyId: field(formData, 'babyId'),
      visitId: field(formData, 'visitId'),
      outcome: field(formData, 'outcome'),
    });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'followUp.fixErrors' };
    redirect(`${user.role === 'kader' ? '/kader' : '/staff'}/bayi/${res.babyId}?followedUp=1`);
  });
}
