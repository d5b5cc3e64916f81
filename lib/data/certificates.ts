/**
 * Sertifikat ASI Eksklusif (DESIGN §3 "Certificate"): who is eligible (lib/domain only),
 * issuing with gapless serials, revoking, download data and public verification.
 *
 * Serials: `serial_counters` holds the last number per puskesmas and year. Issuing takes the
 * next number with `insert … on conflict do update … returning` inside the issuing transaction,
 * which locks that counter row until commit: concurrent issues queue on it, and a transaction
 * that fails (for example the partial unique index certificates_active_baby_uq when the baby got
 * a certificate meanwhile) rolls its number back, so numbers have no gaps and no duplicates.
 */
import 'server-only';
import { isUniqueViolation } from '@/db/pg-errors';
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { auditLog, babies, certificates, kaderAssignments, mothers, posyandu, puskesmas, serialCounters, villages } from '@/db/schema';
import { assertCan, can, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { certificateEligibility, fiveMonthDate, formatSerial, initials, isoToday, sixMonthDate, type CertificateIneligibleReason, type IsoDate } from '@/lib/domain';
import { certificateIdSchema, issueCertificateSchema, revokeCertificateSchema, verificationCodeSchema } from '@/lib/validation/certificates';
import { babyFacts, type BabyRow } from './facts';
import { countHit, throttleKey } from './throttle';
import { puskesmasOf } from './overview';
import { motherScope } from './scope';

// ---------------------------------------------------------------------------------------------
// Verification codes

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lower-case RFC 4648 base32 (no padding) of some bytes. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** 160 random bits as 32 lower-case base32 characters: unguessable, safe in a URL. */
export function newVerificationCode(): string {
  return base32(randomBytes(20));
}

// ---------------------------------------------------------------------------------------------
// Helpers

const babyColumns = {
  id: babies.id,
  sex: babies.sex,
  birthDate: babies.birthDate,
  exitDate: babies.exitDate,
  exitReason: babies.exitReason,
};

/** The date of the first visit on or after the 5-month date that confirmed exclusivity. */
function confirmationDate(birthDate: IsoDate, visits: readonly { visitDate: IsoDate; confirmedExclusive: boolean | null }[]): IsoDate | null {
  const five = fiveMonthDate(birthDate);
  return visits.find((v) => v.visitDate >= five && v.confirmedExclusive === true)?.visitDate ?? null;
}

async function hasActiveCertificate(db: DbOrTx, babyId: string): Promise<boolean> {
  const rows = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.babyId, babyId), isNull(certificates.revokedAt)))
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Staff list

export type EligibleBaby = {
  babyId: string;
  babyName: string | null;
  sex: 'L' | 'P';
  motherName: string;
  posyanduName: string;
  birthDate: IsoDate;
  sixMonthDate: IsoDate;
  visitCount: number;
  confirmedOn: IsoDate | null;
};

export type IssuedCertificate = {
  id: string;
  serial: string;
  babyName: string | null;
  sex: 'L' | 'P';
  motherName: string;
  issuedOn: IsoDate;
  revokedOn: IsoDate | null;
  revokeReason: string | null;
  verificationCode: string;
};

