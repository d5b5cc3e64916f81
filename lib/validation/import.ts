/**
 * The import (issue #19): a file row becomes exactly what the registration form sends, and is
 * checked by the same schema (lib/validation/mother.ts motherSchema); the schema's field of each
 * problem is named back as the file's column. And the confirm form.
 */
import * as z from 'zod/mini';
import { importDate, importPhone, importSex, importWeight, type ImportCells, type ImportColumn } from '@/lib/domain/import';
import type { MotherFormValues } from './mother';

/**
 * The registration form's values for one row. Consent is given for the whole import on the
 * confirm form (recorded on paper), so it is true here; a place is its posyandu's id, found by
 * name by the caller (a placeholder id when it is not found, so that the other fields are
 * still checked).
 */
export function motherValuesOfRow(cells: ImportCells, posyanduId: string): MotherFormValues {
  const sex = importSex(cells.sex ?? '');
  return {
    name: cells.motherName ?? '',
    phone: importPhone(cells.phone ?? ''),
    nik: (cells.nik ?? '').replace(/^'/, ''),
    posyanduId,
    address: cells.address ?? '',
    rt: cells.rt ?? '',
    rw: cells.rw ?? '',
    birthDate: importDate(cells.birthDate ?? ''),
    earlyInitiation: '',
    babies: [
      {
        name: cells.babyName ?? '',
        // Unknown text is refused with its own message by the caller; the schema sees "none".
        sex: (sex || undefined) as 'L' | 'P',
        birthWeightGrams: importWeight(cells.birthWeight ?? ''),
      },
    ],
    consent: true,
    registerAnyway: true,
  };
}

/** The file's column of a problem the registration schema found in a field. */
export function columnOfField(path: readonly PropertyKey[]): ImportColumn | null {
  const [first, , third] = path;
  switch (first) {
    case 'name':
      return 'motherName';
    case 'phone':
      return 'phone';
    case 'nik':
      return 'nik';
    case 'posyanduId':
      return 'posyandu';
    case 'address':
      return 'address';
    case 'rt':
      return 'rt';
    case 'rw':
      return 'rw';
    case 'birthDate':
      return 'birthDate';
    case 'babies':
      return third === 'name' ? 'babyName' : third === 'sex' ? 'sex' : third === 'birthWeightGrams' ? 'birthWeight' : null;
    default:
      return null;
  }
}

/** Confirming a previewed batch: its id, and the staff member's word that consent is on paper. */
export const confirmImportSchema = z.object({
  batchId: z.uuid({ error: 'imports.errors.gone' }),
  consent: z.literal(true, { error: 'imports.errors.consentRequired' }),
});
export type ConfirmImportField = 'batchId' | 'consent';
