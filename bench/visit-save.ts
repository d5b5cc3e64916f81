/**
 * Benchmark part (bench/indicators.ts): a kader saving a visit at district scale, through the
 * application's own write path — lib/data/visits recordVisit (validation, scope, row lock, the
 * visit, whatever keeps the coverage rows, the audit row; one transaction), then correctVisit
 * of the same visit. No SQL of its own writes anything: only the choice of babies is a query.
 *
 * Each save is for a different baby, under 6 months old on the visit date, not exited, with no
 * visit on that date yet, by the kader of its mother's posyandu (her Actor built as the session
 * builds it, lib/auth/kader-places). The visit date is the bench's day (in the past of the real
 * clock, as a late report is: the schema refuses only a future date). The correction turns the
 * recall into a break (formula), so the baby's state and coverage rows change.
 *
 * Independent of how the coverage rows are kept (triggers before #21, lib/domain since): it
 * reads nothing derived.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbHandle } from '@/db/client';
import { kaderPlaces } from '@/lib/auth/kader-places';
import type { Actor } from '@/lib/auth/policy';
import { correctVisit, recordVisit } from '@/lib/data/visits';
import { fiveMonthDate } from '@/lib/domain';
import type { VisitFormValues } from '@/lib/validation/visit';
import { answeredVisit } from '@/tests/support/visit';

export type SaveTiming = { label: string; p50: number; p95: number; n: number };

type Candidate = { babyId: string; birthDate: string; kaderId: string; posyanduId: string; villageId: string };

/** Up to `count` babies of the puskesmas under 6 months on `day`, each with its posyandu's kader. */
async function candidates(handle: DbHandle, puskesmasId: string, day: string, count: number): Promise<Candidate[]> {
  return rowsOf<Candidate>(
    await handle.db.execute(sql`
      select b.id::text as "babyId", b.birth_date::text as "birthDate", u.id::text as "kaderId",
        u.posyandu_id::text as "posyanduId", u.village_id::text as "villageId"
      from babies b
      join mothers m on m.id = b.mother_id
      join users u on u.posyandu_id = m.posyandu_id and u.role = 'kader'
      where b.puskesmas_id = ${puskesmasId} and b.exit_date is null
        and b.birth_date <= ${day}::date and b.birth_date > (${day}::date - interval '6 months')::date
        and not exists (select 1 from visits v where v.baby_id = b.id and v.visit_date = ${day}::date)
      order by b.id
      limit ${count}`),
  );
}

/**
 * Times `n` visit saves (recordVisit) and `n` corrections (correctVisit), one call at a time,
 * after one untimed save and correction (warm-up). `pct` is the caller's percentile.
 */
export async function timeVisitSaves(handle: DbHandle, puskesmasId: string, day: string, n: number, pct: (xs: number[], p: number) => number): Promise<SaveTiming[]> {
  if (n <= 0) return [];
  const babies = await candidates(handle, puskesmasId, day, n + 1);
  if (babies.length < 2) throw new Error(`visit save: only ${babies.length} babies under 6 months on ${day} without a visit that day`);
  const actors = new Map<string, Actor>();
  const actorOf = async (c: Candidate): Promise<Actor> => {
    let a = actors.get(c.kaderId);
    if (!a) {
      const places = await kaderPlaces(handle.db, { id: c.kaderId, posyanduId: c.posyanduId, villageId: c.villageId });
      a = { id: c.kaderId, role: 'kader', puskesmasId, posyanduId: c.posyanduId, villageId: c.villageId, motherId: null, ...places };
      actors.set(c.kaderId, a);
    }
    return a;
  };
  const saves: number[] = [];
  const corrections: number[] = [];
  for (const [i, c] of babies.entries()) {
    const kader = await actorOf(c);
    // As the form sends a first visit of the day: recall answered, exclusive, the 5-month
    // confirmation only when it is asked, no "simpan lagi?" (the same-date check runs).
    const input: VisitFormValues = answeredVisit(randomUUID(), c.babyId, day, {
      sameDayConfirmed: false,
      confirmedExclusive: day >= fiveMonthDate(c.birthDate) ? 'yes' : '',
      weightGrams: '5200',
      recordedAt: new Date().toISOString(),
    });
    let t = performance.now();
    const saved = await recordVisit(kader, input);
    const saveMs = performance.now() - t;
    if (!saved.ok || !saved.created) throw new Error(`visit save: recordVisit answered ${JSON.stringify(saved)}`);
    t = performance.now();
    const corrected = await correctVisit(kader, { ...input, recallItems: ['formula'], breakReason: 'low_supply', reason: 'Salah isi: ibu juga memberi susu formula' });
    const correctMs = performance.now() - t;
    if (!corrected.ok || corrected.changed.length === 0) throw new Error(`visit save: correctVisit answered ${JSON.stringify(corrected)}`);
    if (i === 0) continue; // warm-up
    saves.push(saveMs);
    corrections.push(correctMs);
  }
  return [
    { label: 'VISIT SAVE (recordVisit, as the kader)', p50: pct(saves, 50), p95: pct(saves, 95), n: saves.length },
    { label: 'visit correction (correctVisit, as the kader)', p50: pct(corrections, 50), p95: pct(corrections, 95), n: corrections.length },
  ];
}
