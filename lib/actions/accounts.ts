'use server';
/**
 * Accounts: one's own password and sessions (every role), and managing the accounts of the
 * puskesmas (staff: kaders; admin: everyone). Public endpoints: each checks the signed-in user
 * itself; lib/data/accounts.ts validates and checks the policy again.
 */
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { changeOwnPassword, endOwnSessions, manageAccount } from '@/lib/data/accounts';
import { rememberSearch } from '@/lib/search-terms';
import type { FormState } from '@/lib/validation/form-state';
import type { ChangePasswordField } from '@/lib/validation/account';

export type ChangePasswordState = FormState<ChangePasswordField>;

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};

async function user() {
  const u = await getCurrentUser();
  if (!u) redirect('/login');
  return u;
}

export async function changePasswordAction(_prev: ChangePasswordState, fd: FormData): Promise<ChangePasswordState> {
  const actor = await user();
  const res = await changeOwnPassword(actor, { current: fd.get('current'), password: fd.get('password'), confirm: fd.get('confirm') });
  if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'account.fixErrors' };
  // Every session of this user has ended on the server; clear this browser's cookie too and
  // sign in again with the new password.
  await signOut({ redirectTo: '/login?n=passwordChanged' });
  return { ok: true };
}

export async function endOwnSessionsAction(): Promise<void> {
  const actor = await user();
  await endOwnSessions(actor);
  await signOut({ redirectTo: '/login?n=signedOutEverywhere' });
}

/** Same-site path back to the account list, keeping its filters. */
function back(fd: FormData): string {
  const b = str(fd, 'back');
  return b && /^\/staff\/pengguna(\?[\w=&%\-.+]*)?$/.test(b) ? b : '/staff/pengguna';
}

function withParams(path: string, params: Record<string, string>): string {
  const u = new URL(path, 'http://x');
  for (const k of ['n', 'e', 'u']) u.searchParams.delete(k);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return `${u.pathname}${u.search}`;
}

export async function manageAccountAction(fd: FormData): Promise<void> {
  const actor = await user();
  const userId = str(fd, 'userId') ?? '';
  let target: string;
  try {
    const res = await manageAccount(actor, { userId, action: str(fd, 'action'), reason: str(fd, 'reason') });
    if (res.ok) target = withParams(back(fd), { n: res.action });
    else {
      const [field, key] = Object.entries(res.fieldErrors)[0] ?? ['_form', 'validation.invalid'];
      target = withParams(back(fd), { e: `${field}:${key}`, ...(/^[0-9a-f-]{36}$/.test(userId) ? { u: userId } : {}) });
    }
  } catch (err) {
    if (err instanceof ForbiddenError) target = withParams(back(fd), { e: 'notAllowed' });
    else if (err instanceof NotFoundError) target = withParams(back(fd), { e: 'gone' });
    else throw err;
  }
  redirect(target);
}

/** The account search: the term (a name or a phone number) is posted, never put in the URL. */
export async function searchAccountsAction(fd: FormData): Promise<void> {
  await user();
  await rememberSearch('accounts', '/staff/pengguna', fd.get('q'));
  const role = str(fd, 'role');
  redirect(role && /^(admin|staff|kader|ibu)$/.test(role) ? `/staff/pengguna?role=${role}` : '/staff/pengguna');
}
