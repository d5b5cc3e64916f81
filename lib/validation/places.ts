/**
 * Villages (desa/kelurahan) and posyandu of a puskesmas (issue #18, /staff/wilayah): the zod
 * schemas of the forms, parsed again on the server by lib/data/places.ts. Messages are keys of
 * messages/*.json ("validation.*" or "places.errors.*"), shown on the field in Indonesian.
 */
import { z } from 'zod';
import { safeLine } from './text';

export const PLACE_NAME_MAX = 100;
export const PLACE_ADDRESS_MAX = 300;
export const PLACE_RW_MAX = 3;
export const VILLAGE_KINDS = ['desa', 'kelurahan'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

/** Control characters (tab, newline, NUL…) have no place in a name or an address. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A place name: trimmed, inner spaces collapsed, 2–100 characters, at least one letter or digit. */
const placeName = (tidy: (s: string) => string = (s) => s) =>
  z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .transform((s) => tidy(s.replace(/\s+/g, ' ').trim()))
    .pipe(
      z
        .string()
        .check(safeLine)
        .min(1, 'validation.required')
        .max(PLACE_NAME_MAX, 'validation.tooLong')
        .refine((s) => !CONTROL.test(s), 'validation.invalid')
        .refine((s) => /[\p{L}\p{N}]/u.test(s), 'places.errors.nameLetters'),
    );
const name = placeName();
/**
 * A village's name without its kind: the kind is shown before it ("Desa Bojong Nangka"), so a
 * name typed as "Desa Sukamaju" or "Kelurahan Cicadas" is stored as "Sukamaju" / "Cicadas".
 */
export const villageNameOf = (s: string) => s.replace(/^(desa|kelurahan|kel\.)\s+(?=\S)/i, '');
const villageName = placeName(villageNameOf);

/**
 * RW (rukun warga): empty, or a number 1–999 written with digits ("3", "03", "003"); stored
 * with two digits at least ("03"), as the seed and the paper registers write it.
 */
const rw = z
  .string({ error: 'places.errors.rw' })
  .check(safeLine)
  .optional()
  .transform((s) => (s ?? '').trim())
  .pipe(
    z
      .string()
      .check(safeLine)
      .refine((s) => s === '' || (/^\d{1,3}$/.test(s) && Number(s) >= 1), 'places.errors.rw')
      .transform((s) => (s === '' ? null : String(Number(s)).padStart(2, '0'))),
  );

/** Address (jalan, gang, patokan): optional, one line (line breaks become spaces) of at most 300 characters. */
const address = z
  .string({ error: 'validation.invalid' })
  .check(safeLine)
  .optional()
  .transform((s) => (s ?? '').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .check(safeLine)
      .max(PLACE_ADDRESS_MAX, 'validation.tooLong')
      .refine((s) => !CONTROL.test(s), 'validation.invalid')
      .transform((s) => (s === '' ? null : s)),
  );

const kind = z.enum(VILLAGE_KINDS, { error: 'places.errors.kind' });
const id = z.uuid({ error: 'validation.invalid' });

export const villageSchema = z.object({ name: villageName, kind });
export const villageUpdateSchema = z.object({ id, name: villageName, kind });
export const posyanduSchema = z.object({ villageId: z.uuid({ error: 'places.errors.villageRequired' }), name, rw, address });
export const posyanduUpdateSchema = z.object({ id, name, rw, address });
/** Deactivate / reactivate / delete a village or a posyandu. */
export const placeStatusSchema = z.object({
  entity: z.enum(['village', 'posyandu'], { error: 'validation.invalid' }),
  id,
  op: z.enum(['deactivate', 'activate', 'delete'], { error: 'validation.invalid' }),
});

export type VillageInput = z.input<typeof villageSchema>;
export type PosyanduInput = z.input<typeof posyanduSchema>;
export type PlaceField = 'id' | 'name' | 'kind' | 'villageId' | 'rw' | 'address' | 'op';
