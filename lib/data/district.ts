/**
 * The district health office (Dinas Kesehatan Kabupaten, role dinkes; issue #19, DESIGN §1 and
 * §4): it compares the puskesmas of its kabupaten and sees AGGREGATES ONLY — counts per
 * puskesmas and in total, never a mother's or baby's name, NIK, phone or a forum post
 * (UU 27/2022: the district does not need them; docs/decisions/046-district-aggregates.md).
 *
 * Every function checks the policy ('district' or 'districtAccounts', scope 'kabupaten') and
 * reads only the puskesmas whose kabupaten_id is the actor's. The counts come from the stored
 * monthly sums (coverage_months) through the staff dashboard's own query
 * (indicatorsForMonthsStored, one puskesmas at a time); quarters, years and the kabupaten total
 * add numerators and denominators with lib/domain's sumIndicators — percentages are never
 * averaged. No posyandu or village rows: a count of 1 or 2 in a posyandu could point at a mother.
 */
import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { coverageTargets, kabupaten, puskesmas, users } from '@/db/schema';
import { indicatorsForMonthsStored } from '@/db/queries/coverage-months';
import { assertCan, can, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import {
  addToYearMonth,
  compareYearMonth,
  formatPhoneDisplay,
  monthBounds,
  monthOf,
  sumIndicators,
  yearMonthRange,
  type Coverage,
  type IndicatorTotals,
  type YearMonth,
} from '@/lib/domain';
import { isoToday } from '@/lib/domain/today';
import { periodNameId, type ReportInput } from '@/lib/reports/monthly';
import { districtAccountSchema, monthPeriod, periodParamSchema, type DistrictAccountField, type DistrictPeriod } from '@/lib/validation/district';
import { issueActivationCode } from './activation';
import { audit } from './audit';
import { isUniqueViolation } from '@/db/pg-errors';

export type DistrictPuskesmasRow = {
  id: string;
  name: string;
  code: string;
  /** Kecamatan. */
  subdistrict: string;
  /** F1 section O and both coverages, added up over the months of the period. */
  totals: IndicatorTotals;
  /** The puskesmas's target % for the period's year; null when it set none. */
  target: number | null;
};

export type DistrictTrendRow = YearMonth & { recallCoverage: Coverage; sixMonthCoverage: Coverage };

type Kab = { id: string; name: string; province: string };
type Place = { id: string; name: string; code: string; subdistrict: string; timeZone: string };

/** The actor's kabupaten, after the policy check; anything else is refused. */
export async function kabupatenOf(db: DbOrTx, actor: Actor | null, action: 'read' | 'export' | 'write', resource: 'district' | 'districtAccounts'): Promise<Kab> {
  assertCan(actor, action, resource);
  if (!actor.kabupatenId) throw new ForbiddenError(`${actor.role} has no kabupaten`);
  const [k] = await db.select({ id: kabupaten.id, name: kabupaten.name, province: kabupaten.province }).from(kabupaten).where(eq(kabupaten.id, actor.kabupatenId));
  if (!k) throw new ForbiddenError('unknown kabupaten');
  return k;
}

/** The puskesmas of the kabupaten, each checked against the policy's kabupaten scope. */
export async function placesOf(db: DbOrTx, actor: Actor, kab: Kab, action: 'read' | 'export'): Promise<Place[]> {
  const rows = await db
    .select({
      id: puskesmas.id,
      name: puskesmas.name,
      code: puskesmas.code,
      subdistrict: puskesmas.subdistrict,
      timeZone: puskesmas.timeZone,
      kabupatenId: puskesmas.kabupatenId,
    })
    .from(puskesmas)
    .where(eq(puskesmas.kabupatenId, kab.id))
    .orderBy(asc(puskesmas.name));
  return rows.filter((p) => can(actor, action, 'district', { puskesmasId: p.id, kabupatenId: p.kabupatenId })).map(({ kabupatenId: _k, ...p }) => p);
}

/**
 * The period asked for: `2026-10`, `2026-Q1` or `2026`; none (null, '') = this month. Anything
 * else is not a page or file that exists (404).
 */
function periodOf(raw: unknown, today: string): DistrictPeriod {
  if (raw === undefined || raw === null || raw === '') return monthPeriod(monthOf(today));
  const p = periodParamSchema.safeParse(raw);
  if (!p.success) throw new NotFoundError('period');
  return p.data;
}

function monthsOf(period: DistrictPeriod): YearMonth[] {
  return yearMonthRange(period.from, period.to);
}

const inMonths = (ym: { year: number; month: number }, list: readonly YearMonth[]) => list.some((m) => m.year === ym.year && m.month === ym.month);

/**
 * The counts of every puskesmas for the months of the period and the 12 trend months: the
 * staff dashboard's query per puskesmas (stored sums), added up here with sumIndicators.
 */
async function load(actor: Actor | null, rawPeriod: unknown, action: 'read' | 'export') {
  const db = await getDb();
  const kab = await kabupatenOf(db, actor, action, 'district');
  const places = await placesOf(db, actor!, kab, action);
  // The kabupaten's day: its puskesmas's time zone (they share one), else WIB.
  const today = isoToday(places[0]?.timeZone);
  const period = periodOf(rawPeriod, today);
  const months = monthsOf(period);
  // 12 months ending with the period, or with this month while the period is under way.
  const thisMonth = monthOf(today);
  const trendEnd = compareYearMonth(period.from, thisMonth) <= 0 && compareYearMonth(period.to, thisMonth) > 0 ? thisMonth : period.to;
  const trendFrom = addToYearMonth(trendEnd, -11);
  const trendMonths = yearMonthRange(trendFrom, trendEnd);
  const from = compareYearMonth(trendFrom, period.from) < 0 ? trendFrom : period.from;
  const to = compareYearMonth(trendEnd, period.to) > 0 ? trendEnd : period.to;
  const ids = places.map((p) => p.id);
  const [perPlace, targets, activity] = await Promise.all([
    Promise.all(places.map((p) => indicatorsForMonthsStored(db, from, to, { puskesmasId: p.id }))),
    ids.length
      ? db
          .select({ puskesmasId: coverageTargets.puskesmasId, percent: coverageTargets.targetPercent })
          .from(coverageTargets)
          .where(and(inArray(coverageTargets.puskesmasId, ids), eq(coverageTargets.year, period.year), isNull(coverageTargets.villageId)))
      : Promise.resolve([]),
    activityOf(db, kab.id, period),
  ]);
  const rows: DistrictPuskesmasRow[] = places.map((p, i) => ({
    id: p.id,
    name: p.name,
    code: p.code,
    subdistrict: p.subdistrict,
    totals: sumIndicators(perPlace[i]!.filter((r) => inMonths(r, months)).map((r) => r.totals)),
    target: targets.find((t) => t.puskesmasId === p.id)?.percent ?? null,
  }));
  // The kabupaten: the puskesmas's numerators and denominators added up (never their percentages averaged).
  const total = sumIndicators(rows.map((r) => r.totals));
  const trend: DistrictTrendRow[] = trendMonths.map((ym) => {
    const t = sumIndicators(perPlace.flatMap((list) => list.filter((r) => r.year === ym.year && r.month === ym.month).map((r) => r.totals)));
    return { ...ym, recallCoverage: t.recallCoverage, sixMonthCoverage: t.sixMonthCoverage };
  });
  return { kabupaten: { name: kab.name, province: kab.province }, today, period, months, puskesmas: rows, total, trend, ...activity };
}

/** Group sessions held and certificates issued in the period, in each puskesmas's own time zone: counts only. */
async function activityOf(db: DbOrTx, kabupatenId: string, period: DistrictPeriod) {
  const first = monthBounds(period.from.year, period.from.month).first;
  const last = monthBounds(period.to.year, period.to.month).last;
  const [s] = rowsOf<{ held: number; present: number; mothers: number }>(
    await db.execute(sql`
      select count(distinct gs.id)::int as held,
        count(a.id) filter (where a.status = 'present')::int as present,
        count(distinct a.mother_id) filter (where a.status = 'present')::int as mothers
      from group_sessions gs join puskesmas p on p.id = gs.puskesmas_id left join attendance a on a.session_id = gs.id
      where p.kabupaten_id = ${kabupatenId} and gs.status = 'closed'
        and (gs.starts_at at time zone p.time_zone)::date between ${first}::date and ${last}::date`),
  );
  const [c] = rowsOf<{ issued: number }>(
    await db.execute(sql`
      select count(*)::int as issued
      from certificates c join puskesmas p on p.id = c.puskesmas_id
      where p.kabupaten_id = ${kabupatenId} and c.revoked_at is null
        and (c.issued_at at time zone p.time_zone)::date between ${first}::date and ${last}::date`),
  );
  return {
    sessions: { held: Number(s?.held ?? 0), present: Number(s?.present ?? 0), mothers: Number(s?.mothers ?? 0) },
    certificatesIssued: Number(c?.issued ?? 0),
  };
}

export type DistrictOverview = Awaited<ReturnType<typeof districtOverview>>;

/**
 * /dinkes: every puskesmas of the kabupaten with F1 section O and both coverages over the
 * period (a month, quarter or year), the kabupaten total, the 12-month trend of the total.
 */
export async function districtOverview(actor: Actor | null, rawPeriod: unknown) {
  return load(actor, rawPeriod, 'read');
}

/** "Oktober 2026", "Triwulan I 2026", "Tahun 2026": the period in the files' Indonesian (the puskesmas report's words). */
export function periodLabelId(period: DistrictPeriod): string {
  return periodNameId(period);
}

/**
 * The district's F1 section O report as lib/reports/monthly.ts builds it for a puskesmas, with
 * one row per puskesmas (kecamatan, puskesmas) and the kabupaten's total: the input of
 * reportCsv / reportXlsx. 'export' on 'district'.
 */
export async function districtReport(actor: Actor | null, rawPeriod: unknown): Promise<{ report: ReportInput; fileName: (ext: 'csv' | 'xlsx') => string }> {
  const d = await load(actor, rawPeriod, 'export');
  const slug =
    d.kabupaten.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'kabupaten';
  const report: ReportInput = {
    puskesmas: { name: d.kabupaten.name, code: slug },
    month: d.period.from,
    rows: d.puskesmas.map((p) => ({ name: p.name, villageName: p.subdistrict, totals: p.totals })),
    total: d.total,
    sessions: d.sessions,
    certificatesIssued: d.certificatesIssued,
    columns: ['Kecamatan', 'Puskesmas'],
    unitLabel: 'Kabupaten/Kota',
    periodLabel: periodLabelId(d.period),
  };
  return { report, fileName: (ext) => `laporan-asi-${slug}-${d.period.param}.${ext}` };
}

/* The district office's own accounts ("district admin"): a dinkes user adds another of her kabupaten. */

export type DistrictAccountRow = { id: string; name: string; phone: string; active: boolean; activated: boolean; lastLoginAt: Date | null; self: boolean };

/** The district accounts of the actor's kabupaten (its staff: names and phones of the office, no mothers). */
export async function listDistrictAccounts(actor: Actor | null) {
  const db = await getDb();
  const kab = await kabupatenOf(db, actor, 'read', 'districtAccounts');
  const rows = await db
    .select({ id: users.id, name: users.name, phone: users.phone, active: users.active, hash: users.passwordHash, lastLoginAt: users.lastLoginAt })
    .from(users)
    .where(and(eq(users.role, 'dinkes'), eq(users.kabupatenId, kab.id)))
    .orderBy(asc(users.name));
  return {
    kabupaten: { name: kab.name, province: kab.province },
    rows: rows.map((r): DistrictAccountRow => ({
      id: r.id,
      name: r.name,
      phone: formatPhoneDisplay(r.phone),
      active: r.active,
      activated: r.hash !== null,
      lastLoginAt: r.lastLoginAt,
      self: r.id === actor!.id,
    })),
  };
}

export const DISTRICT_PHONE_TAKEN_HERE = 'district.errors.phoneTakenHere';
export const DISTRICT_PHONE_TAKEN_ELSEWHERE = 'accountsNew.errors.phoneTakenElsewhere';

async function phoneTaken(db: DbOrTx, kabupatenId: string, phone: string): Promise<string | null> {
  const [u] = await db.select({ role: users.role, kabupatenId: users.kabupatenId }).from(users).where(eq(users.phone, phone)).limit(1);
  if (!u) return null;
  // Said without naming whose: another office or puskesmas learns nothing about its people.
  return u.role === 'dinkes' && u.kabupatenId === kabupatenId ? DISTRICT_PHONE_TAKEN_HERE : DISTRICT_PHONE_TAKEN_ELSEWHERE;
}

export type CreateDistrictAccountResult =
  { ok: true; userId: string; name: string; phone: string; code: string; expiresAt: Date } | { ok: false; fieldErrors: Partial<Record<DistrictAccountField, string>> };

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Partial<Record<DistrictAccountField, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '_form');
    out[key] ??= /^(validation|accountsNew|district)\.[\w.]+$/.test(issue.message) ? issue.message : 'validation.invalid';
  }
  return out as Partial<Record<DistrictAccountField, string>>;
}

