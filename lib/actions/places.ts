'use server';
/**
 * Places (/staff/wilayah): adding and editing villages and posyandu, and deactivating,
 * reactivating or deleting them. Public endpoints: each gets the signed-in user itself and calls
 * one data function (lib/data/places.ts), which validates and checks the policy again.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { createPosyandu, createVillage, setPlaceStatus, updatePosyandu, updateVillage, type PlaceResult } from '@/lib/data/places';
import type { FormState } from '@/lib/validation/form-state';
import type { PlaceField } from '@/lib/validation/places';
import { field, formValues } from './form-data';
import { safeAction } from './safe-action';

export type PlaceFormState = FormState<PlaceField> & {
  /** What was sent, to show again after a refusal (React resets the form after an action). */
  values?: Record<string, string>;
  /** Raised on every success, so that the form can announce it. */
  done?: number;
};

const PATH = '/staff/wilayah';

/** The posted fields, as strings (a missing or non-text field is ''). */
function posted(fd: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, typeof field(fd, n) === 'string' ? (field(fd, n) as string) : '']));
}

/** Shown again after a refusal; never more than a form field can hold. */
const shown = (raw: Record<string, string>) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.slice(0, 2000)]));

/** The policy's refusals as form messages, with what was sent. */
const denials = (raw: Record<string, string>) => ({
  forbidden: { formError: 'places.errors.notAllowed', values: shown(raw) },
  notFound: { formError: 'places.errors.gone', values: shown(raw) },
});

/** A save's result as the form shows it; the page is refreshed when something changed. */
function answered(prev: PlaceFormState, raw: Record<string, string>, res: PlaceResult): PlaceFormState {
  if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'places.errors.fix', values: shown(raw) };
  if (res.changed) revalidatePath(PATH);
  return { ok: true, done: (prev?.done ?? 0) + 1 };
}

const VILLAGE = ['name', 'kind'] as const;
const POSYANDU = ['villageId', 'name', 'rw', 'address'] as const;

export async function createVillageAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const raw = posted(fd, VILLAGE);
  return safeAction({ user: () => getCurrentUser(), ...denials(raw) }, async (actor) => answered(prev, raw, await createVillage(actor, raw)));
}

export async function updateVillageAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const raw = posted(fd, ['id', ...VILLAGE]);
  return safeAction({ user: () => getCurrentUser(), ...denials(raw) }, async (actor) => answered(prev, raw, await updateVillage(actor, raw)));
}

export async function createPosyanduAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const raw = posted(fd, POSYANDU);
  return safeAction({ user: () => getCurrentUser(), ...denials(raw) }, async (actor) => answered(prev, raw, await createPosyandu(actor, raw)));
}

export async function updatePosyanduAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const raw = posted(fd, ['id', 'name', 'rw', 'address']);
  return safeAction({ user: () => getCurrentUser(), ...denials(raw) }, async (actor) => answered(prev, raw, await updatePosyandu(actor, raw)));
}

/** Deactivate / reactivate / delete: a plain form; the outcome comes back as ?n= or ?e= (ids only). */
export async function setPlaceStatusAction(fd: FormData): Promise<void> {
  const { id, entity, op } = formValues(fd, ['id', 'entity', 'op']);
  const row: Record<string, string> = /^[0-9a-f-]{36}$/i.test(id) ? { p: id } : {};
  const params: Record<string, string> = await safeAction({ user: () => getCurrentUser(), forbidden: { e: 'notAllowed' }, notFound: { e: 'gone' } }, async (actor) => {
    const res = await setPlaceStatus(actor, { entity, id, op });
    if (res.ok) {
      revalidatePath(PATH);
      return { n: `${entity}.${res.op}`, ...(res.op === 'delete' ? {} : row) };
    }
    const key = Object.values(res.fieldErrors)[0] ?? 'validation.invalid';
    return { e: key.replace(/^places\.errors\./, ''), ...row };
  });
  redirect(`${PATH}?${new URLSearchParams(params)}#${params.p ? `place-${params.p}` : 'top'}`);
}
