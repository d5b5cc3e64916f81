import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { attendance, auditLog, groupSessions, mothers, sessionInvitations, villages } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { groupSessionReminderText, whatsappLink, zonedInstant, zonedParts } from '@/lib/domain';
import {
  addWalkIn,
  answerRsvp,
  closeRegister,
  createGroupSession,
  markAttendance,
  myGroupSessions,
  RegisterClosedError,
  groupSessionDetail,
  groupSessionForCalendar,
  groupSessionsAttendedByMother,
} from '@/lib/data/group-sessions';
import { groupSessionIcs } from '@/lib/group-sessions/ics';
import { rfc5545Problems } from '../support/rfc5545';
import type { GroupSessionFormValues } from '@/lib/validation/group-session';
import { actorFor, BACKENDS, rowCounts, useDatabase, type TestDb } from './support';

const login = (role: string, n = 0) => DEMO_LOGINS.filter((l) => l.role === role)[n]!;
const TZ = 'Asia/Jakarta';

/** A wall-clock date and time in Jakarta, `minutes` from now, on a whole minute. */
function jakartaIn(minutes: number) {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000);
  return zonedParts(at, TZ);
}

describe.each(BACKENDS)('group sessions on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  let kader: Actor;
  let otherKader: Actor;
  let ibu: Actor;

  const form = (over: Partial<GroupSessionFormValues> & { id?: string } = {}) => {
    const soon = jakartaIn(24 * 60);
    return {
      id: randomUUID(),
      title: 'Pertemuan uji',
      topic: 'expressing_storing',
      topicText: '',
      date: soon.date,
      startTime: '09:00',
      endTime: '11:00',
      place: 'Aula Kantor Desa',
      villageId: kader.villageId!,
      posyanduId: '',
      facilitators: 'Bidan Sri',
      capacity: '10',
      ...over,
    };
  };

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    staff = await actorFor(db, login('staff').phone);
    kader = await actorFor(db, login('kader', 0).phone);
    otherKader = await actorFor(db, login('kader', 1).phone);
    ibu = await actorFor(db, login('ibu', 0).phone);
    expect(otherKader.villageId).not.toBe(kader.villageId);
    expect(ibu.villageId).toBe(kader.villageId);
  });
  afterAll(() => db.dispose());

  it('schedules a session at 09.00 WIB, invites the village mothers with babies under 6 months, and sending it twice stores one', async () => {
    const input = form();
    const res = await createGroupSession(staff, input);
    expect(res).toEqual({ ok: true, id: input.id, created: true });
    expect(await createGroupSession(staff, input)).toEqual({ ok: true, id: input.id, created: false });
    const [row] = await db.db.select().from(groupSessions).where(eq(groupSessions.id, input.id));
    expect(row!.startsAt.toISOString()).toBe(`${input.date}T02:00:00.000Z`);
    const inv = await db.db.select({ motherId: sessionInvitations.motherId }).from(sessionInvitations).where(eq(sessionInvitations.sessionId, input.id));
    expect(inv.length).toBeGreaterThan(0);
    expect(inv.map((i) => i.motherId)).toContain(ibu.motherId);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, input.id), eq(auditLog.action, 'session.create')));
    expect(audits).toHaveLength(1);
  });

  it('the .ics file parses and has the session in UTC (09.00–11.00 WIB = 02.00–04.00 UTC), without personal data', async () => {
    const input = form({ title: 'Kalender; uji, ASI', startTime: '09:00', endTime: '11:00' });
    await createGroupSession(staff, input);
    const s = await groupSessionForCalendar(kader, input.id);
    const text = groupSessionIcs({ ...s, topicLabel: 'Memerah dan menyimpan ASI' }, { description: 'Topik: Memerah dan menyimpan ASI', calendarName: 'KEKASIHKU' });
    // A strict RFC 5545 reading (issue #29): the one-day reminder was TRIGGER:-P1DT.
    expect(rfc5545Problems(text)).toEqual([]);
    const comp = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Kalender; uji, ASI');
    expect(event.location).toContain('Aula Kantor Desa');
    expect(event.startDate.toJSDate().toISOString()).toBe(`${input.date}T02:00:00.000Z`);
    expect(event.endDate.toJSDate().toISOString()).toBe(`${input.date}T04:00:00.000Z`);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.uid).toBe(`${input.id}@kekasihku`);
    expect(text).not.toMatch(/\+62|08\d{8}/);
  });

  it('the WhatsApp reminder is a wa.me/62… link with the Indonesian text encoded: date, time, place and topic', async () => {
    const d = await groupSessionDetail(kader, (await db.db.select({ id: groupSessions.id }).from(groupSessions).where(eq(groupSessions.title, 'Pertemuan uji')))[0]!.id);
    const mother = d.mothers.find((m) => m.phone)!;
    const text = groupSessionReminderText({
      motherName: mother.name,
      title: d.title,
      topicLabel: 'Memerah dan menyimpan ASI',
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      place: d.place,
      timeZone: TZ,
      zoneLabel: 'WIB',
      kaderName: 'Euis',
    });
    const link = whatsappLink(mother.phone!, text);
    expect(link).toMatch(/^https:\/\/wa\.me\/62\d{8,13}\?text=/);
    const url = new URL(link);
    expect(url.search).not.toContain(' ');
    expect(url.search).toContain('%0A');
    const decoded = url.searchParams.get('text')!;
    expect(decoded).toBe(text);
    expect(decoded).toContain('09.00–11.00 WIB');
    expect(decoded).toContain('Tempat: Aula Kantor Desa');
    expect(decoded).toContain('Memerah dan menyimpan ASI');
    const { date } = zonedParts(d.startsAt, TZ);
    const [y, m, day] = date.split('-').map(Number);
    expect(decoded).toContain(
      `${day} ${['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][m! - 1]} ${y}`,
    );
  });

  describe('a session starting soon', () => {
    let sessionId = '';
    beforeAll(async () => {
      const soon = jakartaIn(20);
      const end = zonedParts(new Date(zonedInstant(soon.date, soon.time, TZ).getTime() + 60 * 60_000), TZ);
      const input = form({ title: 'Pertemuan segera', date: soon.date, startTime: soon.time, endTime: end.date === soon.date ? end.time : '23:59' });
      if (input.endTime <= input.startTime) input.startTime = '23:58';
      const res = await createGroupSession(kader, input);
      expect(res.ok).toBe(true);
      sessionId = input.id;
    });

    it('the mother answers that she will come', async () => {
      expect(await answerRsvp(ibu, { sessionId, answer: 'yes' })).toEqual({ ok: true });
      const mine = await myGroupSessions(ibu);
      expect(mine.upcoming.find((s) => s.id === sessionId)?.rsvp).toBe('yes');
    });

    it('marking the same mother twice stores one attendance (the last status)', async () => {
      await markAttendance(kader, { sessionId, motherId: ibu.motherId, status: 'absent' });
      await markAttendance(kader, { sessionId, motherId: ibu.motherId, status: 'present' });
      await Promise.all([
        markAttendance(kader, { sessionId, motherId: ibu.motherId, status: 'present' }),
        markAttendance(staff, { sessionId, motherId: ibu.motherId, status: 'present' }),
      ]);
      const rows = await db.db
        .select()
        .from(attendance)
        .where(and(eq(attendance.sessionId, sessionId), eq(attendance.motherId, ibu.motherId!)));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('present');
    });

    it('a walk-in sent twice is one person', async () => {
      const w = { sessionId, id: randomUUID(), name: 'Pak Dedi', role: 'family' };
      expect(await addWalkIn(kader, w)).toEqual({ ok: true });
      expect(await addWalkIn(kader, w)).toEqual({ ok: true });
      const rows = await db.db
        .select()
        .from(attendance)
        .where(and(eq(attendance.sessionId, sessionId), sql`${attendance.motherId} is null`));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ attendeeName: 'Pak Dedi', attendeeRole: 'family', status: 'present' });
    });

    it('a kader of another village may not mark attendance, nor read the session', async () => {
      const before = await rowCounts(db);
      await expect(markAttendance(otherKader, { sessionId, motherId: ibu.motherId, status: 'absent' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addWalkIn(otherKader, { sessionId, id: randomUUID(), name: 'Bu Tini', role: 'pregnant' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(groupSessionDetail(otherKader, sessionId)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowCounts(db)).toEqual(before);
    });

    it('closing the register records the unmarked invited mothers absent; the mother sees the session among those she attended', async () => {
      await closeRegister(kader, sessionId);
      const d = await groupSessionDetail(staff, sessionId);
      expect(d.status).toBe('closed');
      expect(d.mothers.every((m) => m.status !== null)).toBe(true);
      expect((await myGroupSessions(ibu)).attended.map((s) => s.id)).toContain(sessionId);
      expect((await groupSessionsAttendedByMother(staff, ibu.motherId!)).sessions.map((s) => s.id)).toContain(sessionId);
      await expect(markAttendance(kader, { sessionId, motherId: ibu.motherId, status: 'absent' })).rejects.toBeInstanceOf(RegisterClosedError);
    });
  });

  it('the register of a session tomorrow is not open yet', async () => {
    const input = form({ title: 'Besok' });
    await createGroupSession(staff, input);
    await expect(markAttendance(kader, { sessionId: input.id, motherId: ibu.motherId, status: 'present' })).rejects.toBeInstanceOf(RegisterClosedError);
  });

  it('bad input: past, end before start, capacity 0 or 10,000, unknown village — field messages, nothing stored', async () => {
    const before = await rowCounts(db);
    const past = jakartaIn(-120);
    const cases: [Partial<GroupSessionFormValues>, Partial<Record<string, string>>][] = [
      [{ date: past.date, startTime: past.time, endTime: '23:59' }, { date: 'sessions.errors.past' }],
      [{ startTime: '11:00', endTime: '09:00' }, { endTime: 'sessions.errors.endBeforeStart' }],
      [{ capacity: '0' }, { capacity: 'sessions.errors.capacity' }],
      [{ capacity: '10000' }, { capacity: 'sessions.errors.capacity' }],
      [{ villageId: randomUUID() }, { villageId: 'sessions.errors.village' }],
      [{ villageId: 'Desa Entah' }, { villageId: 'sessions.errors.village' }],
      [{ title: '' }, { title: 'validation.required' }],
      [{ topic: 'other', topicText: '' }, { topicText: 'validation.required' }],
    ];
    for (const [over, errors] of cases) {
      const res = await createGroupSession(staff, form(over));
      expect(res.ok, JSON.stringify(over)).toBe(false);
      if (!res.ok) expect(res.fieldErrors).toMatchObject(errors);
    }
    // A kader schedules for her own village only.
    const res = await createGroupSession(kader, form({ villageId: otherKader.villageId! }));
    expect(res).toEqual({ ok: false, fieldErrors: { villageId: 'sessions.errors.villageNotYours' } });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a session of another village is refused with 403 for a kader, 404 when unknown', async () => {
    const [other] = await db.db
      .select({ id: groupSessions.id })
      .from(groupSessions)
      .innerJoin(villages, eq(villages.id, groupSessions.villageId))
      .where(eq(groupSessions.villageId, otherKader.villageId!))
      .orderBy(asc(groupSessions.startsAt))
      .limit(1);
    await expect(groupSessionDetail(kader, other!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(groupSessionDetail(kader, randomUUID())).rejects.toMatchObject({ status: 404 });
    void mothers;
  });
});
