/**
 * Places (issue #18, /staff/wilayah): villages and posyandu added, renamed, (de)activated and
 * deleted by staff and admin, each write audited; names unique; a place with records is never
 * deleted; a deactivated posyandu/village takes no new registration, transfer or session while
 * its babies keep counting in past months; kader, ibu and another puskesmas's staff get nothing;
 * hostile input is refused with every table unchanged or stored as plain text.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { auditLog, babies, coverageMonths, mothers, posyandu, villages } from '@/db/schema';
import { ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { coverageDashboard, monthlyReport } from '@/lib/data/coverage';
import { motherAdminContext, transferMother } from '@/lib/data/journey';
import { registerMother, registrationContext } from '@/lib/data/mothers';
import { createPosyandu, createVillage, listPlaces, setPlaceStatus, updatePosyandu, updateVillage } from '@/lib/data/places';
import { createGroupSession, groupSessionFormContext, updateGroupSession } from '@/lib/data/group-sessions';
import { BACKENDS, rowCounts, useDatabase, type TestDb, demoActors } from './support';

const OCT = { year: 2026, month: 10 };

type Outcome = 'ok' | 'refused' | 'notFound' | 'forbidden';
/** What a write did; anything but a clean refusal (a 500) fails the test. */
async function outcome(work: Promise<{ ok: boolean }>): Promise<Outcome> {
  try {
    return (await work).ok ? 'ok' : 'refused';
  } catch (err) {
    if (err instanceof NotFoundError) return 'notFound';
    if (err instanceof ForbiddenError) return 'forbidden';
    throw err;
  }
}

