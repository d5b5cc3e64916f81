'use server';
/**
 * First-run setup at /pasang: a public endpoint (the data layer refuses anyone signed in and
 * any setup once a puskesmas exists). On success the new admin signs in.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientIp } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { setupPuskesmas } from '@/lib/data/setup';
import type { FormState } from '@/lib/validation/form-state';
import type { SetupField } from '@/lib/validation/setup';
import { publicAction } from './safe-action';

export type SetupState = FormState<SetupField>;

export async function setupAction(values: unknown): Promise<SetupState> {
  const user = await getCurrentUser();
  return publicAction({ forbidden: { formError: 'setup.denied' }, unavailable: { formError: 'setup.error' } }, async () => {
    const res = await setupPuskesmas(user, values, clientIp(await headers()));
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError };
    redirect('/login?n=setupDone');
  });
}
