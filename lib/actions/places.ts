'use server';
/**
 * Places (/staff/wilayah): adding and editing villages and posyandu, and deactivating,
 * reactivating or deleting them. Public endpoints: each gets the signed-in user itself and calls
 * one data function (lib/data/places.ts), which validates and checks the policy again.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { createPosyandu, createVillage, setPlaceStatus, updatePosyandu, updateVillage, type PlaceResult } from '@/lib/data/places';
import type { FormState } from '@/lib/validation/form-state';
import type { PlaceField } from '@/lib/validation/places';

export type PlaceFormState = FormState<PlaceField> & {
  /** What was sent, to show again after a refusal (React resets the form after an action). */
  values?: Record<string, string>;
  /** Raised on every success, so that the form can announce it. */
  done?: number;
};

const PATH = '/staff/wilayah';

async function user() {
  const u = await getCurrentUser();
  if (!u) redirect('/login');
  return u;
}

type Work = (raw: Record<string, string>) => Promise<PlaceResult>;

async function run(prev: PlaceFormState, fd: FormData, names: readonly string[], work: Work): Promise<PlaceFormState> {
  const raw = Object.fromEntries(names.map((n) => [n, typeof fd.get(n) === 'string' ? (fd.get(n) as string) : '']));
  // Shown again after a refusal; never more than a form field can hold.
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.slice(0, 2000)]));
  try {
    const res = await work(raw);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'places.errors.fix', values };
    if (res.changed) revalidatePath(PATH);
    return { ok: true, done: (prev.done ?? 0) + 1 };
  } catch (err) {
    if (err instanceof ForbiddenError) return { formError: 'places.errors.notAllowed', values };
    if (err instanceof NotFoundError) return { formError: 'places.errors.gone', values };
    throw err;
  }
}

const VILLAGE = ['name', 'kind'] as const;
const POSYANDU = ['villageId', 'name', 'rw', 'address'] as const;

export async function createVillageAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const actor = await user();
  return run(prev, fd, VILLAGE, (raw) => createVillage(actor, raw));
}

export async function updateVillageAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const actor = await user();
  return run(prev, fd, ['id', ...VILLAGE], (raw) => updateVillage(actor, raw));
}

export async function createPosyanduAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const actor = await user();
  return run(prev, fd, POSYANDU, (raw) => createPosyandu(actor, raw));
}

export async function updatePosyanduAction(prev: PlaceFormState, fd: FormData): Promise<PlaceFormState> {
  const actor = await user();
  return run(prev, fd, ['id', 'name', 'rw', 'address'], (raw) => updatePosyandu(actor, raw));
}

/** Deactivate / reactivate / delete: a plain form; the outcome comes back as ?n= or ?e= (ids only). */
export async function setPlaceStatusAction(fd: FormData): Promise<void> {
  const actor = await user();
  const str = (k: string) => (typeof fd.get(k) === 'string' ? (fd.get(k) as string) : '');
  const id = str('id');
  const row: Record<string, string> = /^[0-9a-f-]{36}$/i.test(id) ? { p: id } : {};
  let params: Record<string, string>;
  try {
    const res = await setPlaceStatus(actor, { entity: str('entity'), id, op: str('op') });
    if (res.ok) {
      revalidatePath(PATH);
      params = { n: `${str('entity')}.${res.op}`, ...(res.op === 'delete' ? {} : row) };
    } else {
      const key = Object.values(res.fieldErrors)[0] ?? 'validation.invalid';
      params = { e: key.replace(/^places\.errors\./, ''), ...row };
    }
  } catch (err) {
    if (err instanceof ForbiddenError) params = { e: 'notAllowed' };
    else if (err instanceof NotFoundError) params = { e: 'gone' };
    else throw err;
  }
  redirect(`${PATH}?${new URLSearchParams(params)}#${params.p ? `place-${params.p}` : 'top'}`);
}
