/**
 * The first steps of a new puskesmas (issue #29 point 3): what the dashboard lists until there
 * is data — places, kader accounts, the register, the settings, the public address — and which
 * are done. Staff and admin of the puskesmas read it ('read' on settings).
 */
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { babies, coverageTargets, posyandu, puskesmas, users, villages } from '@/db/schema';
import { assertCanHere, type Actor } from '@/lib/auth/policy';
import { isoToday } from '@/lib/domain';
import { configuredAppOrigin } from '@/lib/server/public-url';
import { puskesmasRow } from './puskesmas-row';

export type FirstStepKey = 'places' | 'accounts' | 'register' | 'settings' | 'publicUrl';
export type FirstStep = { key: FirstStepKey; done: boolean; href: string };
export type FirstSteps = { show: boolean; steps: FirstStep[]; done: number };

/** The steps in order; `show` while the puskesmas follows no baby yet. */
export async function firstSteps(actor: Actor): Promise<FirstSteps> {
  assertCanHere(actor, 'read', 'settings');
  const db = await getDb();
  const pid = actor.puskesmasId;
  const p = await puskesmasRow(db, pid);
  const year = Number(isoToday(p?.timeZone ?? 'Asia/Jakarta').slice(0, 4));
  // The five counts in one query (issue #31: the dashboard read them one query each).
  const [c] = await db
    .select({
      villageCount: sql<number>`(select count(*)::int from ${villages} where ${villages.puskesmasId} = ${pid})`,
      posyanduCount: sql<number>`(select count(*)::int from ${posyandu} where ${posyandu.puskesmasId} = ${pid})`,
      kaderCount: sql<number>`(select count(*)::int from ${users} where ${and(eq(users.puskesmasId, pid), eq(users.role, 'kader'))})`,
      babyCount: sql<number>`(select count(*)::int from ${babies} where ${babies.puskesmasId} = ${pid})`,
      targetCount: sql<number>`(select count(*)::int from ${coverageTargets} where ${and(eq(coverageTargets.puskesmasId, pid), eq(coverageTargets.year, year), isNull(coverageTargets.villageId))})`,
    })
    .from(puskesmas)
    .where(eq(puskesmas.id, pid));
  const { villageCount = 0, posyanduCount = 0, kaderCount = 0, babyCount = 0, targetCount = 0 } = c ?? {};
  const steps: FirstStep[] = [
    { key: 'places', done: villageCount > 0 && posyanduCount > 0, href: '/staff/wilayah' },
    { key: 'accounts', done: kaderCount > 0, href: '/staff/pengguna/baru' },
    { key: 'register', done: babyCount > 0, href: '/staff/impor' },
    { key: 'settings', done: targetCount > 0 && Boolean(p?.signatoryName), href: '/staff/pengaturan' },
    { key: 'publicUrl', done: Boolean(p?.publicUrl || configuredAppOrigin()), href: '/staff/pengaturan#alamat-portal' },
  ];
  return { show: babyCount === 0, steps, done: steps.filter((s) => s.done).length };
}
