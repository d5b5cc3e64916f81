'use server';
/**
 * Accounts: one's own password and sessions (every role), and managing the accounts of the
 * puskesmas (staff: kaders; admin: everyone). Public endpoints: each checks the signed-in user
 * itself; lib/data/accounts.ts validates and checks the policy again.
 */
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { signOut } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { ACTIVATION_DAYS } from '@/lib/data/activation';
import { changeOwnPassword, createAccount, endOwnSessions, manageAccount, reissueActivationCode, updateAccount } from '@/lib/data/accounts';
import { formatPhoneDisplay } from '@/lib/domain';
import { whatsappLink } from '@/lib/domain/whatsapp';
import { rememberSearch } from '@/lib/search-terms';
import type { FormState } from '@/lib/validation/form-state';
import type { ChangePasswordField, CreateAccountField, UpdateAccountField } from '@/lib/validation/account';
import { activationUrlFor } from '@/lib/server/public-url';
import { field, fields, str } from './form-data';
import { safeAction } from './safe-action';

export type ChangePasswordState = FormState<ChangePasswordField>;

export async function changePasswordAction(_prev: ChangePasswordState, fd: FormData): Promise<ChangePasswordState> {
  return safeAction({ user: () => getCurrentUser() }, async (actor) => {
    const res = await changeOwnPassword(actor, { current: field(fd, 'current'), password: field(fd, 'password'), confirm: field(fd, 'confirm') });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'account.fixErrors' };
    // Every session of this user has ended on the server; clear this browser's cookie too and
    // sign in again with the new password.
    await signOut({ redirectTo: '/login?n=passwordChanged' });
    return { ok: true };
  });
}

export async function endOwnSessionsAction(): Promise<void> {
  return safeAction({ user: () => getCurrentUser() }, async (actor) => {
    await endOwnSessions(actor);
    await signOut({ redirectTo: '/login?n=signedOutEverywhere' });
  });
}

/** Same-site path back to the account list, keeping its filters. */
function back(fd: FormData): string {
  const b = str(fd, 'back');
  return b && /^\/staff\/pengguna(\?[\w=&%\-.+]*)?$/.test(b) ? b : '/staff/pengguna';
}

function withParams(path: string, params: Record<string, string>): string {
  const u = new URL(path, 'http://x');
  for (const k of ['n', 'e']) u.searchParams.delete(k);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return `${u.pathname}${u.search}`;
}

/** What a refused account action gives back to its row: the message and the reason typed. */
export type ManageAccountState = { reasonError?: string; formError?: string; reason?: string; nonce?: string };

/**
 * End an account's sessions, disable or enable it, with a reason (useActionState on the action
 * itself, so it works without JavaScript too). Done, or an account she may not manage or that is
 * gone: back to the list with the outcome; a refused reason comes back on the row with what was
 * typed (issue #23 item 3).
 */
export async function manageAccountAction(_prev: ManageAccountState, fd: FormData): Promise<ManageAccountState> {
  const userId = str(fd, 'userId') ?? '';
  const reason = str(fd, 'reason') ?? '';
  const answer: ManageAccountState | { to: string } = await safeAction(
    { user: () => getCurrentUser(), forbidden: { to: withParams(back(fd), { e: 'notAllowed' }) }, notFound: { to: withParams(back(fd), { e: 'gone' }) } },
    async (actor): Promise<ManageAccountState | { to: string }> => {
      const res = await manageAccount(actor, { userId, action: str(fd, 'action'), reason });
      if (res.ok) return { to: withParams(back(fd), { n: res.action }) };
      const t = await getTranslations();
      const nonce = randomUUID();
      if (res.fieldErrors.reason) return { reasonError: t(res.fieldErrors.reason as never), reason, nonce };
      return { formError: t('accounts.errors.generic'), reason, nonce };
    },
  );
  if ('to' in answer && typeof answer.to === 'string') redirect(answer.to);
  return answer as ManageAccountState;
}

