'use server';
/**
 * The district office's own accounts (issue #19): a dinkes user adds another district account
 * of her kabupaten. A public endpoint: it checks the signed-in user itself;
 * lib/data/district.ts validates and checks the policy ('districtAccounts') again.
 */
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { ACTIVATION_DAYS } from '@/lib/data/activation';
import { createDistrictAccount } from '@/lib/data/district';
import { formatPhoneDisplay } from '@/lib/domain';
import { whatsappLink } from '@/lib/domain/whatsapp';
import type { DistrictAccountField } from '@/lib/validation/district';
import type { FormState } from '@/lib/validation/form-state';
import { activationUrlFor } from '@/lib/server/public-url';
import { field } from './form-data';
import { safeAction } from './safe-action';

export type DistrictAccountState = FormState<DistrictAccountField> & {
  /** What was posted, to fill the form in again after a refusal. */
  values?: { name?: string; phone?: string };
  done?: { name: string; phone: string; code: string; waLink: string; activationUrl: string; days: number };
};

const text = (fd: FormData, k: string) => {
  const v = field(fd, k);
  return typeof v === 'string' ? v.slice(0, 120) : undefined;
};

export async function createDistrictAccountAction(_prev: DistrictAccountState, fd: FormData): Promise<DistrictAccountState> {
  const values = { name: text(fd, 'name'), phone: text(fd, 'phone') };
  return safeAction({ user: () => getCurrentUser(), denied: { formError: 'district.errors.notAllowed', values } }, async (actor) => {
    const res = await createDistrictAccount(actor, { name: field(fd, 'name'), phone: field(fd, 'phone') });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'district.accounts.fixErrors', values };
    revalidatePath('/dinkes/pengguna');
    const t = await getTranslations('district.accounts');
    // The district office's own puskesmas's public address, else APP_URL (issue #29).
    const url = await activationUrlFor(actor.puskesmasId);
    return {
      ok: true,
      done: {
        name: res.name,
        phone: formatPhoneDisplay(res.phone),
        code: res.code,
        activationUrl: url,
        days: ACTIVATION_DAYS,
        waLink: whatsappLink(res.phone, t('waMessage', { name: res.name, code: res.code, url, days: ACTIVATION_DAYS })),
      },
    };
  });
}
