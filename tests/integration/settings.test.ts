/**
 * Puskesmas settings (issue #18, /staff/pengaturan) on the demo seed: the admin writes each form
 * (with its audit row), staff only read, kader and ibu neither, staff of another puskesmas see
 * only their own; the target of each year is the one the dashboard and report use for that
 * year; a signatory change is for new certificates only; a new blocked term holds new posts; a
 * window change plans babies born from today on and leaves earlier babies' windows alone; and
 * hostile input is refused field by field with nothing written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, ne } from 'drizzle-orm';
import { auditLog, babies, certificates, coverageBabyWindows, coverageTargets, forumCategories, puskesmas, villages, visitWindowSettings } from '@/db/schema';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { certificateForDownload, certificateOverview, issueCertificate } from '@/lib/data/certificates';
import { coverageDashboard, monthlyReport } from '@/lib/data/coverage';
import { createPost } from '@/lib/data/forum';
import { registerMother } from '@/lib/data/mothers';
import { saveBlockedTerms, saveProfile, saveSignatory, saveTarget, saveVisitWindows, settingsOverview } from '@/lib/data/settings';
import { babyDetail, visitFormContext } from '@/lib/data/visits';
import { datedWindows, DEFAULT_VISIT_WINDOWS, isoToday } from '@/lib/domain';
import { BACKENDS, fingerprint, rowCounts, useDatabase, type TestDb, demoActors } from './support';

const PROFILE = {
  name: 'Puskesmas Bojong Nangka',
  district: 'Kabupaten Bogor',
  subdistrict: 'Gunung Putri',
  province: 'Jawa Barat',
  address: 'Jl. Raya Bojong Nangka No. 1',
  timeZone: 'Asia/Jakarta',
};
const SIGNATORY = { signatoryName: 'dr. Siti Rahmawati, M.Kes.', signatoryNip: '19800101 200501 2 001', signatoryTitle: 'Kepala Puskesmas Bojong Nangka' };
const NEW_WINDOWS = [
  { fromDay: 3, toDay: 10 },
  { fromDay: 11, toDay: 60 },
  { fromDay: 61, toDay: null },
];

describe.each(BACKENDS)('settings on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let ibu: Actor;
  let otherStaff: Actor;
  let bjn: string;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    ({ admin, staff, kader, ibu, otherStaff } = await demoActors(db));
    bjn = admin.puskesmasId;
    expect(otherStaff.puskesmasId).not.toBe(bjn);
  }, 180_000);
  afterAll(() => db.dispose());

  const auditsOf = async (action: string) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.puskesmasId, bjn), eq(auditLog.action, action)))
      .orderBy(asc(auditLog.id));
  const today = () => isoToday('Asia/Jakarta');

  /** Every write of the page, with valid input. */
  const WRITES: [string, (a: Actor) => Promise<unknown>][] = [
    ['profile', (a) => saveProfile(a, { ...PROFILE, name: 'Puskesmas Bojong Nangka (uji)' })],
    ['target', (a) => saveTarget(a, { year: '2031', targetPercent: '65' })],
    ['signatory', (a) => saveSignatory(a, { ...SIGNATORY, signatoryName: 'dr. Uji Coba' })],
    ['blocked terms', (a) => saveBlockedTerms(a, { terms: 'susu ajaib\nsampel gratis' })],
    ['visit windows', (a) => saveVisitWindows(a, { windows: [{ fromDay: '5', toDay: '' }] })],
    ['reset windows', (a) => saveVisitWindows(a, { reset: true })],
  ];

  it('the admin saves each form, each with its audit row; saving the same again writes nothing', async () => {
    expect(await saveProfile(admin, PROFILE)).toEqual({ ok: true, changed: true });
    const [p] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, bjn));
    expect(p!.address).toBe(PROFILE.address);
    const [profileAudit] = await auditsOf('settings.profile.update');
    expect(profileAudit).toMatchObject({ entity: 'puskesmas', entityId: bjn, userId: admin.id });
    expect(profileAudit!.before).toMatchObject({ address: null });
    expect(profileAudit!.after).toMatchObject({ address: PROFILE.address });

    expect(await saveTarget(admin, { year: '2030', targetPercent: '55', villageId: '' })).toEqual({ ok: true, changed: true });
    expect(await saveTarget(admin, { year: 2030, targetPercent: 57 })).toEqual({ ok: true, changed: true });
    const t2030 = await db.db
      .select()
      .from(coverageTargets)
      .where(and(eq(coverageTargets.puskesmasId, bjn), eq(coverageTargets.year, 2030)));
    expect(t2030.map((t) => [t.villageId, t.targetPercent])).toEqual([[null, 57]]);
    expect((await auditsOf('settings.target.create')).map((a) => [a.entity, a.entityId])).toEqual([['coverage_target', t2030[0]!.id]]);
    const [upd] = await auditsOf('settings.target.update');
    expect(upd).toMatchObject({ entity: 'coverage_target', entityId: t2030[0]!.id, before: { targetPercent: 55 }, after: { targetPercent: 57 } });

    expect(await saveSignatory(admin, SIGNATORY)).toEqual({ ok: true, changed: true });
    const [s] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, bjn));
    expect([s!.signatoryName, s!.signatoryNip, s!.signatoryTitle]).toEqual([SIGNATORY.signatoryName, '198001012005012001', SIGNATORY.signatoryTitle]);
    expect(await auditsOf('settings.signatory.update')).toHaveLength(1);

    const terms = [...p!.blockedTerms, 'Susu Ajaib Nusantara', ' susu  ajaib nusantara ', 'SUSU AJAIB NUSANTARA'].join('\n');
    expect(await saveBlockedTerms(admin, { terms })).toEqual({ ok: true, changed: true });
    const [b] = await db.db.select().from(puskesmas).where(eq(puskesmas.id, bjn));
    expect(b!.blockedTerms).toEqual([...p!.blockedTerms, 'Susu Ajaib Nusantara']);
    expect(await auditsOf('settings.blockedTerms.update')).toHaveLength(1);

    // Saving the same values again (a double submit): nothing written, no audit row.
    const before = await fingerprint(db);
    expect(await saveProfile(admin, PROFILE)).toEqual({ ok: true, changed: false });
    expect(await saveTarget(admin, { year: '2030', targetPercent: '57' })).toEqual({ ok: true, changed: false });
    expect(await saveSignatory(admin, SIGNATORY)).toEqual({ ok: true, changed: false });
    expect(await saveBlockedTerms(admin, { terms })).toEqual({ ok: true, changed: false });
    expect(await saveVisitWindows(admin, { reset: true })).toEqual({ ok: true, changed: false });
    expect(await fingerprint(db)).toEqual(before);

    const view = await settingsOverview(admin);
    expect(view.mayWrite).toBe(true);
    expect(view.profile).toMatchObject({ code: 'BJN', address: PROFILE.address });
    expect(view.windows.source).toBe('base');
  });

  it('staff read the settings but every write is refused and changes nothing', async () => {
    const view = await settingsOverview(staff);
    expect(view.mayWrite).toBe(false);
    expect(view.profile.code).toBe('BJN');
    const before = await fingerprint(db);
    for (const [name, write] of WRITES) {
      await expect(write(staff), name).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('kader and ibu may neither read nor write the settings', async () => {
    const before = await rowCounts(db);
    for (const who of [kader, ibu]) {
      await expect(settingsOverview(who)).rejects.toBeInstanceOf(ForbiddenError);
      for (const [name, write] of WRITES) await expect(write(who), `${who.role}: ${name}`).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it("staff of another puskesmas see only their own puskesmas's settings and change nothing here", async () => {
    const view = await settingsOverview(otherStaff);
    expect(view.profile.code).not.toBe('BJN');
    expect(view.villages.every((v) => !v.name.includes('Bojong Nangka'))).toBe(true);
    const before = await fingerprint(db);
    for (const [name, write] of WRITES) await expect(write(otherStaff), name).rejects.toBeInstanceOf(ForbiddenError);
    // …and this puskesmas's admin cannot set a target on the other puskesmas's village.
    const [foreignVillage] = await db.db.select({ id: villages.id }).from(villages).where(ne(villages.puskesmasId, bjn)).limit(1);
    expect(await saveTarget(admin, { year: '2026', targetPercent: '70', villageId: foreignVillage!.id })).toEqual({
      ok: false,
      fieldErrors: { villageId: 'settings.errors.villageUnknown' },
    });
    expect(await fingerprint(db)).toEqual(before);
  });

  it('the target of each year is the one used for that year; a year without one has none', async () => {
    expect((await saveTarget(admin, { year: '2025', targetPercent: '40' })).ok).toBe(true);
    expect((await saveTarget(admin, { year: '2026', targetPercent: '60' })).ok).toBe(true);
    const dash = (year: number, month: number, villageId: string | null = null) => coverageDashboard(admin, { month: { year, month }, villageId, posyanduId: null });
    expect((await dash(2025, 3)).target).toBe(40);
    expect((await dash(2025, 12)).target).toBe(40);
    expect((await dash(2026, 1)).target).toBe(60);
    expect((await dash(2026, 3)).target).toBe(60);
    // The 12-month trend of March 2026 runs from April 2025: each month carries its year's target.
    const trend = (await dash(2026, 3)).trend;
    expect(trend.map((m) => `${m.year}:${m.target}`)).toEqual([...Array(9).fill('2025:40'), ...Array(3).fill('2026:60')]);
    expect((await monthlyReport(admin, { year: 2025, month: 3 })).target).toBe(40);
    expect((await monthlyReport(admin, { year: 2026, month: 3 })).target).toBe(60);
    // No target for 2024: "belum ditetapkan", never another year's.
    expect((await dash(2024, 6)).target).toBeNull();
    expect((await monthlyReport(admin, { year: 2024, month: 6 })).target).toBeNull();
    // A village's own target for a year wins for that village, in that year only.
    const [v] = await db.db.select({ id: villages.id }).from(villages).where(eq(villages.puskesmasId, bjn)).orderBy(asc(villages.name)).limit(1);
    expect(await saveTarget(admin, { year: '2026', targetPercent: '75', villageId: v!.id })).toEqual({ ok: true, changed: true });
    expect((await dash(2026, 3, v!.id)).target).toBe(75);
    expect((await dash(2025, 3, v!.id)).target).toBe(40);
    expect((await dash(2026, 3)).target).toBe(60);
    const view = await settingsOverview(staff);
    expect(view.targets.filter((t) => t.year === 2026).map((t) => [t.villageId, t.targetPercent])).toEqual([
      [null, 60],
      [v!.id, 75],
    ]);
  });

  it('a signatory change leaves issued certificates as they were; a new certificate carries the new signatory', async () => {
    const [old] = await db.db.select().from(certificates).where(eq(certificates.puskesmasId, bjn)).limit(1);
    expect(old, 'the demo has an issued certificate').toBeDefined();
    expect(old!.signatoryName).toBeTruthy();
    const oldDoc = await certificateForDownload(admin, old!.id);
    const changed = { signatoryName: 'dr. Baru Sekali', signatoryNip: '198503152010012003', signatoryTitle: 'Plt. Kepala Puskesmas Bojong Nangka' };
    expect(changed.signatoryName).not.toBe(old!.signatoryName);
    expect(await saveSignatory(admin, changed)).toEqual({ ok: true, changed: true });
    const [oldAfter] = await db.db.select().from(certificates).where(eq(certificates.id, old!.id));
    expect([oldAfter!.signatoryName, oldAfter!.signatoryNip, oldAfter!.signatoryTitle]).toEqual([old!.signatoryName, old!.signatoryNip, old!.signatoryTitle]);
    expect((await certificateForDownload(admin, old!.id)).signatory).toEqual(oldDoc.signatory);

    const { eligible } = await certificateOverview(staff);
    expect(eligible.length, 'the demo has a baby eligible for a certificate').toBeGreaterThan(0);
    const issued = await issueCertificate(staff, { babyId: eligible[0]!.babyId });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    const [fresh] = await db.db.select().from(certificates).where(eq(certificates.id, issued.certificateId));
    expect([fresh!.signatoryName, fresh!.signatoryNip, fresh!.signatoryTitle]).toEqual([changed.signatoryName, changed.signatoryNip, changed.signatoryTitle]);
    expect((await certificateForDownload(admin, issued.certificateId)).signatory).toEqual({
      name: changed.signatoryName,
      nip: changed.signatoryNip,
      title: changed.signatoryTitle,
    });
    // A later change again leaves that one as printed.
    expect((await saveSignatory(admin, { ...changed, signatoryName: 'dr. Yang Berikutnya' })).ok).toBe(true);
    expect((await certificateForDownload(admin, issued.certificateId)).signatory.name).toBe(changed.signatoryName);
  });

  it('a newly added blocked term holds a new post containing it; other posts are published', async () => {
    const [category] = await db.db.select({ id: forumCategories.id }).from(forumCategories).where(eq(forumCategories.puskesmasId, bjn)).limit(1);
    const post = (body: string) => createPost(ibu, { categoryId: category!.id, title: 'Tanya susu tambahan', body, anonymous: false });
    expect((await post('Tetangga menawari Susu Zeta Emas, bagus tidak ya?')).status).toBe('published');
    const [p] = await db.db.select({ terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, bjn));
    expect(await saveBlockedTerms(admin, { terms: [...p!.terms, 'susu zeta emas'].join('\n') })).toEqual({ ok: true, changed: true });
    expect((await post('Tetangga menawari SUSU ZETA  EMAS, bagus tidak ya?')).status).toBe('held');
    expect((await post('Dede menyusu kuat tiap dua jam, alhamdulillah.')).status).toBe('published');
  });

  it("a window change leaves existing babies' stored windows alone; a baby born today gets the new windows", async () => {
    const windowsOfPuskesmas = () =>
      db.db.select().from(coverageBabyWindows).where(eq(coverageBabyWindows.puskesmasId, bjn)).orderBy(asc(coverageBabyWindows.babyId), asc(coverageBabyWindows.idx));
    const before = await windowsOfPuskesmas();
    const [older] = await db.db
      .select({ id: babies.id, birthDate: babies.birthDate })
      .from(babies)
      .where(and(eq(babies.puskesmasId, bjn), ne(babies.birthDate, today())))
      .orderBy(asc(babies.birthDate))
      .limit(1);
    const olderBefore = before.filter((w) => w.babyId === older!.id);

    expect(await saveVisitWindows(admin, { windows: NEW_WINDOWS.map((w) => ({ fromDay: String(w.fromDay), toDay: w.toDay === null ? '' : String(w.toDay) })) })).toEqual({
      ok: true,
      changed: true,
    });
    const [row] = await db.db.select().from(visitWindowSettings).where(eq(visitWindowSettings.puskesmasId, bjn));
    expect(row).toMatchObject({ effectiveFrom: today(), windows: NEW_WINDOWS, createdBy: admin.id });
    const [p] = await db.db.select({ w: puskesmas.visitWindows }).from(puskesmas).where(eq(puskesmas.id, bjn));
    expect(p!.w).toEqual(DEFAULT_VISIT_WINDOWS);
    const [a] = await auditsOf('settings.visitWindows.update');
    expect(a).toMatchObject({ entity: 'puskesmas', entityId: bjn, after: { effectiveFrom: today(), windows: NEW_WINDOWS } });
    // Every baby already registered keeps its stored windows (all were born before today).
    expect(await windowsOfPuskesmas()).toEqual(before);
    expect(olderBefore.length).toBe(DEFAULT_VISIT_WINDOWS.length);

    // A baby born today, registered now, follows the new windows: stored, on the kader's form and on its page.
    const r = await registerMother(kader, {
      id: randomUUID(),
      name: 'Ibu Jadwal Baru',
      phone: '0857-3333-4444',
      nik: '',
      posyanduId: kader.posyanduId!,
      birthDate: today(),
      babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
      consent: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const babyId = r.babyIds[0]!;
    const stored = (await windowsOfPuskesmas()).filter((w) => w.babyId === babyId);
    expect(stored.map((w) => [w.windowFrom, w.windowTo])).toEqual(datedWindows(today(), NEW_WINDOWS).map((w) => [w.from, w.to]));
    expect((await visitFormContext(kader, babyId)).windows).toEqual(NEW_WINDOWS);
    expect((await babyDetail(staff, babyId)).windows).toHaveLength(NEW_WINDOWS.length);
    // An older baby's pages keep the schedule it was planned with.
    expect(older!.birthDate < today()).toBe(true);
    expect((await babyDetail(staff, older!.id)).windows).toHaveLength(DEFAULT_VISIT_WINDOWS.length);
    // The page says what a baby born today follows, and since when.
    const view = await settingsOverview(admin);
    expect(view.windows).toMatchObject({ inForce: NEW_WINDOWS, source: 'change', since: today() });
    // A second change the same day replaces the row (one per day), and back to the defaults.
    expect(await saveVisitWindows(admin, { reset: true })).toEqual({ ok: true, changed: true });
    const rows = await db.db.select().from(visitWindowSettings).where(eq(visitWindowSettings.puskesmasId, bjn));
    expect(rows.map((x) => [x.effectiveFrom, x.windows])).toEqual([[today(), DEFAULT_VISIT_WINDOWS]]);
    const restored = (await windowsOfPuskesmas()).filter((w) => w.babyId === babyId);
    expect(restored).toHaveLength(DEFAULT_VISIT_WINDOWS.length);
    expect(await auditsOf('settings.visitWindows.reset')).toHaveLength(1);
  });

  describe('hostile input: field errors, nothing written', () => {
    const LONG = 'x'.repeat(10_000);
    const SCRIPT = '<script>alert(1)</script>';
    const CASES: [string, () => Promise<unknown>, string][] = [
      ['profile: empty name', () => saveProfile(admin, { ...PROFILE, name: '' }), 'name'],
      ['profile: 10,000 characters', () => saveProfile(admin, { ...PROFILE, district: LONG }), 'district'],
      ['profile: script tags', () => saveProfile(admin, { ...PROFILE, name: SCRIPT }), 'name'],
      ['profile: script tags in the address', () => saveProfile(admin, { ...PROFILE, address: SCRIPT }), 'address'],
      ['profile: unknown time zone', () => saveProfile(admin, { ...PROFILE, timeZone: 'Europe/Amsterdam' }), 'timeZone'],
      ['profile: nothing at all', () => saveProfile(admin, {}), 'name'],
      ['profile: not an object', () => saveProfile(admin, 'hello'), '_form'],
      ['target: 150 %', () => saveTarget(admin, { year: '2026', targetPercent: '150' }), 'targetPercent'],
      ['target: -1 %', () => saveTarget(admin, { year: '2026', targetPercent: '-1' }), 'targetPercent'],
      ['target: empty', () => saveTarget(admin, { year: '', targetPercent: '' }), 'year'],
      ['target: year 1800', () => saveTarget(admin, { year: '1800', targetPercent: '50' }), 'year'],
      ['target: a fraction', () => saveTarget(admin, { year: '2026', targetPercent: '55.5' }), 'targetPercent'],
      ['target: 10,000 characters', () => saveTarget(admin, { year: LONG, targetPercent: '50' }), 'year'],
      ['target: script tags', () => saveTarget(admin, { year: '2026', targetPercent: SCRIPT }), 'targetPercent'],
      ['target: a village id that is no id', () => saveTarget(admin, { year: '2026', targetPercent: '50', villageId: "1' or '1'='1" }), 'villageId'],
      ['target: an unknown village', () => saveTarget(admin, { year: '2026', targetPercent: '50', villageId: '00000000-0000-4000-8000-000000000000' }), 'villageId'],
      ['signatory: invalid NIP 12ab', () => saveSignatory(admin, { ...SIGNATORY, signatoryNip: '12ab' }), 'signatoryNip'],
      ['signatory: NIP with an impossible birth date', () => saveSignatory(admin, { ...SIGNATORY, signatoryNip: '198013452005012001' }), 'signatoryNip'],
      ['signatory: empty name', () => saveSignatory(admin, { ...SIGNATORY, signatoryName: '   ' }), 'signatoryName'],
      ['signatory: 10,000 characters', () => saveSignatory(admin, { ...SIGNATORY, signatoryTitle: LONG }), 'signatoryTitle'],
      ['signatory: script tags', () => saveSignatory(admin, { ...SIGNATORY, signatoryName: SCRIPT }), 'signatoryName'],
      ['blocked terms: empty', () => saveBlockedTerms(admin, { terms: '' }), 'terms'],
      ['blocked terms: 10,000 characters on a line', () => saveBlockedTerms(admin, { terms: LONG }), 'terms'],
      ['blocked terms: script tags', () => saveBlockedTerms(admin, { terms: `susu formula\n${SCRIPT}` }), 'terms'],
      ['blocked terms: 501 terms', () => saveBlockedTerms(admin, { terms: Array.from({ length: 501 }, (_, i) => `kata ${i}`).join('\n') }), 'terms'],
      ['blocked terms: punctuation only', () => saveBlockedTerms(admin, { terms: '!!!\n???' }), 'terms'],
      ['blocked terms: not a string', () => saveBlockedTerms(admin, { terms: ['a', 'b'] }), 'terms'],
      ['windows: none', () => saveVisitWindows(admin, { windows: [] }), 'windows'],
      [
        'windows: overlapping',
        () =>
          saveVisitWindows(admin, {
            windows: [
              { fromDay: '3', toDay: '10' },
              { fromDay: '8', toDay: '' },
            ],
          }),
        'windows.1.fromDay',
      ],
      [
        'windows: out of order',
        () =>
          saveVisitWindows(admin, {
            windows: [
              { fromDay: '30', toDay: '40' },
              { fromDay: '3', toDay: '7' },
            ],
          }),
        'windows.1.fromDay',
      ],
      ['windows: past 6 months', () => saveVisitWindows(admin, { windows: [{ fromDay: '3', toDay: '200' }] }), 'windows.0.toDay'],
      ['windows: negative day', () => saveVisitWindows(admin, { windows: [{ fromDay: '-1', toDay: '7' }] }), 'windows.0.fromDay'],
      ['windows: end before start', () => saveVisitWindows(admin, { windows: [{ fromDay: '10', toDay: '5' }] }), 'windows.0.toDay'],
      [
        'windows: open-ended before the last',
        () =>
          saveVisitWindows(admin, {
            windows: [
              { fromDay: '3', toDay: '' },
              { fromDay: '100', toDay: '120' },
            ],
          }),
        'windows.0.toDay',
      ],
      ['windows: empty day', () => saveVisitWindows(admin, { windows: [{ fromDay: '', toDay: '' }] }), 'windows.0.fromDay'],
      ['windows: script tags', () => saveVisitWindows(admin, { windows: [{ fromDay: SCRIPT, toDay: '7' }] }), 'windows.0.fromDay'],
      ['windows: 10,000 characters', () => saveVisitWindows(admin, { windows: [{ fromDay: LONG, toDay: '7' }] }), 'windows.0.fromDay'],
      [
        'windows: too many',
        () => saveVisitWindows(admin, { windows: Array.from({ length: 21 }, (_, i) => ({ fromDay: String(i * 5), toDay: String(i * 5 + 4) })) }),
        'windows',
      ],
      ['windows: not a list', () => saveVisitWindows(admin, { windows: 'all of them' }), 'windows'],
      ['windows: reset that is not true', () => saveVisitWindows(admin, { reset: 'yes' }), 'windows'],
    ];

    it.each(CASES)('%s', async (_name, write, field) => {
      const before = await rowCounts(db);
      const fp = await fingerprint(db);
      const r = (await write()) as { ok: boolean; fieldErrors?: Record<string, string> };
      expect(r.ok).toBe(false);
      expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
      for (const message of Object.values(r.fieldErrors ?? {})) expect(message).toMatch(/^(validation|settings)\.[\w.]+$/);
      expect(await rowCounts(db)).toEqual(before);
      expect(await fingerprint(db)).toEqual(fp);
    });
  });
});
