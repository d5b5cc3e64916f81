'use server';
/**
 * The settings page's forms (/staff/pengaturan). Public endpoints: each gets the signed-in user
 * itself and calls one function of lib/data/settings.ts, which validates, checks the policy
 * (admin writes) and writes in one transaction with its audit row.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ForbiddenError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { saveBlockedTerms, saveProfile, saveSignatory, saveTarget, saveVisitWindows, type SettingsResult } from '@/lib/data/settings';

/**
 * What a settings form gets back: message keys per field ("windows.0.toDay" inside the window
 * list), a key for the whole form, and the values sent, to show them again after an error.
 */
export type SettingsState = {
  ok?: boolean;
  /** Saved, but nothing had changed. */
  unchanged?: boolean;
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
  /** Increases with every answer: the form remounts with the values above. */
  seq?: number;
};

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};
const strs = (fd: FormData, k: string) => fd.getAll(k).map((v) => (typeof v === 'string' ? v : ''));

async function user() {
  const u = await getCurrentUser();
  if (!u) redirect('/login');
  return u;
}

/** Runs one save, turning a refusal into a form message (never a 500) and refreshing the page on success. */
async function answer(prev: SettingsState, values: Record<string, string | string[]>, work: () => Promise<SettingsResult>): Promise<SettingsState> {
  const seq = (prev.seq ?? 0) + 1;
  try {
    const res = await work();
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'settings.fixErrors', values, seq };
    revalidatePath('/staff/pengaturan');
    return { ok: true, unchanged: !res.changed, seq };
  } catch (err) {
    if (err instanceof ForbiddenError) return { formError: 'settings.errors.notAllowed', values, seq };
    throw err;
  }
}

export async function saveProfileAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const actor = await user();
  const values = Object.fromEntries(['name', 'district', 'subdistrict', 'province', 'address', 'timeZone'].map((k) => [k, str(fd, k) ?? '']));
  return answer(prev, values, () => saveProfile(actor, values));
}

export async function saveTargetAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const actor = await user();
  const values = { year: str(fd, 'year') ?? '', targetPercent: str(fd, 'targetPercent') ?? '', villageId: str(fd, 'villageId') ?? '' };
  return answer(prev, values, () => saveTarget(actor, values));
}

export async function saveSignatoryAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const actor = await user();
  const values = { signatoryName: str(fd, 'signatoryName') ?? '', signatoryNip: str(fd, 'signatoryNip') ?? '', signatoryTitle: str(fd, 'signatoryTitle') ?? '' };
  return answer(prev, values, () => saveSignatory(actor, values));
}

export async function saveBlockedTermsAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const actor = await user();
  const values = { terms: str(fd, 'terms') ?? '' };
  return answer(prev, values, () => saveBlockedTerms(actor, values));
}

/** The window rows come as parallel lists fromDay[] / toDay[]; the button "reset" sends intent=reset. */
export async function saveVisitWindowsAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const actor = await user();
  const from = strs(fd, 'fromDay').slice(0, 50);
  const to = strs(fd, 'toDay').slice(0, 50);
  const values = { fromDay: from, toDay: to };
  if (str(fd, 'intent') === 'reset') return answer(prev, values, () => saveVisitWindows(actor, { reset: true }));
  const windows = from.map((f, i) => ({ fromDay: f, toDay: to[i] ?? '' }));
  return answer(prev, values, () => saveVisitWindows(actor, { windows }));
}
