/**
 * Issue #29 point 1 on both databases, through the data layer: the figures of a past period.
 * - the status card of a past month counts only babies born by its last day (decision 050);
 * - a window whose last day is the period's last day closes in that period: missed there when
 *   never visited, on time when visited on that day, and in no other period (decision 050);
 * - an exit after the 6-month date leaves the windows where they were (journey rule, DESIGN §3);
 * - windows that closed before a baby was registered are nobody's miss: not in the kader table,
 *   not on the today list, "before_registration" on the baby page, and the late registration is
 *   counted for staff (decision 060).
 * Each scenario has a posyandu and a kader of its own, so only its babies count there.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { refreshCoverage } from '@/db/coverage';
import { babies } from '@/db/schema';
import { DEMO_LOGINS } from '@/db/seed';
import type { Actor } from '@/lib/auth/policy';
import { createAccount } from '@/lib/data/accounts';
import { coverageDashboard } from '@/lib/data/coverage';
import { exitBaby } from '@/lib/data/journey';
import { registerMother } from '@/lib/data/mothers';
import { kaderOverview } from '@/lib/data/overview';
import { createPosyandu, createVillage } from '@/lib/data/places';
import { babyDetail, recordVisit } from '@/lib/data/visits';
import { addDays, addMonths, addToYearMonth, isoToday, monthBounds, monthOf, sixMonthDate, type YearMonth } from '@/lib/domain';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, useDatabase, type TestDb } from './support';

describe.each(BACKENDS)('figures of a past period on $name', (backend) => {
  let db: TestDb;
  let staff: Actor;
  let villageId = '';
  const today = isoToday();
  const thisMonth = monthOf(today);
  const prev = addToYearMonth(thisMonth, -1);
  const before = addToYearMonth(thisMonth, -2);
  const lastOf = (ym: YearMonth) => monthBounds(ym.year, ym.month).last;
  const tag = backend.name === 'pglite' ? 1 : 2;
  let n = 0;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    staff = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'staff')!.phone);
    const v = await createVillage(staff, { name: `Desa Uji Periode ${backend.name}`, kind: 'desa' });
    if (!v.ok) throw new Error(JSON.stringify(v));
    villageId = v.id;
  }, 300_000);
  afterAll(() => db.dispose());

  /** A posyandu with a kader of its own. */
  async function place(name: string) {
    n += 1;
    const p = await createPosyandu(staff, { villageId, name: `Posyandu ${name} ${backend.name}`, rw: String(n), address: '' });
    if (!p.ok) throw new Error(JSON.stringify(p));
    const phone = `0819-6${tag}${String(n).padStart(2, '0')}-0000`;
    const acc = await createAccount(staff, { role: 'kader', name: `Kader ${name}`, phone, posyanduIds: [p.id], homePosyanduId: p.id });
    if (!acc.ok) throw new Error(JSON.stringify(acc));
    return { posyanduId: p.id, kader: await actorFor(db, phone) };
  }

  /** A mother with one baby born on `birthDate`, registered by the kader today, or (`registeredOn`) on that day. */
  async function baby(kader: Actor, posyanduId: string, birthDate: string, registeredOn?: string) {
    n += 1;
    const res = await registerMother(kader, {
      id: randomUUID(),
      name: `Ibu Periode ${n}`,
      phone: `0857-6${tag}${String(n).padStart(2, '0')}-1000`,
      nik: '',
      posyanduId,
      birthDate,
      babies: [{ sex: n % 2 ? 'L' : 'P', name: '', birthWeightGrams: '3000' }],
      consent: true,
    });
    if (!res.ok) throw new Error(JSON.stringify(res));
    const id = res.babyIds[0]!;
    if (registeredOn) {
      // Registered at the desk on that day (10.00 WIB), as if the portal had been there then.
      await db.db.transaction(async (tx) => {
        await tx
          .update(babies)
          .set({ createdAt: new Date(`${registeredOn}T03:00:00Z`) })
          .where(eq(babies.id, id));
        await refreshCoverage(tx, [id]);
      });
    }
    return id;
  }

  async function visit(kader: Actor, babyId: string, visitDate: string) {
    const res = await recordVisit(kader, answeredVisit(randomUUID(), babyId, today, { visitDate, confirmedExclusive: 'yes' }));
    if (!res.ok) throw new Error(JSON.stringify(res));
  }

  const board = (month: YearMonth, posyanduId: string) => coverageDashboard(staff, { month, villageId: null, posyanduId });
  const windowsOf = async (month: YearMonth, kader: Actor, posyanduId: string) => (await board(month, posyanduId)).kaders.find((k) => k.id === kader.id)!.windows;

  it('the status card of a past month counts no baby born after its last day', async () => {
    const { kader, posyanduId } = await place('Status');
    await baby(kader, posyanduId, addDays(monthBounds(prev.year, prev.month).first, 9));
    const past = await board(before, posyanduId);
    expect(past.asOf).toBe(lastOf(before));
    expect(
      Object.values(past.statusOnDay).reduce((a, b) => a + b, 0),
      'born after the last day',
    ).toBe(0);
    const now = await board(thisMonth, posyanduId);
    expect(now.statusOnDay.ongoing).toBe(1);
  });

  it("a window whose last day is the period's last day closes in that period: missed there if never visited, on time if visited that day", async () => {
    const { kader, posyanduId } = await place('Hari Terakhir');
    // Window 1 (days 3–7) ends on the last day of the month before last.
    const birth = addDays(lastOf(before), -7);
    await baby(kader, posyanduId, birth, birth);
    const visited = await baby(kader, posyanduId, birth, birth);
    await visit(kader, visited, lastOf(before));
    expect(await windowsOf(before, kader, posyanduId)).toEqual({ onTime: 1, late: 0, missed: 1 });
    // Window 2 (days 8–28) of both closes last month: missed twice; window 1 is counted only once, above.
    expect(await windowsOf(prev, kader, posyanduId)).toEqual({ onTime: 0, late: 0, missed: 2 });
  });

  it('a baby who moves away after its 6-month date keeps its windows in the kader table', async () => {
    const { kader, posyanduId } = await place('Pindah');
    // 6-month date on the 15th of last month; its last window ends the day before.
    const six = addDays(monthBounds(prev.year, prev.month).first, 14);
    const birth = addMonths(six, -6);
    expect(sixMonthDate(birth)).toBe(six);
    const id = await baby(kader, posyanduId, birth, birth);
    await visit(kader, id, addDays(six, -3));
    const exit = await exitBaby(staff, { babyId: id, exitDate: addDays(six, 3), exitReason: 'moved', reason: 'Pindah ke luar kota' });
    expect(exit.ok).toBe(true);
    expect(await windowsOf(prev, kader, posyanduId)).toEqual({ onTime: 1, late: 0, missed: 0 });
  });

  it('windows closed before a baby was registered are nobody’s miss; staff see the late registration counted', async () => {
    const { kader, posyanduId } = await place('Terlambat');
    // Born 66 days ago, registered today: windows 1–3 (to day 59) closed before; window 4 is open.
    const id = await baby(kader, posyanduId, addDays(today, -66));
    for (const ym of [before, prev, thisMonth]) expect((await windowsOf(ym, kader, posyanduId)).missed, `${ym.year}-${ym.month}`).toBe(0);
    const home = await kaderOverview(kader);
    expect(home.due.filter((d) => d.babyId === id).map((d) => [d.kind, d.window?.index])).toEqual([['open', 3]]);
    const page = await babyDetail(kader, id);
    expect(page.windows.map((w) => w.state)).toEqual(['before_registration', 'before_registration', 'before_registration', 'open', 'upcoming', 'upcoming', 'upcoming']);
    expect((await board(thisMonth, posyanduId)).lateRegistered).toBe(1);
    // A baby registered at birth is not late.
    await baby(kader, posyanduId, addDays(today, -2));
    expect((await board(thisMonth, posyanduId)).lateRegistered).toBe(1);
  });
});
