/**
 * Puskesmas settings (issue #18, /staff/pengaturan): profile, coverage target per year,
 * certificate signatory, the forum's blocked terms and the kader visit windows. DESIGN §4: the
 * admin writes, staff read, nobody else sees them. Every write is validated with its form's zod
 * schema (lib/validation/settings.ts), checked by the policy, scoped to the actor's own
 * puskesmas and written in one transaction with its audit row; a write that changes nothing
 * writes nothing (a double submit is harmless).
 */
import 'server-only';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { babiesOfPuskesmas, refreshCoverage } from '@/db/coverage';
import { coverageTargets, puskesmas, villages, visitWindowSettings } from '@/db/schema';
import { assertCanHere, ForbiddenError, scopeOf, type Actor } from '@/lib/auth/policy';
import { DEFAULT_VISIT_WINDOWS, isoToday, validateWindows, windowsInForce, type IsoDate, type VisitWindow } from '@/lib/domain';
import {
  blockedTermsSchema,
  checkPublicUrl,
  profileSchema,
  publicUrlSchema,
  settingsErrors,
  signatorySchema,
  targetSchema,
  visitWindowsSchema,
  type TimeZoneId,
} from '@/lib/validation/settings';
import { configuredAppOrigin } from '@/lib/server/public-url';
import { audit } from './audit';

export type SettingsResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: Record<string, string> };

/** Staff and admin of the puskesmas read; a kader's 'posyandu' read of places does not reach settings. */
function assertRead(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'read', 'settings');
  if (scopeOf(actor, 'read', 'settings') !== 'puskesmas') throw new ForbiddenError('settings are read by staff');
}

function assertWrite(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'write', 'settings');
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const plainWindows = (ws: readonly VisitWindow[]): VisitWindow[] => ws.map((w) => ({ fromDay: w.fromDay, toDay: w.toDay }));

async function lockPuskesmas(tx: DbOrTx, puskesmasId: string) {
  // NO KEY UPDATE: settings writes wait for each other, but not for a visit or a registration
  // being saved (their foreign keys take KEY SHARE on the puskesmas); with FOR UPDATE, a time-zone
  // change recomputing babies could deadlock with a visit save holding its baby's lock.
  const [p] = await tx.select().from(puskesmas).where(eq(puskesmas.id, puskesmasId)).for('no key update');
  if (!p) throw new Error('puskesmas of the signed-in user is missing');
  return p;
}

// ---------------------------------------------------------------------------------------------
// Read

export type WindowChangeRow = { effectiveFrom: IsoDate; windows: VisitWindow[] };

/** Everything the settings page shows; `mayWrite` only for the admin. */
export async function settingsOverview(actor: Actor) {
  assertRead(actor);
  const db = await getDb();
  const [p] = await db.select().from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  if (!p) throw new Error('puskesmas of the signed-in user is missing');
  const today = isoToday(p.timeZone);
  const [targets, places, changes] = await Promise.all([
    db
      .select({
        id: coverageTargets.id,
        year: coverageTargets.year,
        targetPercent: coverageTargets.targetPercent,
        villageId: coverageTargets.villageId,
        villageName: villages.name,
      })
      .from(coverageTargets)
      .leftJoin(villages, eq(villages.id, coverageTargets.villageId))
      .where(eq(coverageTargets.puskesmasId, actor.puskesmasId))
      .orderBy(desc(coverageTargets.year), sql`${coverageTargets.villageId} is not null`, asc(villages.name)),
    db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.puskesmasId, actor.puskesmasId)).orderBy(asc(villages.name)),
    db
      .select({ effectiveFrom: visitWindowSettings.effectiveFrom, windows: visitWindowSettings.windows })
      .from(visitWindowSettings)
      .where(eq(visitWindowSettings.puskesmasId, actor.puskesmasId))
      .orderBy(desc(visitWindowSettings.effectiveFrom)),
  ]);
  const inForce = windowsInForce(changes, p.visitWindows, today);
  const latest = changes.find((c) => c.effectiveFrom <= today && c.windows.length > 0) ?? null;
  const base = p.visitWindows?.length ? p.visitWindows : null;
  const thisYear = Number(today.slice(0, 4));
  return {
    mayWrite: scopeOf(actor, 'write', 'settings') === 'puskesmas',
    today,
    thisYear,
    profile: {
      code: p.code,
      name: p.name,
      district: p.district,
      subdistrict: p.subdistrict,
      province: p.province,
      address: p.address,
      timeZone: p.timeZone as TimeZoneId,
    },
    targets: targets.map((t) => ({ ...t, villageName: t.villageName ?? null })),
    /** The puskesmas-wide target of this year, null = not set ("belum ditetapkan"). */
    targetThisYear: targets.find((t) => t.year === thisYear && t.villageId === null)?.targetPercent ?? null,
    villages: places,
    signatory: { name: p.signatoryName, nip: p.signatoryNip, title: p.signatoryTitle },
    publicUrl: publicUrlState(p.publicUrl),
    blockedTerms: p.blockedTerms,
    windows: {
      /** What a baby born today follows. */
      inForce: plainWindows(inForce),
      /** Where it comes from: a change (since `since`), the puskesmas's own base setting, or DESIGN's defaults. */
      source: latest ? ('change' as const) : base ? ('base' as const) : ('default' as const),
      since: latest?.effectiveFrom ?? null,
      isDefault: sameJson(plainWindows(inForce), plainWindows(DEFAULT_VISIT_WINDOWS)),
      defaults: plainWindows(DEFAULT_VISIT_WINDOWS),
      /** Earlier changes, newest first (babies born between two changes follow the earlier). */
      history: changes.map((c) => ({ effectiveFrom: c.effectiveFrom, windows: plainWindows(c.windows) })),
    },
  };
}

