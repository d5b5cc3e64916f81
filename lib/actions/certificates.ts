'use server';
/**
 * Certificate actions of the staff page: thin, each calls one data-access function, which
 * checks the policy, validates and audits. Messages come back translated.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { issueAllEligible, issueCertificate, revokeCertificate } from '@/lib/data/certificates';
import { issueCertificateSchema, revokeCertificateSchema } from '@/lib/validation/certificates';

export type CertificateState = { ok?: boolean; notice?: string; formError?: string; fieldErrors?: { reason?: string } };

const PAGE = '/staff/sertifikat';

export async function issueCertificateAction(_prev: CertificateState, formData: FormData): Promise<CertificateState> {
  const user = await requireUser(['staff', 'admin']);
  const t = await getTranslations();
  const parsed = issueCertificateSchema.safeParse({ babyId: formData.get('babyId') });
  if (!parsed.success) return { formError: t('validation.invalid') };
  const r = await issueCertificate(user, parsed.data);
  revalidatePath(PAGE);
  if (!r.ok) return { formError: t(`certificates.reason.${r.reason}`) };
  // The baby's row leaves the eligible list: the page announces the new certificate instead.
  redirect(`${PAGE}?terbit=${r.certificateId}`);
}

export async function issueAllAction(_prev: CertificateState, _formData: FormData): Promise<CertificateState> {
  const user = await requireUser(['staff', 'admin']);
  const t = await getTranslations();
  const r = await issueAllEligible(user);
  revalidatePath(PAGE);
  return { ok: true, notice: t('certificates.issuedMany', { count: r.issued }) };
}

export async function revokeCertificateAction(_prev: CertificateState, formData: FormData): Promise<CertificateState> {
  const user = await requireUser(['staff', 'admin']);
  const t = await getTranslations();
  const parsed = revokeCertificateSchema.safeParse({ certificateId: formData.get('certificateId'), reason: formData.get('reason') });
  if (!parsed.success) {
    const reason = parsed.error.issues.find((i) => i.path[0] === 'reason');
    return reason ? { fieldErrors: { reason: t(reason.message) } } : { formError: t('validation.invalid') };
  }
  const r = await revokeCertificate(user, parsed.data);
  revalidatePath(PAGE);
  if (!r.ok) return { formError: t(`certificates.reason.${r.reason}`) };
  return { ok: true, notice: t('certificates.revokedDone') };
}
