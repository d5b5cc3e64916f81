import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { attendance, auditLog, babies, mothers, visits } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import type { Actor } from '@/lib/auth/policy';
import { addDays, isoToday, zonedInstant, zonedParts } from '@/lib/domain';
import { receiveOutboxRecord } from '@/lib/data/outbox';
import { createGroupSession } from '@/lib/data/group-sessions';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

/**
 * Issue 9: what a kader's phone sends from its outbox (lib/data/outbox.ts, behind
 * /api/kader/outbox). The same record sent again — one after the other or at once — stores one
 * record and one audit row; a record outside the kader's scope is refused with a message and
 * writes nothing; the phone's time is kept beside the time received.
 */
const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!;
const TZ = 'Asia/Jakarta';

describe.each(BACKENDS)('offline outbox on $name', (backend) => {
  let db: TestDb;
  let kader: Actor;
  let otherKader: Actor;
  let staff: Actor;
  let ibu: Actor;
  let baby: { id: string; birthDate: string };
  const today = isoToday(TZ);

  const visitRecord = (over: Record<string, unknown> = {}) => {
    const id = randomUUID();
    const { id: _id, ...payload } = answeredVisit(id, baby.id, today);
    return { kind: 'visit' as const, id, payload: { ...payload, ...over }, recordedAt: '2026-11-30T03:04:05.000Z' };
  };
  const visitRows = (id: string) => db.db.select().from(visits).where(eq(visits.id, id));
  const auditRows = (id: string) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'visit'), eq(auditLog.entityId, id)));

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    kader = await actorFor(db, login('kader', 0).phone);
    otherKader = await actorFor(db, login('kader', 1).phone);
    staff = await actorFor(db, login('staff').phone);
    ibu = await actorFor(db, login('ibu', 0).phone);
    expect(otherKader.posyanduId).not.toBe(kader.posyanduId);
    const [b] = await db.db
      .select({ id: babies.id, birthDate: babies.birthDate })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(
        and(
          eq(mothers.posyanduId, kader.posyanduId!),
          sql`${babies.exitDate} is null`,
          lte(babies.birthDate, addDays(today, -20)),
          gte(babies.birthDate, addDays(today, -120)),
        ),
      )
      .orderBy(asc(babies.birthDate))
      .limit(1);
    if (!b) throw new Error('no suitable demo baby');
    baby = b;
  });
  afterAll(() => db.dispose());

  it('the same visit sent three times, one after the other, stores one visit and one audit row', async () => {
    const rec = visitRecord();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await receiveOutboxRecord(kader, rec));
    expect(answers.map((a) => a.http)).toEqual([200, 200, 200]);
    expect(answers.map((a) => (a.body as { status: string }).status)).toEqual(['stored', 'duplicate', 'duplicate']);
    expect(answers.every((a) => (a.body as { id: string }).id === rec.id)).toBe(true);
    const rows = await visitRows(rec.id);
    expect(rows).toHaveLength(1);
    expect(await auditRows(rec.id)).toHaveLength(1);
    // The phone's time and the time received, both kept.
    expect(rows[0]!.recordedAt?.toISOString()).toBe('2026-11-30T03:04:05.000Z');
    expect(Math.abs(rows[0]!.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('the same visit sent three times at once stores one visit and one audit row', async () => {
    const rec = visitRecord({ notes: 'Dikirim bersamaan' });
    const before = await rowCounts(db);
    const answers = await Promise.all([1, 2, 3].map(() => receiveOutboxRecord(kader, rec)));
    expect(answers.map((a) => a.http)).toEqual([200, 200, 200]);
    expect(answers.map((a) => (a.body as { status: string }).status).sort()).toEqual(['duplicate', 'duplicate', 'stored']);
    expect(await visitRows(rec.id)).toHaveLength(1);
    expect(await auditRows(rec.id)).toHaveLength(1);
    const after = await rowCounts(db);
    expect(after.visits).toBe(before.visits! + 1);
  });

  it("another kader's record for a mother outside her scope is refused with a message and writes nothing", async () => {
    const rec = visitRecord();
    const before = await rowCounts(db);
    const answer = await receiveOutboxRecord(otherKader, rec);
    expect(answer.http).toBe(404);
    expect(answer.body).toEqual({ status: 'refused', message: 'offline.deniedVisit' });
    // Sent again (the phone retries after a correction): still refused, still nothing written.
    expect((await receiveOutboxRecord(otherKader, rec)).http).toBe(404);
    expect(await rowCounts(db)).toEqual(before);
    // Her own kader sends it: stored; the other kader cannot take over the id afterwards.
    expect((await receiveOutboxRecord(kader, rec)).body).toMatchObject({ status: 'stored' });
    expect((await receiveOutboxRecord(otherKader, rec)).http).toBe(404);
  });

  it('a visit failing validation is refused with field errors (message keys) and writes nothing', async () => {
    const before = await rowCounts(db);
    const answer = await receiveOutboxRecord(kader, visitRecord({ recallItems: ['formula'], breakReason: '', weightGrams: '99' }));
    expect(answer.http).toBe(422);
    expect(answer.body).toMatchObject({ status: 'invalid', fieldErrors: { breakReason: 'validation.breakReasonRequired', weightGrams: 'validation.weightRange' } });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('the envelope id is the record id, and malformed envelopes are refused without a write', async () => {
    const before = await rowCounts(db);
    for (const bad of [
      null,
      'x',
      42,
      {},
      { kind: 'visit' },
      { kind: 'other', id: randomUUID(), payload: {} },
      { kind: 'visit', id: 'not-a-uuid', payload: {} },
      { kind: 'visit', id: randomUUID(), payload: [] },
    ]) {
      const a = await receiveOutboxRecord(kader, bad);
      expect(a.http, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(a.http).toBeLessThan(500);
    }
    expect(await rowCounts(db)).toEqual(before);
    // An id inside the payload cannot override the envelope's.
    const rec = visitRecord({ id: randomUUID() });
    expect((await receiveOutboxRecord(kader, rec)).body).toMatchObject({ status: 'stored', id: rec.id });
    expect(await visitRows(rec.id)).toHaveLength(1);
  });

  describe('attendance', () => {
    let sessionId = '';
    beforeAll(async () => {
      const at = new Date(Math.ceil((Date.now() + 20 * 60_000) / 60_000) * 60_000);
      const soon = zonedParts(at, TZ);
      const end = zonedParts(new Date(zonedInstant(soon.date, soon.time, TZ).getTime() + 60 * 60_000), TZ);
      sessionId = randomUUID();
      const input = {
        id: sessionId,
        title: 'Pertemuan luring',
        topic: 'expressing_storing',
        topicText: '',
        date: soon.date,
        startTime: soon.time,
        endTime: end.date === soon.date ? end.time : '23:59',
        place: 'Posyandu',
        villageId: kader.villageId!,
        posyanduId: '',
        facilitators: '',
        capacity: '10',
      };
      if (input.endTime <= input.startTime) input.startTime = '23:58';
      const res = await createGroupSession(staff, input);
      expect(res.ok).toBe(true);
    });
    const mark = (status: string, id = randomUUID()) => ({
      kind: 'attendance' as const,
      id,
      payload: { sessionId, motherId: ibu.motherId, status },
      recordedAt: '2026-11-30T04:00:00.000Z',
    });
    const rows = () =>
      db.db
        .select()
        .from(attendance)
        .where(and(eq(attendance.sessionId, sessionId), eq(attendance.motherId, ibu.motherId!)));
    const audits = async () =>
      (await rows()).length
        ? db.db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.entity, 'attendance'), eq(auditLog.entityId, (await rows())[0]!.id)))
        : [];

    it('the same marking sent three times, also at once, stores one row and one audit row, with the phone time', async () => {
      const rec = mark('present');
      expect((await receiveOutboxRecord(kader, rec)).body).toEqual({ status: 'stored', id: rec.id });
      const again = await Promise.all([1, 2, 3].map(() => receiveOutboxRecord(kader, rec)));
      expect(again.map((a) => (a.body as { status: string }).status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      const r = await rows();
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ status: 'present', deviceRecordId: rec.id, recordedBy: kader.id });
      expect(r[0]!.recordedOnDeviceAt?.toISOString()).toBe('2026-11-30T04:00:00.000Z');
      expect(r[0]!.recordedAt).not.toBeNull();
      expect(await audits()).toHaveLength(1);
    });

    it('a new marking (another id) for her changes the one row; three at once of a fresh id write one audit row', async () => {
      const rec = mark('excused');
      const answers = await Promise.all([1, 2, 3].map(() => receiveOutboxRecord(kader, rec)));
      expect(answers.map((a) => (a.body as { status: string }).status).sort()).toEqual(['duplicate', 'duplicate', 'stored']);
      const r = await rows();
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ status: 'excused', deviceRecordId: rec.id });
      expect(await audits()).toHaveLength(2);
    });

    it('a kader of another village is refused with a message and nothing changes', async () => {
      const before = await rowCounts(db);
      const answer = await receiveOutboxRecord(otherKader, mark('absent'));
      expect([403, 404]).toContain(answer.http);
      expect(answer.body).toEqual({ status: 'refused', message: 'offline.deniedAttendance' });
      expect(await rowCounts(db)).toEqual(before);
      expect((await rows())[0]!.status).toBe('excused');
    });

    it('when its audit row cannot be written, an outbox visit or marking writes nothing (one transaction)', async () => {
      await db.db.execute(sql`create or replace function kekasihku_test_fail_audit() returns trigger language plpgsql as $$
        begin raise exception 'forced failure after the write'; end $$`);
      await db.db.execute(sql`create trigger kekasihku_test_fail_audit before insert on audit_log for each row execute function kekasihku_test_fail_audit()`);
      const before = await rowCounts(db);
      const statusBefore = (await rows())[0]!.status;
      try {
        await expect(receiveOutboxRecord(kader, visitRecord())).rejects.toThrow();
        await expect(receiveOutboxRecord(kader, mark('absent'))).rejects.toThrow();
      } finally {
        await db.db.execute(sql`drop trigger if exists kekasihku_test_fail_audit on audit_log`);
      }
      expect(await rowCounts(db)).toEqual(before);
      expect((await rows())[0]!.status).toBe(statusBefore);
    });

    it('a marking with a bad status is refused with field errors', async () => {
      const answer = await receiveOutboxRecord(kader, mark('maybe'));
      expect(answer.http).toBe(422);
      expect(answer.body).toMatchObject({ fieldErrors: { status: 'validation.invalid' } });
    });
  });
});
