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
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx, type Tx } from '@/db/client';
import { auditLog, builtinLessonStates, lessons, puskesmas, users } from '@/db/schema';
import { assertCanHere, NotFoundError, type Actor } from '@/lib/auth/policy';
import type { LessonAudience, LessonMeta, LessonStage } from '@/lib/domain/lessons';
import { matchBlockedTerms } from '@/lib/forum/blocked';
import type { Locale } from '@/lib/i18n/config';
import { filterLessons, type LibraryFilter } from '@/lib/lessons/filter';
import { builtinLesson, builtinLessons, type BuiltinLesson } from '@/lib/lessons/library';
import { renderLesson } from '@/lib/lessons/render';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import { publicOrigin } from '@/lib/server/public-url';
import { lessonSchema, lessonWords, type LessonField, type LessonInput } from '@/lib/validation/lesson';
import { audit } from './audit';

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

/** A puskesmas's own published lesson as its public page shows it (public data: may be cached). */
type OwnPublished = { slug: string; title: string; summary: string; body: string; keyPoints: string[]; sources: string[] };
type Visible = {
  id: string;
  code: string;
  name: string;
  /** The puskesmas's public address for share links (lib/server/public-url.ts), '' when none is configured. */
  origin: string;
  cards: Record<Locale, LessonCard[]>;
  own: ReadonlyMap<string, OwnPublished>;
};
const cache = new Map<string, { at: number; value: Promise<Visible | null> }>();

/** Forget a puskesmas's cached lessons (every lesson write), or all of them. */
export function forgetLessonCache(puskesmasId?: string): void {
  if (puskesmasId) cache.delete(puskesmasId);
  else {
    cache.clear();
    codes.clear();
    installation = null;
  }
}

const sourceLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

const stageOf = (stage: string, from: number | null, to: number | null): LessonStage =>
  stage === 'pregnancy' ? { kind: 'pregnancy' } : { kind: 'age', fromDay: from ?? 0, toDay: to };

/** A puskesmas's public library address; a lesson's page is this with /<slug>. */
const libraryPath = (code: string) => `/materi/pkm/${encodeURIComponent(code)}`;

async function loadVisible(puskesmasId: string): Promise<Visible | null> {
  const db = await getDb();
  const [p] = await db.select({ code: puskesmas.code, name: puskesmas.name }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  if (!p) return null;
  const [stateOf, own] = await Promise.all([
    statesOf(db, puskesmasId),
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
        body: lessons.body,
        keyPoints: lessons.keyPoints,
        sources: lessons.sources,
        reviewedAt: lessons.reviewedAt,
        by: users.name,
      })
      .from(lessons)
      .leftJoin(users, eq(users.id, lessons.reviewedBy))
      .where(and(eq(lessons.puskesmasId, puskesmasId), eq(lessons.status, 'published')))
      .orderBy(asc(lessons.title)),
  ]);
  const base = libraryPath(p.code);
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
  const ownMap = new Map(
    own.map((l) => [l.slug, { slug: l.slug, title: l.title, summary: l.summary, body: l.body, keyPoints: l.keyPoints, sources: sourceLines(l.sources) }]),
  );
  const origin = await publicOrigin(puskesmasId);
  return { id: puskesmasId, code: p.code, name: p.name, origin, cards: { id: cards('id'), en: cards('en') }, own: ownMap };
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

// ---------------------------------------------------------------------------------------------
// Public pages: /materi, /materi/<slug>, /materi/pkm/<kode>, /materi/pkm/<kode>/<slug>

/** The shape of a slug in an address; anything else is no lesson (LESSON_SLUG_PATTERN is the stricter rule of a new one). */
const SLUG_SHAPE = /^[a-z0-9-]{1,80}$/;

const codes = new Map<string, { at: number; value: Promise<string | null> }>();

let installation: { at: number; value: Promise<string> } | null = null;

/** The installation's public address for the global pages (publicOrigin() without a puskesmas), cached like the lessons. */
function installationOrigin(): Promise<string> {
  const now = Date.now();
  if (installation && now - installation.at < LESSON_CACHE_MS) return installation.value;
  const value = publicOrigin().catch(() => '');
  installation = { at: now, value };
  return value;
}