/**
 * A district user adds another district account of her own kabupaten (role dinkes, no
 * puskesmas) with a one-time activation code, in one transaction with its audit row (never the
 * code). The same phone twice gives the duplicate message, never a second account.
 */
export async function createDistrictAccount(actor: Actor | null, raw: unknown): Promise<CreateDistrictAccountResult> {
  const db = await getDb();
  const kab = await kabupatenOf(db, actor, 'write', 'districtAccounts');
  assertCan(actor, 'write', 'districtAccounts', { puskesmasId: '', kabupatenId: kab.id });
  const parsed = districtAccountSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const v = parsed.data;
  const taken = await phoneTaken(db, kab.id, v.phone);
  if (taken) return { ok: false, fieldErrors: { phone: taken } };
  try {
    return await db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({ puskesmasId: null, kabupatenId: kab.id, role: 'dinkes', name: v.name, phone: v.phone, passwordHash: null })
        .returning({ id: users.id });
      const { code, expiresAt } = await issueActivationCode(tx, u!.id, actor.id);
      await audit(tx, actor, 'user.create', 'user', u!.id, null, { role: 'dinkes', name: v.name, phone: v.phone, kabupatenId: kab.id, active: true });
      return { ok: true as const, userId: u!.id, name: v.name, phone: v.phone, code, expiresAt };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return { ok: false, fieldErrors: { phone: (await phoneTaken(db, kab.id, v.phone)) ?? DISTRICT_PHONE_TAKEN_HERE } };
  }
}
