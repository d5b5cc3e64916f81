/**
 * Certificates on real databases (PGlite, and PostgreSQL when DATABASE_URL is set): only
 * graduated babies by every path, gapless serials under concurrent issuing, revoking, the PDF
 * (text and QR code) and the download policy, public verification with its rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull, max } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { auditLog, babies, certificates, mothers, puskesmas, serialCounters, users, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { renderCertificatePdf, verificationUrl } from '@/lib/certificates/pdf';
import {
  certificateForDownload,
  certificateOverview,
  issueAllEligible,
  issueCertificate,
  revokeCertificate,
  verifyCertificate,
  VERIFY_MAX_PER_WINDOW,
} from '@/lib/data/certificates';
import { babyFacts, type BabyRow } from '@/lib/data/facts';
import { addDays, addMonths, fiveMonthDate, isoToday, journeyStatus, type JourneyStatus } from '@/lib/domain';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';
import { qrOf } from '../support/pdf-qr';

const login = (role: string, match?: RegExp, n = 0) => DEMO_LOGINS.filter((l) => l.role === role && (!match || match.test(l.what)))[n]!;

/** Status today (the data layer's today) of every baby of a puskesmas. */
async function statusesOf(db: TestDb, puskesmasId: string): Promise<Map<string, JourneyStatus>> {
  const today = isoToday('Asia/Jakarta');
  const rows = await db.db
    .select({ id: babies.id, sex: babies.sex, birthDate: babies.birthDate, exitDate: babies.exitDate, exitReason: babies.exitReason })
    .from(babies)
    .where(eq(babies.puskesmasId, puskesmasId));
  const facts = await babyFacts(db.db, rows as BabyRow[]);
  return new Map(rows.map((r) => [r.id, journeyStatus(facts.get(r.id)!, today).status]));
}

async function activeCount(db: TestDb, babyId: string): Promise<number> {
  const [r] = await db.db
    .select({ n: count() })
    .from(certificates)
    .where(and(eq(certificates.babyId, babyId), isNull(certificates.revokedAt)));
  return r!.n;
}

/** Adds graduated babies (confirmed at a visit after the 5-month date) to BJN mothers. */
async function addGraduatedBabies(db: TestDb, puskesmasId: string, n: number, birthOrder: number): Promise<string[]> {
  const today = isoToday('Asia/Jakarta');
  const moms = await db.db.select({ id: mothers.id }).from(mothers).where(eq(mothers.puskesmasId, puskesmasId)).limit(n);
  const [kader] = await db.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.puskesmasId, puskesmasId), eq(users.role, 'kader')))
    .limit(1);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const birthDate = addDays(addMonths(today, -7), -i - 3);
    const [b] = await db.db
      .insert(babies)
      .values({ puskesmasId, motherId: moms[i % moms.length]!.id, name: `Bayi Uji ${i + 1}`, sex: i % 2 ? 'L' : 'P', birthDate, birthOrder })
      .returning({ id: babies.id });
    await db.db.insert(visits).values({
      puskesmasId,
      babyId: b!.id,
      kaderId: kader!.id,
      visitDate: addDays(fiveMonthDate(birthDate), 5),
      breastfed: true,
      recallItems: [],
      givenSinceLast: false,
      confirmedExclusive: true,
    });
    ids.push(b!.id);
  }
  return ids;
}

/** All text of the PDF, with pdf.js. */
async function textOf(pdfBytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdfBytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out += content.items.map((it) => ('str' in it ? it.str : '')).join('\n') + '\n';
  }
  await doc.destroy();
  return out;
}

