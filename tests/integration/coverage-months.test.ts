/**
 * The stored coverage sums (coverage_baby_months computed by lib/domain through db/coverage.ts,
 * summed into coverage_months) read by db/queries/coverage-months.ts must count exactly what
 * lib/domain counts — every month, per posyandu, per village and in total, the trend, the stop
 * reasons, coverage by attendance, the exclusivity curve and the status on several days (month
 * ends and starts among them, as "today" moves) — on a generated population with sessions and
 * attendance, and still after visits are inserted, changed and deleted, birth dates corrected,
 * babies exit, mothers move to another posyandu and village, attendance is added and removed and a
 * session is cancelled. The records are changed here with raw SQL and everything is rebuilt with
 * recomputeCoverage (`npm run db:recompute`); tests/integration/coverage-writes.test.ts drives the
 * same kind of changes through the lib/data write functions, so that a write path that forgets
 * refreshCoverage fails there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { attendance, babies, groupSessions, mothers, puskesmas, users, visits } from '@/db/schema';
import { migrateDatabase, rowsOf } from '@/db/client';
import { recomputeCoverage } from '@/db/coverage';
import {
  coverageByAttendanceStored,
  coverageTrendStored,
  exclusivityCurveStored,
  indicatorsForMonthsStored,
  statusCountsByVillage,
  statusCountsStored,
  stopReasonsStored,
  windowOutcomesStored,
  type CoverageScope,
} from '@/db/queries/coverage-months';
import {
  addDays,
  coverageByAttendance,
  DEFAULT_VISIT_WINDOWS,
  windowStates,
  type VisitWindow,
  exclusivityCurve,
  indicatorsForMonth,
  journeyStatus,
  monthBounds,
  sixMonthDate,
  statusCountsOn,
  stopReasonCounts,
  STOP_REASONS,
  yearMonthRange,
  zonedParts,
  type BabyFacts,
  type VisitFacts,
} from '@/lib/domain';
import { generatePopulation, insertPopulation } from '../support/population';
import { BACKENDS, useDatabase, type TestDb } from './support';

const TODAY = '2026-09-30';
const VILLAGES = 3;
const PER_VILLAGE = 2;
const MONTHS = yearMonthRange({ year: 2024, month: 12 }, { year: 2026, month: 10 });

type Model = { villageIdx: number; posyanduIdx: number; motherId: string; baby: BabyFacts & { id: string; visits: (VisitFacts & { id: string })[] } };
type Session = { id: string; day: string; cancelled: boolean };
type Presence = { id: string; session: Session; motherId: string; present: boolean };

describe.each(BACKENDS)('stored coverage sums = lib/domain, on $name', (backend) => {
  let db: TestDb;
  const gen = generatePopulation({ babies: 1200, seed: 11, start: '2025-01-01', spanDays: 700, today: TODAY, villages: VILLAGES, posyanduPerVillage: PER_VILLAGE });
  let puskesmasId = '';
  let villageIds: string[] = [];
  let posyanduIds: string[] = [];
  let staffId = '';
  let model: Model[] = [];
  const sessions: Session[] = [];
  let presences: Presence[] = [];
  let windows: readonly VisitWindow[] = DEFAULT_VISIT_WINDOWS;

  beforeAll(async () => {
    db = await useDatabase(backend);
    ({ puskesmasId, villageIds, posyanduIds } = await insertPopulation(db.db, gen, { code: 'CVM', villages: VILLAGES, posyanduPerVillage: PER_VILLAGE, batch: 400 }));
    const [staff] = await db.db.select({ id: users.id }).from(users).where(eq(users.puskesmasId, puskesmasId));
    staffId = staff!.id;
    const motherOf = new Map(
      (await db.db.select({ id: babies.id, motherId: babies.motherId }).from(babies).where(eq(babies.puskesmasId, puskesmasId))).map((r) => [r.id, r.motherId]),
    );
    model = gen.map((g) => ({
      villageIdx: g.villageIdx,
      posyanduIdx: g.posyanduIdx,
      motherId: motherOf.get(g.baby.id)!,
      baby: { ...g.baby, visits: [...g.baby.visits] },
    }));
    for (let i = 0; i < 24; i++) {
      const day = addDays('2024-10-05', i * 30);
      const [s] = await db.db
        .insert(groupSessions)
        .values({
          puskesmasId,
          villageId: villageIds[i % VILLAGES]!,
          title: `Pertemuan ${i}`,
          startsAt: new Date(`${day}T03:00:00Z`),
          endsAt: new Date(`${day}T05:00:00Z`),
          place: 'Balai',
          status: i === 5 ? 'cancelled' : 'closed',
          createdBy: staffId,
        })
        .returning({ id: groupSessions.id });
      sessions.push({ id: s!.id, day, cancelled: i === 5 });
    }
    const rows: (typeof attendance.$inferInsert & { session: Session; present: boolean })[] = [];
    model.forEach((g, i) => {
      if (i % 3 !== 0) return;
      const target = addDays(g.baby.birthDate, (i * 37) % 240);
      const s = sessions.reduce((best, x) => (Math.abs(Date.parse(x.day) - Date.parse(target)) < Math.abs(Date.parse(best.day) - Date.parse(target)) ? x : best));
      const present = i % 9 !== 0;
      rows.push({
        puskesmasId,
        sessionId: s.id,
        motherId: g.motherId,
        attendeeRole: 'mother',
        status: present ? 'present' : 'absent',
        recordedBy: staffId,
        session: s,
        present,
      });
    });
    for (let k = 0; k < rows.length; k += 400) {
      const slice = rows.slice(k, k + 400);
      const ids = await db.db
        .insert(attendance)
        .values(slice.map(({ session: _s, present: _p, ...r }) => r))
        .returning({ id: attendance.id });
      slice.forEach((r, j) => presences.push({ id: ids[j]!.id, session: r.session, motherId: r.motherId!, present: r.present }));
    }
    // Attendance written by hand: the babies' "attended" and their O4/O5 by attendance follow on a recompute.
    await recomputeCoverage(db.db);
  }, 300_000);
  afterAll(() => db.dispose());

  const attendedIds = () => {
    const out = new Set<string>();
    for (const g of model) {
      const six = sixMonthDate(g.baby.birthDate);
      if (presences.some((p) => p.motherId === g.motherId && p.present && !p.session.cancelled && p.session.day < six)) out.add(g.baby.id);
    }
    return out;
  };

  /** Everything the stored sums give, compared with lib/domain on the model. */
  async function expectAllEqual(label: string) {
    const all: CoverageScope = { puskesmasId };
    const from = MONTHS[0]!;
    const to = MONTHS[MONTHS.length - 1]!;
    const babiesOf = (f: (g: Model) => boolean) => model.filter(f).map((g) => g.baby);
    const empty = indicatorsForMonth([], 2000, 1);
    const strip = ({ year: _y, month: _m, ...t }: ReturnType<typeof indicatorsForMonth>) => t;
    // Indicators per posyandu, per village and in total, every month.
    for (const [groupBy, count, idxOf, ids] of [
      ['posyandu', VILLAGES * PER_VILLAGE, (g: Model) => g.posyanduIdx, posyanduIds],
      ['village', VILLAGES, (g: Model) => g.villageIdx, villageIds],
      ['none', 1, () => 0, [null]],
    ] as const) {
      const rows = await indicatorsForMonthsStored(db.db, from, to, all, groupBy);
      for (const ym of MONTHS) {
        for (let i = 0; i < count; i++) {
          const want = strip(
            indicatorsForMonth(
              babiesOf((g) => idxOf(g) === i),
              ym.year,
              ym.month,
            ),
          );
          const got = rows.find((r) => r.year === ym.year && r.month === ym.month && r.groupId === ids[i]);
          expect(got?.totals ?? strip(empty), `${label}: ${groupBy} ${i} ${ym.year}-${ym.month}`).toEqual(want);
          if (want.O1.total + want.O2.total + want.O3.total + want.O4.total === 0) expect(got, `${label}: no row for no data`).toBeUndefined();
        }
      }
    }
    // The trend, in total and for one village; a posyandu as the kader sees it.
    for (const [scope, list] of [
      [all, babiesOf(() => true)],
      [{ puskesmasId, villageId: villageIds[1]! }, babiesOf((g) => g.villageIdx === 1)],
      [{ puskesmasId, posyanduId: posyanduIds[4]! }, babiesOf((g) => g.posyanduIdx === 4)],
    ] as const) {
      const trend = await coverageTrendStored(db.db, from, to, scope);
      for (const r of trend) {
        const want = indicatorsForMonth(list, r.year, r.month);
        expect({ recall: r.recallCoverage, six: r.sixMonthCoverage }, `${label}: trend ${r.year}-${r.month}`).toEqual({
          recall: want.recallCoverage,
          six: want.sixMonthCoverage,
        });
      }
    }
    // Stop reasons per village over whole months.
    for (const [f, t] of [
      [
        { year: 2025, month: 1 },
        { year: 2025, month: 12 },
      ],
      [
        { year: 2026, month: 3 },
        { year: 2026, month: 3 },
      ],
    ] as const) {
      const rows = await stopReasonsStored(db.db, f, t, all, 'village');
      for (let v = 0; v < VILLAGES; v++) {
        const want = stopReasonCounts(
          babiesOf((g) => g.villageIdx === v),
          monthBounds(f.year, f.month).first,
          monthBounds(t.year, t.month).last,
        );
        const got = Object.fromEntries(STOP_REASONS.map((r) => [r, rows.find((x) => x.groupId === villageIds[v] && x.reason === r)?.n ?? 0]));
        expect(got, `${label}: stop reasons ${f.year}-${f.month} village ${v}`).toEqual(want);
      }
    }
    // Six-month coverage by session attendance.
    const attended = attendedIds();
    for (const [f, t] of [
      [
        { year: 2025, month: 1 },
        { year: 2025, month: 12 },
      ],
      [
        { year: 2026, month: 4 },
        { year: 2026, month: 4 },
      ],
    ] as const) {
      expect(await coverageByAttendanceStored(db.db, f, t, all), `${label}: attendance ${f.year}-${f.month}`).toEqual(
        coverageByAttendance(
          babiesOf(() => true),
          attended,
          { from: f, to: t },
        ),
      );
    }
    // The curve and the status as "today" moves: mid-month, last and first days of months.
    for (const day of ['2025-06-15', '2026-02-28', '2026-03-01', '2026-03-31', TODAY]) {
      expect(await exclusivityCurveStored(db.db, day, all), `${label}: curve ${day}`).toEqual(
        exclusivityCurve(
          babiesOf(() => true),
          day,
        ),
      );
      // Babies born by the day only (decision 050: a past month's card counts no later birth).
      const want = statusCountsOn(
        babiesOf(() => true),
        day,
      );
      expect(await statusCountsStored(db.db, day, all), `${label}: status ${day}`).toEqual(want);
      // The staff home's count per village (every baby, looked up in its status timeline).
      const perVillage = new Map<string, number>();
      for (const g of model) {
        const key = `${villageIds[g.villageIdx]}:${journeyStatus(g.baby, day).status}`;
        perVillage.set(key, (perVillage.get(key) ?? 0) + 1);
      }
      const got = await statusCountsByVillage(db.db, day, sql`b.puskesmas_id = ${puskesmasId}`);
      expect(new Map(got.map((r) => [`${r.villageId}:${r.status}`, r.n])), `${label}: status per village ${day}`).toEqual(perVillage);
    }
    expect(await exclusivityCurveStored(db.db, TODAY, { puskesmasId, posyanduId: posyanduIds[2]! }), `${label}: curve of a posyandu`).toEqual(
      exclusivityCurve(
        babiesOf((g) => g.posyanduIdx === 2),
        TODAY,
      ),
    );
    // The kader table's visit windows that closed in a month, in their state on a day.
    // A period over is judged at the end of its last day (decision 050): the states of the next day
    // with the visits up to asOf. Babies exited before their 6-month date by the month's last day
    // are left out; windows closed before a baby was registered are nobody's (decision 060).
    for (const [ym, asOf, over] of [
      [{ year: 2026, month: 6 }, '2026-07-30', true],
      [{ year: 2025, month: 11 }, '2025-11-15', false],
      [{ year: 2026, month: 2 }, '2026-02-28', false],
      [{ year: 2026, month: 2 }, '2026-02-28', true],
      [{ year: 2026, month: 9 }, TODAY, false],
      [{ year: 2026, month: 9 }, TODAY, true],
    ] as const) {
      const { first, last } = monthBounds(ym.year, ym.month);
      const got = await windowOutcomesStored(db.db, all, ym, asOf, over);
      const registered = new Map(
        (await db.db.select({ id: babies.id, at: babies.createdAt }).from(babies).where(eq(babies.puskesmasId, puskesmasId))).map((r) => [
          r.id,
          zonedParts(r.at, 'Asia/Jakarta').date,
        ]),
      );
      for (let p = 0; p < VILLAGES * PER_VILLAGE; p++) {
        const want = { onTime: 0, late: 0, missed: 0 };
        const counted = (b: BabyFacts) => b.exitDate === null || b.exitDate >= sixMonthDate(b.birthDate) || b.exitDate > last;
        for (const g of model.filter((x) => x.posyanduIdx === p && counted(x.baby))) {
          const dates = g.baby.visits.map((v) => v.visitDate).filter((d) => d <= asOf);
          const registeredOn = registered.get(g.baby.id)!;
          for (const w of windowStates(g.baby.birthDate, dates, over ? addDays(asOf, 1) : asOf, windows, registeredOn)) {
            if (w.to < first || w.to > last) continue;
            if (w.state === 'done_on_time') want.onTime++;
            else if (w.state === 'done_late') want.late++;
            else if (w.state === 'missed') want.missed++;
          }
        }
        expect(got.get(posyanduIds[p]!) ?? { onTime: 0, late: 0, missed: 0 }, `${label}: windows ${ym.year}-${ym.month} on ${asOf}, posyandu ${p}`).toEqual(want);
      }
    }
    // The sums are the sums of the per-baby rows.
    const [diff] = rowsOf<{ n: number }>(
      await db.db.execute(sql`
        select count(*)::int as n from (
          select puskesmas_id, month, village_id, posyandu_id, sum(o1_l) o1_l, sum(o3_p) o3_p, sum(recall_num) rn, sum(curve_den_3) cd3, sum(final_broken) fb, sum(stop_unknown) su
          from coverage_baby_months group by 1, 2, 3, 4
          except
          select puskesmas_id, month, village_id, posyandu_id, o1_l, o3_p, recall_num, curve_den_3, final_broken, stop_unknown from coverage_months
        ) x`),
    );
    expect(diff!.n, `${label}: coverage_months = sums of coverage_baby_months`).toBe(0);
  }

  it('the generated population is varied enough', () => {
    const statuses = new Set(model.map((g) => journeyStatus(g.baby, TODAY).status));
    expect([...statuses].sort()).toEqual(['broken', 'exited', 'graduated', 'ongoing', 'unrecorded']);
    expect(attendedIds().size).toBeGreaterThan(50);
  });

  it('as loaded, every stored count equals lib/domain', async () => {
    await expectAllEqual('loaded');
  }, 240_000);

  it('after visits, birth dates, exits, transfers, attendance and sessions change, every stored count still equals lib/domain', async () => {
    const pick = model.filter((g) => g.baby.visits.length >= 2 && g.baby.exitDate === null);
    let at = 0;
    const next = (n: number) => pick.slice(at, (at += n));
    // Delete the first visit of 20 babies.
    const del = next(20).map((g) => g.baby.visits.shift()!.id);
    await db.db.delete(visits).where(inArray(visits.id, del));
    // Turn the last visit of 20 babies into formula (a break with a reason).
    for (const g of next(20)) {
      const i = g.baby.visits.length - 1;
      g.baby.visits[i] = { ...g.baby.visits[i]!, recallItems: ['formula'], breakReason: 'back_to_work' };
      await db.db
        .update(visits)
        .set({ recallItems: ['formula'], breakReason: 'back_to_work' })
        .where(eq(visits.id, g.baby.visits[i]!.id));
    }
    // Insert a new exclusive visit (with the confirmation) on the 5-month date + 3 days of 20 babies, in one statement.
    const added = next(20).map((g) => {
      const v = {
        id: crypto.randomUUID(),
        visitDate: addDays(sixMonthDate(g.baby.birthDate), -25),
        breastfed: true,
        recallItems: [] as string[],
        givenSinceLast: false,
        givenSinceLastDate: null,
        confirmedExclusive: true,
        breakReason: null,
      };
      g.baby.visits.push(v);
      return { ...v, puskesmasId, babyId: g.baby.id, kaderId: staffId };
    });
    await db.db.insert(visits).values(added);
    // Correct the birth date of 15 babies by 20 days earlier, of 15 others by 12 days later.
    for (const [n, d] of [
      [15, -20],
      [15, 12],
    ] as const) {
      for (const g of next(n)) {
        g.baby.birthDate = addDays(g.baby.birthDate, d);
        await db.db.update(babies).set({ birthDate: g.baby.birthDate }).where(eq(babies.id, g.baby.id));
      }
    }
    // 15 babies leave the program 40 days after birth.
    for (const g of next(15)) {
      g.baby.exitDate = addDays(g.baby.birthDate, 40);
      g.baby.exitReason = 'moved';
      await db.db.update(babies).set({ exitDate: g.baby.exitDate, exitReason: 'moved' }).where(eq(babies.id, g.baby.id));
    }
    // 20 mothers move to the first posyandu of the next village.
    for (const g of next(20)) {
      g.villageIdx = (g.villageIdx + 1) % VILLAGES;
      g.posyanduIdx = g.villageIdx * PER_VILLAGE;
      await db.db.update(mothers).set({ villageId: villageIds[g.villageIdx]!, posyanduId: posyanduIds[g.posyanduIdx]! }).where(eq(mothers.id, g.motherId));
    }
    // Attendance: 20 mothers who had none attend a session before their baby's 6-month date; 20 records are removed; 10 turn absent.
    const withPresence = new Set(presences.map((p) => p.motherId));
    const newcomers = model.filter((g) => !withPresence.has(g.motherId)).slice(0, 20);
    for (const g of newcomers) {
      const s = sessions.find((x) => !x.cancelled && x.day > g.baby.birthDate && x.day < sixMonthDate(g.baby.birthDate)) ?? sessions[0]!;
      const [row] = await db.db
        .insert(attendance)
        .values({ puskesmasId, sessionId: s.id, motherId: g.motherId, attendeeRole: 'mother', status: 'present', recordedBy: staffId })
        .returning({ id: attendance.id });
      presences.push({ id: row!.id, session: s, motherId: g.motherId, present: true });
    }
    const removed = presences.filter((p) => p.present).slice(0, 20);
    await db.db.delete(attendance).where(
      inArray(
        attendance.id,
        removed.map((p) => p.id),
      ),
    );
    presences = presences.filter((p) => !removed.includes(p));
    for (const p of presences.filter((x) => x.present).slice(0, 10)) {
      p.present = false;
      await db.db.update(attendance).set({ status: 'absent' }).where(eq(attendance.id, p.id));
    }
    // A session is cancelled, the cancelled one is held after all.
    const busiest = sessions
      .filter((s) => !s.cancelled)
      .sort((a, b) => presences.filter((p) => p.session === b).length - presences.filter((p) => p.session === a).length)[0]!;
    busiest.cancelled = true;
    await db.db.update(groupSessions).set({ status: 'cancelled' }).where(eq(groupSessions.id, busiest.id));
    sessions[5]!.cancelled = false;
    await db.db.update(groupSessions).set({ status: 'closed' }).where(eq(groupSessions.id, sessions[5]!.id));
    expect(await recomputeCoverage(db.db)).toBe(model.length);
    await expectAllEqual('changed');
    // The puskesmas sets its own visit windows.
    windows = [
      { fromDay: 3, toDay: 10 },
      { fromDay: 11, toDay: 40 },
      { fromDay: 41, toDay: 100 },
      { fromDay: 101, toDay: null },
    ];
    await db.db
      .update(puskesmas)
      .set({ visitWindows: [...windows] })
      .where(eq(puskesmas.id, puskesmasId));
    await recomputeCoverage(db.db);
    await expectAllEqual('own visit windows');
  }, 300_000);

  it('db:recompute repairs derived data written by hand: the state, the month rows and the sums', async () => {
    const g = model.find((x) => x.baby.exitDate === null)!;
    await db.db.execute(sql`update babies set state_break_reason = 'medical', state_attended = true, state_first_break = '2000-01-01' where id = ${g.baby.id}`);
    await db.db.execute(sql`update coverage_baby_months set o3_l = o3_l + 1 where baby_id = ${g.baby.id}`);
    await db.db.execute(sql`update coverage_months set o1_p = o1_p + 5 where puskesmas_id = ${puskesmasId}`);
    await db.db.execute(sql`delete from coverage_baby_windows where baby_id = ${g.baby.id}`);
    const [broken] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from babies where state_first_break = '2000-01-01'`));
    expect(broken!.n).toBe(1);
    await recomputeCoverage(db.db);
    await expectAllEqual('state written by hand, recomputed');
  }, 240_000);

  it('babies a migration left to compute (status_initial null, as 0012 and 0013 leave them) are computed when migrations run at start-up', async () => {
    await db.db.execute(sql`update babies set status_initial = null, followed_until = null where puskesmas_id = ${puskesmasId}`);
    await db.db.execute(sql`update coverage_baby_months set curve_day_0 = null, curve_day_6 = null where puskesmas_id = ${puskesmasId}`);
    expect(await migrateDatabase(db)).toBe(0);
    const [left] = rowsOf<{ n: number; curve: number }>(
      await db.db.execute(sql`select
        (select count(*)::int from babies where puskesmas_id = ${puskesmasId} and (status_initial is null or followed_until is null)) as n,
        (select count(*)::int from coverage_baby_months where puskesmas_id = ${puskesmasId} and curve_day_0 is not null) as curve`),
    );
    expect(left!.n).toBe(0);
    expect(left!.curve).toBe(model.length);
    await expectAllEqual('completed after a migration');
  }, 240_000);
});
