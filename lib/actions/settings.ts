'use server';
/**
 * The settings page's forms (/staff/pengaturan). Public endpoints: each gets the signed-in user
 * itself and calls one function of lib/data/settings.ts, which validates, checks the policy
 * (admin writes) and writes in one transaction with its audit row.
 */
import { revalidatePath } from 'next/cache';
import { getCurrentUser } from '@/lib/auth/session';
import { saveBlockedTerms, saveProfile, savePublicUrl, saveSignatory, saveTarget, saveVisitWindows, type SettingsResult } from '@/lib/data/settings';
import { str, strs } from './form-data';
import { safeAction } from './safe-action';

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

/** The answer's sequence number: one more than the last. */
const nextSeq = (prev: SettingsState) => (prev?.seq ?? 0) + 1;

/** A refusal of the policy (admin writes): a form message, never a 500, with the values sent. */
const notAllowed = (prev: SettingsState, values: Record<string, string | string[]>): SettingsState => ({
  formError: 'settings.errors.notAllowed',
  values,
  seq: nextSeq(prev),
});

/** A save's result as the form shows it; the page is refreshed after a save. */
function saved(prev: SettingsState, values: Record<string, string | string[]>, res: SettingsResult): SettingsState {
  const seq = nextSeq(prev);
  if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'settings.fixErrors', values, seq };
  revalidatePath('/staff/pengaturan');
  return { ok: true, unchanged: !res.changed, seq };
}

export async function saveProfileAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const values = Object.fromEntries(['name', 'district', 'subdistrict', 'province', 'address', 'timeZone'].map((k) => [k, str(fd, k) ?? '']));
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await saveProfile(actor, values)));
}

export async function saveTargetAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const values = { year: str(fd, 'year') ?? '', targetPercent: str(fd, 'targetPercent') ?? '', villageId: str(fd, 'villageId') ?? '' };
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await saveTarget(actor, values)));
}

export async function saveSignatoryAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const values = { signatoryName: str(fd, 'signatoryName') ?? '', signatoryNip: str(fd, 'signatoryNip') ?? '', signatoryTitle: str(fd, 'signatoryTitle') ?? '' };
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await saveSignatory(actor, values)));
}

export async function saveBlockedTermsAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const values = { terms: str(fd, 'terms') ?? '' };
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await saveBlockedTerms(actor, values)));
}

/** The window rows come as parallel lists fromDay[] / toDay[]; the button "reset" sends intent=reset. */
export async function saveVisitWindowsAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const from = strs(fd, 'fromDay').slice(0, 50);
  const to = strs(fd, 'toDay').slice(0, 50);
  const values = { fromDay: from, toDay: to };
  const input = str(fd, 'intent') === 'reset' ? { reset: true } : { windows: from.map((f, i) => ({ fromDay: f, toDay: to[i] ?? '' })) };
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await saveVisitWindows(actor, input)));
}

/** The portal's public address (issue #29): emptied, links fall back to APP_URL. */
export async function savePublicUrlAction(prev: SettingsState, fd: FormData): Promise<SettingsState> {
  const values = { publicUrl: str(fd, 'publicUrl') ?? '' };
  return safeAction({ user: () => getCurrentUser(), forbidden: notAllowed(prev, values) }, async (actor) => saved(prev, values, await savePublicUrl(actor, values)));
}