/** The puskesmas of a public address's code (cached like its lessons; unknown: null). */
async function puskesmasIdOfCode(code: string): Promise<string | null> {
  if (!/^[A-Za-z0-9-]{1,20}$/.test(code)) return null;
  const now = Date.now();
  const hit = codes.get(code);
  if (hit && now - hit.at < LESSON_CACHE_MS) return hit.value;
  const value = getDb().then(async (db) => (await db.select({ id: puskesmas.id }).from(puskesmas).where(eq(puskesmas.code, code)))[0]?.id ?? null);
  codes.set(code, { at: now, value });
  value.catch(() => codes.delete(code));
  return value;
}

/** What anyone may see of the puskesmas of a public address's code (null: unknown code). */
async function visibleOfCode(code: string): Promise<Visible | null> {
  const id = await puskesmasIdOfCode(code);
  return id ? visible(id) : null;
}

/** A lesson's public page: everything it shows, as plain data (the body is Markdown: lib/lessons/render.ts). */
export interface LessonPage {
  slug: string;
  builtin: boolean;
  title: string;
  summary: string;
  body: string;
  keyPoints: string[];
  sources: string[];
  audience: LessonAudience;
  stage: LessonStage;
  /** The puskesmas whose library the page belongs to; null on the global /materi/<slug>. */
  puskesmas: { code: string; name: string } | null;
  /** Reviewed by that puskesmas (always null on the global page: it says "belum ditinjau"). */
  reviewed: { by: string; at: string } | null;
  /** The page's own path (for the share link). */
  path: string;
  /** The portal's public address for the share link ('' when none is configured: the link holds the path). */
  origin: string;
  /** Up to three other lessons the same reader may see. */
  related: Pick<LessonCard, 'slug' | 'title' | 'summary' | 'href'>[];
}

/** Lessons that speak to the same reader or answer the same topics, nearest first. */
function relatedOf(self: LessonMeta, pool: readonly LessonCard[]): LessonPage['related'] {
  const shared = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x)).length;
  return pool
    .filter((c) => c.slug !== self.slug)
    .map((c) => ({
      c,
      score:
        (c.audience === self.audience ? 1 : 0) +
        2 * shared(c.counselling as string[], self.counselling as string[]) +
        shared(c.findings as string[], self.findings as string[]) +
        shared(c.breakReasons as string[], self.breakReasons as string[]),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.c.title.localeCompare(b.c.title))
    .slice(0, 3)
    .map(({ c }) => ({ slug: c.slug, title: c.title, summary: c.summary, href: c.href }));
}

/** The global library's cards (/materi): every built-in lesson, whatever any puskesmas hides. */
export function builtinLessonCards(locale: Locale = 'id'): LessonCard[] {
  return builtinLessons().map((l) => ({
    slug: l.slug,
    audience: l.audience,
    stage: l.stage,
    counselling: l.counselling,
    breakReasons: l.breakReasons,
    findings: l.findings,
    title: l.text[locale].title,
    summary: l.text[locale].summary,
    href: `/materi/${l.slug}`,
    builtin: true,
    reviewed: null,
  }));
}

/** A puskesmas's public library (/materi/pkm/<kode>): null for an unknown code. */
export async function puskesmasLibrary(code: string, locale: Locale = 'id'): Promise<{ puskesmas: { code: string; name: string }; lessons: LessonCard[] } | null> {
  const v = await visibleOfCode(code);
  return v ? { puskesmas: { code: v.code, name: v.name }, lessons: v.cards[locale] } : null;
}

/**
 * A lesson's public page. `puskesmasCode` null: the global page of a built-in lesson (shown
 * whatever a puskesmas hides). With a code: that puskesmas's built-in lessons it does not hide
 * and its own published ones. Anything else (unknown, hidden there, a draft) is a NotFoundError.
 * Reads only the cache: no database query per request.
 */
export async function lessonBySlug(puskesmasCode: string | null, slug: string, locale: Locale = 'id'): Promise<LessonPage> {
  if (!SLUG_SHAPE.test(slug)) throw new NotFoundError('lesson');
  if (puskesmasCode === null) {
    const l = builtinLesson(slug);
    if (!l) throw new NotFoundError('lesson');
    const t = l.text[locale];
    return {
      slug,
      builtin: true,
      ...t,
      sources: l.sources,
      audience: l.audience,
      stage: l.stage,
      puskesmas: null,
      reviewed: null,
      path: `/materi/${slug}`,
      origin: await installationOrigin(),
      related: relatedOf(l, builtinLessonCards(locale)),
    };
  }
  const v = await visibleOfCode(puskesmasCode);
  const card = v?.cards[locale].find((c) => c.slug === slug);
  if (!v || !card) throw new NotFoundError('lesson');
  const b = card.builtin ? builtinLesson(slug)! : null;
  const { title, summary, body, keyPoints, sources } = b ? { ...b.text[locale], sources: b.sources } : v.own.get(slug)!;
  return {
    slug,
    builtin: card.builtin,
    title,
    summary,
    body,
    keyPoints,
    sources,
    audience: card.audience,
    stage: card.stage,
    puskesmas: { code: v.code, name: v.name },
    reviewed: card.reviewed,
    path: card.href,
    origin: v.origin,
    related: relatedOf(card, v.cards[locale]),
  };
}

// ---------------------------------------------------------------------------------------------
// Staff: /staff/materi

function assertReader(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'read', 'lessons');
}

