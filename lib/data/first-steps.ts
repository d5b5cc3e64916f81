/**
 * The first steps of a new puskesmas (issue #29 point 3): what the dashboard lists until there
 * is data — places, kader accounts, the register, the settings, the public address — and which
 * are done. Staff and admin of the puskesmas read it ('read' on settings).
 */
import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { babies, coverageTargets, posyandu, puskesmas, users, villages } from '@/db/schema';
import { assertCanHere, type Actor } from '@/lib/auth/policy';
import { isoToday } from '@/lib/domain';
import { configuredAppOrigin } from '@/lib/server/public-url';

export type FirstStepKey = 'places' | 'accounts' | 'register' | 'settings' | 'publicUrl';
export type FirstStep = { key: FirstStepKey; done: boolean; href: string };
export type FirstSteps = { show: boolean; steps: FirstStep[]; done: number };

/** The steps in order; `show` while the puskesmas follows no baby yet. */
export async function firstSteps(actor: Actor): Promise<FirstSteps> {
  assertCanHere(actor, 'read', 'settings');
  const db = await getDb();
  const pid = actor.puskesmasId;
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  const [p] = await db
    .select({ publicUrl: puskesmas.publicUrl, signatoryName: puskesmas.signatoryName, timeZone: puskesmas.timeZone })
    .from(puskesmas)
    .where(eq(puskesmas.id, pid));
  const year = Number(isoToday(p?.timeZone ?? 'Asia/Jakarta').slice(0, 4));
  const [villageCount, posyanduCount, kaderCount, babyCount, targetCount] = await Promise.all([
    n(db.select({ n: count() }).from(villages).where(eq(villages.puskesmasId, pid))),
    n(db.select({ n: count() }).from(posyandu).where(eq(posyandu.puskesmasId, pid))),
    n(
      db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.puskesmasId, pid), eq(users.role, 'kader'))),
    ),
    n(db.select({ n: count() }).from(babies).where(eq(babies.puskesmasId, pid))),
    n(
      db
        .select({ n: count() })
        .from(coverageTargets)
        .where(and(eq(coverageTargets.puskesmasId, pid), eq(coverageTargets.year, year), isNull(coverageTargets.villageId))),
    ),
  ]);
  const steps: FirstStep[] = [
    { key: 'places', done: villageCount > 0 && posyanduCount > 0, href: '/staff/wilayah' },
    { key: 'accounts', done: kaderCount > 0, href: '/staff/pengguna/baru' },
    { key: 'register', done: babyCount > 0, href: '/staff/impor' },
    { key: 'settings', done: targetCount > 0 && Boolean(p?.signatoryName), href: '/staff/pengaturan' },
    { key: 'publicUrl', done: Boolean(p?.publicUrl || configuredAppOrigin()), href: '/staff/pengaturan#alamat-portal' },
  ];
  return { show: babyCount === 0, steps, done: steps.filter((s) => s.done).length };
}
