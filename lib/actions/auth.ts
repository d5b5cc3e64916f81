'use server';
/**
 * Sign-in and sign-out: public endpoints, each validating its own input.
 */
import { AuthError } from 'next-auth';
import { signIn, signOut } from '@/lib/auth';
import { loginPathFor, RETURN_PARAM, safeReturnPath } from '@/lib/auth/return-to';
import { getCurrentUser, revokeSession } from '@/lib/auth/session';
import { loginSchema } from '@/lib/validation/auth';
import { fieldErrorsOf, type FormState } from '@/lib/validation/form-state';

export type LoginState = FormState<'phone' | 'password'> & { phone?: string };

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const raw = { phone: formData.get('phone'), password: formData.get('password') };
  const phoneEcho = typeof raw.phone === 'string' ? raw.phone.slice(0, 32) : '';
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), phone: phoneEcho };
  try {
    // A requested page (issue #23): back through /login, which sends the signed-in user there
    // when her role may open it, else to her home (lib/auth/return-to.ts).
    const back = safeReturnPath(formData.get(RETURN_PARAM));
    await signIn('credentials', { phone: parsed.data.phone, password: parsed.data.password, redirectTo: back ? loginPathFor(back) : '/' });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === 'locked') return { formError: 'login.locked', phone: phoneEcho };
      if (code === 'slowed') return { formError: 'login.slowed', phone: phoneEcho };
      if (code === 'malformed') return { fieldErrors: { phone: 'validation.phoneInvalid' }, phone: phoneEcho };
      if (err.type === 'CredentialsSignin') return { formError: 'login.invalid', phone: phoneEcho };
      return { formError: 'login.error', phone: phoneEcho };
    }
    throw err; // the redirect after a successful sign-in
  }
  return {};
}

export async function logoutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeSession(user.sessionId);
  await signOut({ redirectTo: '/login' });
}