function assertWriter(actor: Actor | null): asserts actor is Actor {
  assertCanHere(actor, 'write', 'lessons');
}

export type LessonStatus = 'draft' | 'published';

/** One row of the staff list: own lessons (any status) and every built-in one with its state here. */
export interface StaffLessonRow {
  slug: string;
  builtin: boolean;
  title: string;
  audience: LessonAudience;
  stage: LessonStage;
  /** Own: draft or published. Built-in: published unless hidden. */
  status: LessonStatus;
  hidden: boolean;
  reviewed: { by: string; at: string } | null;
  /** Built-in: reviewed here once, but its text changed since (a new review is asked for). */
  reviewStale: boolean;
  updatedAt: string | null;
}

type StateRow = { slug: string; hidden: boolean; reviewedHash: string | null; reviewedAt: Date | null; by: string | null };

async function statesOf(db: DbOrTx, puskesmasId: string): Promise<Map<string, StateRow>> {
  const rows = await db
    .select({
      slug: builtinLessonStates.slug,
      hidden: builtinLessonStates.hidden,
      reviewedHash: builtinLessonStates.reviewedHash,
      reviewedAt: builtinLessonStates.reviewedAt,
      by: users.name,
    })
    .from(builtinLessonStates)
    .leftJoin(users, eq(users.id, builtinLessonStates.reviewedBy))
    .where(eq(builtinLessonStates.puskesmasId, puskesmasId));
  return new Map(rows.map((r) => [r.slug, r]));
}

/** An own lesson's row of the staff list; `by` is the reviewer's name. */
function ownRow(
  l: Pick<typeof lessons.$inferSelect, 'slug' | 'title' | 'audience' | 'stage' | 'ageFromDay' | 'ageToDay' | 'status' | 'reviewedAt' | 'updatedAt'>,
  by: string | null,
): StaffLessonRow {
  return {
    slug: l.slug,
    builtin: false,
    title: l.title,
    audience: l.audience as LessonAudience,
    stage: stageOf(l.stage, l.ageFromDay, l.ageToDay),
    status: l.status as LessonStatus,
    hidden: false,
    reviewed: l.reviewedAt ? { by: by ?? '', at: l.reviewedAt.toISOString() } : null,
    reviewStale: false,
    updatedAt: l.updatedAt.toISOString(),
  };
}

function builtinRow(l: BuiltinLesson, s: StateRow | undefined): StaffLessonRow {
  const current = !!s?.reviewedAt && s.reviewedHash === l.hash;
  return {
    slug: l.slug,
    builtin: true,
    title: l.text.id.title,
    audience: l.audience,
    stage: l.stage,
    status: 'published',
    hidden: s?.hidden ?? false,
    reviewed: current ? { by: s!.by ?? '', at: s!.reviewedAt!.toISOString() } : null,
    reviewStale: !!s?.reviewedAt && !current,
    updatedAt: null,
  };
}

