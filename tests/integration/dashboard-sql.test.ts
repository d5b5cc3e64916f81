/**
 * The dashboard's SQL (db/queries/dashboard.ts) must count exactly what lib/domain/dashboard.ts
 * and coverageByAttendance count, on a generated population with sessions and attendance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { attendance, babies, groupSessions, users } from '@/db/schema';
import { coverageByAttendanceSql, exclusivityCurveSql, stopReasonsSql } from '@/db/queries/dashboard';
import { addDays, coverageByAttendance, exclusivityCurve, sixMonthDate, stopReasonCounts, STOP_REASONS } from '@/lib/domain';
import { generatePopulation, insertPopulation } from '../support/population';
import { BACKENDS, useDatabase, type TestDb } from './support';

const TODAY = '2026-09-30';
const VILLAGES = 3;

describe.each(BACKENDS)('dashboard SQL = lib/domain, on $name', (backend) => {
  let db: TestDb;
  const gen = generatePopulation({ babies: 1500, seed: 7, start: '2025-01-01', spanDays: 700, today: TODAY, villages: VILLAGES, posyanduPerVillage: 2 });
  let puskesmasId = '';
  let villageIds: string[] = [];
  const attendedBabyIds = new Set<string>();

  beforeAll(async () => {
    db = await useDatabase(backend);
    ({ puskesmasId, villageIds } = await insertPopulation(db.db, gen, { code: 'DSH', villages: VILLAGES, posyanduPerVillage: 2, batch: 500 }));
    const [staff] = await db.db.select({ id: users.id }).from(users).where(eq(users.puskesmasId, puskesmasId));
    const motherOf = new Map(
      (await db.db.select({ id: babies.id, motherId: babies.motherId }).from(babies).where(eq(babies.puskesmasId, puskesmasId))).map((r) => [r.id, r.motherId]),
    );
    // One session a month in village 0 (one cancelled); every third baby's mother attends the
    // session nearest to a day of her baby's life (some before, some after the 6-month date).
    const sessions: { id: string; day: string; cancelled: boolean }[] = [];
    for (let i = 0; i < 24; i++) {
      const day = addDays('2024-10-05', i * 30);
      const [s] = await db.db
        .insert(groupSessions)
        .values({
          puskesmasId,
          villageId: villageIds[0]!,
          title: `Pertemuan ${i}`,
          startsAt: new Date(`${day}T03:00:00Z`),
          endsAt: new Date(`${day}T05:00:00Z`),
          place: 'Balai',
          status: i === 5 ? 'cancelled' : 'closed',
          createdBy: staff!.id,
        })
        .returning({ id: groupSessions.id });
      sessions.push({ id: s!.id, day, cancelled: i === 5 });
    }
    const rows: (typeof attendance.$inferInsert)[] = [];
    gen.forEach((g, i) => {
      if (i % 3 !== 0) return;
      const target = addDays(g.baby.birthDate, (i * 37) % 240);
      const s = sessions.reduce((best, x) => (Math.abs(Date.parse(x.day) - Date.parse(target)) < Math.abs(Date.parse(best.day) - Date.parse(target)) ? x : best));
      const present = i % 9 !== 0;
      rows.push({
        puskesmasId,
        sessionId: s.id,
        motherId: motherOf.get(g.baby.id)!,
        attendeeRole: 'mother',
        status: present ? 'present' : 'absent',
        recordedBy: staff!.id,
      });
      if (present && !s.cancelled && s.day < sixMonthDate(g.baby.birthDate)) attendedBabyIds.add(g.baby.id);
    });
    for (let k = 0; k < rows.length; k += 500) await db.db.insert(attendance).values(rows.slice(k, k + 500));
  }, 300_000);
  afterAll(() => db.dispose());

  const where = () => sql`b.puskesmas_id = ${puskesmasId}`;

  it('the exclusivity curve by month of age is identical, in total and for one village', async () => {
    for (const today of ['2025-06-15', TODAY]) {
      const got = await exclusivityCurveSql(db.db, today, where());
      expect(got).toEqual(
        exclusivityCurve(
          gen.map((g) => g.baby),
          today,
        ),
      );
      expect(got[0]!.share.denominator).toBeGreaterThan(0);
    }
    const one = await exclusivityCurveSql(db.db, TODAY, sql`${where()} and m.village_id = ${villageIds[1]!}`);
    expect(one).toEqual(
      exclusivityCurve(
        gen.filter((g) => g.villageIdx === 1).map((g) => g.baby),
        TODAY,
      ),
    );
  });

  it('the reasons mothers stopped, per village, are identical', async () => {
    let nonZero = 0;
    for (const [from, to] of [
      ['2025-01-01', '2025-12-31'],
      ['2026-03-01', '2026-03-31'],
    ] as const) {
      const rows = await stopReasonsSql(db.db, from, to, where());
      for (let v = 0; v < VILLAGES; v++) {
        const want = stopReasonCounts(
          gen.filter((g) => g.villageIdx === v).map((g) => g.baby),
          from,
          to,
        );
        const got = Object.fromEntries(STOP_REASONS.map((r) => [r, rows.find((x) => x.groupId === villageIds[v] && x.reason === r)?.n ?? 0]));
        expect(got, `${from} village ${v}`).toEqual(want);
        nonZero += Object.values(want).filter((n) => n > 0).length;
      }
    }
    expect(nonZero).toBeGreaterThan(10);
  });

  it('six-month coverage of babies whose mothers attended a session against the others is identical', async () => {
    expect(attendedBabyIds.size).toBeGreaterThan(50);
    for (const [from, to] of [
      [
        { year: 2025, month: 1 },
        { year: 2025, month: 12 },
      ],
      [
        { year: 2026, month: 4 },
        { year: 2026, month: 4 },
      ],
    ] as const) {
      const got = await coverageByAttendanceSql(db.db, from, to, where(), 'Asia/Jakarta');
      const want = coverageByAttendance(
        gen.map((g) => g.baby),
        attendedBabyIds,
        { from, to },
      );
      expect(got).toEqual(want);
      expect(got.attended.denominator).toBeGreaterThan(0);
    }
  });
});
