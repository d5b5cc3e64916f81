'use server';
/**
 * Registering a mother (kader or staff) and the mother's own activation (public).
 */
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { clientIp } from '@/lib/auth';
import { requireUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/policy';
import { activateAccount, registerMother, whatsappLink, type Duplicate } from '@/lib/data/mothers';
import type { FormState } from '@/lib/validation/form-state';
import type { MotherField } from '@/lib/validation/mother';

export type RegisterState = FormState<MotherField> & {
  duplicate?: Duplicate;
  /** Shown once, right after registering: the code is never stored in clear. */
  done?: { code: string; waLink: string; babyId: string; name: string };
};

export async function registerMotherAction(values: unknown): Promise<RegisterState> {
  const user = await requireUser(['kader', 'staff', 'admin']);
  try {
    const res = await registerMother(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, duplicate: res.duplicate, formError: res.duplicate ? 'register.duplicate' : 'visit.fixErrors' };
    const t = await getTranslations('register');
    const message = t('waMessage', { name: res.name, code: res.code, days: 7 });
    return { ok: true, done: { code: res.code, waLink: whatsappLink(res.phone, message), babyId: res.babyIds[0]!, name: res.name } };
  } catch (err) {
    if (err instanceof ForbiddenError) return { formError: 'register.denied' };
    throw err;
  }
}

export type ActivationState = FormState<'phone' | 'code' | 'password' | 'confirm'>;

export async function activateAction(_prev: ActivationState, formData: FormData): Promise<ActivationState> {
  const res = await activateAccount(
    {
      phone: formData.get('phone'),
      code: formData.get('code'),
      password: formData.get('password'),
      confirm: formData.get('confirm'),
    },
    clientIp(await headers()),
  );
  if (res.ok) return { ok: true };
  return { fieldErrors: res.fieldErrors, formError: res.formError };
}
