/**
 * The one writer of the derived coverage data (docs/decisions/058): a baby's state columns, its
 * coverage_baby_months and coverage_baby_windows rows. refreshCoverage reads the babies' records
 * (baby, visits, the mother's place and attendance, the visit-window setting in force), lets
 * lib/domain compute what each contributes (babyCoverage) and stores it. Every lib/data write a
 * figure depends on calls it in its own transaction; the seed and `npm run db:recompute` call
 * it for every baby. What it stores carries no rule of its own: the database only sums the
 * month rows into coverage_months (the triggers of migration 0005 that 0011 kept).
 *
 * Concurrency: the babies' rows are locked (FOR NO KEY UPDATE, in id order) before their
 * records are read, so two writes for one baby at once compute one after the other, the second
 * from what the first committed (READ COMMITTED takes a new snapshot per statement). The lock
 * does not conflict with the KEY SHARE lock a new visit's foreign key takes on its baby.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  attendedBeforeSixMonths,
  babyCoverage,
  babyKnowledge,
  knowledgeCheckDerived,
  COVERAGE_COUNTS,
  CURVE_MONTHS,
  windowsInForce,
  zonedParts,
  type AttendanceFacts,
  type BabyCoverage,
  type KnowledgeSource,
  type VisitFacts,
  type VisitWindow,
  type VisitWindowChange,
} from '../lib/domain';
import type { Db, DbOrTx } from './client';
import { attendance, babies, groupSessions, knowledgeChecks, mothers, puskesmas, visits, visitWindowSettings } from './schema';

/** The columns of a visit the rules read (lib/domain VisitFacts); lib/data/facts.ts reads the same. */
export const VISIT_FACT_COLUMNS = {
  id: visits.id,
  visitDate: visits.visitDate,
  breastfed: visits.breastfed,
  recallItems: visits.recallItems,
  givenSinceLast: visits.givenSinceLast,
  givenSinceLastDate: visits.givenSinceLastDate,
  confirmedExclusive: visits.confirmedExclusive,
  breakReason: visits.breakReason,
};

/** Babies per round: the reads and the three writes each take one parameter list of this size. */
const CHUNK = 1000;

const uuidList = (ids: readonly string[]) => sql`${'{' + ids.join(',') + '}'}::uuid[]`;

/** Recompute and store what the babies `babyIds` contribute (any order, duplicates and unknown ids ignored). */
export async function refreshCoverage(tx: DbOrTx, babyIds: readonly string[]): Promise<void> {
  const ids = [...new Set(babyIds)].sort();
  for (let i = 0; i < ids.length; i += CHUNK) await refreshChunk(tx, ids.slice(i, i + CHUNK));
}

type Place = { puskesmasId: string; villageId: string; posyanduId: string };