/** Every lesson of the actor's puskesmas for staff: its own (drafts too), then the built-in ones. */
export async function staffLessons(actor: Actor): Promise<StaffLessonRow[]> {
  assertWriter(actor);
  const db = await getDb();
  const [own, states] = await Promise.all([
    db
      .select({
        slug: lessons.slug,
        title: lessons.title,
        audience: lessons.audience,
        stage: lessons.stage,
        ageFromDay: lessons.ageFromDay,
        ageToDay: lessons.ageToDay,
        status: lessons.status,
        reviewedAt: lessons.reviewedAt,
        by: users.name,
        updatedAt: lessons.updatedAt,
      })
      .from(lessons)
      .leftJoin(users, eq(users.id, lessons.reviewedBy))
      .where(eq(lessons.puskesmasId, actor.puskesmasId))
      .orderBy(desc(lessons.updatedAt)),
    statesOf(db, actor.puskesmasId),
  ]);
  return [...own.map((l) => ownRow(l, l.by)), ...builtinLessons().map((l) => builtinRow(l, states.get(l.slug)))];
}

/** One lesson for staff (detail, edit form): own in any status, or a built-in one with its state. */
export interface StaffLesson extends StaffLessonRow {
  id: string | null;
  summary: string;
  body: string;
  keyPoints: string[];
  sources: string[];
  counselling: string[];
  breakReasons: string[];
  findings: string[];
  /** The public page at this puskesmas's address (404 there while a draft or hidden). */
  publicPath: string;
  /** The form's fields, for the edit form (own lessons). */
  values: Record<LessonField, string | string[]> | null;
  /** The puskesmas's blocked terms the lesson holds (own lessons; they hold it from publishing). */
  blockedTerms: string[];
}

