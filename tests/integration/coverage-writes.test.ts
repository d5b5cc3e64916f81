/**
 * Issue #21: every stored coverage figure equals lib/domain after every lib/data write it depends
 * on, on both databases. Starting from an empty database, a puskesmas is built only through the
 * lib/data functions (first-run setup, villages and posyandu, a staff and a kader account), then
 * every write path the figures depend on is driven through its function: registration (twins,
 * and a baby born today), visits (a break with a reason, a late report with an earlier date, a
 * 5-month confirmation, a second visit on one day, one from the phone's outbox), corrections (a
 * break removed, a visit date moved), an exit, a transfer to another village, group sessions
 * (attendance marked in person, from the phone and its outbox, changed, walk-ins, the register
 * closed, a session cancelled, a session moved across a 6-month date), the time zone (a session
 * at 23.30 WIB is on the next day in WITA), the visit windows and an import (preview, then
 * confirmation), knowledge checks (a kader's baseline and endline, a mother's own check) and
 * counselling recorded on a visit (issue #28: the babies' knowledge columns and each check's
 * occasion, from lib/domain babyKnowledge).
 *
 * After each step the figures read by db/queries/coverage-months.ts are compared with lib/domain
 * computed from the records read back from the database (not from a model kept here), so a write
 * path that forgets refreshCoverage (db/coverage.ts) leaves a stale row and fails here.
 * tests/integration/coverage-months.test.ts holds the same equality on a large generated
 * population written with raw SQL and recomputed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { VISIT_FACT_COLUMNS } from '@/db/coverage';
import { attendance, babies, groupSessions, importBatches, knowledgeChecks, mothers, puskesmas, visits, visitWindowSettings } from '@/db/schema';
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
import type { Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { coverageDashboard } from '@/lib/data/coverage';
import { confirmImport, importContext, previewImport } from '@/lib/data/imports';
import { recordKnowledgeCheck } from '@/lib/data/knowledge';
import { exitBaby, transferMother } from '@/lib/data/journey';
import { registerMother } from '@/lib/data/mothers';
import { receiveOutboxRecord } from '@/lib/data/outbox';
import { createPosyandu, createVillage } from '@/lib/data/places';
import {
  addWalkIn,
  cancelGroupSession,
  closeRegister,
  createGroupSession,
  markAttendance,
  markAttendanceFromDevice,
  markWalkIn,
  updateGroupSession,
} from '@/lib/data/group-sessions';
import { saveProfile, saveVisitWindows, settingsOverview } from '@/lib/data/settings';
import { issueSetupCode, setupPuskesmas } from '@/lib/data/setup';
import { correctVisit, recordVisit, visitEditContext } from '@/lib/data/visits';
import {
  addDays,
  COVERAGE_COUNTS,
  coverageByAttendance,
  DEFAULT_VISIT_WINDOWS,
  exclusivityCurve,
  firstBreak,
  fiveMonthDate,
  hasConfirmation,
  indicatorsForMonth,
  isoToday,
  journeyStatus,
  monthBounds,
  monthOf,
  sixMonthDate,
  statusCountsOn,
  stopReasonCounts,
  STOP_REASONS,
  windowsInForce,
  windowStates,
  yearMonthRange,
  zonedInstant,
  zonedParts,
  type BabyFacts,
  type MonthIndicators,
  type VisitFacts,
  type VisitWindow,
  type VisitWindowChange,
  type YearMonth,
  addToYearMonth,
  followedOn,
  babyKnowledge,
  knowledgeCheckDerived,
  KNOWLEDGE_STATEMENTS,
  type KnowledgeSource,
} from '@/lib/domain';
import { IMPORT_COLUMNS, IMPORT_HEADERS, type ImportColumn } from '@/lib/domain/import';
import type { VisitFormValues } from '@/lib/validation/visit';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, puskesmasSetupForm, useDatabase, type TestDb } from './support';

/** A documentation address (RFC 5737): the setup's throttle key. */
const IP = '192.0.2.21';
const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
/** Today in the puskesmas's zone (WIB; the switch to WITA is undone before anything dated today). recordVisit and registerMother read the clock. */
const T = isoToday(WIB);
const day = (n: number) => addDays(T, n);
/** Every month a baby of this test can count in: births from T − 366 days, 6-month dates up to T + 6 months. */
const MONTHS = yearMonthRange(monthOf(day(-400)), monthOf(day(200)));

/** The mothers registered at the desk: birth (days from today), posyandu (index) and the babies' sexes. */
const MOTHERS = {
  A: { born: -330, post: 0, sexes: ['L'] },
  B: { born: -300, post: 0, sexes: ['P'] },
  C: { born: -270, post: 1, sexes: ['L'] },
  D: { born: -240, post: 1, sexes: ['P'] },
  E: { born: -215, post: 2, sexes: ['L'] },
  F: { born: -170, post: 2, sexes: ['P'] },
  G: { born: -150, post: 0, sexes: ['L', 'P'] },
  H: { born: -120, post: 2, sexes: ['P'] },
  I: { born: -90, post: 0, sexes: ['L'] },
  J: { born: -45, post: 1, sexes: ['P'] },
  K: { born: -10, post: 2, sexes: ['L'] },
} as const;
type MotherKey = keyof typeof MOTHERS | 'L';

/** A baby as lib/domain sees it, built from the rows read back, with its place, attendance and windows. */
type Baby = BabyFacts & { id: string; motherId: string; villageId: string; posyanduId: string; attended: boolean; windows: readonly VisitWindow[]; registeredOn: string };

