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
import { field } from './form-data';
import { publicAction, when } from './safe-action';

export type LoginState = FormState<'phone' | 'password'> & { phone?: string };

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const raw = { phone: field(formData, 'phone'), password: field(formData, 'password') };
  const phoneEcho = typeof raw.phone === 'string' ? raw.phone.slice(0, 32) : '';
  return publicAction(
    {
      parse: { schema: loginSchema, input: raw, invalid: (error) => ({ fieldErrors: fieldErrorsOf<'phone' | 'password'>(error), phone: phoneEcho }) },
      refusals: [when(AuthError, (err): LoginState => signInRefusal(err, phoneEcho))],
    },
    async (data) => {
      // A requested page (issue #23): back through /login, which sends the signed-in user there
      // when her role may open it, else to her home (lib/auth/return-to.ts). Success redirects.
      const back = safeReturnPath(field(formData, RETURN_PARAM));
      await signIn('credentials', { phone: data.phone, password: data.password, redirectTo: back ? loginPathFor(back) : '/' });
      return {};
    },
  );
}

/** Why a sign-in was refused, as the form shows it. */
function signInRefusal(err: AuthError, phone: string): LoginState {
  const code = (err as AuthError & { code?: string }).code;
  if (code === 'locked') return { formError: 'login.locked', phone };
  if (code === 'slowed') return { formError: 'login.slowed', phone };
  if (code === 'malformed') return { fieldErrors: { phone: 'validation.phoneInvalid' }, phone };
  if (err.type === 'CredentialsSignin') return { formError: 'login.invalid', phone };
  return { formError: 'login.error', phone };
}

export async function logoutAction(): Promise<void> {
  return publicAction({}, async () => {
    const user = await getCurrentUser();
    if (user) await revokeSession(user.sessionId);
    await signOut({ redirectTo: '/login' });
  });
}
