'use server';
/**
 * Registering a mother (kader or staff), staff giving a mother registered without a login one,
 * and the mother's own activation (public).
 */
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { clientIp } from '@/lib/auth';
import { requireUser } from '@/lib/auth/session';
import { ACTIVATION_DAYS } from '@/lib/data/activation';
import { activateAccount, giveMotherLogin, registerMother, whatsappLink, type Duplicate } from '@/lib/data/mothers';
import { formatPhoneDisplay } from '@/lib/domain';
import { activationUrlFor } from '@/lib/server/public-url';
import type { FormState } from '@/lib/validation/form-state';
import type { MotherField, MotherLoginField } from '@/lib/validation/mother';
import { field } from './form-data';
import { publicAction, safeAction } from './safe-action';

export type RegisterState = FormState<MotherField> & {
  duplicate?: Duplicate;
  /** Shown once, right after registering: the code is never stored in clear. */
  done?: { code: string | null; waLink: string | null; login: 'code' | 'byStaff' | 'active'; babyId: string; name: string };
};

export async function registerMotherAction(values: unknown): Promise<RegisterState> {
  return safeAction({ user: () => requireUser(['kader', 'staff', 'admin']), forbidden: { formError: 'register.denied' } }, async (user) => {
    const res = await registerMother(user, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, duplicate: res.duplicate, formError: res.duplicate ? 'register.duplicate' : 'visit.fixErrors' };
    const t = await getTranslations('register');
    // The message carries the address to act at (issue #29): the puskesmas's /aktivasi.
    const url = await activationUrlFor(user.puskesmasId);
    const waLink = res.code ? whatsappLink(res.phone, t('waMessage', { name: res.name, code: res.code, url, days: ACTIVATION_DAYS })) : null;
    return { ok: true, done: { code: res.code, waLink, login: res.login, babyId: res.babyIds[0]!, name: res.name } };
  });
}

export type ActivationState = FormState<'phone' | 'code' | 'password' | 'confirm'> & {
  /** A refused activation comes back with the phone and code she typed (never the passwords). */
  values?: { phone: string; code: string };
  /** New on every refusal: the form is mounted anew with it and shows `values`. */
  nonce?: string;
};

/** Public: no user; lib/data/mothers.ts activateAccount validates, throttles and refuses. */
export async function activateAction(_prev: ActivationState, formData: FormData): Promise<ActivationState> {
  return publicAction({}, async () => {
    const res = await activateAccount(
      {
        phone: field(formData, 'phone'),
        code: field(formData, 'code'),
        password: field(formData, 'password'),
        confirm: field(formData, 'confirm'),
      },
      clientIp(await headers()),
    );
    if (res.ok) return { ok: true };
    const typed = (k: string) => {
      const v = field(formData, k);
      return typeof v === 'string' ? v.slice(0, 64) : '';
    };
    return { fieldErrors: res.fieldErrors, formError: res.formError, values: { phone: typed('phone'), code: typed('code') }, nonce: randomUUID() };
  });
}

export type MotherLoginState = FormState<MotherLoginField> & {
  /** A refused number comes back in the field, as typed (never in the URL). */
  phone?: string;
  /** New on every refusal: the form is mounted anew with it and shows `phone`. */
  nonce?: string;
  /** Shown once, right after the login was made: the code is never stored in clear. */
  done?: { code: string; waLink: string; name: string; phone: string; days: number };
};

/**
 * Staff give a mother registered without a login (decision 054) a login and an activation code
 * (useActionState on this action itself, so it works without JavaScript too). A refused number
 * comes back on its field with what was typed; the page is not revalidated, so the code stays on
 * screen until she leaves it.
 */
export async function giveMotherLoginAction(_prev: MotherLoginState, fd: FormData): Promise<MotherLoginState> {
  const posted = field(fd, 'phone');
  const phone = typeof posted === 'string' ? posted.slice(0, 64) : '';
  const refused = (formError: string): MotherLoginState => ({ formError, phone, nonce: randomUUID() });
  return safeAction(
    { user: () => requireUser(['staff', 'admin']), forbidden: refused('motherLogin.errors.denied'), notFound: refused('motherLogin.errors.gone') },
    async (actor): Promise<MotherLoginState> => {
      const res = await giveMotherLogin(actor, { motherId: field(fd, 'motherId'), phone: field(fd, 'phone') });
      if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'motherLogin.errors.fix', phone, nonce: randomUUID() };
      const t = await getTranslations('register');
      const url = await activationUrlFor(actor.puskesmasId);
      const waLink = whatsappLink(res.phone, t('waMessage', { name: res.name, code: res.code, url, days: ACTIVATION_DAYS }));
      return { ok: true, done: { code: res.code, waLink, name: res.name, phone: formatPhoneDisplay(res.phone), days: ACTIVATION_DAYS } };
    },
  );
}
