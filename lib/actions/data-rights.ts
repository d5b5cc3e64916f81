'use server';
/**
 * A mother's rights over her data (issue #30): her correction request from "Data saya"; staff
 * closing a request, recording a withdrawal, and the admin's retention setting. The data layer
 * validates, checks policy and scope, and audits.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { rememberSearch } from '@/lib/search-terms';
import { closeCorrectionRequest, requestCorrection, saveRetention, withdrawMother } from '@/lib/data/data-rights';
import type { CloseRequestField, CorrectionRequestField, RetentionField, WithdrawalField } from '@/lib/validation/data-rights';
import type { FormState } from '@/lib/validation/form-state';
import { str } from './form-data';
import { safeAction } from './safe-action';

const DENIED = { formError: 'dataRights.errors.denied' };
const UNAVAILABLE = { formError: 'dataRights.errors.unavailable' };

export type CorrectionState = FormState<CorrectionRequestField>;

export async function requestCorrectionAction(_prev: CorrectionState, formData: FormData): Promise<CorrectionState> {
  return safeAction({ user: () => requireUser(['ibu']), denied: DENIED, unavailable: UNAVAILABLE }, async (user) => {
    const res = await requestCorrection(user, { id: str(formData, 'id') ?? '', body: str(formData, 'body') ?? '' });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'dataRights.errors.fix' };
    redirect('/ibu/data-saya?n=sent#permintaan');
  });
}

export type CloseRequestState = FormState<CloseRequestField>;

export async function closeRequestAction(_prev: CloseRequestState, formData: FormData): Promise<CloseRequestState> {
  return safeAction({ user: () => requireUser(['staff', 'admin']), denied: DENIED, unavailable: UNAVAILABLE }, async (user) => {
    const res = await closeCorrectionRequest(user, { id: str(formData, 'id') ?? '', note: str(formData, 'note') ?? '' });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'dataRights.errors.fix' };
    redirect('/staff/permintaan-data?n=closed');
  });
}

export type WithdrawalState = FormState<WithdrawalField>;

export async function withdrawAction(_prev: WithdrawalState, formData: FormData): Promise<WithdrawalState> {
  const babyId = str(formData, 'babyId') ?? '';
  return safeAction({ user: () => requireUser(['staff', 'admin']), denied: DENIED, unavailable: UNAVAILABLE }, async (user) => {
    const res = await withdrawMother(user, {
      id: str(formData, 'id') ?? '',
      motherId: str(formData, 'motherId') ?? '',
      requestedOn: str(formData, 'requestedOn') ?? '',
      channel: str(formData, 'channel') ?? '',
      confirmName: str(formData, 'confirmName') ?? '',
    });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'dataRights.errors.fix' };
    // The registry search this staff member typed (often her name, kept in a cookie) goes with her data.
    await rememberSearch('registry', '/staff/ibu', '');
    redirect(/^[0-9a-f-]{36}$/.test(babyId) ? `/staff/bayi/${babyId}?withdrawn=1` : '/staff/permintaan-data');
  });
}

export type RetentionState = FormState<RetentionField>;

export async function saveRetentionAction(_prev: RetentionState, formData: FormData): Promise<RetentionState> {
  return safeAction({ user: () => requireUser(['staff', 'admin']), denied: DENIED, unavailable: UNAVAILABLE }, async (user) => {
    const res = await saveRetention(user, { months: str(formData, 'months') ?? '' });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'dataRights.errors.fix' };
    redirect('/staff/permintaan-data?n=retention');
  });
}