describe.each(BACKENDS)('places on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let ibu: Actor;
  let foreign: Actor;
  const today = isoToday('Asia/Jakarta');
  let n = 0;

  const auditOf = (id: string) =>
    db.db
      .select({ action: auditLog.action, entity: auditLog.entity, userId: auditLog.userId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(asc(auditLog.id));
  const villageRow = async (id: string) => (await db.db.select().from(villages).where(eq(villages.id, id)))[0];
  const posyanduRow = async (id: string) => (await db.db.select().from(posyandu).where(eq(posyandu.id, id)))[0];
  const villageByName = async (name: string) =>
    (
      await db.db
        .select()
        .from(villages)
        .where(and(eq(villages.puskesmasId, staff.puskesmasId), eq(villages.name, name)))
    )[0]!;
  const posyanduByName = async (name: string) =>
    (
      await db.db
        .select()
        .from(posyandu)
        .where(and(eq(posyandu.puskesmasId, staff.puskesmasId), eq(posyandu.name, name)))
    )[0]!;
  const motherForm = (posyanduId: string) => {
    n += 1;
    return {
      id: randomUUID(),
      name: `Ibu Wilayah ${n}`,
      phone: `0857-2222-${String(1000 + n).padStart(4, '0')}`,
      nik: '',
      posyanduId,
      birthDate: addDays(today, -10),
      babies: [{ sex: 'P', name: '', birthWeightGrams: '3100' }],
      consent: true,
    };
  };
  const sessionForm = (villageId: string, posyanduId: string) => ({
    id: randomUUID(),
    title: 'Pertemuan wilayah',
    topic: 'expressing_storing',
    topicText: '',
    date: addDays(today, 3),
    startTime: '09:00',
    endTime: '11:00',
    place: 'Aula Desa',
    villageId,
    posyanduId,
    facilitators: 'Bidan',
    capacity: '10',
  });

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    ({ admin, staff, kader, ibu, otherStaff: foreign } = await demoActors(db));
    expect(foreign.puskesmasId).not.toBe(staff.puskesmasId);
  });
  afterAll(() => db.dispose());

  it('lists the villages with their posyandu and counts for staff and admin', async () => {
    const list = await listPlaces(staff);
    const melati = list.villages.flatMap((v) => v.posyandu).find((p) => p.id === kader.posyanduId);
    expect(melati).toMatchObject({ active: true, deletable: false });
    expect(melati!.mothers).toBeGreaterThan(0);
    expect(melati!.babies).toBeGreaterThanOrEqual(melati!.mothers);
    expect(melati!.kaders).toBeGreaterThan(0);
    const village = list.villages.find((v) => v.posyandu.some((p) => p.id === kader.posyanduId))!;
    expect(village.mothers).toBe(village.posyandu.reduce((a, p) => a + p.mothers, 0));
    expect(list.activeVillages.map((v) => v.id)).toContain(village.id);
    expect((await listPlaces(admin)).villages.map((v) => v.id)).toEqual(list.villages.map((v) => v.id));
  });

  it('adds, renames, deactivates and reactivates a village, each with its audit row', async () => {
    const res = await createVillage(admin, { name: '  Sukamaju   Baru ', kind: 'desa' });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(await villageRow(res.id)).toMatchObject({ name: 'Sukamaju Baru', kind: 'desa', active: true, puskesmasId: admin.puskesmasId });
    expect(await updateVillage(staff, { id: res.id, name: 'Sukamaju', kind: 'kelurahan' })).toEqual({ ok: true, id: res.id, changed: true });
    expect(await updateVillage(staff, { id: res.id, name: 'Sukamaju', kind: 'kelurahan' })).toEqual({ ok: true, id: res.id, changed: false });
    expect(await setPlaceStatus(staff, { entity: 'village', id: res.id, op: 'deactivate' })).toEqual({ ok: true, id: res.id, op: 'deactivate' });
    expect((await villageRow(res.id))!.active).toBe(false);
    expect((await listPlaces(staff)).activeVillages.map((v) => v.id)).not.toContain(res.id);
    expect(await setPlaceStatus(admin, { entity: 'village', id: res.id, op: 'activate' })).toEqual({ ok: true, id: res.id, op: 'activate' });
    expect(await villageRow(res.id)).toMatchObject({ name: 'Sukamaju', kind: 'kelurahan', active: true });
    expect(await auditOf(res.id)).toEqual([
      { action: 'village.create', entity: 'village', userId: admin.id, before: null, after: { name: 'Sukamaju Baru', kind: 'desa', active: true } },
      { action: 'village.update', entity: 'village', userId: staff.id, before: { name: 'Sukamaju Baru', kind: 'desa' }, after: { name: 'Sukamaju', kind: 'kelurahan' } },
      { action: 'village.deactivate', entity: 'village', userId: staff.id, before: { active: true }, after: { active: false } },
      { action: 'village.activate', entity: 'village', userId: admin.id, before: { active: false }, after: { active: true } },
    ]);
  });

  it('adds, edits, deactivates and reactivates a posyandu, each with its audit row', async () => {
    const village = await villageByName('Sukamaju');
    const res = await createPosyandu(staff, { villageId: village.id, name: 'Posyandu Dahlia Baru', rw: '3', address: 'Jl. Raya Sukamaju No. 4' });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(await posyanduRow(res.id)).toMatchObject({ villageId: village.id, name: 'Posyandu Dahlia Baru', rw: '03', address: 'Jl. Raya Sukamaju No. 4', active: true });
    // The village is not a field of the edit: a posyandu is never moved with its history.
    const other = await villageByName('Cicadas');
    expect(await updatePosyandu(admin, { id: res.id, villageId: other.id, name: 'Posyandu Dahlia', rw: '', address: '' })).toEqual({
      ok: true,
      id: res.id,
      changed: true,
    });
    expect(await posyanduRow(res.id)).toMatchObject({ villageId: village.id, name: 'Posyandu Dahlia', rw: null, address: null });
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: res.id, op: 'deactivate' })).toMatchObject({ ok: true });
    expect((await posyanduRow(res.id))!.active).toBe(false);
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: res.id, op: 'activate' })).toMatchObject({ ok: true });
    expect((await posyanduRow(res.id))!.active).toBe(true);
    expect((await auditOf(res.id)).map((a) => [a.action, a.entity, a.before, a.after])).toEqual([
      ['posyandu.create', 'posyandu', null, { villageId: village.id, name: 'Posyandu Dahlia Baru', rw: '03', address: 'Jl. Raya Sukamaju No. 4', active: true }],
      [
        'posyandu.update',
        'posyandu',
        { name: 'Posyandu Dahlia Baru', rw: '03', address: 'Jl. Raya Sukamaju No. 4' },
        { name: 'Posyandu Dahlia', rw: null, address: null },
      ],
      ['posyandu.deactivate', 'posyandu', { active: true }, { active: false }],
      ['posyandu.activate', 'posyandu', { active: false }, { active: true }],
    ]);
  });

  it('refuses a duplicate name with "Nama sudah ada" on the name field and writes nothing', async () => {
    const village = await villageByName('Sukamaju');
    const melati = await posyanduByName('Posyandu Melati 1');
    const before = await rowCounts(db);
    const taken = { ok: false, fieldErrors: { name: 'places.errors.nameTaken' } };
    expect(await createVillage(staff, { name: 'Bojong Nangka', kind: 'desa' })).toEqual(taken);
    expect(await createVillage(staff, { name: ' bojong  NANGKA ', kind: 'kelurahan' })).toEqual(taken);
    expect(await updateVillage(staff, { id: village.id, name: 'Cicadas', kind: 'desa' })).toEqual(taken);
    expect(await createPosyandu(staff, { villageId: melati.villageId, name: 'posyandu melati 1', rw: '', address: '' })).toEqual(taken);
    expect(await updatePosyandu(staff, { id: (await posyanduByName('Posyandu Melati 2')).id, name: 'Posyandu Melati 1', rw: '', address: '' })).toEqual(taken);
    expect(await rowCounts(db)).toEqual(before);
    // The same posyandu name in another village is another posyandu.
    expect(await outcome(createPosyandu(staff, { villageId: village.id, name: 'Posyandu Melati 1', rw: '', address: '' }))).toBe('ok');
    // A double submit stores one village; the other gets the same field error.
    const twice = await Promise.all([createVillage(staff, { name: 'Kembar Jaya', kind: 'desa' }), createVillage(admin, { name: 'Kembar Jaya', kind: 'desa' })]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect(twice.find((r) => !r.ok)).toEqual(taken);
    expect(await db.db.select().from(villages).where(eq(villages.name, 'Kembar Jaya'))).toHaveLength(1);
  });

  it('deletes an empty place and refuses to delete a place with records', async () => {
    const v = await createVillage(staff, { name: 'Salah Ketik', kind: 'desa' });
    if (!v.ok) throw new Error('village');
    const p = await createPosyandu(staff, { villageId: v.id, name: 'Posyandu Salah', rw: '09', address: '' });
    if (!p.ok) throw new Error('posyandu');
    expect((await listPlaces(staff)).villages.find((x) => x.id === v.id)).toMatchObject({ deletable: false, posyandu: [{ id: p.id, deletable: true }] });
    // A village with a posyandu under it is not deleted.
    let before = await rowCounts(db);
    expect(await setPlaceStatus(staff, { entity: 'village', id: v.id, op: 'delete' })).toEqual({ ok: false, fieldErrors: { op: 'places.errors.hasRecordsVillage' } });
    expect(await rowCounts(db)).toEqual(before);
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: p.id, op: 'delete' })).toEqual({ ok: true, id: p.id, op: 'delete' });
    expect(await posyanduRow(p.id)).toBeUndefined();
    expect(await setPlaceStatus(admin, { entity: 'village', id: v.id, op: 'delete' })).toEqual({ ok: true, id: v.id, op: 'delete' });
    expect(await villageRow(v.id)).toBeUndefined();
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['posyandu.create', 'posyandu.delete']);
    expect((await auditOf(v.id)).map((a) => [a.action, a.after])).toEqual([
      ['village.create', { name: 'Salah Ketik', kind: 'desa', active: true }],
      ['village.delete', null],
    ]);
    // Places with mothers, kaders, sessions: refused, to be deactivated instead.
    const melati = await posyanduByName('Posyandu Melati 1');
    before = await rowCounts(db);
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: melati.id, op: 'delete' })).toEqual({
      ok: false,
      fieldErrors: { op: 'places.errors.hasRecordsPosyandu' },
    });
    expect(await setPlaceStatus(admin, { entity: 'village', id: melati.villageId, op: 'delete' })).toEqual({
      ok: false,
      fieldErrors: { op: 'places.errors.hasRecordsVillage' },
    });
    expect(await rowCounts(db)).toEqual(before);
    // A posyandu whose only record is a kader assignment or a session is not deleted either.
    const kaderOnly = (await listPlaces(staff)).villages.flatMap((x) => x.posyandu).filter((x) => !x.deletable && x.mothers === 0);
    for (const x of kaderOnly) expect(await setPlaceStatus(staff, { entity: 'posyandu', id: x.id, op: 'delete' })).toMatchObject({ ok: false });
  });

  it('hides a deactivated posyandu from new work and refuses it, while its babies keep counting in past months', async () => {
    const target = await posyanduByName('Posyandu Melati 1');
    expect(target.id).toBe(kader.posyanduId);
    // Its past month before deactivation: stored sums, the report and the dashboard.
    const stored = () => db.db.select().from(coverageMonths).where(eq(coverageMonths.posyanduId, target.id)).orderBy(asc(coverageMonths.month));
    const reportRow = async () => (await monthlyReport(staff, OCT)).rows.find((r) => r.id === target.id);
    const dashRow = async () => (await coverageDashboard(staff, { month: OCT, villageId: null, posyanduId: null })).posyandu.find((r) => r.id === target.id);
    const storedBefore = await stored();
    const reportBefore = await reportRow();
    const dashBefore = await dashRow();
    expect(storedBefore.find((r) => r.month === '2026-10-01')).toBeDefined();
    expect(reportBefore!.totals.O1.total + reportBefore!.totals.O2.total + reportBefore!.totals.O3.total).toBeGreaterThan(0);
    expect(dashBefore!.current).not.toBeNull();
    // A session already scheduled there (before the deactivation) may still be edited in place.
    const scheduled = sessionForm(target.villageId, target.id);
    expect(await createGroupSession(staff, scheduled)).toMatchObject({ ok: true, created: true });

    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: target.id, op: 'deactivate' })).toMatchObject({ ok: true });

    expect(await stored()).toEqual(storedBefore);
    expect(await reportRow()).toEqual(reportBefore);
    expect(await dashRow()).toEqual(dashBefore);
    expect((await listPlaces(staff)).villages.flatMap((v) => v.posyandu).find((p) => p.id === target.id)).toMatchObject({ active: false, mothers: expect.any(Number) });

    // Registration: not offered, and refused when sent anyway (staff and the posyandu's kader).
    expect((await registrationContext(staff)).posyandu.map((p) => p.id)).not.toContain(target.id);
    expect((await registrationContext(staff)).posyandu.length).toBeGreaterThan(0);
    expect((await registrationContext(kader)).posyandu.map((p) => p.id)).not.toContain(target.id);
    const before = await rowCounts(db);
    const refused = { ok: false, fieldErrors: { posyanduId: 'places.refuse.posyanduInactive' } };
    expect(await registerMother(staff, motherForm(target.id))).toEqual(refused);
    expect(await registerMother(kader, motherForm(target.id))).toEqual(refused);
    expect(await rowCounts(db)).toEqual(before);

    // Transfer of a mother of another posyandu into it: not offered, refused.
    const [other] = await db.db
      .select({ motherId: mothers.id, babyId: babies.id })
      .from(mothers)
      .innerJoin(babies, eq(babies.motherId, mothers.id))
      .where(and(eq(mothers.puskesmasId, staff.puskesmasId), ne(mothers.posyanduId, target.id), isNull(babies.exitDate)))
      .limit(1);
    expect((await motherAdminContext(staff, other!.babyId)).posyandu.map((p) => p.id)).not.toContain(target.id);
    expect(await transferMother(staff, { motherId: other!.motherId, posyanduId: target.id, reason: 'Pindah rumah ke RW lain' })).toEqual(refused);
    expect(await rowCounts(db)).toEqual(before);

    // A new session: not offered, refused; the one already there may still be edited.
    const ctx = await groupSessionFormContext(staff);
    expect(ctx.villages.flatMap((v) => v.posyandu).map((p) => p.id)).not.toContain(target.id);
    expect(await createGroupSession(staff, sessionForm(target.villageId, target.id))).toEqual(refused);
    expect(await rowCounts(db)).toEqual(before);
    expect(await updateGroupSession(staff, scheduled.id, { ...scheduled, title: 'Pertemuan wilayah (diubah)' })).toMatchObject({ ok: true });

    // Reactivated, it takes registrations again.
    expect(await setPlaceStatus(admin, { entity: 'posyandu', id: target.id, op: 'activate' })).toMatchObject({ ok: true });
    expect(await outcome(registerMother(kader, motherForm(target.id)))).toBe('ok');
  });

  it('hides and refuses a deactivated village for new posyandu, registrations and sessions', async () => {
    const village = await villageByName('Sukamaju');
    const [post] = await db.db
      .select()
      .from(posyandu)
      .where(and(eq(posyandu.villageId, village.id), eq(posyandu.active, true)))
      .limit(1);
    expect(await setPlaceStatus(staff, { entity: 'village', id: village.id, op: 'deactivate' })).toMatchObject({ ok: true });
    const before = await rowCounts(db);
    expect(await createPosyandu(staff, { villageId: village.id, name: 'Posyandu Baru Lagi', rw: '', address: '' })).toEqual({
      ok: false,
      fieldErrors: { villageId: 'places.errors.villageInactive' },
    });
    expect(await registerMother(staff, motherForm(post!.id))).toEqual({ ok: false, fieldErrors: { posyanduId: 'places.refuse.posyanduInactive' } });
    expect((await registrationContext(staff)).posyandu.map((p) => p.id)).not.toContain(post!.id);
    expect((await groupSessionFormContext(staff)).villages.map((v) => v.id)).not.toContain(village.id);
    expect(await createGroupSession(staff, sessionForm(village.id, ''))).toEqual({ ok: false, fieldErrors: { villageId: 'places.refuse.villageInactive' } });
    // Its posyandu cannot be reactivated before the village.
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: post!.id, op: 'deactivate' })).toMatchObject({ ok: true });
    const afterDeactivate = await rowCounts(db);
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: post!.id, op: 'activate' })).toEqual({
      ok: false,
      fieldErrors: { op: 'places.errors.villageInactive' },
    });
    expect(await rowCounts(db)).toEqual(afterDeactivate);
    expect(afterDeactivate.audit_log).toBe(before.audit_log! + 1);
    expect(await setPlaceStatus(staff, { entity: 'village', id: village.id, op: 'activate' })).toMatchObject({ ok: true });
    expect(await setPlaceStatus(staff, { entity: 'posyandu', id: post!.id, op: 'activate' })).toMatchObject({ ok: true });
  });

  it('refuses kader and ibu every places write and the management list', async () => {
    const village = await villageByName('Bojong Nangka');
    const post = await posyanduByName('Posyandu Melati 1');
    const before = await rowCounts(db);
    for (const who of [kader, ibu]) {
      await expect(listPlaces(who)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createVillage(who, { name: 'Desa Kader', kind: 'desa' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateVillage(who, { id: village.id, name: 'Diubah', kind: 'desa' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createPosyandu(who, { villageId: village.id, name: 'Posyandu Kader', rw: '', address: '' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updatePosyandu(who, { id: post.id, name: 'Diubah', rw: '', address: '' })).rejects.toBeInstanceOf(ForbiddenError);
      for (const op of ['deactivate', 'activate', 'delete']) {
        await expect(setPlaceStatus(who, { entity: 'village', id: village.id, op })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(setPlaceStatus(who, { entity: 'posyandu', id: post.id, op })).rejects.toBeInstanceOf(ForbiddenError);
      }
      // Refused before the input is even looked at.
      await expect(createVillage(who, {})).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it("gives staff of another puskesmas none of this puskesmas's places", async () => {
    const ours = await listPlaces(staff);
    const ourIds = new Set(ours.villages.flatMap((v) => [v.id, ...v.posyandu.map((p) => p.id)]));
    const theirs = await listPlaces(foreign);
    expect(theirs.villages.length).toBeGreaterThan(0);
    expect(theirs.villages.flatMap((v) => [v.id, ...v.posyandu.map((p) => p.id)]).some((id) => ourIds.has(id))).toBe(false);
    const village = ours.villages[0]!;
    const post = ours.villages.flatMap((v) => v.posyandu)[0]!;
    const before = await rowCounts(db);
    const refusals = [
      await outcome(updateVillage(foreign, { id: village.id, name: 'Diambil', kind: 'desa' })),
      await outcome(createPosyandu(foreign, { villageId: village.id, name: 'Posyandu Asing', rw: '', address: '' })),
      await outcome(updatePosyandu(foreign, { id: post.id, name: 'Diambil', rw: '', address: '' })),
      ...(await Promise.all(
        ['deactivate', 'activate', 'delete'].flatMap((op) => [
          outcome(setPlaceStatus(foreign, { entity: 'village', id: village.id, op })),
          outcome(setPlaceStatus(foreign, { entity: 'posyandu', id: post.id, op })),
        ]),
      )),
    ];
    expect(refusals.every((r) => r === 'notFound' || r === 'forbidden')).toBe(true);
    expect(await rowCounts(db)).toEqual(before);
    // Our staff cannot reach theirs either.
    expect(await outcome(setPlaceStatus(staff, { entity: 'village', id: theirs.villages[0]!.id, op: 'deactivate' }))).toBe('notFound');
    expect(await rowCounts(db)).toEqual(before);
  });

  describe('hostile input', () => {
    const LONG = 'x'.repeat(10_000);
    const SCRIPT = '<script>alert(1)</script>';
    const HOSTILE: unknown[] = ['', '   ', LONG, SCRIPT, "'; drop table villages; --", 'Nama\u0000', 'Baris\nbaru', '🌾🌾', 12, null, undefined, ['a'], { a: 1 }, true];
    /** How an accepted name or address is stored: spaces (newlines too) collapsed, trimmed. */
    const norm = (v: unknown) => String(v).replace(/\s+/g, ' ').trim();
    const BAD_IDS: unknown[] = ['', 'abc', '../../etc/passwd', randomUUID(), 42, null, SCRIPT, LONG];

    /** Each value must be refused with every table unchanged, or stored exactly as harmless text. */
    async function check(work: () => Promise<{ ok: boolean }>, stored?: () => Promise<unknown>) {
      const before = await rowCounts(db);
      const r = await outcome(work());
      if (r === 'ok') {
        expect(stored).toBeDefined();
        return { r, value: await stored!() };
      }
      expect(await rowCounts(db)).toEqual(before);
      return { r, value: undefined };
    }

    it('the village forms', async () => {
      const village = await villageByName('Wanaherang');
      for (const value of HOSTILE) {
        for (const field of ['name', 'kind'] as const) {
          const input = { name: `Desa Aman ${++n}`, kind: 'desa', [field]: value };
          const created = await check(
            () => createVillage(staff, input),
            async () =>
              (
                await db.db
                  .select()
                  .from(villages)
                  .where(eq(villages.name, norm(value)))
              ).length,
          );
          if (created.r === 'ok') {
            expect(field).toBe('name');
            expect([SCRIPT, "'; drop table villages; --", '🌾🌾', 'Baris\nbaru'].includes(String(value))).toBe(true);
            expect(created.value).toBe(1);
          }
          const edited = await check(
            () => updateVillage(staff, { id: village.id, name: 'Wanaherang', kind: 'desa', [field]: value }),
            async () => (await villageRow(village.id))!.name,
          );
          if (edited.r === 'ok') {
            expect(edited.value).toBe(norm(value));
            await updateVillage(staff, { id: village.id, name: 'Wanaherang', kind: 'desa' });
          }
        }
      }
      expect((await db.db.select().from(villages).where(eq(villages.name, SCRIPT))).map((v) => v.name)).toEqual([SCRIPT]);
      for (const id of BAD_IDS) {
        expect(['notFound', 'refused']).toContain((await check(() => updateVillage(staff, { id, name: 'Baru', kind: 'desa' }))).r);
        for (const op of ['deactivate', 'activate', 'delete']) {
          expect(['notFound', 'refused']).toContain((await check(() => setPlaceStatus(staff, { entity: 'village', id, op }))).r);
        }
      }
      for (const bad of [{ entity: 'mother', op: 'delete' }, { entity: 'village', op: 'drop' }, { entity: 'village', op: '' }, {}]) {
        expect((await check(() => setPlaceStatus(staff, { id: village.id, ...bad }))).r).toBe('refused');
      }
      expect(await check(() => createVillage(staff, null))).toEqual({ r: 'refused', value: undefined });
      expect(await check(() => createVillage(staff, 'name=Desa'))).toEqual({ r: 'refused', value: undefined });
    });

    it('the posyandu forms', async () => {
      const village = await villageByName('Wanaherang');
      const post = await posyanduByName('Posyandu Cempaka');
      for (const value of HOSTILE) {
        for (const field of ['name', 'rw', 'address'] as const) {
          const input = { villageId: village.id, name: `Posyandu Aman ${++n}`, rw: '05', address: 'Jl. Mawar', [field]: value };
          const created = await check(
            () => createPosyandu(staff, input),
            async () =>
              (
                await db.db
                  .select()
                  .from(posyandu)
                  .where(eq(posyandu.name, norm(input.name)))
              ).map((p) => ({ name: p.name, rw: p.rw, address: p.address })),
          );
          if (created.r === 'ok') {
            const [row] = created.value as { name: string; rw: string | null; address: string | null }[];
            // Accepted only as plain text (or an optional field left empty).
            if (field === 'rw') expect(row!.rw).toBeNull();
            if (field === 'address') expect([norm(value), null]).toContain(row!.address);
            if (field === 'name') expect(row!.name).toBe(norm(value));
          }
          const edited = await check(
            () => updatePosyandu(staff, { id: post.id, name: 'Posyandu Cempaka', rw: '07', address: '', [field]: value }),
            async () => posyanduRow(post.id),
          );
          if (edited.r === 'ok') await updatePosyandu(staff, { id: post.id, name: 'Posyandu Cempaka', rw: '07', address: '' });
        }
      }
      // RW: digits 1–999 only.
      for (const rw of ['abc', '12a', '-1', '0', '1000', '1.5', '٣', SCRIPT, LONG]) {
        expect(await check(() => createPosyandu(staff, { villageId: village.id, name: `Posyandu RW ${++n}`, rw, address: '' }))).toEqual({
          r: 'refused',
          value: undefined,
        });
      }
      for (const id of BAD_IDS) {
        expect(['notFound', 'refused']).toContain((await check(() => createPosyandu(staff, { villageId: id, name: `Posyandu Id ${++n}`, rw: '', address: '' }))).r);
        expect(['notFound', 'refused']).toContain((await check(() => updatePosyandu(staff, { id, name: 'Baru', rw: '', address: '' }))).r);
        for (const op of ['deactivate', 'activate', 'delete']) {
          expect(['notFound', 'refused']).toContain((await check(() => setPlaceStatus(staff, { entity: 'posyandu', id, op }))).r);
        }
      }
      const [scripted] = await db.db.select().from(posyandu).where(eq(posyandu.name, SCRIPT));
      expect(scripted?.name ?? SCRIPT).toBe(SCRIPT);
      expect(await posyanduRow(post.id)).toMatchObject({ name: 'Posyandu Cempaka', rw: '07', address: null, villageId: village.id });
    });
  });
});
