import { z } from 'zod';
import { safeLine } from './text';

/**
 * Shared by the certificate forms and the server. Messages are keys of messages/*.json
 * ("validation.*" or "certificates.*"), translated where they are shown.
 */
export const certificateIdSchema = z.guid({ error: 'validation.invalid' });

export const issueCertificateSchema = z.object({
  babyId: z.guid({ error: 'validation.invalid' }),
});

export const revokeCertificateSchema = z.object({
  certificateId: certificateIdSchema,
  reason: z
    .string({ error: 'validation.required' })
    .check(safeLine)
    .trim()
    .min(1, 'validation.required')
    .min(5, 'certificates.reasonTooShort')
    .max(500, 'certificates.reasonTooLong'),
});

/** Lower-case RFC 4648 base32, as made by newVerificationCode (26 or more characters). */
export const verificationCodeSchema = z
  .string()
  .check(safeLine)
  .trim()
  .toLowerCase()
  .regex(/^[a-z2-7]{26,64}$/);
