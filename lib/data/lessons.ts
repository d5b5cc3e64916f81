/**
 * Lessons (materi, issue #28): the built-in library (files, lib/lessons/library.ts) and a
 * puskesmas's own lessons (table `lessons`), with each puskesmas's decisions about the built-in
 * ones (table `builtin_lesson_states`: hidden, reviewed for a content hash).
 *
 * Reading: `visibleLessons(puskesmasId)` is what any reader of that puskesmas may see — the
 * built-in lessons it does not hide and its own published lessons — and is cached per puskesmas
 * in this process (lessonCache below): public pages and the /ibu and kader cards ask no database
 * per request. The cache holds only what anyone may see; every lesson write forgets the
 * puskesmas's entry.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { builtinLessonStates, lessons, puskesmas, users } from '@/db/schema';
import type { LessonAudience, LessonMeta, LessonStage } from '@/lib/domain/lessons';
import type { Locale } from '@/lib/i18n/config';
import { builtinLessons } from '@/lib/lessons/library';

/** A lesson as lists and cards show it: plain data, safe to cache and to hand to components. */
export type LessonCard = LessonMeta & {
  audience: LessonAudience;
  stage: LessonStage;
  title: string;
  summary: string;
  /** The lesson's page at its puskesmas's address: /materi/pkm/<kode>/<slug>. */
  href: string;
  builtin: boolean;
  /** Reviewed by a staff member of this puskesmas (a built-in one: for its current text). */
  reviewed: { by: string; at: string } | null;
};

// ---------------------------------------------------------------------------------------------
// The per-puskesmas cache of what anyone may see

/**
 * How long an entry is trusted. A write in this process forgets its puskesmas at once; another
 * instance behind the same load balancer sees the change within this time.
 */
export const LESSON_CACHE_MS = 60_000;

type Visible = { code: string; cards: Record<Locale, LessonCard[]> };
const cache = new Map<string, { at: number; value: Promise<Visible | null> }>();

/** Forget a puskesmas's cached lessons (every lesson write), or all of them. */
export function forgetLessonCache(puskesmasId?: string): void {
  if (puskesmasId) cache.delete(puskesmasId);
  else cache.clear();
}

const stageOf = (stage: string, from: number | null, to: number | null): LessonStage =>
  stage === 'pregnancy' ? { kind: 'pregnancy' } : { kind: 'age', fromDay: from ?? 0, toDay: to };

async function loadVisible(puskesmasId: string): Promise<Visible | null> {
  const db = await getDb();
  const [p] = await db.select({ code: puskesmas.code }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  if (!p) return null;
  const [states, own] = await Promise.all([
    db
      .select({
        slug: builtinLessonStates.slug,
        hidden: builtinLessonStates.hidden,
        reviewedHash: builtinLessonStates.reviewedHash,
        reviewedAt: builtinLessonStates.reviewedAt,
        by: users.name,
      })
      .from(builtinLessonStates)
      .leftJoin(users, eq(users.id, builtinLessonStates.reviewedBy))
      .where(eq(builtinLessonStates.puskesmasId, puskesmasId)),
    db
      .select({
        slug: lessons.slug,
        title: lessons.title,
        summary: lessons.summary,
        audience: lessons.audience,
        stage: lessons.stage,
        ageFromDay: lessons.ageFromDay,
        ageToDay: lessons.ageToDay,
        counselling: lessons.counselling,
        breakReasons: lessons.breakReasons,
        findings: lessons.findings,
        reviewedAt: lessons.reviewedAt,
        by: users.name,
      })
      .from(lessons)
      .leftJoin(users, eq(users.id, lessons.reviewedBy))
      .where(and(eq(lessons.puskesmasId, puskesmasId), eq(lessons.status, 'published'))),
  ]);
  const stateOf = new Map(states.map((s) => [s.slug, s]));
  const base = `/materi/pkm/${encodeURIComponent(p.code)}`;
  const cards = (locale: Locale): LessonCard[] => {
    const out: LessonCard[] = [];
    for (const l of builtinLessons()) {
      const s = stateOf.get(l.slug);
      if (s?.hidden) continue;
      const text = l.text[locale];
      out.push({
        slug: l.slug,
        audience: l.audience,
        stage: l.stage,
        counselling: l.counselling,
        breakReasons: l.breakReasons,
        findings: l.findings,
        title: text.title,
        summary: text.summary,
        href: `${base}/${l.slug}`,
        builtin: true,
        reviewed: s && s.reviewedAt && s.reviewedHash === l.hash ? { by: s.by ?? '', at: s.reviewedAt.toISOString() } : null,
      });
    }
    for (const l of own) {
      out.push({
        slug: l.slug,
        audience: l.audience as LessonAudience,
        stage: stageOf(l.stage, l.ageFromDay, l.ageToDay),
        counselling: l.counselling,
        breakReasons: l.breakReasons,
        findings: l.findings,
        title: l.title,
        summary: l.summary,
        href: `${base}/${l.slug}`,
        builtin: false,
        reviewed: l.reviewedAt ? { by: l.by ?? '', at: l.reviewedAt.toISOString() } : null,
      });
    }
    return out;
  };
  return { code: p.code, cards: { id: cards('id'), en: cards('en') } };
}

async function visible(puskesmasId: string): Promise<Visible | null> {
  const now = Date.now();
  const hit = cache.get(puskesmasId);
  if (hit && now - hit.at < LESSON_CACHE_MS) return hit.value;
  const value = loadVisible(puskesmasId);
  cache.set(puskesmasId, { at: now, value });
  // A failed read (database unavailable) is not kept.
  value.catch(() => {
    if (cache.get(puskesmasId)?.value === value) cache.delete(puskesmasId);
  });
  return value;
}

/**
 * Every lesson a reader of the puskesmas may see: the built-in lessons it does not hide, then its
 * own published ones; titles and summaries in `locale` (own lessons are in Indonesian). Empty
 * for an unknown puskesmas. Cached (no database query per request); the lists are shared, so
 * callers must not change them.
 */
export async function visibleLessons(puskesmasId: string, locale: Locale = 'id'): Promise<LessonCard[]> {
  const v = await visible(puskesmasId);
  return v ? v.cards[locale] : [];
}