/** The account search: the term (a name or a phone number) is posted, never put in the URL. */
export async function searchAccountsAction(fd: FormData): Promise<void> {
  return safeAction({ user: () => getCurrentUser() }, async () => {
    await rememberSearch('accounts', '/staff/pengguna', field(fd, 'q'));
    const role = str(fd, 'role');
    redirect(role && /^(admin|staff|kader|ibu)$/.test(role) ? `/staff/pengguna?role=${role}` : '/staff/pengguna');
  });
}

/* Adding and editing accounts (issue #18). */

/** A code to show once: the WhatsApp link carries it with the /aktivasi address. */
export type IssuedCode = { code: string; waLink: string; activationUrl: string; days: number };

/** What the form posted, to fill it in again after a refusal (React resets a form after its action). */
export type AccountFormValues = { role?: string; name?: string; phone?: string; posyanduIds?: string[]; homePosyanduId?: string };

export type CreateAccountState = FormState<CreateAccountField> & {
  values?: AccountFormValues;
  done?: IssuedCode & { userId: string; name: string; phone: string };
};
export type UpdateAccountState = FormState<UpdateAccountField> & { values?: AccountFormValues; saved?: 'saved' | 'unchanged' };
export type ReissueCodeState = FormState & { done?: IssuedCode & { name: string } };

/** The code with its WhatsApp link; the /aktivasi address is the puskesmas's public address (issue #29). */
async function issued(puskesmasId: string, name: string, phone: string, code: string): Promise<IssuedCode> {
  const t = await getTranslations('accountsNew');
  const url = await activationUrlFor(puskesmasId);
  return { code, activationUrl: url, days: ACTIVATION_DAYS, waLink: whatsappLink(phone, t('waMessage', { name, code, url, days: ACTIVATION_DAYS })) };
}

const clip = (v: string | undefined) => (v === undefined ? undefined : v.slice(0, 120));
function postedValues(fd: FormData): AccountFormValues {
  return {
    role: clip(str(fd, 'role')),
    name: clip(str(fd, 'name')),
    phone: clip(str(fd, 'phone')),
    posyanduIds: fields(fd, 'posyanduIds')
      .filter((v): v is string => typeof v === 'string')
      .slice(0, 100)
      .map((v) => v.slice(0, 40)),
    homePosyanduId: clip(str(fd, 'homePosyanduId')),
  };
}

/** The policy's refusals as form messages (with what was posted, when the form shows it again). */
function denials(values?: AccountFormValues) {
  const posted = values ? { values } : {};
  return { forbidden: { formError: 'accountsNew.errors.notAllowed', ...posted }, notFound: { formError: 'accountsNew.errors.gone', ...posted } };
}

export async function createAccountAction(_prev: CreateAccountState, fd: FormData): Promise<CreateAccountState> {
  const values = postedValues(fd);
  return safeAction({ user: () => getCurrentUser(), ...denials(values) }, async (actor) => {
    const res = await createAccount(actor, values);
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'accountsNew.fixErrors', values };
    return {
      ok: true,
      done: { ...(await issued(actor.puskesmasId, res.name, res.phone, res.code)), userId: res.userId, name: res.name, phone: formatPhoneDisplay(res.phone) },
    };
  });
}

export async function updateAccountAction(_prev: UpdateAccountState, fd: FormData): Promise<UpdateAccountState> {
  const values = postedValues(fd);
  return safeAction({ user: () => getCurrentUser(), ...denials(values) }, async (actor) => {
    const res = await updateAccount(actor, { ...values, userId: str(fd, 'userId') });
    if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'accountsNew.fixErrors', values };
    if (res.changed) revalidatePath('/staff/pengguna/[id]', 'page');
    return { ok: true, saved: res.changed ? ('saved' as const) : ('unchanged' as const), values };
  });
}

export async function reissueCodeAction(_prev: ReissueCodeState, fd: FormData): Promise<ReissueCodeState> {
  return safeAction({ user: () => getCurrentUser(), ...denials() }, async (actor) => {
    const res = await reissueActivationCode(actor, { userId: str(fd, 'userId'), reason: str(fd, 'reason') });
    if (!res.ok) return { formError: res.formError };
    revalidatePath('/staff/pengguna/[id]', 'page');
    return { ok: true, done: { ...(await issued(actor.puskesmasId, res.name, res.phone, res.code)), name: res.name } };
  });
}
