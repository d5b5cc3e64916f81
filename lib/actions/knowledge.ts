'use server';
/**
 * The knowledge check form (cek pengetahuan, issue #28): a kader's check with a mother, or the
 * mother's own. Validated inside recordKnowledgeCheck with the schema the form uses; on success
 * to the result (the same page, `?hasil=<id>`: ids only). A refusal returns the answers typed, so
 * the form shows them again.
 */
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { recordKnowledgeCheck } from '@/lib/data/knowledge';
import type { FormState } from '@/lib/validation/form-state';
import type { KnowledgeField } from '@/lib/validation/knowledge';
import { formOf } from './form-data';
import { safeAction } from './safe-action';

export type KnowledgeState = FormState<KnowledgeField> & { values?: Record<string, string>; nonce?: number };

/** The posted fields as strings (Next's own `$ACTION…` fields left out). */
function fieldsOf(posted: unknown): Record<string, string> {
  const formData = formOf(posted);
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (!k.startsWith('$') && typeof v === 'string') out[k] = v;
  return out;
}

export async function recordKnowledgeCheckAction(_prev: KnowledgeState, formData: FormData): Promise<KnowledgeState> {
  const values = fieldsOf(formData);
  return safeAction(
    {
      user: () => requireUser(['kader', 'ibu']),
      denied: { formError: 'knowledge.denied', values },
      unavailable: { formError: 'knowledge.unavailable', values, nonce: Date.now() },
    },
    async (user) => {
      const res = await recordKnowledgeCheck(user, values);
      if (!res.ok) return { fieldErrors: res.fieldErrors, formError: 'knowledge.fixErrors', values, nonce: Date.now() };
      redirect(user.role === 'ibu' ? `/ibu/cek-pengetahuan?hasil=${res.checkId}` : `/kader/bayi/${res.babyId}/cek-pengetahuan?hasil=${res.checkId}`);
    },
  );
}