/** Babies in the actor's scope who may get a certificate today, with their evidence. */
async function eligibleBabies(db: DbOrTx, actor: Actor, today: IsoDate, babyIds?: readonly string[]): Promise<EligibleBaby[]> {
  const rows = await db
    .select({
      ...babyColumns,
      babyName: babies.name,
      motherName: mothers.name,
      posyanduName: posyandu.name,
      active: sql<boolean>`exists (select 1 from ${certificates} c where c.baby_id = ${babies.id} and c.revoked_at is null)`,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
    .where(
      and(
        motherScope(actor, 'issue', 'certificates'),
        // A mother who withdrew, or whose data's retention passed, gets no certificate (issue #30).
        isNull(mothers.erasedAt),
        // A cheap pre-filter (lib/domain decides): younger babies cannot be graduated.
        sql`${babies.birthDate} <= ${today}::date - interval '5 months'`,
        babyIds ? inArray(babies.id, [...babyIds]) : undefined,
      ),
    )
    .orderBy(asc(babies.birthDate), asc(mothers.name), asc(babies.birthOrder));
  const facts = await babyFacts(db, rows as BabyRow[]);
  const out: EligibleBaby[] = [];
  for (const r of rows) {
    const f = facts.get(r.id)!;
    if (!certificateEligibility(f, today, { alreadyIssued: Boolean(r.active) }).eligible) continue;
    out.push({
      babyId: r.id,
      babyName: r.babyName,
      sex: r.sex,
      motherName: r.motherName,
      posyanduName: r.posyanduName,
      birthDate: r.birthDate,
      sixMonthDate: sixMonthDate(r.birthDate),
      visitCount: f.visits.length,
      confirmedOn: confirmationDate(r.birthDate, f.visits),
    });
  }
  return out;
}

/** Staff page: eligible babies (with evidence) and the certificates issued, newest first. */
export async function certificateOverview(actor: Actor) {
  assertCan(actor, 'issue', 'certificates');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const eligible = await eligibleBabies(db, actor, today);
  const rows = await db
    .select({
      id: certificates.id,
      serial: certificates.serial,
      babyName: babies.name,
      sex: babies.sex,
      motherName: mothers.name,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      revokeReason: certificates.revokeReason,
      verificationCode: certificates.verificationCode,
    })
    .from(certificates)
    .innerJoin(babies, eq(babies.id, certificates.babyId))
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(and(eq(certificates.puskesmasId, actor.puskesmasId), motherScope(actor, 'issue', 'certificates')))
    .orderBy(desc(certificates.issuedAt), desc(certificates.number));
  const issued: IssuedCertificate[] = rows.map((r) => ({
    id: r.id,
    serial: r.serial,
    babyName: r.babyName,
    sex: r.sex,
    motherName: r.motherName,
    issuedOn: isoToday(p.timeZone, r.issuedAt),
    revokedOn: r.revokedAt ? isoToday(p.timeZone, r.revokedAt) : null,
    revokeReason: r.revokeReason,
    verificationCode: r.verificationCode,
  }));
  return { puskesmasName: p.name, today, eligible, issued };
}

// ---------------------------------------------------------------------------------------------
// Issue

export type IssueResult = { ok: true; certificateId: string; serial: string } | { ok: false; reason: CertificateIneligibleReason | 'not_found' };

/**
 * Issues a certificate to one baby, when lib/domain says it is eligible today. Issuing the same
 * baby twice (also at the same moment) issues once: the second gets 'already_issued'.
 */
export async function issueCertificate(actor: Actor, input: unknown): Promise<IssueResult> {
  assertCan(actor, 'issue', 'certificates');
  const { babyId } = issueCertificateSchema.parse(input);
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  try {
    return await db.transaction(async (tx) => {
      const today = isoToday(p.timeZone);
      const [row] = await tx
        .select({ ...babyColumns })
        .from(babies)
        .innerJoin(mothers, eq(mothers.id, babies.motherId))
        .where(and(eq(babies.id, babyId), motherScope(actor, 'issue', 'certificates')));
      if (!row) return { ok: false, reason: 'not_found' } as const;
      const facts = (await babyFacts(tx, [row as BabyRow])).get(row.id)!;
      const verdict = certificateEligibility(facts, today, { alreadyIssued: await hasActiveCertificate(tx, babyId) });
      if (!verdict.eligible) return { ok: false, reason: verdict.reason } as const;

      const year = Number(today.slice(0, 4));
      // Locks the counter row until this transaction ends (see the file comment).
      const [counter] = await tx
        .insert(serialCounters)
        .values({ puskesmasId: actor.puskesmasId, year, lastNumber: 1 })
        .onConflictDoUpdate({
          target: [serialCounters.puskesmasId, serialCounters.year],
          set: { lastNumber: sql`${serialCounters.lastNumber} + 1` },
        })
        .returning({ n: serialCounters.lastNumber });
      const n = counter!.n;
      const serial = formatSerial(p.code, year, n);
      // The signatory in force now is printed on this certificate for good (a later change of
      // the setting is for new certificates only).
      const [signer] = await tx
        .select({ name: puskesmas.signatoryName, nip: puskesmas.signatoryNip, title: puskesmas.signatoryTitle })
        .from(puskesmas)
        .where(eq(puskesmas.id, actor.puskesmasId));
      const [cert] = await tx
        .insert(certificates)
        .values({
          puskesmasId: actor.puskesmasId,
          babyId,
          year,
          number: n,
          serial,
          verificationCode: newVerificationCode(),
          issuedBy: actor.id,
          signatoryName: signer?.name ?? null,
          signatoryNip: signer?.nip ?? null,
          signatoryTitle: signer?.title ?? null,
        })
        .returning({ id: certificates.id, issuedAt: certificates.issuedAt });
      await tx.insert(auditLog).values({
        puskesmasId: actor.puskesmasId,
        userId: actor.id,
        action: 'certificate.issue',
        entity: 'certificate',
        entityId: cert!.id,
        before: null,
        after: { serial, babyId, year, number: n, signatoryName: signer?.name ?? null },
      });
      return { ok: true, certificateId: cert!.id, serial } as const;
    });
  } catch (err) {
    // Another transaction issued this baby's certificate first: ours rolled back, number too.
    if (isUniqueViolation(err)) return { ok: false, reason: 'already_issued' };
    throw err;
  }
}

/** Issues a certificate to every baby eligible now; returns how many were issued. */
export async function issueAllEligible(actor: Actor): Promise<{ issued: number; serials: string[] }> {
  assertCan(actor, 'issue', 'certificates');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const eligible = await eligibleBabies(db, actor, isoToday(p.timeZone));
  const serials: string[] = [];
  // One transaction per baby: a baby issued meanwhile by someone else does not undo the rest.
  for (const e of eligible) {
    const r = await issueCertificate(actor, { babyId: e.babyId });
    if (r.ok) serials.push(r.serial);
  }
  return { issued: serials.length, serials };
}

// ---------------------------------------------------------------------------------------------
// Revoke

export type RevokeResult = { ok: true } | { ok: false; reason: 'not_found' | 'already_revoked' };

/** Revokes with a reason; the certificate stays on record and a new one may be issued. */
export async function revokeCertificate(actor: Actor, input: unknown): Promise<RevokeResult> {
  assertCan(actor, 'revoke', 'certificates');
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [cert] = await tx
      .select({ id: certificates.id, serial: certificates.serial, revokedAt: certificates.revokedAt, babyId: certificates.babyId })
      .from(certificates)
      .where(and(eq(certificates.id, certificateId), eq(certificates.puskesmasId, actor.puskesmasId)))
      .for('update');
    if (!cert) return { ok: false, reason: 'not_found' } as const;
    if (cert.revokedAt) return { ok: false, reason: 'already_revoked' } as const;
    const [after] = await tx
      .update(certificates)
      .set({ revokedAt: sql`now()`, revokedBy: actor.id, revokeReason: reason })
      .where(and(eq(certificates.id, cert.id), isNull(certificates.revokedAt)))
      .returning({ revokedAt: certificates.revokedAt });
    if (!after) return { ok: false, reason: 'already_revoked' } as const;
    await tx.insert(auditLog).values({
      puskesmasId: actor.puskesmasId,
      userId: actor.id,
      action: 'certificate.revoke',
      entity: 'certificate',
      entityId: cert.id,
      before: { serial: cert.serial, babyId: cert.babyId, revokedAt: null },
      after: { serial: cert.serial, babyId: cert.babyId, revokedAt: after.revokedAt },
      reason,
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Download

export type CertificateDocument = {
  id: string;
  serial: string;
  verificationCode: string;
  issuedOn: IsoDate;
  issuedAt: Date;
  revoked: boolean;
  /** Whose certificate: the QR code's address is this puskesmas's public address (issue #29). */
  puskesmasId: string;
  puskesmasName: string;
  puskesmasPlace: { subdistrict: string; district: string; province: string };
  villageName: string;
  motherName: string;
  babyName: string | null;
  babySex: 'L' | 'P';
  birthDate: IsoDate;
  sixMonthDate: IsoDate;
  signatory: { name: string | null; nip: string | null; title: string | null };
};

/**
 * Everything the PDF shows, for a signed-in user allowed to download it: the mother (own),
 * a kader of her posyandu (or assigned to her), staff of the puskesmas. NotFoundError for an
 * unknown id (and, outside staff, for a revoked certificate); ForbiddenError for everyone else.
 */
export async function certificateForDownload(actor: Actor | null, id: string): Promise<CertificateDocument> {
  assertCan(actor, 'download', 'certificates');
  const parsed = certificateIdSchema.safeParse(id);
  if (!parsed.success) throw new NotFoundError();
  const db = await getDb();
  const [row] = await db
    .select({
      id: certificates.id,
      serial: certificates.serial,
      verificationCode: certificates.verificationCode,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      puskesmasId: certificates.puskesmasId,
      puskesmasName: puskesmas.name,
      subdistrict: puskesmas.subdistrict,
      district: puskesmas.district,
      province: puskesmas.province,
      timeZone: puskesmas.timeZone,
      // The certificate's own signatory (as issued), never the current setting.
      signatoryName: certificates.signatoryName,
      signatoryNip: certificates.signatoryNip,
      signatoryTitle: certificates.signatoryTitle,
      motherId: mothers.id,
      motherName: mothers.name,
      posyanduId: mothers.posyanduId,
      villageId: mothers.villageId,
      villageName: villages.name,
      babyName: babies.name,
      babySex: babies.sex,
      birthDate: babies.birthDate,
      erasedAt: mothers.erasedAt,
    })
    .from(certificates)
    .innerJoin(babies, eq(babies.id, certificates.babyId))
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(villages, eq(villages.id, mothers.villageId))
    .innerJoin(puskesmas, eq(puskesmas.id, certificates.puskesmasId))
    .where(eq(certificates.id, parsed.data));
  if (!row) throw new NotFoundError();
  const assigned = await db.select({ kaderId: kaderAssignments.kaderId }).from(kaderAssignments).where(eq(kaderAssignments.motherId, row.motherId));
  assertCan(actor, 'download', 'certificates', {
    puskesmasId: row.puskesmasId,
    posyanduId: row.posyanduId,
    motherId: row.motherId,
    assignedKaderIds: assigned.map((a) => a.kaderId),
  });
  const staff = actor.role === 'staff' || actor.role === 'admin';
  if (row.revokedAt && !staff) throw new NotFoundError();
  // Withdrawn with the mother's data (issue #30): there is no certificate to print any more.
  if (row.erasedAt) throw new NotFoundError();
  return {
    id: row.id,
    serial: row.serial,
    verificationCode: row.verificationCode,
    issuedOn: isoToday(row.timeZone, row.issuedAt),
    issuedAt: row.issuedAt,
    revoked: row.revokedAt !== null,
    puskesmasId: row.puskesmasId,
    puskesmasName: row.puskesmasName,
    puskesmasPlace: { subdistrict: row.subdistrict, district: row.district, province: row.province },
    villageName: row.villageName,
    motherName: row.motherName,
    babyName: row.babyName,
    babySex: row.babySex,
    birthDate: row.birthDate,
    sixMonthDate: sixMonthDate(row.birthDate),
    signatory: { name: row.signatoryName, nip: row.signatoryNip, title: row.signatoryTitle },
  };
}

/** The mother's (or any reader's) active certificates in scope, by baby id; with `babyIds`, of those babies only. */
export async function certificatesByBaby(actor: Actor, babyIds?: readonly string[]): Promise<Map<string, { id: string; serial: string; issuedOn: IsoDate }>> {
  assertCan(actor, 'read', 'certificates');
  if (babyIds && babyIds.length === 0) return new Map();
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const rows = await db
    .select({ id: certificates.id, serial: certificates.serial, babyId: certificates.babyId, issuedAt: certificates.issuedAt })
    .from(certificates)
    .innerJoin(babies, eq(babies.id, certificates.babyId))
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(and(isNull(certificates.revokedAt), motherScope(actor, 'read', 'certificates'), babyIds ? inArray(certificates.babyId, [...babyIds]) : undefined));
  return new Map(rows.map((r) => [r.babyId, { id: r.id, serial: r.serial, issuedOn: isoToday(p.timeZone, r.issuedAt) }]));
}

// ---------------------------------------------------------------------------------------------
// Public verification

/** Look-ups allowed per IP address in one window. */
export const VERIFY_MAX_PER_WINDOW = 30;
export const VERIFY_WINDOW_MINUTES = 10;

export type Verification =
  | { state: 'throttled' }
  | { state: 'unknown' }
  /** The mother withdrew (or her data's retention period passed, issue #30): nothing else is said. */
  | { state: 'withdrawn' }
  | {
      state: 'valid' | 'revoked';
      serial: string;
      issuedOn: IsoDate;
      revokedOn: IsoDate | null;
      puskesmasName: string;
      motherInitials: string;
    };

/** Counts one look-up from `ip`; false when it is over the limit of the current window. */
async function allowLookup(ip: string): Promise<boolean> {
  return (await countHit(throttleKey('verify', ip), VERIFY_WINDOW_MINUTES)) <= VERIFY_MAX_PER_WINDOW;
}

/**
 * The public verification page: validity, serial, issue date, puskesmas and the mother's
 * initials only. No login; rate-limited per IP address in the database.
 */
export async function verifyCertificate(code: string, ip: string): Promise<Verification> {
  if (!can(null, 'verify', 'certificates')) throw new ForbiddenError();
  if (!(await allowLookup(ip))) return { state: 'throttled' };
  const parsed = verificationCodeSchema.safeParse(code);
  if (!parsed.success) return { state: 'unknown' };
  const db = await getDb();
  const [row] = await db
    .select({
      serial: certificates.serial,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      puskesmasName: puskesmas.name,
      timeZone: puskesmas.timeZone,
      motherName: mothers.name,
      erasedAt: mothers.erasedAt,
    })
    .from(certificates)
    .innerJoin(puskesmas, eq(puskesmas.id, certificates.puskesmasId))
    .innerJoin(babies, eq(babies.id, certificates.babyId))
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(eq(certificates.verificationCode, parsed.data));
  if (!row) return { state: 'unknown' };
  if (row.erasedAt) return { state: 'withdrawn' };
  return {
    state: row.revokedAt ? 'revoked' : 'valid',
    serial: row.serial,
    issuedOn: isoToday(row.timeZone, row.issuedAt),
    revokedOn: row.revokedAt ? isoToday(row.timeZone, row.revokedAt) : null,
    puskesmasName: row.puskesmasName,
    motherInitials: initials(row.motherName),
  };
}
