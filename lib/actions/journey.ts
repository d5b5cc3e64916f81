'use server';
/**
 * Staff forms on the baby page: moving a mother to another posyandu and a baby's exit. The
 * data layer validates, checks policy and scope, and audits.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { exitBaby, transferMother } from '@/lib/data/journey';
import type { FormState } from '@/lib/validation/form-state';
import type { ExitField, TransferField } from '@/lib/validation/journey';
import { field } from './form-data';
import { safeAction } from './safe-action';

const DENIED = { formError: 'motherAdmin.denied' };

export type TransferState = FormState<TransferField>;

export async function transferAction(_prev: TransferState, formData: FormData): Promise<TransferState> {
  const babyId = String(field(formData, 'babyId') ?? '');
  return safeAction({ user: () => requireUser(['staff', 'admin']), denied: DENIED }, async (user) => {
    const res = await transferMother(user, { motherId: field(formData, 'motherId'), posyanduId: field(formData, 'posyanduId'), reason: field(formData, 'reason') });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'motherAdmin.fixErrors' };
    redirect(/^[0-9a-f-]{36}$/.test(babyId) ? `/staff/bayi/${babyId}?transferred=1` : '/staff/ibu');
  });
}

export type ExitState = FormState<ExitField>;

export async function exitAction(_prev: ExitState, formData: FormData): Promise<ExitState> {
  return safeAction({ user: () => requireUser(['staff', 'admin']), denied: DENIED }, async (user) => {
    const res = await exitBaby(user, {
      babyId: field(formData, 'babyId'),
      exitDate: field(formData, 'exitDate'),
      exitReason: field(formData, 'exitReason'),
      reason: field(formData, 'reason'),
    });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'motherAdmin.fixErrors' };
    redirect(`/staff/bayi/${res.babyId}?exited=1`);
  });
}