async function refreshChunk(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  const rows = await tx
    .select({
      id: babies.id,
      puskesmasId: babies.puskesmasId,
      motherId: babies.motherId,
      sex: babies.sex,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      exitReason: babies.exitReason,
      stateFirstBreak: babies.stateFirstBreak,
      stateConfirmed: babies.stateConfirmed,
      stateBreakReason: babies.stateBreakReason,
      stateAttended: babies.stateAttended,
      statusInitial: babies.statusInitial,
      statusChange1: babies.statusChange1,
      status1: babies.status1,
      statusChange2: babies.statusChange2,
      status2: babies.status2,
      followedUntil: babies.followedUntil,
      knowledgeBaseline: babies.knowledgeBaseline,
      counselledTopics: babies.counselledTopics,
      villageId: mothers.villageId,
      posyanduId: mothers.posyanduId,
      baseWindows: puskesmas.visitWindows,
      // The day it was registered (or imported), in the puskesmas's zone: windows owed from then (decision 060).
      createdAt: babies.createdAt,
      timeZone: puskesmas.timeZone,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(puskesmas, eq(puskesmas.id, babies.puskesmasId))
    .where(sql`${babies.id} = any(${uuidList(ids)})`)
    .orderBy(asc(babies.id))
    .for('no key update', { of: babies });
  if (rows.length === 0) return;

  const found = rows.map((r) => r.id);
  const motherIds = [...new Set(rows.map((r) => r.motherId))];
  const puskesmasIds = [...new Set(rows.map((r) => r.puskesmasId))];
  const [visitRows, presence, settings, checkRows] = await Promise.all([
    tx
      .select({ ...VISIT_FACT_COLUMNS, babyId: visits.babyId, counselling: visits.counselling })
      .from(visits)
      .where(sql`${visits.babyId} = any(${uuidList(found)})`)
      // Date, then id: the order lib/domain's ties follow (firstBreak's reason, latest recall).
      .orderBy(asc(visits.babyId), asc(visits.visitDate), asc(visits.id)),
    tx
      .select({
        motherId: attendance.motherId,
        status: attendance.status,
        sessionStatus: groupSessions.status,
        startsAt: groupSessions.startsAt,
        timeZone: puskesmas.timeZone,
      })
      .from(attendance)
      .innerJoin(groupSessions, eq(groupSessions.id, attendance.sessionId))
      .innerJoin(puskesmas, eq(puskesmas.id, groupSessions.puskesmasId))
      .where(sql`${attendance.motherId} = any(${uuidList(motherIds)})`),
    tx
      .select({ puskesmasId: visitWindowSettings.puskesmasId, effectiveFrom: visitWindowSettings.effectiveFrom, windows: visitWindowSettings.windows })
      .from(visitWindowSettings)
      .where(inArray(visitWindowSettings.puskesmasId, puskesmasIds)),
    // The babies' knowledge checks (a mother's own checks have no baby: never baseline or endline).
    tx
      .select({
        id: knowledgeChecks.id,
        babyId: knowledgeChecks.babyId,
        source: knowledgeChecks.source,
        takenOn: knowledgeChecks.takenOn,
        score: knowledgeChecks.score,
        total: knowledgeChecks.total,
        createdAt: knowledgeChecks.createdAt,
        occasion: knowledgeChecks.occasion,
        rose: knowledgeChecks.rose,
      })
      .from(knowledgeChecks)
      .where(sql`${knowledgeChecks.babyId} = any(${uuidList(found)})`),
  ]);

  const visitsOf = new Map<string, VisitFacts[]>();
  const counsellingOf = new Map<string, { visitDate: string; topics: string[] }[]>();
  for (const { babyId, counselling, ...v } of visitRows) {
    const list = visitsOf.get(babyId) ?? [];
    list.push(v);
    visitsOf.set(babyId, list);
    counsellingOf.set(babyId, [...(counsellingOf.get(babyId) ?? []), { visitDate: v.visitDate, topics: counselling }]);
  }
  const checksOf = new Map<string, typeof checkRows>();
  for (const k of checkRows) if (k.babyId) checksOf.set(k.babyId, [...(checksOf.get(k.babyId) ?? []), k]);
  const checkChanged: { id: string; o: string | null; r: boolean | null }[] = [];
  const attendanceOf = new Map<string, AttendanceFacts[]>();
  for (const a of presence) {
    if (!a.motherId) continue;
    const list = attendanceOf.get(a.motherId) ?? [];
    list.push({ present: a.status === 'present', sessionStatus: a.sessionStatus, sessionDay: zonedParts(a.startsAt, a.timeZone).date });
    attendanceOf.set(a.motherId, list);
  }
  const settingsOf = new Map<string, VisitWindowChange[]>();
  for (const s of settings)
    settingsOf.set(s.puskesmasId, [...(settingsOf.get(s.puskesmasId) ?? []), { effectiveFrom: s.effectiveFrom, windows: s.windows as VisitWindow[] }]);

  const computed: { place: Place; id: string; c: BabyCoverage }[] = [];
  const stateChanged: {
    id: string;
    fb: string | null;
    r: string | null;
    c: boolean;
    a: boolean;
    s0: string;
    d1: string | null;
    s1: string | null;
    d2: string | null;
    s2: string | null;
    fu: string | null;
    kb: string | null;
    ct: string[];
  }[] = [];
  for (const b of rows) {
    const attended = attendedBeforeSixMonths(b.birthDate, attendanceOf.get(b.motherId) ?? []);
    const windows = windowsInForce(settingsOf.get(b.puskesmasId) ?? [], b.baseWindows as VisitWindow[] | null, b.birthDate);
    const baby = { id: b.id, sex: b.sex, birthDate: b.birthDate, exitDate: b.exitDate, exitReason: b.exitReason, visits: visitsOf.get(b.id) ?? [] };
    const checks = checksOf.get(b.id) ?? [];
    const k = babyKnowledge({
      birthDate: b.birthDate,
      visitDates: baby.visits.map((v) => v.visitDate),
      counselling: counsellingOf.get(b.id) ?? [],
      checks: checks.map((x) => ({ id: x.id, source: x.source as KnowledgeSource, takenOn: x.takenOn, score: x.score, total: x.total, createdAt: x.createdAt })),
    });
    // The knowledge splits of the month rows (o4_kb_*, o4_c_*) follow the baby's baseline level and counselled topics.
    const c = babyCoverage(baby, attended, windows, zonedParts(b.createdAt, b.timeZone).date, k);
    for (const x of checks) {
      const d = knowledgeCheckDerived(x.id, k);
      if (d.occasion !== x.occasion || d.rose !== x.rose) checkChanged.push({ id: x.id, o: d.occasion, r: d.rose });
    }
    computed.push({ id: b.id, place: { puskesmasId: b.puskesmasId, villageId: b.villageId, posyanduId: b.posyanduId }, c });
    const s = c.state;
    const [c1, c2] = s.timeline.changes;
    const next = {
      id: b.id,
      fb: s.firstBreak,
      r: s.breakReason,
      c: s.confirmed,
      a: s.attended,
      s0: s.timeline.initial,
      d1: c1?.from ?? null,
      s1: c1?.status ?? null,
      d2: c2?.from ?? null,
      s2: c2?.status ?? null,
      fu: s.followedUntil,
      kb: k.baselineLevel,
      ct: [...k.counselledTopics] as string[],
    };
    const stored = {
      id: b.id,
      fb: b.stateFirstBreak,
      r: b.stateBreakReason,
      c: b.stateConfirmed,
      a: b.stateAttended,
      s0: b.statusInitial,
      d1: b.statusChange1,
      s1: b.status1,
      d2: b.statusChange2,
      s2: b.status2,
      fu: b.followedUntil,
      kb: b.knowledgeBaseline,
      ct: b.counselledTopics,
    };
    if (JSON.stringify(next) !== JSON.stringify(stored)) stateChanged.push(next);
  }

  if (stateChanged.length) {
    await tx.execute(sql`
      update babies b set state_first_break = v.fb, state_break_reason = v.r, state_confirmed = v.c, state_attended = v.a,
        status_initial = v.s0, status_change_1 = v.d1, status_1 = v.s1, status_change_2 = v.d2, status_2 = v.s2, followed_until = v.fu,
        knowledge_baseline = v.kb, counselled_topics = v.ct
      from jsonb_to_recordset(${JSON.stringify(stateChanged)}::jsonb)
        as v(id uuid, fb date, r break_reason, c boolean, a boolean, s0 text, d1 date, s1 text, d2 date, s2 text, fu date, kb text, ct text[])
      where b.id = v.id`);
  }
  if (checkChanged.length) {
    await tx.execute(sql`
      update knowledge_checks k set occasion = v.o, rose = v.r
      from jsonb_to_recordset(${JSON.stringify(checkChanged)}::jsonb) as v(id uuid, o text, r boolean)
      where k.id = v.id`);
  }

  const monthRows = computed.flatMap(({ id, place, c }) =>
    c.months.map((m) => ({ baby_id: id, month: m.month, ...placeColumns(place), ...m.counts, ...Object.fromEntries(m.curveDays.map((d, k) => [`curve_day_${k}`, d])) })),
  );
  const monthColumns = [...COVERAGE_COUNTS, ...CURVE_MONTHS.map((k) => `curve_day_${k}`)];
  const countList = sql.raw(monthColumns.join(', '));
  const countTypes = sql.raw(monthColumns.map((c) => `${c} smallint`).join(', '));
  // The sums follow through coverage_baby_months' triggers (statement level: one pass per statement).
  await tx.execute(sql`delete from coverage_baby_months where baby_id = any(${uuidList(found)})`);
  if (monthRows.length) {
    await tx.execute(sql`
      insert into coverage_baby_months (baby_id, month, puskesmas_id, village_id, posyandu_id, ${countList})
      select baby_id, month, puskesmas_id, village_id, posyandu_id, ${countList}
      from jsonb_to_recordset(${JSON.stringify(monthRows)}::jsonb)
        as v(baby_id uuid, month date, puskesmas_id uuid, village_id uuid, posyandu_id uuid, ${countTypes})
      order by puskesmas_id, month, village_id, posyandu_id`);
  }

  const windowRows = computed.flatMap(({ id, place, c }) =>
    c.windows.map((w) => ({
      baby_id: id,
      idx: w.idx,
      ...placeColumns(place),
      // The exit the windows follow (journey rule: before the 6-month date), not the raw exit date.
      exit_date: c.state.countedExit,
      window_from: w.from,
      window_to: w.to,
      filled_on: w.filledOn,
      late: w.late,
    })),
  );
  await tx.execute(sql`delete from coverage_baby_windows where baby_id = any(${uuidList(found)})`);
  if (windowRows.length) {
    await tx.execute(sql`
      insert into coverage_baby_windows (baby_id, idx, puskesmas_id, village_id, posyandu_id, exit_date, window_from, window_to, filled_on, late)
      select * from jsonb_to_recordset(${JSON.stringify(windowRows)}::jsonb)
        as v(baby_id uuid, idx smallint, puskesmas_id uuid, village_id uuid, posyandu_id uuid, exit_date date, window_from date, window_to date, filled_on date, late boolean)`);
  }
}

const placeColumns = (p: Place) => ({ puskesmas_id: p.puskesmasId, village_id: p.villageId, posyandu_id: p.posyanduId });

/** The babies whose figures depend on a mother: hers (a transfer, her attendance). */
export async function babiesOfMothers(tx: DbOrTx, motherIds: readonly string[]): Promise<string[]> {
  if (motherIds.length === 0) return [];
  const rows = await tx
    .select({ id: babies.id })
    .from(babies)
    .where(sql`${babies.motherId} = any(${uuidList([...new Set(motherIds)])})`);
  return rows.map((r) => r.id);
}

/** The babies whose mothers have attendance recorded at the sessions `sessionIds` (a session cancelled, reopened or moved). */
export async function babiesAttendingSessions(tx: DbOrTx, sessionIds: readonly string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: babies.id })
    .from(attendance)
    .innerJoin(babies, eq(babies.motherId, attendance.motherId))
    .where(inArray(attendance.sessionId, [...sessionIds]));
  return rows.map((r) => r.id);
}

