'use server';
/**
 * Certificate actions of the staff page: thin, each calls one data-access function, which
 * checks the policy, validates and audits. Messages come back translated.
 */
import type { ZodError } from 'zod';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { issueAllEligible, issueCertificate, revokeCertificate } from '@/lib/data/certificates';
import { issueCertificateSchema, revokeCertificateSchema } from '@/lib/validation/certificates';
import { field } from './form-data';
import { safeAction } from './safe-action';

export type CertificateState = { ok?: boolean; notice?: string; formError?: string; fieldErrors?: { reason?: string } };

const PAGE = '/staff/sertifikat';

/** A form that does not parse, translated: the reason's own message, else "invalid". */
async function invalid(error: ZodError): Promise<CertificateState> {
  const t = await getTranslations();
  const reason = error.issues.find((i) => i.path[0] === 'reason');
  return reason ? { fieldErrors: { reason: t(reason.message) } } : { formError: t('validation.invalid') };
}

export async function issueCertificateAction(_prev: CertificateState, formData: FormData): Promise<CertificateState> {
  return safeAction(
    { user: () => requireUser(['staff', 'admin']), parse: { schema: issueCertificateSchema, input: { babyId: field(formData, 'babyId') }, invalid } },
    async (user, data) => {
      const t = await getTranslations();
      const r = await issueCertificate(user, data);
      revalidatePath(PAGE);
      if (!r.ok) return { formError: t(`certificates.reason.${r.reason}`) };
      // The baby's row leaves the eligible list: the page announces the new certificate instead.
      redirect(`${PAGE}?terbit=${r.certificateId}`);
    },
  );
}

export async function issueAllAction(_prev: CertificateState, _formData: FormData): Promise<CertificateState> {
  return safeAction({ user: () => requireUser(['staff', 'admin']) }, async (user) => {
    const t = await getTranslations();
    const r = await issueAllEligible(user);
    revalidatePath(PAGE);
    return { ok: true, notice: t('certificates.issuedMany', { count: r.issued }) };
  });
}

export async function revokeCertificateAction(_prev: CertificateState, formData: FormData): Promise<CertificateState> {
  return safeAction(
    {
      user: () => requireUser(['staff', 'admin']),
      parse: { schema: revokeCertificateSchema, input: { certificateId: field(formData, 'certificateId'), reason: field(formData, 'reason') }, invalid },
    },
    async (user, data) => {
      const t = await getTranslations();
      const r = await revokeCertificate(user, data);
      revalidatePath(PAGE);
      if (!r.ok) return { formError: t(`certificates.reason.${r.reason}`) };
      return { ok: true, notice: t('certificates.revokedDone') };
    },
  );
}
