/**
 * The staff registry of mothers: one row per baby, filtered by village, posyandu, journey
 * status and a search on name or phone, paginated. Scoped by motherScope.
 */
import 'server-only';
import { and, asc, eq, exists, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { safeLine } from '@/lib/validation/text';
import { getDb } from '@/db/client';
import { babies, kaderAssignments, kaderPosyandu, mothers, posyandu, users, villages } from '@/db/schema';
import { assertCan, scopeOf, type Actor } from '@/lib/auth/policy';
import { ageInDays, completedMonths, formatPhoneDisplay, isoToday, JOURNEY_STATUSES, journeyStatus, maskNik, normalizePhone, statusFromTimeline } from '@/lib/domain';
import { babyFacts, storedTimeline, TIMELINE_COLUMNS, type BabyRow } from './facts';
import { puskesmasOf } from './overview';
import { motherScope } from './scope';

export const REGISTRY_PAGE_SIZE = 25;

/** Age bands of the filter, in completed months (lib/domain completedMonths). */
export const AGE_BANDS = ['0-1', '2-3', '4-5', '6+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export function ageBandOf(months: number): AgeBand {
  return months < 2 ? '0-1' : months < 4 ? '2-3' : months < 6 ? '4-5' : '6+';
}

/** Query string of /staff/ibu; anything unknown is dropped, never an error page. */
export const registryFilterSchema = z.object({
  village: z.uuid().optional().catch(undefined),
  posyandu: z.uuid().optional().catch(undefined),
  status: z.enum(JOURNEY_STATUSES).optional().catch(undefined),
  /** A kader: the mothers of her posyandu and those assigned to her. */
  kader: z.uuid().optional().catch(undefined),
  age: z.enum(AGE_BANDS).optional().catch(undefined),
  q: z.string().check(safeLine).trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type RegistryFilter = z.infer<typeof registryFilterSchema>;

export async function motherRegistry(actor: Actor, rawFilter: unknown) {
  assertCan(actor, 'read', 'mothers');
  const f = registryFilterSchema.parse(rawFilter ?? {});
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const conds: SQL[] = [motherScope(actor)];
  if (f.village) conds.push(eq(mothers.villageId, f.village));
  if (f.posyandu) conds.push(eq(mothers.posyanduId, f.posyandu));
  if (f.kader) {
    const assigned = exists(sql`(select 1 from ${kaderAssignments} where ${kaderAssignments.motherId} = ${mothers.id} and ${kaderAssignments.kaderId} = ${f.kader})`);
    // Every posyandu she works in (issue #18): her home posyandu and her kader_posyandu rows.
    const ofPosyandu = sql`${mothers.posyanduId} in (
      select ${users.posyanduId} from ${users} where ${users.id} = ${f.kader} and ${users.role} = 'kader' and ${users.puskesmasId} = ${actor.puskesmasId}
      union select ${kaderPosyandu.posyanduId} from ${kaderPosyandu} where ${kaderPosyandu.kaderId} = ${f.kader} and ${kaderPosyandu.puskesmasId} = ${actor.puskesmasId})`;
    conds.push(or(ofPosyandu, assigned)!);
  }
  if (f.q) {
    const phone = normalizePhone(f.q);
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(mothers.name, like), ...(phone ? [eq(mothers.phone, phone)] : []))!);
  }
  const rows = await db
    .select({
      id: babies.id,
      sex: babies.sex,
      birthDate: babies.birthDate,
      exitDate: babies.exitDate,
      exitReason: babies.exitReason,
      babyName: babies.name,
      motherId: mothers.id,
      motherName: mothers.name,
      phone: mothers.phone,
      nik: mothers.nik,
      villageName: villages.name,
      posyanduName: posyandu.name,
      ...TIMELINE_COLUMNS,
    })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .innerJoin(villages, eq(villages.id, mothers.villageId))
    .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
    .where(and(...conds))
    .orderBy(asc(mothers.name), asc(babies.birthOrder));
  // Each baby's status today from its stored timeline (the dashboard's counts read the same
  // columns), so the registry reads no visits; the visits only of a baby not yet computed.
  const timelines = new Map(rows.map((r) => [r.id, storedTimeline(r)]));
  const facts = await babyFacts(db, rows.filter((r) => !timelines.get(r.id)) as BabyRow[]);
  const statusToday = (id: string) => {
    const t = timelines.get(id);
    return t ? statusFromTimeline(t, today) : journeyStatus(facts.get(id)!, today).status;
  };
  const staffView = actor.role === 'staff' || actor.role === 'admin';
  const all = rows
    .map((r) => ({
      babyId: r.id,
      babyName: r.babyName,
      sex: r.sex,
      birthDate: r.birthDate,
      ageDays: ageInDays(r.birthDate, today),
      motherName: r.motherName,
      phone: r.phone ? formatPhoneDisplay(r.phone) : null,
      nik: r.nik ? (staffView ? r.nik : maskNik(r.nik)) : null,
      village: r.villageName,
      posyandu: r.posyanduName,
      status: statusToday(r.id),
      ageBand: ageBandOf(completedMonths(r.birthDate, today)),
    }))
    .filter((r) => (!f.status || r.status === f.status) && (!f.age || r.ageBand === f.age));
  const pages = Math.max(1, Math.ceil(all.length / REGISTRY_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const [villageList, posyanduList, kaderList] = await Promise.all([
    db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.puskesmasId, actor.puskesmasId)).orderBy(villages.name),
    db.select({ id: posyandu.id, name: posyandu.name }).from(posyandu).where(eq(posyandu.puskesmasId, actor.puskesmasId)).orderBy(posyandu.name),
    // The kader filter lists kader accounts: only for those who may read them all.
    scopeOf(actor, 'read', 'kaderAccounts') === 'puskesmas'
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.puskesmasId, actor.puskesmasId), eq(users.role, 'kader'), eq(users.active, true)))
          .orderBy(users.name)
      : Promise.resolve([] as { id: string; name: string }[]),
  ]);
  return {
    filter: f,
    total: all.length,
    page,
    pages,
    rows: all.slice((page - 1) * REGISTRY_PAGE_SIZE, page * REGISTRY_PAGE_SIZE),
    villages: villageList,
    posyandu: posyanduList,
    kaders: kaderList,
  };
}