describe.each(BACKENDS)('certificates on $name', (backend) => {
  let db: TestDb;
  let bjn: string;
  let staff: Actor;
  let year: number;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    const [p] = await db.db.select({ id: puskesmas.id }).from(puskesmas).where(eq(puskesmas.code, 'BJN'));
    bjn = p!.id;
    staff = await actorFor(db, login('staff', /Bojong Nangka/).phone);
    year = Number(isoToday('Asia/Jakarta').slice(0, 4));
  }, 120_000);
  afterAll(() => db.dispose());

  async function counterNow(): Promise<number> {
    const [c] = await db.db
      .select({ n: serialCounters.lastNumber })
      .from(serialCounters)
      .where(and(eq(serialCounters.puskesmasId, bjn), eq(serialCounters.year, year)));
    return c?.n ?? 0;
  }

  it('broken, unrecorded, ongoing and exited babies cannot get a certificate by any path', async () => {
    const statuses = await statusesOf(db, bjn);
    const blocked = [...statuses].filter(([, s]) => s !== 'graduated');
    for (const s of ['broken', 'unrecorded', 'ongoing', 'exited'] as const) {
      expect(
        blocked.some(([, x]) => x === s),
        `the demo has a ${s} baby`,
      ).toBe(true);
    }
    const before = await counterNow();
    // One by one…
    for (const [babyId, status] of blocked) {
      const r = await issueCertificate(staff, { babyId });
      expect(r).toEqual({ ok: false, reason: status });
    }
    // …all at once, concurrently…
    const results = await Promise.all(blocked.slice(0, 10).map(([babyId]) => issueCertificate(staff, { babyId })));
    expect(results.every((r) => !r.ok)).toBe(true);
    // …and "issue all": none of them.
    const overview = await certificateOverview(staff);
    expect(overview.eligible.every((e) => statuses.get(e.babyId) === 'graduated')).toBe(true);
    await issueAllEligible(staff);
    for (const [babyId] of blocked) expect(await activeCount(db, babyId), babyId).toBe(0);
    // No number was taken by a refused issue (issue-all took one per graduated baby only).
    const [{ n: issuedNow }] = (await db.db
      .select({ n: count() })
      .from(certificates)
      .where(and(eq(certificates.puskesmasId, bjn), eq(certificates.year, year)))) as [{ n: number }];
    expect(await counterNow()).toBe(issuedNow);
    expect(before).toBeLessThanOrEqual(issuedNow);
  });

  it('every active certificate belongs to a graduated baby', async () => {
    const statuses = await statusesOf(db, bjn);
    const active = await db.db
      .select({ babyId: certificates.babyId })
      .from(certificates)
      .where(and(eq(certificates.puskesmasId, bjn), isNull(certificates.revokedAt)));
    expect(active.length).toBeGreaterThan(0);
    for (const a of active) expect(statuses.get(a.babyId)).toBe('graduated');
  });

  it('20 concurrent issues get 20 distinct consecutive serials', async () => {
    const ids = await addGraduatedBabies(db, bjn, 20, 5);
    const before = await counterNow();
    const results = await Promise.all(ids.map((babyId) => issueCertificate(staff, { babyId })));
    expect(results.every((r) => r.ok)).toBe(true);
    const serials = results.map((r) => (r.ok ? r.serial : ''));
    expect(new Set(serials).size).toBe(20);
    const numbers = serials.map((s) => Number(s.split('/').pop())).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(serials.every((s) => s.startsWith(`KEKASIHKU/BJN/${year}/`))).toBe(true);
    expect(await counterNow()).toBe(before + 20);
    // No gap and no duplicate over the whole year.
    const all = await db.db
      .select({ number: certificates.number })
      .from(certificates)
      .where(and(eq(certificates.puskesmasId, bjn), eq(certificates.year, year)));
    const sorted = all.map((r) => r.number).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
    // Audited, one row per certificate.
    const [audits] = await db.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'certificate.issue'));
    expect(audits!.n).toBeGreaterThanOrEqual(20);
  });

  it('the same baby issued 5 times at once gets one certificate and one number', async () => {
    const [babyId] = await addGraduatedBabies(db, bjn, 1, 6);
    const before = await counterNow();
    const results = await Promise.all(Array.from({ length: 5 }, () => issueCertificate(staff, { babyId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'already_issued')).toBe(true);
    expect(await activeCount(db, babyId!)).toBe(1);
    expect(await counterNow()).toBe(before + 1);
  });

  it('issuing all eligible twice issues each once', async () => {
    await addGraduatedBabies(db, bjn, 3, 7);
    const first = (await certificateOverview(staff)).eligible.length;
    expect(first).toBeGreaterThan(0);
    const a = await issueAllEligible(staff);
    expect(a.issued).toBe(first);
    const b = await issueAllEligible(staff);
    expect(b.issued).toBe(0);
    expect((await certificateOverview(staff)).eligible).toEqual([]);
    const statuses = await statusesOf(db, bjn);
    for (const [babyId, s] of statuses) if (s === 'graduated') expect(await activeCount(db, babyId)).toBe(1);
  });

  it('revoking needs a reason, keeps the record, shows revoked and allows a new certificate', async () => {
    const [babyId] = await addGraduatedBabies(db, bjn, 1, 8);
    const cert = await issueCertificate(staff, { babyId });
    if (!cert.ok) throw new Error(`not issued: ${cert.reason}`);
    await expect(revokeCertificate(staff, { certificateId: cert.certificateId, reason: '' })).rejects.toThrow();
    expect(await activeCount(db, babyId!)).toBe(1);
    expect(await revokeCertificate(staff, { certificateId: cert.certificateId, reason: 'Nama ibu salah ketik' })).toEqual({ ok: true });
    expect(await revokeCertificate(staff, { certificateId: cert.certificateId, reason: 'Lagi, dua kali' })).toEqual({ ok: false, reason: 'already_revoked' });
    const [row] = await db.db.select().from(certificates).where(eq(certificates.id, cert.certificateId));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.revokeReason).toBe('Nama ibu salah ketik');
    const v = await verifyCertificate(row!.verificationCode, '198.51.100.1');
    expect(v.state).toBe('revoked');
    const again = await issueCertificate(staff, { babyId });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.serial).not.toBe(cert.serial);
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certificate.revoke'), eq(auditLog.entityId, cert.certificateId)));
    expect(audit!.reason).toBe('Nama ibu salah ketik');
  });

  it('the PDF has the serial and the names, the same bytes every time, and a QR code to the verification page', async () => {
    const dewi = await actorFor(db, login('ibu', /sertifikat/i).phone);
    const [c] = await db.db
      .select({ id: certificates.id, serial: certificates.serial, code: certificates.verificationCode, babyName: babies.name, motherName: mothers.name })
      .from(certificates)
      .innerJoin(babies, eq(babies.id, certificates.babyId))
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(and(eq(mothers.id, dewi.motherId!), isNull(certificates.revokedAt)));
    expect(c).toBeDefined();
    const doc = await certificateForDownload(dewi, c!.id);
    const origin = 'https://portal.example.id';
    const bytes = await renderCertificatePdf(doc, origin);
    const again = await renderCertificatePdf(await certificateForDownload(staff, c!.id), origin);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const text = await textOf(bytes);
    expect(text).toContain(c!.serial);
    expect(text).toContain(c!.motherName);
    if (c!.babyName) expect(text).toContain(c!.babyName);
    expect(text).toContain('SERTIFIKAT ASI EKSKLUSIF');
    expect(text).toContain('Puskesmas Bojong Nangka'.toUpperCase());
    expect(text).toContain('dr. Andri Permana');
    expect(text).toContain('NIP. 197805122006041009');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPage(0).getWidth()).toBeGreaterThan(pdf.getPage(0).getHeight());
    expect(pdf.getCreationDate()?.getTime()).toBe(doc.issuedAt.getTime() - (doc.issuedAt.getTime() % 1000));
    expect(await qrOf(bytes)).toBe(verificationUrl(origin, c!.code));
    expect(verificationUrl(origin, c!.code)).toBe(`${origin}/verifikasi/${c!.code}`);
  });

  it('download: the mother, her kader and staff may; others get 403, unknown ids 404', async () => {
    const dewi = await actorFor(db, login('ibu', /sertifikat/i).phone);
    const rina = await actorFor(db, login('ibu', /3 bulan/).phone);
    const [c] = await db.db
      .select({ id: certificates.id, posyanduId: mothers.posyanduId })
      .from(certificates)
      .innerJoin(babies, eq(babies.id, certificates.babyId))
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(and(eq(mothers.id, dewi.motherId!), isNull(certificates.revokedAt)));
    const kaders = await Promise.all(DEMO_LOGINS.filter((l) => l.role === 'kader').map((l) => actorFor(db, l.phone)));
    const ownKader = kaders.find((k) => k.posyanduId === c!.posyanduId)!;
    const otherKader = kaders.find((k) => k.posyanduId !== c!.posyanduId)!;
    const otherStaff = await actorFor(db, login('staff', /Gunung Putri/).phone);
    expect(ownKader).toBeDefined();
    await expect(certificateForDownload(dewi, c!.id)).resolves.toMatchObject({ id: c!.id });
    await expect(certificateForDownload(ownKader, c!.id)).resolves.toMatchObject({ id: c!.id });
    await expect(certificateForDownload(staff, c!.id)).resolves.toMatchObject({ id: c!.id });
    await expect(certificateForDownload(rina, c!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(otherKader, c!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(otherStaff, c!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(null, c!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(certificateForDownload(staff, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(certificateForDownload(staff, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
    // Only staff may issue or revoke.
    await expect(issueCertificate(ownKader, { babyId: c!.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeCertificate(dewi, { certificateId: c!.id, reason: 'saya ingin' })).rejects.toBeInstanceOf(ForbiddenError);
    // Staff of another puskesmas cannot issue a BJN baby (not found in their scope).
    const [anyBaby] = await db.db.select({ id: babies.id }).from(babies).where(eq(babies.puskesmasId, bjn)).limit(1);
    expect(await issueCertificate(otherStaff, { babyId: anyBaby!.id })).toEqual({ ok: false, reason: 'not_found' });
  });

  it('verification shows validity, serial, date, puskesmas and initials only; unknown codes; rate limit per IP', async () => {
    const [c] = await db.db
      .select({ code: certificates.verificationCode, serial: certificates.serial, motherName: mothers.name })
      .from(certificates)
      .innerJoin(babies, eq(babies.id, certificates.babyId))
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(and(eq(certificates.puskesmasId, bjn), isNull(certificates.revokedAt)))
      .limit(1);
    const v = await verifyCertificate(c!.code, '203.0.113.7');
    expect(v.state).toBe('valid');
    if (v.state !== 'valid') return;
    expect(v.serial).toBe(c!.serial);
    expect(v.puskesmasName).toBe('Puskesmas Bojong Nangka');
    expect(v.motherInitials).toMatch(/^([A-Z]\. ?)+$/);
    expect(JSON.stringify(v)).not.toContain(c!.motherName);
    expect(Object.keys(v).sort()).toEqual(['issuedOn', 'motherInitials', 'puskesmasName', 'revokedOn', 'serial', 'state']);
    expect((await verifyCertificate('a'.repeat(32), '203.0.113.7')).state).toBe('unknown');
    expect((await verifyCertificate("' or 1=1 --", '203.0.113.7')).state).toBe('unknown');
    for (let i = 0; i < VERIFY_MAX_PER_WINDOW; i++) await verifyCertificate(c!.code, '203.0.113.99');
    expect((await verifyCertificate(c!.code, '203.0.113.99')).state).toBe('throttled');
    // Another address is not affected.
    expect((await verifyCertificate(c!.code, '203.0.113.100')).state).toBe('valid');
    // Codes are lower-case base32, 26+ characters.
    const codes = await db.db.select({ code: certificates.verificationCode }).from(certificates).where(eq(certificates.puskesmasId, bjn));
    for (const { code } of codes) expect(code).toMatch(/^[a-z2-7]{26,}$/);
    const [m] = await db.db.select({ m: max(certificates.number) }).from(certificates);
    expect(m!.m).toBeGreaterThan(0);
  });
});
