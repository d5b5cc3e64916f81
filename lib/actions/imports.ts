'use server';
/**
 * Confirming an import preview (/staff/impor). A public endpoint: it gets the signed-in user
 * itself and calls one data function (lib/data/imports.ts confirmImport), which checks the
 * policy, the batch's puskesmas and creator, and every row again. The upload is a route handler
 * (app/api/impor/unggah: a file of up to 2 MB).
 */
import { getCurrentUser } from '@/lib/auth/session';
import { confirmImport, type ImportResultCounts, type LoginsNeeded } from '@/lib/data/imports';
import type { ImportRow } from '@/lib/domain/import';
import type { FormState } from '@/lib/validation/form-state';
import type { ConfirmImportField } from '@/lib/validation/import';
import { field } from './form-data';
import { safeAction } from './safe-action';

export type ConfirmImportState = FormState<ConfirmImportField> & {
  /** Right after the import: the counts and, per posyandu, how many mothers still need a login. */
  done?: { already: boolean; counts: ImportResultCounts; logins: LoginsNeeded[] };
  /** Rows that stopped the import (checked again at confirm time). */
  rows?: ImportRow[];
};

export async function confirmImportAction(_prev: ConfirmImportState, fd: FormData): Promise<ConfirmImportState> {
  return safeAction({ user: () => getCurrentUser(), forbidden: { formError: 'imports.errors.notAllowed' } }, async (user) => {
    const res = await confirmImport(user, { batchId: field(fd, 'batchId'), consent: field(fd, 'consent') === 'on' });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: res.formError ?? 'imports.errors.consentRequired', rows: res.rows?.slice(0, 200) };
    // No codes here (issue #29): each mother gets her login from her baby's page; no revalidatePath
    // (the registry is rendered per request anyway).
    return { ok: true, done: { already: res.already, counts: res.counts, logins: res.logins } };
  });
}
