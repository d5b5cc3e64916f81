'use client';

import { useActionState, useRef, useState, type FormEvent } from 'react';
import { recordKnowledgeCheckAction, type KnowledgeState } from '@/lib/actions/knowledge';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { KNOWLEDGE_ANSWERS, KNOWLEDGE_STATEMENT_IDS } from '@/lib/domain/knowledge';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { knowledgeCheckSchema, type KnowledgeField } from '@/lib/validation/knowledge';

/** Texts come translated from the server page (flat "section.key" map). */
type Texts = Record<string, string>;

/**
 * The knowledge check (cek pengetahuan): each statement a fieldset of three large radio buttons
 * (Benar / Salah / Tidak tahu), none chosen at first. Checked on the phone with the schema the
 * server uses (lib/validation/knowledge.ts) and posted to the server action itself, so it also
 * works without JavaScript. The id is made when the page is rendered: a double tap or a resend
 * saves one check. A plain form read with FormData, like the visit form (decision 053: no form
 * library on a kader's or mother's phone).
 */
export function KnowledgeCheckForm({
  id,
  texts,
  today,
  babyId,
  visitId,
  takenOn,
  earliest,
  withDate,
}: {
  id: string;
  texts: Texts;
  today: string;
  babyId?: string;
  visitId?: string;
  /** The date the check is taken on (a kader's: today or the visit's date; she may change it). */
  takenOn: string;
  earliest?: string;
  /** Show the date field (a kader recording it later); a mother's own check is dated today. */
  withDate: boolean;
}) {
  const [state, action, pending] = useActionState<KnowledgeState, FormData>(recordKnowledgeCheckAction, {});
  const [local, setLocal] = useState<Partial<Record<KnowledgeField, string>> | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const tx = (k?: string) => (k ? (texts[k] ?? texts['validation.invalid'] ?? k) : undefined);
  const errors = local ?? state.fieldErrors ?? {};
  const values = state.values ?? {};

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const data = Object.fromEntries(new FormData(e.currentTarget).entries());
    const parsed = knowledgeCheckSchema({ today, earliest }).safeParse(data);
    if (parsed.success) {
      setLocal(null);
      return;
    }
    e.preventDefault();
    const fe = fieldErrorsOf<KnowledgeField>(parsed.error);
    setLocal(fe);
    const first = [...(withDate ? ['takenOn'] : []), ...KNOWLEDGE_STATEMENT_IDS].find((k) => fe[k as KnowledgeField]);
    if (first) formRef.current?.querySelector<HTMLElement>(first === 'takenOn' ? '#takenOn' : `input[name="${first}"]`)?.focus();
  }

  const formError = local ? 'knowledge.fixErrors' : state.formError;
  return (
    <form
      key={state.nonce ?? 0}
      ref={formRef}
      action={action}
      onSubmit={onSubmit}
      onChange={(e) => {
        const name = (e.target as unknown as HTMLInputElement).name as KnowledgeField;
        if (local?.[name]) setLocal({ ...local, [name]: undefined });
      }}
      noValidate
      className="flex flex-col gap-4"
      data-testid="knowledge-form"
    >
      {formError ? (
        <p role="alert" className="rounded-lg border border-danger bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
          {tx(formError)}
        </p>
      ) : null}
      <input type="hidden" name="id" value={id} />
      {babyId ? <input type="hidden" name="babyId" value={babyId} /> : null}
      {visitId ? <input type="hidden" name="visitId" value={visitId} /> : null}
      {withDate ? (
        <Field id="takenOn" label={tx('knowledge.takenOn')} error={tx(errors.takenOn)}>
          <Input id="takenOn" name="takenOn" type="date" defaultValue={values.takenOn ?? takenOn} min={earliest} max={today} invalid={!!errors.takenOn} required />
        </Field>
      ) : (
        <input type="hidden" name="takenOn" value={takenOn} />
      )}
      <ol className="flex flex-col gap-3">
        {KNOWLEDGE_STATEMENT_IDS.map((sid, i) => {
          const err = errors[sid];
          const errId = `${sid}-error`;
          return (
            <li key={sid}>
              <fieldset
                className={`rounded-xl border p-3 ${err ? 'border-danger' : 'border-line'} bg-surface`}
                aria-describedby={err ? errId : undefined}
                data-testid={`statement-${sid}`}
              >
                {/* Floated: a statement of two or three lines stays inside its box instead of straddling the border. */}
                <legend className="float-left w-full px-1 text-base font-semibold text-ink">
                  {i + 1}. {tx(`knowledge.statements.${sid}`)}
                </legend>
                <div className="clear-both grid grid-cols-3 gap-2 pt-2">
                  {KNOWLEDGE_ANSWERS.map((a) => (
                    <label
                      key={a}
                      className="flex min-h-11 cursor-pointer items-center justify-center gap-2 rounded-lg border border-line px-2 py-2 text-center text-sm font-medium text-ink has-[:checked]:border-brand has-[:checked]:bg-brand-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand"
                    >
                      <input type="radio" name={sid} value={a} defaultChecked={values[sid] === a} className="h-5 w-5 shrink-0 accent-brand" />
                      <span>{tx(`knowledge.answer.${a}`)}</span>
                    </label>
                  ))}
                </div>
                {err ? (
                  <p id={errId} role="alert" className="mt-2 text-sm font-medium text-danger">
                    {tx(err)}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {tx(pending ? 'knowledge.saving' : 'knowledge.save')}
      </Button>
    </form>
  );
}