describe.each(BACKENDS)('stored coverage after each lib/data write = lib/domain, on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let puskesmasId = '';
  const villageIds: string[] = [];
  /** Posyandu 0 and 1 in village 0, posyandu 2 in village 1. */
  const posyanduIds: string[] = [];
  const mother: Partial<Record<MotherKey, { id: string; babyIds: string[]; birthDate: string }>> = {};
  const m = (k: MotherKey) => mother[k]!;
  const babyOf = (k: MotherKey, i = 0) => m(k).babyIds[i]!;
  let phoneSeq = 0;

  beforeAll(async () => {
    db = await useDatabase(backend);
  }, 120_000);
  afterAll(() => db.dispose());

  // ---------------------------------------------------------------------------------------------
  // The oracle: records read back, lib/domain applied, compared with every stored figure.

  async function readBack(): Promise<Baby[]> {
    if (!puskesmasId) return [];
    const [p] = await db.db.select({ timeZone: puskesmas.timeZone, visitWindows: puskesmas.visitWindows }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
    const rows = await db.db
      .select({
        id: babies.id,
        sex: babies.sex,
        birthDate: babies.birthDate,
        exitDate: babies.exitDate,
        exitReason: babies.exitReason,
        motherId: babies.motherId,
        villageId: mothers.villageId,
        posyanduId: mothers.posyanduId,
        createdAt: babies.createdAt,
      })
      .from(babies)
      .innerJoin(mothers, eq(mothers.id, babies.motherId))
      .where(eq(babies.puskesmasId, puskesmasId))
      .orderBy(asc(babies.id));
    const visitRows = await db.db
      .select({ ...VISIT_FACT_COLUMNS, babyId: visits.babyId })
      .from(visits)
      .where(eq(visits.puskesmasId, puskesmasId))
      .orderBy(asc(visits.visitDate), asc(visits.id));
    const presence = await db.db
      .select({ motherId: attendance.motherId, status: attendance.status, sessionStatus: groupSessions.status, startsAt: groupSessions.startsAt })
      .from(attendance)
      .innerJoin(groupSessions, eq(groupSessions.id, attendance.sessionId))
      .where(eq(attendance.puskesmasId, puskesmasId));
    const settings = await db.db
      .select({ effectiveFrom: visitWindowSettings.effectiveFrom, windows: visitWindowSettings.windows })
      .from(visitWindowSettings)
      .where(eq(visitWindowSettings.puskesmasId, puskesmasId));
    return rows.map(({ createdAt, ...b }) => {
      const six = sixMonthDate(b.birthDate);
      return {
        ...b,
        // The day it was registered, in the puskesmas's zone (decision 060).
        registeredOn: zonedParts(createdAt, p!.timeZone).date,
        visits: visitRows.filter((v) => v.babyId === b.id).map(({ babyId: _b, ...v }): VisitFacts => v),
        // DESIGN §3 "Sessions": present at a session not cancelled that started (in the puskesmas's zone) before the 6-month date.
        attended: presence.some(
          (a) => a.motherId === b.motherId && a.status === 'present' && a.sessionStatus !== 'cancelled' && zonedParts(a.startsAt, p!.timeZone).date < six,
        ),
        // The setting in force on the birth date.
        windows: windowsInForce(settings as VisitWindowChange[], p!.visitWindows as VisitWindow[] | null, b.birthDate),
      };
    });
  }

  type Group = { id: string | null; has: (b: Baby) => boolean };
  const villageGroups = (): Group[] => villageIds.map((id) => ({ id, has: (b) => b.villageId === id }));
  const posyanduGroups = (): Group[] => posyanduIds.map((id) => ({ id, has: (b) => b.posyanduId === id }));
  const scopes = (): { name: string; scope: CoverageScope; has: (b: Baby) => boolean }[] => [
    { name: 'puskesmas', scope: { puskesmasId }, has: () => true },
    ...villageIds.map((id, i) => ({ name: `village ${i}`, scope: { puskesmasId, villageId: id }, has: (b: Baby) => b.villageId === id })),
    ...posyanduIds.map((id, i) => ({ name: `posyandu ${i}`, scope: { puskesmasId, posyanduId: id }, has: (b: Baby) => b.posyanduId === id })),
  ];
  const strip = ({ year: _y, month: _m, ...t }: MonthIndicators) => t;
  const EMPTY = strip(indicatorsForMonth([], 2000, 1));
  const bounds = (ym: YearMonth) => monthBounds(ym.year, ym.month);

  /** Every stored figure = lib/domain on the records as they are now. Returns the babies read back. */
  async function expectStoredEqualsDomain(label: string): Promise<Baby[]> {
    const list = await readBack();
    if (!puskesmasId) {
      const [n] = rowsOf<{ n: number }>(
        await db.db.execute(
          sql`select (select count(*) from coverage_months)::int + (select count(*) from coverage_baby_months)::int + (select count(*) from coverage_baby_windows)::int as n`,
        ),
      );
      expect(n!.n, `${label}: nothing stored`).toBe(0);
      return list;
    }
    const all: CoverageScope = { puskesmasId };
    const from = MONTHS[0]!;
    const to = MONTHS[MONTHS.length - 1]!;

    // The babies' stored state (first break, confirmation, attendance).
    const states = await db.db
      .select({ id: babies.id, fb: babies.stateFirstBreak, r: babies.stateBreakReason, c: babies.stateConfirmed, a: babies.stateAttended })
      .from(babies)
      .where(eq(babies.puskesmasId, puskesmasId))
      .orderBy(asc(babies.id));
    expect(states, `${label}: babies' state`).toEqual(
      list.map((b) => {
        const fb = firstBreak(b);
        return { id: b.id, fb: fb?.date ?? null, r: fb?.reason ?? null, c: hasConfirmation(b), a: b.attended };
      }),
    );

    // Knowledge (issue #28): each baby's baseline level and counselled topics, each check's occasion and rose.
    const checkRows = await db.db.select().from(knowledgeChecks).where(eq(knowledgeChecks.puskesmasId, puskesmasId));
    const counselRows = await db.db
      .select({ babyId: visits.babyId, visitDate: visits.visitDate, counselling: visits.counselling })
      .from(visits)
      .where(eq(visits.puskesmasId, puskesmasId));
    const knowledgeCols = await db.db
      .select({ id: babies.id, kb: babies.knowledgeBaseline, ct: babies.counselledTopics })
      .from(babies)
      .where(eq(babies.puskesmasId, puskesmasId))
      .orderBy(asc(babies.id));
    const derivedChecks = new Map<string, { occasion: string | null; rose: boolean | null }>();
    expect(knowledgeCols, `${label}: babies' knowledge`).toEqual(
      list.map((b) => {
        const k = babyKnowledge({
          birthDate: b.birthDate,
          visitDates: b.visits.map((v) => v.visitDate),
          counselling: counselRows.filter((v) => v.babyId === b.id).map((v) => ({ visitDate: v.visitDate, topics: v.counselling })),
          checks: checkRows
            .filter((c) => c.babyId === b.id)
            .map((c) => ({ id: c.id, source: c.source as KnowledgeSource, takenOn: c.takenOn, score: c.score, total: c.total, createdAt: c.createdAt })),
        });
        for (const c of checkRows.filter((x) => x.babyId === b.id)) derivedChecks.set(c.id, knowledgeCheckDerived(c.id, k));
        return { id: b.id, kb: k.baselineLevel, ct: k.counselledTopics };
      }),
    );
    for (const c of checkRows)
      expect({ occasion: c.occasion, rose: c.rose }, `${label}: check ${c.id}`).toEqual(derivedChecks.get(c.id) ?? { occasion: null, rose: null });

    // O1–O5 and both coverages, every month, per posyandu, per village and in total.
    for (const [groupBy, groups] of [
      ['posyandu', posyanduGroups()],
      ['village', villageGroups()],
      ['none', [{ id: null, has: () => true }]],
    ] as const) {
      const rows = await indicatorsForMonthsStored(db.db, from, to, all, groupBy);
      for (const r of rows)
        expect(groups.some((g) => g.id === r.groupId) && MONTHS.some((ym) => ym.year === r.year && ym.month === r.month), `${label}: stray row`).toBe(true);
      for (const ym of MONTHS) {
        for (const g of groups) {
          const want = strip(indicatorsForMonth(list.filter(g.has), ym.year, ym.month));
          const got = rows.find((r) => r.year === ym.year && r.month === ym.month && r.groupId === g.id);
          expect(got?.totals ?? EMPTY, `${label}: indicators by ${groupBy} ${g.id} ${ym.year}-${ym.month}`).toEqual(want);
        }
      }
    }

    for (const s of scopes()) {
      const inScope = list.filter(s.has);
      // The trend of both coverages.
      const trend = await coverageTrendStored(db.db, from, to, s.scope);
      expect(trend.length).toBe(MONTHS.length);
      for (const r of trend) {
        const want = indicatorsForMonth(inScope, r.year, r.month);
        expect({ recall: r.recallCoverage, six: r.sixMonthCoverage }, `${label}: trend ${s.name} ${r.year}-${r.month}`).toEqual({
          recall: want.recallCoverage,
          six: want.sixMonthCoverage,
        });
      }
      // Stop reasons and coverage by attendance over the whole period.
      const stops = await stopReasonsStored(db.db, from, to, s.scope, 'none');
      expect(Object.fromEntries(STOP_REASONS.map((r) => [r, stops.find((x) => x.reason === r)?.n ?? 0])), `${label}: stop reasons ${s.name}`).toEqual(
        stopReasonCounts(inScope, bounds(from).first, bounds(to).last),
      );
      expect(await coverageByAttendanceStored(db.db, from, to, s.scope), `${label}: by attendance ${s.name}`).toEqual(
        coverageByAttendance(inScope, new Set(inScope.filter((b) => b.attended).map((b) => b.id)), { from, to }),
      );
      // The curve and the status counts on a few days (the stored part and the month in progress).
      for (const d of [T, day(-120), day(60), bounds(monthOf(T)).first]) {
        expect(await exclusivityCurveStored(db.db, d, s.scope), `${label}: curve ${s.name} on ${d}`).toEqual(exclusivityCurve(inScope, d));
        expect(await statusCountsStored(db.db, d, s.scope), `${label}: status ${s.name} on ${d}`).toEqual(statusCounts(inScope, d));
      }
    }

    // Month by month: stop reasons per village, coverage by attendance in total.
    const attended = new Set(list.filter((b) => b.attended).map((b) => b.id));
    for (const ym of MONTHS) {
      const { first, last } = bounds(ym);
      const stops = await stopReasonsStored(db.db, ym, ym, all, 'village');
      for (const v of villageGroups()) {
        const got = Object.fromEntries(STOP_REASONS.map((r) => [r, stops.find((x) => x.groupId === v.id && x.reason === r)?.n ?? 0]));
        expect(got, `${label}: stop reasons ${ym.year}-${ym.month} village ${v.id}`).toEqual(stopReasonCounts(list.filter(v.has), first, last));
      }
      expect(await coverageByAttendanceStored(db.db, ym, ym, all), `${label}: by attendance ${ym.year}-${ym.month}`).toEqual(
        coverageByAttendance(list, attended, { from: ym, to: ym }),
      );
    }

    // The curve and the status as "today" moves over the first and last days of every month.
    const days = [...new Set([day(-1), day(1), ...MONTHS.flatMap((ym) => [bounds(ym).first, bounds(ym).last])])];
    for (const d of days) {
      expect(await exclusivityCurveStored(db.db, d, all), `${label}: curve on ${d}`).toEqual(exclusivityCurve(list, d));
      expect(await statusCountsStored(db.db, d, all), `${label}: status on ${d}`).toEqual(statusCounts(list, d));
    }
    for (const d of [T, day(-200), day(45)]) {
      const perVillage = new Map<string, number>();
      for (const b of list) {
        const key = `${b.villageId}:${journeyStatus(b, d).status}`;
        perVillage.set(key, (perVillage.get(key) ?? 0) + 1);
      }
      const got = await statusCountsByVillage(db.db, d, sql`b.puskesmas_id = ${puskesmasId}`);
      expect(new Map(got.map((r) => [`${r.villageId}:${r.status}`, r.n])), `${label}: status per village on ${d}`).toEqual(perVillage);
    }

    // The kader table: visit windows that closed in a month (or a period), in their state on a day.
    const outcomes = async (scope: CoverageScope, month: YearMonth | { from: YearMonth; to: YearMonth }, asOf: string, want: (p: string) => Record<string, number>) => {
      const L = bounds('from' in month ? month.to : month).last;
      const got = await windowOutcomesStored(db.db, scope, month, asOf, T > L || asOf > L);
      for (const p of posyanduIds) {
        const w = want(p);
        expect(got.get(p) ?? { onTime: 0, late: 0, missed: 0 }, `${label}: windows ${JSON.stringify(month)} on ${asOf}, posyandu ${p}`).toEqual(w);
      }
    };
    const windowsWant = (p: string, F: string, L: string, asOf: string, has: (b: Baby) => boolean = () => true) => {
      const want = { onTime: 0, late: 0, missed: 0 };
      for (const b of list.filter((x) => x.posyanduId === p && has(x))) {
        const dates = b.visits.map((v) => v.visitDate).filter((d) => d <= asOf);
        // A period over is judged at the end of its last day (decision 050): the next day's states.
        const judged = T > L || asOf > L ? addDays(asOf, 1) : asOf;
        for (const w of windowStates(b.birthDate, dates, judged, b.windows, b.registeredOn)) {
          if (w.to < F || w.to > L) continue;
          // Babies exited (before the 6-month date: journey rule) by the last day of the month the window closed in are left out.
          if (b.exitDate !== null && b.exitDate < sixMonthDate(b.birthDate) && b.exitDate <= bounds(monthOf(w.to)).last) continue;
          if (w.state === 'done_on_time') want.onTime++;
          else if (w.state === 'done_late') want.late++;
          else if (w.state === 'missed') want.missed++;
        }
      }
      return want;
    };
    for (const ym of MONTHS) {
      const { first, last } = bounds(ym);
      for (const asOf of [last, T, day(200)]) await outcomes(all, ym, asOf, (p) => windowsWant(p, first, last, asOf));
    }
    await outcomes(all, { from, to }, T, (p) => windowsWant(p, bounds(from).first, bounds(to).last, T));
    await outcomes({ puskesmasId, villageId: villageIds[0]! }, { from, to }, day(200), (p) =>
      windowsWant(p, bounds(from).first, bounds(to).last, day(200), (b) => b.villageId === villageIds[0]),
    );

    // The sums are the sums of the per-baby rows, every column; no row of a baby that is gone.
    const sums = sql.raw(COVERAGE_COUNTS.map((c) => `sum(${c})::int as ${c}`).join(', '));
    const differs = sql.raw(COVERAGE_COUNTS.map((c) => `coalesce(s.${c}, 0) <> coalesce(c.${c}, 0)`).join(' or '));
    const [diff] = rowsOf<{ rows: number; orphans: number }>(
      await db.db.execute(sql`
        select (select count(*) from (select puskesmas_id, month, village_id, posyandu_id, ${sums} from coverage_baby_months group by 1, 2, 3, 4) s
                  full join coverage_months c using (puskesmas_id, month, village_id, posyandu_id) where ${differs})::int as rows,
               (select count(*) from coverage_baby_months cbm where not exists (select 1 from babies b where b.id = cbm.baby_id))::int as orphans`),
    );
    expect(diff, `${label}: coverage_months = sums of coverage_baby_months`).toEqual({ rows: 0, orphans: 0 });

    // The kader table's mothers followed on a day (lib/domain followedOn, stored as
    // babies.followed_until): today, and on the last day of last month. Her one account works
    // in every posyandu, so the table has her alone, with every mother followed.
    const kaderNow = kader as Actor | undefined;
    if (kaderNow && list.length) {
      for (const [month, asOf] of [
        [monthOf(T), T],
        [addToYearMonth(monthOf(T), -1), bounds(addToYearMonth(monthOf(T), -1)).last],
      ] as const) {
        const board = await coverageDashboard(staff, { month, villageId: null, posyanduId: null });
        const want = new Set(list.filter((b) => followedOn(b, asOf)).map((b) => b.motherId)).size;
        expect(
          board.kaders.map((k) => [k.id, k.mothersFollowed]),
          `${label}: mothers followed on ${asOf}`,
        ).toEqual([[kaderNow.id, want]]);
      }
    }
    return list;
  }

  /** The status card: babies born by the day (decision 050), lib/domain statusCountsOn. */
  const statusCounts = (list: readonly Baby[], d: string) => statusCountsOn(list, d);

  /** What a dashboard shows today, stored: the status counts and how many babies count as attended. */
  async function today(list: Baby[]) {
    return { status: await statusCountsStored(db.db, T, { puskesmasId }), attended: list.filter((b) => b.attended).length };
  }

  // ---------------------------------------------------------------------------------------------
  // The writes, in the order a puskesmas would make them.

  const phone = () => `0857-3333-${String(1000 + phoneSeq++).padStart(4, '0')}`;

  /** A visit `offset` days after the birth of baby `i` of mother `k`, answered as exclusive unless overridden; confirmed from the 5-month date on. */
  function visit(k: MotherKey, offset: number, over: Partial<VisitFormValues> = {}, i = 0): VisitFormValues {
    const date = addDays(m(k).birthDate, offset);
    if (date > T) throw new Error(`visit of ${k} in the future`);
    return answeredVisit(randomUUID(), babyOf(k, i), date, { ...(date >= fiveMonthDate(m(k).birthDate) ? { confirmedExclusive: 'yes' } : {}), ...over });
  }
  async function record(v: VisitFormValues) {
    const res = await recordVisit(kader, v);
    if (!res.ok || !res.created) throw new Error(`visit refused: ${JSON.stringify(res)}`);
    return v.id;
  }
  async function register(k: MotherKey, birthDate: string, post: number, sexes: readonly string[]) {
    const res = await registerMother(kader, {
      id: randomUUID(),
      name: `Ibu ${k}`,
      phone: phone(),
      nik: '',
      posyanduId: posyanduIds[post]!,
      birthDate,
      babies: sexes.map((sex) => ({ sex, name: '', birthWeightGrams: '3100' })),
      consent: true,
    });
    if (!res.ok) throw new Error(`registration refused: ${JSON.stringify(res)}`);
    mother[k] = { id: res.motherId, babyIds: res.babyIds, birthDate };
  }

  /** A session of village `v` on `date` (in the puskesmas's zone), created the day before. Returns its id and start. */
  const sessionForm = (id: string, v: number, date: string, startTime = '09:00', endTime = '11:00') => ({
    id,
    title: 'Kelas menyusui',
    topic: 'ten_steps',
    topicText: '',
    date,
    startTime,
    endTime,
    place: 'Balai Desa',
    villageId: villageIds[v]!,
    posyanduId: '',
    facilitators: 'Bidan Sri',
    capacity: '30',
  });
  async function session(v: number, date: string, startTime = '09:00', endTime = '11:00') {
    const id = randomUUID();
    const start = zonedInstant(date, startTime, WIB);
    const res = await createGroupSession(staff, sessionForm(id, v, date, startTime, endTime), new Date(start.getTime() - 86_400_000));
    if (!res.ok) throw new Error(`session refused: ${JSON.stringify(res)}`);
    return { id, start, at: (hours: number) => new Date(start.getTime() + hours * 3_600_000) };
  }

  it('an empty database stores nothing', async () => {
    await expectStoredEqualsDomain('empty');
  });

  it('first-run setup, places and accounts, all through lib/data: still nothing counted', async () => {
    const code = await issueSetupCode();
    const password = 'Menyusui-Cakupan-2026';
    const res = await setupPuskesmas(
      null,
      { setupCode: code!, ...puskesmasSetupForm('Puskesmas Cakupan Uji', 'CKU', '0811-9000-2101'), password, confirm: password },
      IP,
    );
    if (!res.ok) throw new Error(`setup refused: ${JSON.stringify(res)}`);
    puskesmasId = res.puskesmasId;
    admin = await actorFor(db, '0811-9000-2101');
    for (const [name, posts] of [
      ['Bojong Kulur', ['Posyandu Mawar', 'Posyandu Melati']],
      ['Cikeas Udik', ['Posyandu Kenanga']],
    ] as const) {
      const v = await createVillage(admin, { name, kind: 'desa' });
      if (!v.ok) throw new Error('village refused');
      villageIds.push(v.id);
      for (const p of posts) {
        const r = await createPosyandu(admin, { villageId: v.id, name: p, rw: '01', address: '' });
        if (!r.ok) throw new Error('posyandu refused');
        posyanduIds.push(r.id);
      }
    }
    const s = await createAccount(admin, { role: 'staff', name: 'Bidan Sri Wahyuni', phone: '0812-4000-2101' });
    const k = await createAccount(admin, { role: 'kader', name: 'Euis Rohaeti', phone: '0812-4000-2102', posyanduIds: [...posyanduIds] });
    expect([s.ok, k.ok]).toEqual([true, true]);
    staff = await actorFor(db, '0812-4000-2101');
    kader = await actorFor(db, '0812-4000-2102');
    expect(kader.villageIds).toHaveLength(2);
    const list = await expectStoredEqualsDomain('set up');
    expect(list).toHaveLength(0);
  });

  it('registerMother: eleven mothers, twins among them, twelve babies', async () => {
    for (const [k, s] of Object.entries(MOTHERS)) await register(k as MotherKey, day(s.born), s.post, s.sexes);
    const list = await expectStoredEqualsDomain('registered');
    expect(list).toHaveLength(12);
    // No visit yet: those past their 6-month date are unrecorded, the others ongoing.
    expect(await today(list)).toEqual({ status: { unrecorded: 5, ongoing: 7 }, attended: 0 });
    // This month every baby under 6 months has no recall: O3.
    const [now] = await indicatorsForMonthsStored(db.db, monthOf(T), monthOf(T), { puskesmasId });
    expect(now!.totals.O3.total).toBe(7);
  });

  it('recordVisit (and a visit from the outbox): breaks, a late report, confirmations, two visits on one day', async () => {
    for (const d of [10, 40, 75, 110, 160]) await record(visit('A', d));
    await record(visit('B', 15));
    await record(visit('B', 45, { recallItems: ['formula'], breakReason: 'back_to_work' }));
    await record(visit('B', 90));
    await record(visit('C', 20));
    // Told at day 100 that the baby had water since day 70: the break is dated day 70, another month.
    await record(visit('C', 100, { givenSinceLast: 'yes', givenSinceLastDate: addDays(m('C').birthDate, 70), breakReason: 'medical' }));
    await record(visit('D', 30, { recallItems: ['formula'], breakReason: 'low_supply' }));
    await record(visit('D', 160));
    await record(visit('E', 20));
    await record(visit('E', 50));
    await record(visit('F', 10));
    for (const i of [0, 1]) await record(visit('G', 14, {}, i));
    await record(visit('G', 60, {}, 0));
    await record(visit('G', 60, { recallItems: ['herbal'], breakReason: 'family_pressure' }, 1));
    await record(visit('I', 7));
    await record(visit('I', 35, { recallItems: ['water'], breakReason: 'baby_ill' }));
    await record(visit('J', 5));
    await record(visit('J', 30));
    await record(visit('J', 30, { recallItems: ['formula'], breakReason: 'other' }));
    await record(visit('K', 3));
    const { id, ...payload } = visit('K', 8);
    expect(await receiveOutboxRecord(kader, { kind: 'visit', id, payload })).toEqual({ http: 200, body: { status: 'stored', id } });
    const list = await expectStoredEqualsDomain('visits recorded');
    expect(await today(list)).toEqual({ status: { graduated: 1, broken: 6, unrecorded: 1, ongoing: 4 }, attended: 0 });
  });

  it("recordKnowledgeCheck and counselling on a visit: baselines, an endline, a mother's own check; the derived columns follow", async () => {
    const right = Object.fromEntries(KNOWLEDGE_STATEMENTS.map((s) => [s.id, s.correct]));
    const withWrong = (n: number) => ({ ...right, ...Object.fromEntries(KNOWLEDGE_STATEMENTS.slice(0, n).map((s) => [s.id, 'dont_know'])) });
    const check = async (actor: Actor, k: MotherKey | null, offset: number, answers: Record<string, string>) => {
      const id = randomUUID();
      const res = await recordKnowledgeCheck(actor, { id, ...(k ? { babyId: babyOf(k), takenOn: addDays(m(k).birthDate, offset) } : {}), ...answers });
      if (!res.ok || !res.created) throw new Error(`check refused: ${JSON.stringify(res)}`);
      return id;
    };
    // A: baseline on the first visit's day (low), endline at day 160 (from the 5-month date), rose.
    await check(kader, 'A', 10, withWrong(4));
    await check(kader, 'A', 160, withWrong(1));
    // D: a baseline before its first visit (high); E: a check only after its first visit (none).
    await check(kader, 'D', 25, right);
    await check(kader, 'E', 40, right);
    // K: counselling on a visit today, a baseline with its first visit (day 3; 8 of 10: high).
    await check(kader, 'K', 3, withWrong(2));
    await record(visit('K', 10, { counselling: ['exclusive_bf', 'family_support'] }));
    // A mother's own check: never counted.
    const ibuA = await actorFor(
      db,
      (
        await db.db
          .select({ phone: mothers.phone })
          .from(mothers)
          .where(eq(mothers.id, m('A').id))
      )[0]!.phone!,
    );
    await check(ibuA, null, 0, right);
    const list = await expectStoredEqualsDomain('knowledge checks');
    const [a] = await db.db
      .select({ kb: babies.knowledgeBaseline })
      .from(babies)
      .where(eq(babies.id, babyOf('A')));
    const [k] = await db.db
      .select({ kb: babies.knowledgeBaseline, ct: babies.counselledTopics })
      .from(babies)
      .where(eq(babies.id, babyOf('K')));
    expect([a!.kb, k!.kb, k!.ct]).toEqual(['low', 'high', ['exclusive_bf', 'family_support']]);
    const occasions = await db.db.select({ o: knowledgeChecks.occasion, r: knowledgeChecks.rose, s: knowledgeChecks.source }).from(knowledgeChecks);
    expect(occasions.filter((x) => x.o === 'baseline')).toHaveLength(3);
    expect(occasions.filter((x) => x.o === 'endline')).toEqual([{ o: 'endline', r: true, s: 'kader' }]);
    expect(occasions.find((x) => x.s === 'self')!.o).toBeNull();
    expect(list.length).toBe(12);
  });

  it('correctVisit: a break removed, a visit date moved', async () => {
    const [dBreak] = await db.db
      .select({ id: visits.id })
      .from(visits)
      .where(sql`${visits.babyId} = ${babyOf('D')} and cardinality(${visits.recallItems}) > 0`);
    const ctx = await visitEditContext(staff, babyOf('D'), dBreak!.id);
    expect(await correctVisit(staff, { ...ctx.values, recallItems: [], breakReason: '', reason: 'Dicek ulang bidan: tidak pernah diberi formula' })).toMatchObject({
      ok: true,
      changed: ['recallItems', 'breakReason'],
    });
    const [eLate] = await db.db
      .select({ id: visits.id })
      .from(visits)
      .where(sql`${visits.babyId} = ${babyOf('E')} and ${visits.visitDate} = ${addDays(m('E').birthDate, 50)}::date`);
    const ctxE = await visitEditContext(staff, babyOf('E'), eLate!.id);
    expect(await correctVisit(staff, { ...ctxE.values, visitDate: addDays(m('E').birthDate, 80), reason: 'Tanggal kunjungan salah tulis' })).toMatchObject({
      ok: true,
      changed: ['visitDate'],
    });
    const list = await expectStoredEqualsDomain('visits corrected');
    expect(await today(list)).toEqual({ status: { graduated: 2, broken: 5, unrecorded: 1, ongoing: 4 }, attended: 0 });
  });

  it('exitBaby and transferMother (to a posyandu of the other village)', async () => {
    expect(await exitBaby(staff, { babyId: babyOf('F'), exitDate: addDays(m('F').birthDate, 60), exitReason: 'moved', reason: 'Pindah ke luar kota' })).toEqual({
      ok: true,
      babyId: babyOf('F'),
    });
    expect(await transferMother(staff, { motherId: m('G').id, posyanduId: posyanduIds[2]!, reason: 'Pindah rumah ke desa lain' })).toEqual({
      ok: true,
      motherId: m('G').id,
      changed: true,
    });
    const list = await expectStoredEqualsDomain('exit and transfer');
    expect(list.filter((b) => b.posyanduId === posyanduIds[2]).length).toBe(6);
    expect(await today(list)).toEqual({ status: { graduated: 2, broken: 5, unrecorded: 1, ongoing: 3, exited: 1 }, attended: 0 });
  });

  it('a session: attendance marked in person, from the phone and from its outbox, changed; walk-ins; the register closed', async () => {
    const s = await session(0, day(-200));
    await markAttendance(staff, { sessionId: s.id, motherId: m('A').id, status: 'present' }, s.at(0));
    expect(await markAttendanceFromDevice(kader, { id: randomUUID(), sessionId: s.id, motherId: m('B').id, status: 'present' }, s.at(0.5))).toMatchObject({
      ok: true,
      created: true,
    });
    const outboxId = randomUUID();
    expect(await receiveOutboxRecord(kader, { kind: 'attendance', id: outboxId, payload: { sessionId: s.id, motherId: m('C').id, status: 'present' } })).toEqual({
      http: 200,
      body: { status: 'stored', id: outboxId },
    });
    await markAttendance(staff, { sessionId: s.id, motherId: m('D').id, status: 'excused' }, s.at(1));
    let list = await expectStoredEqualsDomain('attendance marked');
    expect((await today(list)).attended).toBe(3);
    await markAttendance(kader, { sessionId: s.id, motherId: m('C').id, status: 'absent' }, s.at(1));
    list = await expectStoredEqualsDomain('attendance changed to absent');
    expect((await today(list)).attended).toBe(2);
    await markAttendance(kader, { sessionId: s.id, motherId: m('C').id, status: 'present' }, s.at(1));
    const walkIn = randomUUID();
    expect(await addWalkIn(kader, { sessionId: s.id, id: walkIn, name: 'Ibu Hamil Sari', role: 'pregnant' }, s.at(1))).toEqual({ ok: true });
    await markWalkIn(kader, { sessionId: s.id, attendanceId: walkIn, status: 'absent' }, s.at(1));
    list = await expectStoredEqualsDomain('attendance present again, walk-ins');
    expect((await today(list)).attended).toBe(3);
    await closeRegister(staff, s.id, s.at(3));
    const [closed] = await db.db.select({ status: groupSessions.status }).from(groupSessions).where(eq(groupSessions.id, s.id));
    expect(closed!.status).toBe('closed');
    list = await expectStoredEqualsDomain('register closed');
    expect((await today(list)).attended).toBe(3);
  });

  it('cancelGroupSession: a mother present at a cancelled session did not attend', async () => {
    const s = await session(1, day(-160));
    await markAttendance(staff, { sessionId: s.id, motherId: m('E').id, status: 'present' }, s.at(0));
    let list = await expectStoredEqualsDomain('present at a session');
    expect((await today(list)).attended).toBe(4);
    expect(await cancelGroupSession(staff, { sessionId: s.id, reason: 'Hujan deras, balai desa banjir' })).toEqual({ ok: true });
    list = await expectStoredEqualsDomain('session cancelled');
    expect((await today(list)).attended).toBe(3);
  });

  it('updateGroupSession: a session moved from before to after the 6-month date', async () => {
    const six = sixMonthDate(m('E').birthDate);
    const s = await session(1, addDays(six, -3), '10:00', '12:00');
    await markAttendance(kader, { sessionId: s.id, motherId: m('E').id, status: 'present' }, s.at(0));
    let list = await expectStoredEqualsDomain('present before the 6-month date');
    expect(list.find((b) => b.id === babyOf('E'))!.attended).toBe(true);
    const res = await updateGroupSession(staff, s.id, sessionForm(s.id, 1, addDays(six, 2), '10:00', '12:00'), s.at(0.5));
    expect(res).toEqual({ ok: true, id: s.id, created: false });
    list = await expectStoredEqualsDomain('session moved after the 6-month date');
    expect(list.find((b) => b.id === babyOf('E'))!.attended).toBe(false);
    expect((await today(list)).attended).toBe(3);
  });

  it("saveProfile: the time zone decides a session's day (23.30 WIB the day before the 6-month date is 00.30 WITA on it)", async () => {
    const six = sixMonthDate(m('D').birthDate);
    const s = await session(0, addDays(six, -1), '23:30', '23:50');
    await markAttendance(staff, { sessionId: s.id, motherId: m('D').id, status: 'present' }, s.at(0));
    let list = await expectStoredEqualsDomain('present at 23.30 WIB');
    expect(list.find((b) => b.id === babyOf('D'))!.attended).toBe(true);
    const { profile } = await settingsOverview(admin);
    expect(await saveProfile(admin, { ...profile, address: profile.address ?? '', timeZone: WITA })).toEqual({ ok: true, changed: true });
    list = await expectStoredEqualsDomain('time zone WITA');
    expect(list.find((b) => b.id === babyOf('D'))!.attended).toBe(false);
    expect((await today(list)).attended).toBe(3);
    expect(await saveProfile(admin, { ...profile, address: profile.address ?? '', timeZone: WIB })).toEqual({ ok: true, changed: true });
    list = await expectStoredEqualsDomain('time zone WIB again');
    expect((await today(list)).attended).toBe(4);
  });

  it('saveVisitWindows: a baby born today follows the new windows', async () => {
    await register('L', isoToday(WIB), 0, ['P']);
    let list = await expectStoredEqualsDomain('born today');
    expect(list.find((b) => b.id === babyOf('L'))!.windows).toEqual(DEFAULT_VISIT_WINDOWS);
    const windows = [
      { fromDay: 1, toDay: 10 },
      { fromDay: 11, toDay: 45 },
      { fromDay: 46, toDay: null },
    ];
    expect(await saveVisitWindows(admin, { windows })).toEqual({ ok: true, changed: true });
    list = await expectStoredEqualsDomain('own visit windows');
    expect(list.find((b) => b.id === babyOf('L'))!.windows).toEqual(windows);
    // Born earlier: the windows it had.
    expect(list.find((b) => b.id === babyOf('K'))!.windows).toEqual(DEFAULT_VISIT_WINDOWS);
    const [n] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from coverage_baby_windows where baby_id = ${babyOf('L')}`));
    expect(n!.n).toBe(3);
  });

  it('previewImport writes nothing counted; confirmImport adds the babies (twins among them)', async () => {
    const { places } = await importContext(staff);
    const [p1, p2] = [places.find((p) => p.posyandu === 'Posyandu Melati')!, places.find((p) => p.posyandu === 'Posyandu Kenanga')!];
    const twinsPhone = phone();
    const rows: Partial<Record<ImportColumn, string>>[] = [
      { motherName: 'Ibu Impor Satu', phone: phone(), village: p1.village, posyandu: p1.posyandu, sex: 'L', birthDate: day(-100) },
      { motherName: 'Ibu Impor Dua', phone: twinsPhone, village: p2.village, posyandu: p2.posyandu, sex: 'P', birthDate: day(-5) },
      { motherName: 'Ibu Impor Dua', phone: twinsPhone, village: p2.village, posyandu: p2.posyandu, sex: 'L', birthDate: day(-5) },
    ];
    const quote = (v: string | undefined) => (v === undefined ? '' : /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const csv = [IMPORT_COLUMNS.map((c) => quote(IMPORT_HEADERS[c])).join(','), ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c])).join(','))].join('\r\n');
    const preview = await previewImport(staff, new TextEncoder().encode(`${csv}\r\n`));
    if (!preview.ok) throw new Error(`preview refused: ${JSON.stringify(preview)}`);
    expect(preview.counts).toEqual({ new: 3, existing: 0, rejected: 0 });
    let list = await expectStoredEqualsDomain('import previewed');
    expect(list).toHaveLength(13);
    const res = await confirmImport(staff, { batchId: preview.batchId, consent: true });
    expect(res).toMatchObject({ ok: true, already: false, counts: { mothers: 2, babies: 3 } });
    const [batch] = await db.db.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, preview.batchId));
    expect(batch!.status).toBe('confirmed');
    list = await expectStoredEqualsDomain('import confirmed');
    expect(list).toHaveLength(16);
    expect(await today(list)).toEqual({ status: { graduated: 2, broken: 5, unrecorded: 1, ongoing: 7, exited: 1 }, attended: 4 });
    // A kader visits an imported baby: it was given formula.
    const imported = list.find((b) => b.birthDate === day(-100))!;
    const v = answeredVisit(randomUUID(), imported.id, day(-1), { recallItems: ['formula'], breakReason: 'low_supply' });
    await record(v);
    list = await expectStoredEqualsDomain('imported baby visited');
    expect((await today(list)).status).toEqual({ graduated: 2, broken: 6, unrecorded: 1, ongoing: 6, exited: 1 });
  });

  it('a baby leaving today is no longer followed today (the kader table), nor counted in its status', async () => {
    // The imported mother of one baby: her baby was the only one she had followed.
    const list = await readBack();
    const leaving = list.find((b) => b.birthDate === day(-100) && b.exitDate === null)!;
    const before = new Set(list.filter((b) => followedOn(b, T)).map((b) => b.motherId)).size;
    expect(await exitBaby(staff, { babyId: leaving.id, exitDate: T, exitReason: 'moved', reason: 'Pindah ke luar kota' })).toEqual({ ok: true, babyId: leaving.id });
    const after = await expectStoredEqualsDomain('exit today');
    expect(new Set(after.filter((b) => followedOn(b, T)).map((b) => b.motherId)).size).toBe(before - 1);
    expect((await today(after)).status).toEqual({ graduated: 2, broken: 5, unrecorded: 1, ongoing: 6, exited: 2 });
  });
});
