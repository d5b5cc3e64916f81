'use client';
/**
 * "Akun portal ibu" on the staff baby page: a mother registered without a login (her number was
 * another account's, decision 054) gets one with a number she uses, and the activation code is
 * shown once with its WhatsApp link, as after a registration. useActionState on the server action
 * itself, so it works without JavaScript too; a refused number comes back on its field, as typed.
 * Rendered whether or not she has a login, so the answer still finds this card when the page is
 * drawn again after the post (no JavaScript): with a login and no answer, it shows nothing.
 */
import { useActionState } from 'react';
import { giveMotherLoginAction, type MotherLoginState } from '@/lib/actions/mothers';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { ActivationCodeNotice } from './activation-code-notice';

export function MotherLoginForm({
  motherId,
  motherName,
  hasLogin,
  texts,
}: {
  motherId: string;
  motherName: string;
  hasLogin: boolean;
  /** Flattened messages: motherLogin.*, motherLogin.errors.*, validation.*, register.codeIs/codeOnce/sendWa. */
  texts: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<MotherLoginState, FormData>(giveMotherLoginAction, {});
  const tx = (key: string, vars: Record<string, string> = {}) => (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  if (hasLogin && !state.done) return null;
  const phoneError = state.fieldErrors?.phone;
  return (
    <Card title={tx('motherLogin.title')}>
      <div data-testid="mother-login">
        {state.done ? (
          <ActivationCodeNotice
            testId="mother-login-done"
            title={tx('motherLogin.done', { name: state.done.name, phone: state.done.phone })}
            codeLabel={tx('register.codeIs')}
            code={state.done.code}
            note={tx('register.codeOnce')}
            waHref={state.done.waLink}
            waLabel={tx('register.sendWa')}
          />
        ) : (
          // Mounted anew on each answer (its nonce): React empties a form after its action.
          <form key={state.nonce ?? 'mother-login'} action={action} className="flex flex-col gap-3" noValidate>
            <p className="text-sm text-ink">{tx('motherLogin.none', { name: motherName })}</p>
            <input type="hidden" name="motherId" value={motherId} />
            {state.formError ? (
              <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
                {tx(state.formError)}
              </p>
            ) : null}
            <Field id="mother-login-phone" label={tx('motherLogin.phone')} hint={tx('motherLogin.phoneHint')} error={phoneError ? tx(phoneError) : undefined}>
              <Input
                id="mother-login-phone"
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                required
                maxLength={32}
                defaultValue={state.phone ?? ''}
                invalid={Boolean(phoneError)}
                hasHint
              />
            </Field>
            <Button type="submit" className="w-full sm:w-auto sm:self-start" disabled={pending} aria-busy={pending}>
              {tx('motherLogin.submit')}
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