export type SettingsOverview = Awaited<ReturnType<typeof settingsOverview>>;

// ---------------------------------------------------------------------------------------------
// 1. Profile

export async function saveProfile(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
  const next = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const p = await lockPuskesmas(tx, actor.puskesmasId);
    const before = { name: p.name, district: p.district, subdistrict: p.subdistrict, province: p.province, address: p.address, timeZone: p.timeZone };
    if (sameJson(before, next)) return { ok: true, changed: false };
    await tx.update(puskesmas).set(next).where(eq(puskesmas.id, p.id));
    // The time zone decides the day a session started on, so who attended before a 6-month date.
    if (before.timeZone !== next.timeZone) await refreshCoverage(tx, await babiesOfPuskesmas(tx, p.id));
    await audit(tx, actor, 'settings.profile.update', 'puskesmas', p.id, before, next);
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Coverage target of a year

/** Sets (adds or changes) the target % of a year, for the puskesmas or one of its villages. */
export async function saveTarget(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
  const { year, targetPercent, villageId } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (villageId) {
      // Another puskesmas's village is no village here.
      const [v] = await tx
        .select({ id: villages.id })
        .from(villages)
        .where(and(eq(villages.id, villageId), eq(villages.puskesmasId, actor.puskesmasId)));
      if (!v) return { ok: false, fieldErrors: { villageId: 'settings.errors.villageUnknown' } };
    }
    // Serialises writers of this puskesmas's targets (two submits at once: one insert, one update).
    await lockPuskesmas(tx, actor.puskesmasId);
    const sameRow = and(
      eq(coverageTargets.puskesmasId, actor.puskesmasId),
      eq(coverageTargets.year, year),
      villageId ? eq(coverageTargets.villageId, villageId) : isNull(coverageTargets.villageId),
    );
    const [existing] = await tx.select().from(coverageTargets).where(sameRow);
    if (existing && existing.targetPercent === targetPercent) return { ok: true, changed: false };
    let id: string;
    if (existing) {
      await tx.update(coverageTargets).set({ targetPercent }).where(eq(coverageTargets.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx.insert(coverageTargets).values({ puskesmasId: actor.puskesmasId, villageId, year, targetPercent }).returning({ id: coverageTargets.id });
      id = row!.id;
    }
    await audit(
      tx,
      actor,
      existing ? 'settings.target.update' : 'settings.target.create',
      'coverage_target',
      id,
      existing ? { year, villageId, targetPercent: existing.targetPercent } : null,
      { year, villageId, targetPercent },
    );
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Certificate signatory (copied into each certificate when it is issued)

export async function saveSignatory(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const parsed = signatorySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
  const next = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const p = await lockPuskesmas(tx, actor.puskesmasId);
    const before = { signatoryName: p.signatoryName, signatoryNip: p.signatoryNip, signatoryTitle: p.signatoryTitle };
    if (sameJson(before, next)) return { ok: true, changed: false };
    await tx.update(puskesmas).set(next).where(eq(puskesmas.id, p.id));
    await audit(tx, actor, 'settings.signatory.update', 'puskesmas', p.id, before, next);
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// 4. The forum's blocked terms (lib/forum/blocked.ts holds matching posts for review)

export async function saveBlockedTerms(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const parsed = blockedTermsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
  const terms = parsed.data.terms;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const p = await lockPuskesmas(tx, actor.puskesmasId);
    if (sameJson(p.blockedTerms, terms)) return { ok: true, changed: false };
    await tx.update(puskesmas).set({ blockedTerms: terms }).where(eq(puskesmas.id, p.id));
    await audit(tx, actor, 'settings.blockedTerms.update', 'puskesmas', p.id, { blockedTerms: p.blockedTerms }, { blockedTerms: terms });
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// 5. Visit windows (docs/decisions/043)

/**
 * A new window setting for babies born from today (the puskesmas's date) on: the row
 * (puskesmas, today) is written or replaced, and the stored windows of babies born on or after
 * today are planned again. Babies born earlier keep their windows, their missed and late marks
 * and the reports of past months. puskesmas.visit_windows (the base every baby falls back on) is
 * never touched. `{ reset: true }` goes back to DESIGN's defaults the same way.
 */
export async function saveVisitWindows(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const reset = typeof raw === 'object' && raw !== null && (raw as { reset?: unknown }).reset === true;
  let windows: VisitWindow[];
  if (reset) windows = plainWindows(DEFAULT_VISIT_WINDOWS);
  else {
    const parsed = visitWindowsSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
    windows = plainWindows(parsed.data.windows);
  }
  // The schema says the same per field; the domain rule is the last word.
  if (validateWindows(windows).length) return { ok: false, fieldErrors: { windows: 'settings.errors.windowsInvalid' } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const p = await lockPuskesmas(tx, actor.puskesmasId);
    const today = isoToday(p.timeZone);
    const changes = await tx
      .select({ effectiveFrom: visitWindowSettings.effectiveFrom, windows: visitWindowSettings.windows })
      .from(visitWindowSettings)
      .where(eq(visitWindowSettings.puskesmasId, p.id));
    const before = plainWindows(windowsInForce(changes, p.visitWindows, today));
    if (sameJson(before, windows)) return { ok: true, changed: false };
    await tx
      .insert(visitWindowSettings)
      .values({ puskesmasId: p.id, effectiveFrom: today, windows, createdBy: actor.id })
      .onConflictDoUpdate({
        target: [visitWindowSettings.puskesmasId, visitWindowSettings.effectiveFrom],
        set: { windows, createdBy: actor.id, createdAt: sql`now()` },
      });
    await refreshCoverage(tx, await babiesOfPuskesmas(tx, p.id, today));
    await audit(
      tx,
      actor,
      reset ? 'settings.visitWindows.reset' : 'settings.visitWindows.update',
      'puskesmas',
      p.id,
      { effectiveFrom: today, windows: before },
      { effectiveFrom: today, windows },
    );
    return { ok: true, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// 6. The portal's public address (issue #29, decision 061)

/**
 * What the page says about the address links are built from: the saved setting, else APP_URL
 * (the server's default), else missing. `warning`: an http address (local networks only).
 */
export function publicUrlState(saved: string | null) {
  const app = configuredAppOrigin() || null;
  const effective = saved ?? app;
  const check = effective ? checkPublicUrl(effective) : null;
  return {
    saved,
    appUrl: app,
    effective,
    source: saved ? ('setting' as const) : app ? ('appUrl' as const) : ('missing' as const),
    warning: check && check.ok ? check.warning : null,
  };
}

/** Sets (or, emptied, clears) the puskesmas's public address; audited with before and after. */
export async function savePublicUrl(actor: Actor, raw: unknown): Promise<SettingsResult> {
  assertWrite(actor);
  const parsed = publicUrlSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: settingsErrors(parsed.error) };
  const next = parsed.data.publicUrl;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const p = await lockPuskesmas(tx, actor.puskesmasId);
    if (p.publicUrl === next) return { ok: true, changed: false };
    await tx.update(puskesmas).set({ publicUrl: next }).where(eq(puskesmas.id, p.id));
    await audit(tx, actor, 'settings.publicUrl.update', 'puskesmas', p.id, { publicUrl: p.publicUrl }, { publicUrl: next });
    return { ok: true, changed: true };
  });
}
