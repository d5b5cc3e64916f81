'use server';
/**
 * Staff forms on the baby page: moving a mother to another posyandu and a baby's exit. The
 * data layer validates, checks policy and scope, and audits.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { exitBaby, transferMother } from '@/lib/data/journey';
import type { FormState } from '@/lib/validation/form-state';
import type { ExitField, TransferField } from '@/lib/validation/journey';

export type TransferState = FormState<TransferField>;

export async function transferAction(_prev: TransferState, formData: FormData): Promise<TransferState> {
  const user = await requireUser(['staff', 'admin']);
  const babyId = String(formData.get('babyId') ?? '');
  try {
    const res = await transferMother(user, { motherId: formData.get('motherId'), posyanduId: formData.get('posyanduId'), reason: formData.get('reason') });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'motherAdmin.fixErrors' };
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'motherAdmin.denied' };
    throw err;
  }
  redirect(/^[0-9a-f-]{36}$/.test(babyId) ? `/staff/bayi/${babyId}?transferred=1` : '/staff/ibu');
}

export type ExitState = FormState<ExitField>;

export async function exitAction(_prev: ExitState, formData: FormData): Promise<ExitState> {
  const user = await requireUser(['staff', 'admin']);
  let babyId: string;
  try {
    const res = await exitBaby(user, {
      babyId: formData.get('babyId'),
      exitDate: formData.get('exitDate'),
      exitReason: formData.get('exitReason'),
      reason: formData.get('reason'),
    });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'motherAdmin.fixErrors' };
    babyId = res.babyId;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { formError: 'motherAdmin.denied' };
    throw err;
  }
  redirect(`/staff/bayi/${babyId}?exited=1`);
}
