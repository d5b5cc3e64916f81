/**
 * What each role's home page shows, read through the policy and its scopes. Returns plain
 * objects; never the database rows themselves.
 */
import 'server-only';
import { cache } from 'react';
import { and, asc, count, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { babies, mothers, posyandu, users, villages } from '@/db/schema';
import { assertCan, posyanduIdsOf, type Actor } from '@/lib/auth/policy';
import {
  addDays,
  ageInDays,
  completedMonths,
  dueList,
  isoToday,
  journeyStatus,
  JOURNEY_STATUSES,
  followedOn,
  sixMonthDate,
  windowsInForce,
  zonedParts,
  type IsoDate,
  type JourneyStatus,
  type VisitWindow,
} from '@/lib/domain';
import { exclusiveDays } from '@/lib/domain/progress';
import { formatList } from '@/lib/format';
import { statusCountsByVillage } from '@/db/queries/coverage-months';
import { babyFacts, type BabyRow } from './facts';
import { puskesmasRow } from './puskesmas-row';
import { motherScope } from './scope';

/** The signed-in user's puskesmas (lib/data/puskesmas-row.ts: one query per request for every reader). */
export async function puskesmasOf(db: DbOrTx, actor: Actor) {
  const p = await puskesmasRow(db, actor.puskesmasId);
  if (!p) throw new Error('puskesmas of the signed-in user is missing');
  return p;
}

/**
 * Birth date → the visit windows a baby of the puskesmas follows (lib/domain windowsInForce: the
 * same rule as the stored coverage_baby_windows), so that a baby's page, the kader's today list
 * and the mother's next visit agree with the kader table and the reports.
 */
export async function windowsByBirth(db: DbOrTx, puskesmasId: string, base: VisitWindow[] | null | undefined): Promise<(birthDate: IsoDate) => readonly VisitWindow[]> {
  // The puskesmas's visit-window changes (docs/decisions/043), read with its row.
  const settings = (await puskesmasRow(db, puskesmasId))?.windowSettings ?? [];
  return (birthDate) => windowsInForce(settings, base ?? null, birthDate);
}

/** The columns of a baby lib/data/facts.ts BabyRow reads. */
export const babyColumns = {
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
  // Each baby's status today looked up in its stored timeline (lib/domain statusTimeline).
  const counts = await statusCountsByVillage(db, today, sql`b.mother_id in (select ${mothers.id} from ${mothers} where ${motherScope(actor)})`);
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

/** How long a baby whose follow-up ended (6 months reached, exit) stays on the kader's home. */
export const RECENTLY_ENDED_DAYS = 30;
/** Babies per page of the kader's full list (/kader/ibu). */
export const KADER_PAGE_SIZE = 50;

type KaderRow = {
  /** Set by kaderOverview: a valid certificate issued in the last RECENTLY_ENDED_DAYS. */
  certified?: boolean;
  /** Set by kaderOverview: a referral on one of its visits not yet followed up. */
  openReferral?: boolean;
  id: string;
  sex: 'L' | 'P';
  birthDate: string;
  exitDate: string | null;
  exitReason: 'moved' | 'died' | 'transferred' | null;
  babyName: string | null;
  motherId: string;
  motherName: string;
  /** When the baby was registered (or imported): decision 060. */
  createdAt: Date;
};

/** One list item per baby: age, journey status and last visit, from the baby's visits. */
async function kaderItems(db: DbOrTx, rows: KaderRow[], today: string) {
  const facts = await babyFacts(db, rows as BabyRow[]);
  return {
    facts,
    items: rows.map((r) => {
      const f = facts.get(r.id)!;
      return {
        motherId: r.motherId,
        motherName: r.motherName,
        babyId: r.id,
        babyName: r.babyName,
        sex: r.sex,
        ageDays: ageInDays(r.birthDate, today),
        ageMonths: completedMonths(r.birthDate, today),
        status: journeyStatus(f, today).status,
        followed: followedOn(r, today),
        lastVisit: f.visits.length ? f.visits[f.visits.length - 1]!.visitDate : null,
      };
    }),
  };
}

export type KaderListItem = Awaited<ReturnType<typeof kaderItems>>['items'][number];

/** A uuid[] parameter: one bound value rather than one per id (drizzle's inArray) for long lists. */
export const uuidList = (ids: readonly string[]) => sql`${'{' + ids.join(',') + '}'}::uuid[]`;

/**
 * The babies of the mothers in the kader's scope, by mother's name and birth order: the
 * mothers through the scope (an index on the posyandu), then their babies by mother (an index
 * on babies.mother_id), optionally only those born from `bornFrom` and not exited before
 * `exitedFrom`. Two small queries rather than one join: on a district's tables the planner
 * hashed all the babies of the district for the join (issue #11). Also the count of all.
 */
async function kaderBabies(
  db: DbOrTx,
  actor: Actor,
  recent?: { bornFrom: string; exitedFrom: string; certifiedFrom: string },
): Promise<{ rows: KaderRow[]; total: number }> {
  // Ordered by the database's collation, as the lists always were (ties in the today list keep it).
  const ms = await db.select({ id: mothers.id, name: mothers.name }).from(mothers).where(motherScope(actor)).orderBy(asc(mothers.name));
  if (!ms.length) return { rows: [], total: 0 };
  const name = new Map(ms.map((m) => [m.id, m.name]));
  const rank = new Map(ms.map((m, i) => [m.id, i]));
  const ofMothers = sql`${babies.motherId} = any(${uuidList(ms.map((m) => m.id))})`;
  // A valid certificate issued since `certifiedFrom`: the kader has it to hand over.
  // Names spelled out: in a one-table select drizzle leaves columns unqualified, and an
  // unqualified "id" in the sub-query would be the certificate's own.
  const certified = sql<boolean>`exists (select 1 from "certificates" "c" where "c"."baby_id" = "babies"."id" and "c"."revoked_at" is null and "c"."issued_at" >= ${recent?.certifiedFrom ?? '1970-01-01'}::date)`;
  // For the kader's home (issue #31: in the same query rather than three more): the count of all
  // her babies (an uncorrelated sub-query, evaluated once) and whether a referral on one of the
  // baby's visits waits for follow-up (visits_baby_date_idx).
  const part = await db
    .select({
      ...babyColumns,
      babyName: babies.name,
      motherId: babies.motherId,
      birthOrder: babies.birthOrder,
      createdAt: babies.createdAt,
      certified: recent ? certified : sql<boolean>`false`,
      openReferral: recent
        ? sql<boolean>`exists (select 1 from "visits" "v" where "v"."baby_id" = "babies"."id" and "v"."referral" and "v"."referral_followed_up_at" is null)`
        : sql<boolean>`false`,
      total: recent ? sql<number>`(select count(*)::int from "babies" "b2" where "b2"."mother_id" = any(${uuidList(ms.map((m) => m.id))}))` : sql<number>`0`,
    })
    .from(babies)
    .where(
      recent
        ? and(ofMothers, or(and(gte(babies.birthDate, recent.bornFrom), or(isNull(babies.exitDate), gte(babies.exitDate, recent.exitedFrom))), certified))
        : ofMothers,
    );
  // The count rides on the rows; with no recent baby it needs its own query.
  let total = part.length;
  if (recent) total = part[0] ? Number(part[0].total) : ((await db.select({ n: count() }).from(babies).where(ofMothers))[0]?.n ?? 0);
  const rows = part.map(({ total: _total, ...r }) => ({ ...r, motherName: name.get(r.motherId) ?? '' }));
  rows.sort((a, b) => rank.get(a.motherId)! - rank.get(b.motherId)! || a.birthOrder - b.birthOrder);
  return { rows, total };
}

/**
 * Kader home (issue #11: bounded whatever the size of the posyandu): the "today" list (overdue,
 * open windows, open referrals) and the babies she still follows (under 6 months, not exited),
 * each linked to its page, plus those whose follow-up ended in the last RECENTLY_ENDED_DAYS (a
 * move to note) or whose certificate was issued in that time (to hand over). The others are on
 * `kaderMothersPage`; here only their count. Visits are read for the babies listed only.
 */
export async function kaderOverview(actor: Actor) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const since = addDays(today, -RECENTLY_ENDED_DAYS);
  // Ended since `since` ⇒ born after since − 186 days (6 months are at most 184 days).
  // Every posyandu she serves, by name (issue #29: a kader in two posyandu sees both named).
  const hers = posyanduIdsOf(actor);
  const [posts, { rows: recent, total }] = await Promise.all([
    hers.length
      ? db
          .select({ name: posyandu.name })
          .from(posyandu)
          .where(inArray(posyandu.id, [...hers]))
          .orderBy(posyandu.name)
      : Promise.resolve([]),
    kaderBabies(db, actor, { bornFrom: addDays(since, -186), exitedFrom: since, certifiedFrom: since }),
  ]);
  const kept = recent.filter((r) => {
    if (followedOn(r, today) || r.certified) return true;
    const six = sixMonthDate(r.birthDate);
    const end = r.exitDate !== null && r.exitDate < six ? r.exitDate : six;
    return end >= since && end <= today;
  });
  const { items, facts } = await kaderItems(db, kept, today);
  // Babies still followed first, youngest first; then those whose follow-up just ended.
  items.sort((a, b) => Number(b.followed) - Number(a.followed) || a.ageDays - b.ageDays);
  const byId = new Map(items.map((m) => [m.babyId, m]));
  // The "today" list (lib/domain dueList): overdue, open windows by days left, open referrals.
  const windowsOf = await windowsByBirth(db, actor.puskesmasId, p.visitWindows);
  const due = dueList(
    kept.map((r) => ({
      id: r.id,
      birthDate: r.birthDate,
      exitDate: r.exitDate,
      visitDates: facts.get(r.id)!.visits.map((v) => v.visitDate),
      // Open referrals of the babies she still follows.
      openReferral: followedOn(r, today) && Boolean(r.openReferral),
      windows: windowsOf(r.birthDate),
      // Windows closed before she was registered are not hers to do (decision 060).
      registeredOn: zonedParts(r.createdAt, p.timeZone).date,
    })),
    today,
  ).map((item) => ({ ...item, baby: byId.get(item.babyId)! }));
  const posyanduName = formatList(posts.map((x) => x.name));
  return { posyanduName, posyanduNames: posts.map((x) => x.name), today, mothers: items, due, total };
}

/** Every baby of the kader's mothers, by mother's name, one page at a time (/kader/ibu). */
export async function kaderMothersPage(actor: Actor, rawPage: unknown) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const [p, { rows: all }] = await Promise.all([puskesmasOf(db, actor), kaderBabies(db, actor)]);
  const today = isoToday(p.timeZone);
  const pages = Math.max(1, Math.ceil(all.length / KADER_PAGE_SIZE));
  const asked = Number.parseInt(String(rawPage ?? '1'), 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(1, asked), pages) : 1;
  const { items } = await kaderItems(db, all.slice((page - 1) * KADER_PAGE_SIZE, page * KADER_PAGE_SIZE), today);
  return { today, total: all.length, page, pages, mothers: items };
}

/**
 * A mother's own babies with their visits (the rows her kader records), once per request: her
 * page reads them for her timeline (ibuOverview) and her next visit (lib/data/next-visit.ts).
 * The babies are those the actor may read both as mothers' records and as visits.
 */
export const ownBabiesWithFacts = cache(async function ownBabiesWithFacts(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select({ ...babyColumns, name: babies.name, motherName: mothers.name, createdAt: babies.createdAt })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(and(motherScope(actor), motherScope(actor, 'read', 'visits')))
    .orderBy(desc(babies.birthDate), asc(babies.birthOrder));
  return { rows, facts: await babyFacts(db, rows as BabyRow[]) };
});

/** Ibu home: her own babies only. */
export async function ibuOverview(actor: Actor) {
  assertCan(actor, 'read', 'mothers');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const { rows, facts } = await ownBabiesWithFacts(db, actor);
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