/** The babies of a puskesmas born on or after `from` (all of them without it): a change of its settings. */
export async function babiesOfPuskesmas(tx: DbOrTx, puskesmasId: string, from?: string): Promise<string[]> {
  const rows = await tx
    .select({ id: babies.id })
    .from(babies)
    .where(and(eq(babies.puskesmasId, puskesmasId), from ? sql`${babies.birthDate} >= ${from}::date` : undefined));
  return rows.map((r) => r.id);
}

/**
 * Babies to compute (status_initial is null): those of a database migrated from the trigger era
 * (0012 added the status timeline and the curve days), and every baby after a migration that adds
 * a derived column and asks for it by clearing status_initial (0013). Run after every migration
 * (db/client.ts); nothing to do but one query once they are all computed.
 */
export async function completeCoverage(db: Db): Promise<number> {
  const ids = (
    await db
      .select({ id: babies.id })
      .from(babies)
      .where(sql`${babies.statusInitial} is null`)
  ).map((r) => r.id);
  await refreshInRounds(db, ids);
  return ids.length;
}

/** The babies `ids`, a chunk per transaction (the row locks of one chunk are held only while it is computed). */
async function refreshInRounds(db: Db, ids: readonly string[], onProgress?: (done: number, total: number) => void): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.transaction((tx) => refreshCoverage(tx, ids.slice(i, i + CHUNK)));
    onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
  }
}

/**
 * Everything derived, rebuilt from the records (`npm run db:recompute`: after a restore from an
 * older backup, or when a rule of lib/domain changes): every baby's rows, chunk by chunk, each
 * chunk in its own transaction; then coverage_months summed afresh from coverage_baby_months.
 * Returns the number of babies.
 */
export async function recomputeCoverage(db: Db, onProgress?: (done: number, total: number) => void): Promise<number> {
  const ids = (await db.select({ id: babies.id }).from(babies).orderBy(asc(babies.id))).map((r) => r.id);
  await refreshInRounds(db, ids, onProgress);
  await db.transaction(async (tx) => {
    const cols = sql.raw(COVERAGE_COUNTS.join(', '));
    const sums = sql.raw(COVERAGE_COUNTS.map((c) => `sum(${c})`).join(', '));
    await tx.execute(sql`lock table coverage_months in exclusive mode`);
    await tx.execute(sql`delete from coverage_months`);
    await tx.execute(sql`
      insert into coverage_months (puskesmas_id, month, village_id, posyandu_id, ${cols})
      select puskesmas_id, month, village_id, posyandu_id, ${sums} from coverage_baby_months group by 1, 2, 3, 4`);
  });
  return ids.length;
}
