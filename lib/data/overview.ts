/**
 * What each role's home page shows, read through the policy and its scopes. Returns plain
 * objects; never the database rows themselves.
 */
import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { babies, mothers, posyandu, puskesmas, users, villages, visits } from '@/db/schema';
import { assertCan, type Actor } from '@/lib/auth/policy';
import {
  ageInDays,
  completedMonths,
  DEFAULT_VISIT_WINDOWS,
  dueList,
  isoToday,
  journeyStatus,
  JOURNEY_STATUSES,
  sixMonthDate,
  type JourneyStatus,
} from '@/lib/domain';
import { exclusiveDays } from '@/lib/domain/progress';
import { statusCountsByVillageSql } from '@/db/queries/indicators';
import { babyFacts, type BabyRow } from './facts';
import { motherScope } from './scope';

export async function puskesmasOf(db: DbOrTx, actor: Actor) {
  const [p] = await db
    .select({ id: puskesmas.id, name: puskesmas.name, code: puskesmas.code, timeZone: puskesmas.timeZone, visitWindows: puskesmas.visitWindows })
    .from(puskesmas)
    .where(eq(puskesmas.id, actor.puskesmasId));
  if (!p) throw new Error('puskesmas of the signed-in user is missing');
  return p;
}

const babyColumns = {
  id: babies.id,
  sex: babies.sex,
  birthDate: babies.birthDate,
  exitDate: babies.exitDate,
  exitReason: babies.exitReason,
};

type StatusCounts = Record<JourneyStatus, number>;

/** Staff home: babies by journey status today, per village, and headcounts. */
export async function staffOverview(actor: Actor) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  // Counted in the database with the SQL that tests hold equal to lib/domain.
  const counts = await statusCountsByVillageSql(db, today, sql`b.mother_id in (select ${mothers.id} from ${mothers} where ${motherScope(actor)})`);
  const names = new Map(
    (await db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.puskesmasId, actor.puskesmasId))).map((v) => [v.id, v.name]),
  );
  const empty = (): StatusCounts => Object.fromEntries(JOURNEY_STATUSES.map((s) => [s, 0])) as StatusCounts;
  const byStatus = empty();
  const byVillage = new Map<string, { name: string; counts: StatusCounts; total: number }>();
  let totalBabies = 0;
  for (const { villageId, status, n } of counts) {
    const s = status as JourneyStatus;
    byStatus[s] += n;
    totalBabies += n;
    const v = byVillage.get(villageId) ?? { name: names.get(villageId) ?? '', counts: empty(), total: 0 };
    v.counts[s] += n;
    v.total += n;
    byVillage.set(villageId, v);
  }
  const [[motherCount], [kaderCount], [villageCount]] = await Promise.all([
    db.select({ n: count() }).from(mothers).where(motherScope(actor)),
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.puskesmasId, actor.puskesmasId), eq(users.role, 'kader'), eq(users.active, true))),
    db.select({ n: count() }).from(villages).where(eq(villages.puskesmasId, actor.puskesmasId)),
  ]);
  return {
    puskesmasName: p.name,
    today,
    totalBabies,
    byStatus,
    villages: [...byVillage.values()].sort((a, b) => a.name.localeCompare(b.name, 'id')),
    motherCount: motherCount?.n ?? 0,
    kaderCount: kaderCount?.n ?? 0,
    villageCount: villageCount?.n ?? 0,
  };
}

/** Kader home: the mothers she follows, with each baby's age, status and last visit. */
export async function kaderOverview(actor: Actor) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const [post] = actor.posyanduId
    ? await db.select({ name: posyandu.name }).from(posyandu).where(eq(posyandu.id, actor.posyanduId))
    : [];
  const rows = await db
    .select({ ...babyColumns, babyName: babies.name, motherId: mothers.id, motherName: mothers.name })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(motherScope(actor))
    .orderBy(asc(mothers.name), asc(babies.birthOrder));
  const facts = await babyFacts(db, rows as BabyRow[]);
  const list = rows.map((r) => {
    const f = facts.get(r.id)!;
    const visitsOf = f.visits;
    return {
      motherId: r.motherId,
      motherName: r.motherName,
      babyId: r.id,
      babyName: r.babyName,
      sex: r.sex,
      ageDays: ageInDays(r.birthDate, today),
      ageMonths: completedMonths(r.birthDate, today),
      status: journeyStatus(f, today).status,
      lastVisit: visitsOf.length ? visitsOf[visitsOf.length - 1]!.visitDate : null,
    };
  });
  // Babies still followed first (under 6 months, not exited), youngest first.
  const active = (s: JourneyStatus) => s === 'ongoing' || s === 'broken';
  list.sort((a, b) => Number(active(b.status)) - Number(active(a.status)) || a.ageDays - b.ageDays);
  // The "today" list (lib/domain dueList): overdue, open windows by days left, open referrals.
  const ids = rows.map((r) => r.id);
  const referred = new Set(
    ids.length
      ? (
          await db
            .selectDistinct({ babyId: visits.babyId })
            .from(visits)
            .where(and(inArray(visits.babyId, ids), eq(visits.referral, true), sql`${visits.referralFollowedUpAt} is null`))
        ).map((r) => r.babyId)
      : [],
  );
  const byId = new Map(list.map((m) => [m.babyId, m]));
  const due = dueList(
    rows.map((r) => ({
      id: r.id,
      birthDate: r.birthDate,
      exitDate: r.exitDate,
      visitDates: facts.get(r.id)!.visits.map((v) => v.visitDate),
      openReferral: referred.has(r.id),
    })),
    today,
    p.visitWindows?.length ? p.visitWindows : DEFAULT_VISIT_WINDOWS,
  ).map((item) => ({ ...item, baby: byId.get(item.babyId)! }));
  return { posyanduName: post?.name ?? '', today, mothers: list, due };
}

/** Ibu home: her own babies only. */
export async function ibuOverview(actor: Actor) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const rows = await db
    .select({ ...babyColumns, name: babies.name, motherName: mothers.name })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(motherScope(actor))
    .orderBy(desc(babies.birthDate), asc(babies.birthOrder));
  const facts = await babyFacts(db, rows as BabyRow[]);
  return {
    today,
    babies: rows.map((r) => {
      const f = facts.get(r.id)!;
      const state = journeyStatus(f, today);
      return {
        id: r.id,
        name: r.name,
        sex: r.sex,
        birthDate: r.birthDate,
        sixMonthDate: sixMonthDate(r.birthDate),
        ageDays: ageInDays(r.birthDate, today),
        ageMonths: completedMonths(r.birthDate, today),
        status: state.status,
        exclusiveDays: exclusiveDays(f, today),
        lastVisit: f.visits.length ? f.visits[f.visits.length - 1]!.visitDate : null,
      };
    }),
  };
}
