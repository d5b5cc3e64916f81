'use server';
/**
 * Confirming an import preview (/staff/impor). A public endpoint: it gets the signed-in user
 * itself and calls one data function (lib/data/imports.ts confirmImport), which checks the
 * policy, the batch's puskesmas and creator, and every row again. The upload is a route handler
 * (app/api/impor/unggah: a file of up to 2 MB).
 */
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { confirmImport, type ImportResultCounts } from '@/lib/data/imports';
import { ACTIVATION_DAYS } from '@/lib/data/activation';
import { whatsappLink } from '@/lib/domain/whatsapp';
import { activationUrlFor } from '@/lib/server/public-url';
import type { ImportRow } from '@/lib/domain/import';
import type { FormState } from '@/lib/validation/form-state';
import type { ConfirmImportField } from '@/lib/validation/import';
import { field } from './form-data';
import { safeAction } from './safe-action';

export type ImportCode = { name: string; code: string; waLink: string };
export type ConfirmImportState = FormState<ConfirmImportField> & {
  /** Shown once, right after the import: the codes are never stored in clear. */
  done?: { already: boolean; counts: ImportResultCounts; codes: ImportCode[]; days: number };
  /** Rows that stopped the import (checked again at confirm time). */
  rows?: ImportRow[];
};

export async function confirmImportAction(_prev: ConfirmImportState, fd: FormData): Promise<ConfirmImportState> {
  return safeAction({ user: () => getCurrentUser(), forbidden: { formError: 'imports.errors.notAllowed' } }, async (user) => {
    const res = await confirmImport(user, { batchId: field(fd, 'batchId'), consent: field(fd, 'consent') === 'on' });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'imports.errors.consentRequired', rows: res.rows?.slice(0, 200) };
    const t = await getTranslations('register');
    // The message carries the address to act at (issue #29): the puskesmas's /aktivasi.
    const url = await activationUrlFor(user.puskesmasId);
    const codes = res.created.map((c) => ({
      name: c.name,
      code: c.code,
      waLink: whatsappLink(c.phone, t('waMessage', { name: c.name, code: c.code, url, days: ACTIVATION_DAYS })),
    }));
    // No revalidatePath: it would render this page again, as confirmed, and lose the codes shown
    // once (the registry is rendered per request anyway).
    return { ok: true, done: { already: res.already, counts: res.counts, codes, days: ACTIVATION_DAYS } };
  });
}
