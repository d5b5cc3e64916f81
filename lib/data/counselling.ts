/**
 * Counselling with lessons (issue #28 point 3): what a visit found, read for the selection rule
 * (lib/domain/lessons.ts), and the lessons a kader may tick on a visit. Lessons hold no personal
 * data; the visits read here are scoped as every visit read is (motherScope).
 */
import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { babies, mothers, visits } from '@/db/schema';
import { assertCan, type Actor } from '@/lib/auth/policy';
import { counsellingFor, lessonsForTopic, type ChosenLesson, type LessonSituation, type VisitFindingFacts } from '@/lib/domain/lessons';
import { COUNSELLING_CODES, type CounsellingCode } from '@/lib/domain/catalogue';
import type { BreakReason } from '@/lib/domain/recall';
import type { LessonCard } from './lessons';
import { motherScope } from './scope';

const FINDING_COLUMNS = {
  babyId: visits.babyId,
  visitDate: visits.visitDate,
  recallItems: visits.recallItems,
  givenSinceLast: visits.givenSinceLast,
  dangerSigns: visits.dangerSigns,
  referral: visits.referral,
  problems: visits.problems,
  breakReason: visits.breakReason,
};

function toFacts(r: {
  visitDate: string;
  recallItems: string[];
  givenSinceLast: boolean;
  dangerSigns: string[];
  referral: boolean;
  problems: string[];
  breakReason: string | null;
}): VisitFindingFacts {
  return {
    visitDate: r.visitDate,
    recallItems: r.recallItems,
    givenSinceLast: r.givenSinceLast,
    dangerSigns: r.dangerSigns,
    referral: r.referral,
    problems: r.problems,
    breakReason: (r.breakReason as BreakReason | null) ?? null,
  };
}

/** The latest visit of one baby whose scope the caller has already checked (latest date, then latest received). */
export async function latestVisitOf(db: DbOrTx, babyId: string): Promise<VisitFindingFacts | null> {
  const [row] = await db.select(FINDING_COLUMNS).from(visits).where(eq(visits.babyId, babyId)).orderBy(desc(visits.visitDate), desc(visits.receivedAt)).limit(1);
  return row ? toFacts(row) : null;
}

/**
 * The latest visit of each of the babies the actor may read visits of (a mother: her own; a
 * kader: her scope). Babies out of scope are left out, as if they had no visit.
 */
export async function latestVisitsOfBabies(actor: Actor, babyIds: readonly string[]): Promise<Map<string, VisitFindingFacts>> {
  assertCan(actor, 'read', 'visits');
  const out = new Map<string, VisitFindingFacts>();
  if (babyIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .selectDistinctOn([visits.babyId], FINDING_COLUMNS)
    .from(visits)
    .innerJoin(babies, eq(babies.id, visits.babyId))
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(and(sql`${visits.babyId} = any(${'{' + babyIds.join(',') + '}'}::uuid[])`, motherScope(actor, 'read', 'visits')))
    .orderBy(visits.babyId, desc(visits.visitDate), desc(visits.receivedAt));
  for (const r of rows) out.set(r.babyId, toFacts(r));
  return out;
}

/** A lesson as the visit form lists it. */
export type VisitLesson = { slug: string; title: string; href: string };

/** What the visit form offers to tick: the bahan konseling of this visit and the lessons of each topic. */
export type VisitLessonOptions = {
  /** Every lesson the form may show (titles and addresses), by slug. */
  lessons: VisitLesson[];
  /** The bahan konseling (2–3), with why. */
  materials: ChosenLesson<LessonCard>[];
  /** Slugs answering each counselling topic (shown under the topic when she ticks it). */
  byTopic: Partial<Record<CounsellingCode, string[]>>;
};

/**
 * The lesson choices of a visit form. `kept`: slugs the visit already holds (a correction),
 * offered even when the lesson has been hidden since — by title when known, else by slug.
 */
export function visitLessonOptions(visible: readonly LessonCard[], situation: LessonSituation, kept: readonly string[] = []): VisitLessonOptions {
  const materials = counsellingFor(visible, situation);
  const byTopic: Partial<Record<CounsellingCode, string[]>> = {};
  for (const topic of COUNSELLING_CODES) {
    const list = lessonsForTopic(visible, topic).map((l) => l.slug);
    if (list.length) byTopic[topic] = list;
  }
  const lessons: VisitLesson[] = visible.map((l) => ({ slug: l.slug, title: l.title, href: l.href }));
  for (const slug of kept) if (!lessons.some((l) => l.slug === slug)) lessons.push({ slug, title: slug, href: '' });
  return { lessons, materials, byTopic };
}

/** The slugs a kader may record on a visit: the visible ones, and those the visit already holds. */
export function allowedLessonSlugs(visible: readonly LessonCard[], kept: readonly string[] = []): string[] {
  return [...new Set([...visible.map((l) => l.slug), ...kept])];
}
