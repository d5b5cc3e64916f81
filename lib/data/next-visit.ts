/**
 * The mother's own view of her baby's kader visits: the window open or overdue now (as the
 * kader's today list has it, lib/domain dueList), else the next one (lib/domain windowStates).
 */
import 'server-only';
import { getDb } from '@/db/client';
import { assertCan, type Actor } from '@/lib/auth/policy';
import { dueList, isExitedOn, isoToday, sixMonthDate, windowStates, zonedParts, type IsoDate } from '@/lib/domain';
import { ownBabiesWithFacts, puskesmasOf, windowsByBirth } from './overview';

export type NextVisit = {
  babyId: string;
  name: string | null;
  sex: 'L' | 'P';
  /** open: due now; overdue: closed without a visit; upcoming: the next one; none: no more visits. */
  state: 'open' | 'overdue' | 'upcoming' | 'none';
  window: { n: number; from: IsoDate; to: IsoDate } | null;
};

export async function nextVisits(actor: Actor): Promise<NextVisit[]> {
  assertCan(actor, 'read', 'visits');
  const db = await getDb();
  const p = await puskesmasOf(db, actor);
  const today = isoToday(p.timeZone);
  const windowsOf = await windowsByBirth(db, actor.puskesmasId, p.visitWindows);
  // The same read as her timeline on the same page (ibuOverview), once per request.
  const { rows, facts } = await ownBabiesWithFacts(db, actor);
  return rows.map((r) => {
    const f = facts.get(r.id)!;
    const base = { babyId: r.id, name: r.name, sex: r.sex };
    if (isExitedOn(f, today) || today >= sixMonthDate(r.birthDate)) return { ...base, state: 'none' as const, window: null };
    const visitDates = f.visits.map((v) => v.visitDate);
    const windows = windowsOf(r.birthDate);
    const registeredOn = zonedParts(r.createdAt, p.timeZone).date;
    const [due] = dueList([{ id: r.id, birthDate: r.birthDate, exitDate: r.exitDate, visitDates, registeredOn }], today, windows).filter((d) => d.window);
    if (due?.window) {
      return {
        ...base,
        state: due.kind === 'overdue' ? ('overdue' as const) : ('open' as const),
        window: { n: due.window.index + 1, from: due.window.from, to: due.window.to },
      };
    }
    const next = windowStates(r.birthDate, visitDates, today, windows, registeredOn).find((w) => w.state === 'upcoming');
    return next
      ? { ...base, state: 'upcoming' as const, window: { n: next.index + 1, from: next.from, to: next.to } }
      : { ...base, state: 'none' as const, window: null };
  });
}