export async function staffLesson(actor: Actor, slug: string): Promise<StaffLesson> {
  assertWriter(actor);
  if (!SLUG_SHAPE.test(slug)) throw new NotFoundError('lesson');
  const db = await getDb();
  const [p] = await db.select({ code: puskesmas.code, terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const publicPath = `/materi/pkm/${encodeURIComponent(p?.code ?? '')}/${slug}`;
  const b = builtinLesson(slug);
  if (b) {
    const states = await statesOf(db, actor.puskesmasId);
    const t = b.text.id;
    return {
      ...builtinRow(b, states.get(slug)),
      id: null,
      summary: t.summary,
      body: t.body,
      keyPoints: t.keyPoints,
      sources: b.sources,
      counselling: b.counselling,
      breakReasons: b.breakReasons,
      findings: b.findings,
      publicPath,
      values: null,
      blockedTerms: [],
    };
  }
  const [l] = await db
    .select({ lesson: lessons, by: users.name })
    .from(lessons)
    .leftJoin(users, eq(users.id, lessons.reviewedBy))
    .where(and(eq(lessons.puskesmasId, actor.puskesmasId), eq(lessons.slug, slug)));
  if (!l) throw new NotFoundError('lesson');
  const r = l.lesson;
  return {
    ...ownRow(r, l.by),
    id: r.id,
    summary: r.summary,
    body: r.body,
    keyPoints: r.keyPoints,
    sources: sourceLines(r.sources),
    counselling: r.counselling,
    breakReasons: r.breakReasons,
    findings: r.findings,
    publicPath,
    values: {
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      body: r.body,
      keyPoint1: r.keyPoints[0] ?? '',
      keyPoint2: r.keyPoints[1] ?? '',
      keyPoint3: r.keyPoints[2] ?? '',
      audience: r.audience,
      stage: r.stage,
      ageFromDay: r.ageFromDay === null ? '' : String(r.ageFromDay),
      ageToDay: r.ageToDay === null ? '' : String(r.ageToDay),
      counselling: r.counselling,
      breakReasons: r.breakReasons,
      findings: r.findings,
      sources: r.sources,
    },
    blockedTerms: matchBlockedTerms(lessonText(r), p?.terms ?? []),
  };
}

/** One change of a lesson, from the audit log. */
export interface LessonHistoryEntry {
  at: string;
  by: string;
  /** lesson.create, lesson.update, lesson.publish, lesson.unpublish, lesson.review, lesson.hide, lesson.unhide */
  action: string;
  /** The fields whose value changed (create: every field set). */
  fields: string[];
}

const entityIdOf = (builtin: boolean, idOrSlug: string) => (builtin ? `builtin:${idOrSlug}` : idOrSlug);

/** Who changed what and when, newest first (the lesson's audit rows of this puskesmas). */
export async function lessonHistory(actor: Actor, slug: string): Promise<LessonHistoryEntry[]> {
  const lesson = await staffLesson(actor, slug);
  const db = await getDb();
  const rows = await db
    .select({ at: auditLog.at, by: users.name, action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.puskesmasId, actor.puskesmasId), eq(auditLog.entity, 'lesson'), eq(auditLog.entityId, entityIdOf(lesson.builtin, lesson.id ?? slug))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(200);
  return rows.map((r) => {
    const before = (r.before ?? {}) as Record<string, unknown>;
    const after = (r.after ?? {}) as Record<string, unknown>;
    const fields = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return { at: r.at.toISOString(), by: r.by ?? '', action: r.action, fields };
  });
}

// ---------------------------------------------------------------------------------------------
// Writes: each checks the policy, is scoped to the actor's puskesmas, is audited in its
// transaction and forgets the puskesmas's cached lessons once committed.

export type LessonFieldErrors = Partial<Record<LessonField | '_form', string>>;
export type LessonSaveResult = { ok: true; slug: string; changed: boolean } | { ok: false; fieldErrors: LessonFieldErrors; blockedTerms?: string[] };
export type LessonStepResult = { ok: true; changed: boolean } | { ok: false; error: 'blocked'; blockedTerms: string[] } | { ok: false; error: 'notBuiltin' };

/** One lesson write: its transaction, then (once it changed something) the puskesmas's cached lessons forgotten. */
async function lessonWrite<R extends { ok: boolean; changed?: boolean }>(actor: Actor, work: (tx: Tx) => Promise<R>): Promise<R> {
  const db = await getDb();
  const res = await db.transaction(work);
  if (res.ok && res.changed) forgetLessonCache(actor.puskesmasId);
  return res;
}

const CONTENT_FIELDS = [
  'title',
  'summary',
  'body',
  'keyPoints',
  'audience',
  'stage',
  'ageFromDay',
  'ageToDay',
  'counselling',
  'breakReasons',
  'findings',
  'sources',
] as const;
type Content = Pick<LessonInput, (typeof CONTENT_FIELDS)[number]>;
const contentOf = (v: Content): Content => Object.fromEntries(CONTENT_FIELDS.map((k) => [k, v[k]])) as Content;
const sameContent = (a: Content, b: Content) => JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));

/** Every text of a lesson a blocked term may hide in. */
const lessonText = (v: Pick<Content, 'title' | 'summary' | 'body' | 'keyPoints' | 'sources'>) => [v.title, v.summary, v.body, ...v.keyPoints, v.sources].join('\n');

async function blockedTermsOf(tx: DbOrTx, puskesmasId: string): Promise<string[]> {
  const [p] = await tx.select({ terms: puskesmas.blockedTerms }).from(puskesmas).where(eq(puskesmas.id, puskesmasId));
  return p?.terms ?? [];
}

/** Validates a lesson form: the same schema as the form, answering field messages. */
export function parseLesson(raw: unknown): { ok: true; value: LessonInput } | { ok: false; fieldErrors: LessonFieldErrors } {
  const parsed = lessonSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = fieldErrorsOf<LessonField>(parsed.error);
  for (const issue of parsed.error.issues) {
    const k = String(issue.path[0] ?? '_form') as LessonField;
    if (issue.message.startsWith('lessons.errors.') && errors[k] === 'validation.invalid') errors[k] = issue.message;
  }
  return { ok: false, fieldErrors: errors };
}

const rowValues = (v: LessonInput) => ({
  title: v.title,
  summary: v.summary,
  body: v.body,
  keyPoints: v.keyPoints,
  audience: v.audience,
  stage: v.stage,
  ageFromDay: v.ageFromDay,
  ageToDay: v.ageToDay,
  counselling: v.counselling,
  breakReasons: v.breakReasons,
  findings: v.findings,
  sources: v.sources,
});

/**
 * Writes a new lesson of the actor's puskesmas as a draft. A slug taken here (or a built-in one)
 * is refused on its field; the same form sent twice (same author, same content) is one lesson.
 */
export async function createLesson(actor: Actor, raw: unknown): Promise<LessonSaveResult> {
  assertWriter(actor);
  const parsed = parseLesson(raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return lessonWrite(actor, async (tx): Promise<LessonSaveResult> => {
    const [row] = await tx
      .insert(lessons)
      .values({ puskesmasId: actor.puskesmasId, slug: v.slug, ...rowValues(v), status: 'draft', createdBy: actor.id, updatedBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: lessons.id });
    if (!row) {
      const [existing] = await tx
        .select()
        .from(lessons)
        .where(and(eq(lessons.puskesmasId, actor.puskesmasId), eq(lessons.slug, v.slug)));
      if (existing && existing.createdBy === actor.id && sameContent(existing as unknown as Content, v)) return { ok: true, slug: v.slug, changed: false };
      return { ok: false, fieldErrors: { slug: 'lessons.errors.slugTaken' } };
    }
    await audit(tx, actor, 'lesson.create', 'lesson', row.id, null, { slug: v.slug, status: 'draft', ...contentOf(v) });
    return { ok: true, slug: v.slug, changed: true };
  });
}

/**
 * Changes an own lesson's content (its slug stays: shared links keep working). A published
 * lesson stays published, so the blocked terms are checked as for publishing; a changed text
 * needs a new review. Nothing changed: nothing written.
 */
export async function updateLesson(actor: Actor, slug: string, raw: unknown): Promise<LessonSaveResult> {
  assertWriter(actor);
  if (builtinLesson(slug) || !SLUG_SHAPE.test(slug)) throw new NotFoundError('lesson');
  const parsed = parseLesson({ ...(raw && typeof raw === 'object' ? raw : {}), slug });
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return lessonWrite(actor, async (tx): Promise<LessonSaveResult> => {
    const [before] = await tx
      .select()
      .from(lessons)
      .where(and(eq(lessons.puskesmasId, actor.puskesmasId), eq(lessons.slug, slug)))
      .for('update');
    if (!before) throw new NotFoundError('lesson');
    if (sameContent(before as unknown as Content, v)) return { ok: true, slug, changed: false };
    if (before.status === 'published') {
      const blocked = matchBlockedTerms(lessonText(v), await blockedTermsOf(tx, actor.puskesmasId));
      if (blocked.length > 0) return { ok: false, fieldErrors: { _form: 'lessons.errors.blocked' }, blockedTerms: blocked };
    }
    await tx
      .update(lessons)
      .set({ ...rowValues(v), reviewedBy: null, reviewedAt: null, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(eq(lessons.id, before.id));
    await audit(
      tx,
      actor,
      'lesson.update',
      'lesson',
      before.id,
      { ...contentOf(before as unknown as Content), reviewed: before.reviewedAt !== null },
      { ...contentOf(v), reviewed: false },
    );
    return { ok: true, slug, changed: true };
  });
}

async function ownForUpdate(tx: DbOrTx, actor: Actor, slug: string) {
  const [row] = await tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.puskesmasId, actor.puskesmasId), eq(lessons.slug, slug)))
    .for('update');
  if (!row) throw new NotFoundError('lesson');
  return row;
}

/** Publishes an own lesson, unless it holds one of the puskesmas's blocked terms (PP 28/2024): then refused, the terms named. */
export async function publishLesson(actor: Actor, slug: string): Promise<LessonStepResult> {
  assertWriter(actor);
  if (builtinLesson(slug)) throw new NotFoundError('lesson');
  return lessonWrite(actor, async (tx): Promise<LessonStepResult> => {
    const row = await ownForUpdate(tx, actor, slug);
    if (row.status === 'published') return { ok: true, changed: false };
    const blocked = matchBlockedTerms(lessonText(row), await blockedTermsOf(tx, actor.puskesmasId));
    if (blocked.length > 0) return { ok: false, error: 'blocked', blockedTerms: blocked };
    await tx
      .update(lessons)
      .set({ status: 'published', publishedAt: sql`now()`, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(eq(lessons.id, row.id));
    await audit(tx, actor, 'lesson.publish', 'lesson', row.id, { status: row.status }, { status: 'published' });
    return { ok: true, changed: true };
  });
}

/** Takes an own lesson back to draft: its public page answers 404 (it stays in history and on past visits). */
export async function unpublishLesson(actor: Actor, slug: string): Promise<LessonStepResult> {
  assertWriter(actor);
  if (builtinLesson(slug)) throw new NotFoundError('lesson');
  return lessonWrite(actor, async (tx): Promise<LessonStepResult> => {
    const row = await ownForUpdate(tx, actor, slug);
    if (row.status === 'draft') return { ok: true, changed: false };
    await tx
      .update(lessons)
      .set({ status: 'draft', updatedBy: actor.id, updatedAt: sql`now()` })
      .where(eq(lessons.id, row.id));
    await audit(tx, actor, 'lesson.unpublish', 'lesson', row.id, { status: row.status }, { status: 'draft' });
    return { ok: true, changed: true };
  });
}

/** The state row of a built-in lesson here, locked (made when missing). */
async function builtinStateForUpdate(tx: DbOrTx, actor: Actor, slug: string) {
  await tx.insert(builtinLessonStates).values({ puskesmasId: actor.puskesmasId, slug, updatedBy: actor.id }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(builtinLessonStates)
    .where(and(eq(builtinLessonStates.puskesmasId, actor.puskesmasId), eq(builtinLessonStates.slug, slug)))
    .for('update');
  return row!;
}

/**
 * Marks a lesson reviewed by the actor: a built-in one for this puskesmas and its current text
 * (content hash), an own one as it is now. Already reviewed (that text): nothing written.
 */
export async function reviewLesson(actor: Actor, slug: string): Promise<LessonStepResult> {
  assertWriter(actor);
  const b = builtinLesson(slug);
  return lessonWrite(actor, async (tx): Promise<LessonStepResult> => {
    if (b) {
      const s = await builtinStateForUpdate(tx, actor, slug);
      if (s.reviewedAt && s.reviewedHash === b.hash) return { ok: true, changed: false };
      await tx
        .update(builtinLessonStates)
        .set({ reviewedBy: actor.id, reviewedAt: sql`now()`, reviewedHash: b.hash, updatedBy: actor.id, updatedAt: sql`now()` })
        .where(and(eq(builtinLessonStates.puskesmasId, actor.puskesmasId), eq(builtinLessonStates.slug, slug)));
      await audit(tx, actor, 'lesson.review', 'lesson', entityIdOf(true, slug), { reviewedHash: s.reviewedHash }, { reviewedHash: b.hash });
      return { ok: true, changed: true };
    }
    const row = await ownForUpdate(tx, actor, slug);
    if (row.reviewedAt) return { ok: true, changed: false };
    await tx
      .update(lessons)
      .set({ reviewedBy: actor.id, reviewedAt: sql`now()` })
      .where(eq(lessons.id, row.id));
    await audit(tx, actor, 'lesson.review', 'lesson', row.id, { reviewed: false }, { reviewed: true });
    return { ok: true, changed: true };
  });
}

/** Hides a built-in lesson from this puskesmas's mothers, kaders and public address (or shows it again). */
export async function setBuiltinHidden(actor: Actor, slug: string, hidden: boolean): Promise<LessonStepResult> {
  assertWriter(actor);
  if (!builtinLesson(slug)) {
    const db = await getDb();
    const [own] = await db
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.puskesmasId, actor.puskesmasId), eq(lessons.slug, slug)));
    if (own) return { ok: false, error: 'notBuiltin' };
    throw new NotFoundError('lesson');
  }
  return lessonWrite(actor, async (tx): Promise<LessonStepResult> => {
    const s = await builtinStateForUpdate(tx, actor, slug);
    if (s.hidden === hidden) return { ok: true, changed: false };
    await tx
      .update(builtinLessonStates)
      .set({ hidden, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(and(eq(builtinLessonStates.puskesmasId, actor.puskesmasId), eq(builtinLessonStates.slug, slug)));
    await audit(tx, actor, hidden ? 'lesson.hide' : 'lesson.unhide', 'lesson', entityIdOf(true, slug), { hidden: s.hidden }, { hidden });
    return { ok: true, changed: true };
  });
}

/** Lessons a signed-in reader (kader, ibu, staff) of her puskesmas may see: the policy's read, then the cache. */
export async function lessonsForReader(actor: Actor, locale: Locale = 'id'): Promise<LessonCard[]> {
  assertReader(actor);
  return visibleLessons(actor.puskesmasId, locale);
}

/**
 * A signed-in reader's lessons with her puskesmas's library address (/materi/pkm/<kode>; null for
 * an unknown puskesmas): the policy's read, then the cache.
 */
export async function readerLibrary(actor: Actor, locale: Locale = 'id'): Promise<{ href: string | null; lessons: LessonCard[] }> {
  assertReader(actor);
  const v = await visible(actor.puskesmasId);
  return v ? { href: libraryPath(v.code), lessons: v.cards[locale] } : { href: null, lessons: [] };
}

/** What the "Pratinjau" step shows: the lesson as its page will show it (HTML made here, on the server). */
export interface LessonPreview {
  title: string;
  summary: string;
  html: string;
  keyPoints: string[];
  sources: string[];
  audience: LessonAudience;
  stage: LessonStage;
  words: number;
}

/**
 * Previews a lesson form without saving anything: validated with the form's schema, rendered as
 * its public page renders it, and the blocked terms it holds named (it could be saved as a draft,
 * not published).
 */
export async function previewLesson(
  actor: Actor,
  raw: unknown,
  original: string | null = null,
): Promise<{ ok: true; preview: LessonPreview; blockedTerms: string[] } | { ok: false; fieldErrors: LessonFieldErrors }> {
  assertWriter(actor);
  // Editing: the slug is the stored one (it does not change).
  const parsed = parseLesson(original ? { ...(raw && typeof raw === 'object' ? raw : {}), slug: original } : raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const db = await getDb();
  const blockedTerms = matchBlockedTerms(lessonText(v), await blockedTermsOf(db, actor.puskesmasId));
  return {
    ok: true,
    blockedTerms,
    preview: {
      title: v.title,
      summary: v.summary,
      html: renderLesson(v.body),
      keyPoints: v.keyPoints,
      sources: sourceLines(v.sources),
      audience: v.audience,
      stage: stageOf(v.stage, v.ageFromDay, v.ageToDay),
      words: lessonWords(v.body),
    },
  };
}

/**
 * The public library with its filters (/materi, /materi/pkm/<kode>): the global one (code null:
 * every built-in lesson) or a puskesmas's; the word search reads the title, summary, key points
 * and text. Null for an unknown code. No database query per request (the cache).
 */
export async function lessonLibrary(
  code: string | null,
  locale: Locale,
  filter: LibraryFilter,
): Promise<{ puskesmas: { code: string; name: string } | null; lessons: LessonCard[] } | null> {
  const own = new Map<string, OwnPublished>();
  let cards: LessonCard[];
  let pkm: { code: string; name: string } | null = null;
  if (code === null) cards = builtinLessonCards(locale);
  else {
    const v = await visibleOfCode(code);
    if (!v) return null;
    cards = v.cards[locale];
    pkm = { code: v.code, name: v.name };
    for (const [k, o] of v.own) own.set(k, o);
  }
  const textOf = (c: LessonCard) => {
    const x = c.builtin ? builtinLesson(c.slug)?.text[locale] : own.get(c.slug);
    return x ? [x.title, x.summary, ...x.keyPoints, x.body].join('\n') : `${c.title}\n${c.summary}`;
  };
  return { puskesmas: pkm, lessons: filterLessons(cards, filter, textOf) };
}
