/**
 * A mother's rights over her data (issue #30, UU 27/2022; docs/decisions/062): her copy ("Data
 * saya", also produced by staff for a mother without a login, audited), correction requests,
 * a withdrawal recorded by staff, and the retention run. Erasure removes her and her babies'
 * identity from every table in one transaction and keeps, under a pseudonymous row, the
 * non-identifying facts the stored figures are made of, so that no figure of any period changes.
 */
import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import {
  activationCodes,
  attendance,
  auditLog,
  babies,
  certificates,
  correctionRequests,
  dataErasures,
  forumComments,
  forumPosts,
  forumReads,
  forumReports,
  groupSessions,
  knowledgeChecks,
  loginThrottle,
  mothers,
  posyandu,
  puskesmas,
  users,
  userSessions,
  villages,
  visits,
} from '@/db/schema';
import { assertCan, assertCanHere, can, ForbiddenError, NotFoundError, type Actor } from '@/lib/auth/policy';
import {
  ERASED_MARK,
  ERASED_NAME,
  ERASED_POST_BODY,
  ERASED_POST_TITLE,
  followedUntil as followedUntilOf,
  isoToday,
  journeyStatus,
  motherErasureDate,
  requestAgeDays,
  retentionMonthsOf,
  scrubPattern,
  scrubTerms,
  sixMonthDate,
  addMonths,
  type IsoDate,
} from '@/lib/domain';
import { fieldErrorsOf } from '@/lib/validation/form-state';
import {
  closeRequestSchema,
  correctionRequestSchema,
  retentionSchema,
  withdrawalSchema,
  type CloseRequestField,
  type CorrectionRequestField,
  type RetentionField,
  type WithdrawalField,
} from '@/lib/validation/data-rights';
import { audit } from './audit';
import { babyFacts } from './facts';
import { latestBaby } from './mothers';
import { throttleKey } from './throttle';

const uuidShape = z.uuid();

// ---------------------------------------------------------------------------------------------
// The copy

export type DataCopy = Awaited<ReturnType<typeof collectCopy>>;

/** The mother behind a request for her data: her own for a mother, one of the puskesmas for staff. */
async function motherFor(db: DbOrTx, actor: Actor, action: 'read' | 'export' | 'erase' | 'request', motherId?: string) {
  assertCan(actor, action, 'dataRights');
  const id = actor.role === 'ibu' ? actor.motherId : motherId;
  if (!id || !uuidShape.safeParse(id).success) throw new NotFoundError('mother');
  const [m] = await db
    .select({ id: mothers.id, puskesmasId: mothers.puskesmasId, posyanduId: mothers.posyanduId, villageId: mothers.villageId, erasedAt: mothers.erasedAt })
    .from(mothers)
    .where(and(eq(mothers.id, id), eq(mothers.puskesmasId, actor.puskesmasId)));
  if (!m) throw new NotFoundError('mother');
  if (!can(actor, action, 'dataRights', { puskesmasId: m.puskesmasId, posyanduId: m.posyanduId, villageId: m.villageId, motherId: m.id })) {
    throw new ForbiddenError('data of another mother');
  }
  return m;
}

/**
 * Everything the portal holds about a mother and her babies, as plain values: her profile and
 * login, each baby with every visit (recall, referral, counselling, notes), certificates,
 * sessions attended, knowledge checks, her forum posts and replies, her correction requests.
 * Nothing about anyone else: a kader is named (as on her pages), never with a phone; replies of
 * others and the titles of others' threads are left out.
 */
async function collectCopy(db: DbOrTx, motherId: string) {
  const [m] = await db
    .select({
      id: mothers.id,
      name: mothers.name,
      phone: mothers.phone,
      nik: mothers.nik,
      address: mothers.address,
      rt: mothers.rt,
      rw: mothers.rw,
      village: villages.name,
      posyandu: posyandu.name,
      puskesmas: puskesmas.name,
      timeZone: puskesmas.timeZone,
      consentAt: mothers.consentAt,
      consentTextVersion: mothers.consentTextVersion,
      registeredAt: mothers.createdAt,
      erasedAt: mothers.erasedAt,
      userId: mothers.userId,
    })
    .from(mothers)
    .innerJoin(villages, eq(villages.id, mothers.villageId))
    .innerJoin(posyandu, eq(posyandu.id, mothers.posyanduId))
    .innerJoin(puskesmas, eq(puskesmas.id, mothers.puskesmasId))
    .where(eq(mothers.id, motherId));
  if (!m) throw new NotFoundError('mother');
  const today = isoToday(m.timeZone);
  const [login] = m.userId
    ? await db
        .select({
          phone: users.phone,
          activated: sql<boolean>`${users.passwordHash} is not null`,
          active: users.active,
          lastLoginAt: users.lastLoginAt,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(eq(users.id, m.userId))
    : [];
  const babyRows = await db
    .select({
      id: babies.id,
      name: babies.name,
      sex: babies.sex,
      birthDate: babies.birthDate,
      birthOrder: babies.birthOrder,
      birthWeightGrams: babies.birthWeightGrams,
      birthPlace: babies.birthPlace,
      earlyInitiation: babies.earlyInitiation,
      exitDate: babies.exitDate,
      exitReason: babies.exitReason,
      exitNote: babies.exitNote,
    })
    .from(babies)
    .where(eq(babies.motherId, motherId))
    .orderBy(asc(babies.birthDate), asc(babies.birthOrder));
  const babyIds = babyRows.map((b) => b.id);
  const facts = await babyFacts(db, babyRows);
  const visitRows = babyIds.length
    ? await db
        .select({
          id: visits.id,
          babyId: visits.babyId,
          visitDate: visits.visitDate,
          kader: users.name,
          breastfed: visits.breastfed,
          recallItems: visits.recallItems,
          recallOtherText: visits.recallOtherText,
          givenSinceLast: visits.givenSinceLast,
          givenSinceLastDate: visits.givenSinceLastDate,
          confirmedExclusive: visits.confirmedExclusive,
          breakReason: visits.breakReason,
          problems: visits.problems,
          attachment: visits.attachment,
          dangerSigns: visits.dangerSigns,
          referral: visits.referral,
          referralReason: visits.referralReason,
          referralFollowedUpAt: visits.referralFollowedUpAt,
          referralOutcome: visits.referralOutcome,
          counselling: visits.counselling,
          lessons: visits.lessons,
          weightGrams: visits.weightGrams,
          notes: visits.notes,
        })
        .from(visits)
        .innerJoin(users, eq(users.id, visits.kaderId))
        .where(inArray(visits.babyId, babyIds))
        .orderBy(asc(visits.visitDate), asc(visits.receivedAt))
    : [];
  const certRows = babyIds.length
    ? await db
        .select({ babyId: certificates.babyId, serial: certificates.serial, issuedAt: certificates.issuedAt, revokedAt: certificates.revokedAt })
        .from(certificates)
        .where(inArray(certificates.babyId, babyIds))
        .orderBy(asc(certificates.issuedAt))
    : [];
  const sessionRows = await db
    .select({
      title: groupSessions.title,
      startsAt: groupSessions.startsAt,
      place: groupSessions.place,
      role: attendance.attendeeRole,
      status: attendance.status,
    })
    .from(attendance)
    .innerJoin(groupSessions, eq(groupSessions.id, attendance.sessionId))
    .where(eq(attendance.motherId, motherId))
    .orderBy(asc(groupSessions.startsAt));
  const checkRows = await db
    .select({
      takenOn: knowledgeChecks.takenOn,
      source: knowledgeChecks.source,
      score: knowledgeChecks.score,
      total: knowledgeChecks.total,
      babyId: knowledgeChecks.babyId,
    })
    .from(knowledgeChecks)
    .where(eq(knowledgeChecks.motherId, motherId))
    .orderBy(asc(knowledgeChecks.takenOn));
  const posts = m.userId
    ? await db
        .select({ title: forumPosts.title, body: forumPosts.body, anonymous: forumPosts.anonymous, status: forumPosts.status, createdAt: forumPosts.createdAt })
        .from(forumPosts)
        .where(eq(forumPosts.authorId, m.userId))
        .orderBy(asc(forumPosts.createdAt))
    : [];
  const replies = m.userId
    ? await db
        .select({ body: forumComments.body, anonymous: forumComments.anonymous, status: forumComments.status, createdAt: forumComments.createdAt })
        .from(forumComments)
        .where(eq(forumComments.authorId, m.userId))
        .orderBy(asc(forumComments.createdAt))
    : [];
  const requests = await db
    .select({
      id: correctionRequests.id,
      body: correctionRequests.body,
      status: correctionRequests.status,
      createdAt: correctionRequests.createdAt,
      closedAt: correctionRequests.closedAt,
      closeNote: correctionRequests.closeNote,
    })
    .from(correctionRequests)
    .where(eq(correctionRequests.motherId, motherId))
    .orderBy(desc(correctionRequests.createdAt));
  const day = (d: Date | null) => (d ? isoToday(m.timeZone, d) : null);
  return {
    format: 'kekasihku-data-saya/1',
    generatedOn: today,
    puskesmas: m.puskesmas,
    mother: {
      name: m.name,
      phone: m.phone,
      nik: m.nik,
      address: m.address,
      rt: m.rt,
      rw: m.rw,
      village: m.village,
      posyandu: m.posyandu,
      registeredOn: day(m.registeredAt),
      consentOn: day(m.consentAt),
      consentTextVersion: m.consentTextVersion,
      erasedOn: day(m.erasedAt),
    },
    login: login ? { phone: login.phone, activated: login.activated, active: login.active, lastLoginOn: day(login.lastLoginAt), createdOn: day(login.createdAt) } : null,
    babies: babyRows.map((b) => ({
      name: b.name,
      sex: b.sex,
      birthDate: b.birthDate,
      birthOrder: b.birthOrder,
      birthWeightGrams: b.birthWeightGrams,
      birthPlace: b.birthPlace,
      earlyInitiation: b.earlyInitiation,
      sixMonthDate: sixMonthDate(b.birthDate),
      status: journeyStatus(facts.get(b.id)!, today).status,
      exit: b.exitDate ? { date: b.exitDate, reason: b.exitReason, note: b.exitNote } : null,
      visits: visitRows
        .filter((v) => v.babyId === b.id)
        .map(({ id: _id, babyId: _b, referralFollowedUpAt, ...v }) => ({ ...v, referralFollowedUpOn: day(referralFollowedUpAt) })),
      certificates: certRows.filter((c) => c.babyId === b.id).map((c) => ({ serial: c.serial, issuedOn: day(c.issuedAt), revokedOn: day(c.revokedAt) })),
      knowledgeChecks: checkRows.filter((k) => k.babyId === b.id).map(({ babyId: _b, ...k }) => k),
    })),
    knowledgeChecks: checkRows.filter((k) => k.babyId === null).map(({ babyId: _b, ...k }) => k),
    sessions: sessionRows.map((s) => ({ title: s.title, date: day(s.startsAt), place: s.place, role: s.role, status: s.status })),
    forum: {
      posts: posts.map((p) => ({ title: p.title, body: p.body, anonymous: p.anonymous, status: p.status, postedOn: day(p.createdAt) })),
      replies: replies.map((r) => ({ body: r.body, anonymous: r.anonymous, status: r.status, postedOn: day(r.createdAt) })),
    },
    correctionRequests: requests.map((r) => ({
      id: r.id,
      body: r.body,
      status: r.status as 'open' | 'closed',
      askedOn: day(r.createdAt)!,
      closedOn: day(r.closedAt),
      closeNote: r.closeNote,
    })),
  };
}

/**
 * "Data saya": the signed-in mother's own copy; or, for staff and admin, the copy of a mother of
 * their puskesmas (she asked at the puskesmas), audited as `mother.export` without its content.
 */
export async function dataCopy(actor: Actor, motherId?: string, purpose: 'view' | 'json' | 'pdf' = 'view'): Promise<DataCopy> {
  const db = await getDb();
  const m = await motherFor(db, actor, actor.role === 'ibu' ? 'read' : 'export', motherId);
  const copy = await collectCopy(db, m.id);
  if (actor.role !== 'ibu') await audit(db, actor, 'mother.export', 'mother', m.id, null, { format: purpose }, null);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Correction requests

export type CorrectionRequestResult = { ok: true; id: string; created: boolean } | { ok: false; fieldErrors: Partial<Record<CorrectionRequestField, string>> };

/** The mother says what is wrong. The same form sent again finds the stored request. */
export async function requestCorrection(actor: Actor, raw: unknown): Promise<CorrectionRequestResult> {
  const db = await getDb();
  const m = await motherFor(db, actor, 'request');
  if (m.erasedAt) throw new ForbiddenError('erased');
  const parsed = correctionRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<CorrectionRequestField>(parsed.error) };
  const v = parsed.data;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`correction:${v.id}`}))`);
    const [stored] = await tx.select({ motherId: correctionRequests.motherId }).from(correctionRequests).where(eq(correctionRequests.id, v.id));
    if (stored) {
      if (stored.motherId !== m.id) throw new ForbiddenError('request id in use');
      return { ok: true as const, id: v.id, created: false };
    }
    await tx.insert(correctionRequests).values({ id: v.id, puskesmasId: m.puskesmasId, motherId: m.id, body: v.body, createdBy: actor.id });
    await audit(tx, actor, 'correction.request', 'correctionRequest', v.id, null, { status: 'open' }, null);
    return { ok: true as const, id: v.id, created: true };
  });
}

export type CloseRequestResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: Partial<Record<CloseRequestField, string>> };

/** Staff close a request once they corrected (or explain why not), with a note she reads. */
export async function closeCorrectionRequest(actor: Actor, raw: unknown): Promise<CloseRequestResult> {
  assertCan(actor, 'write', 'dataRights');
  const parsed = closeRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<CloseRequestField>(parsed.error) };
  const v = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: correctionRequests.id, puskesmasId: correctionRequests.puskesmasId, motherId: correctionRequests.motherId, status: correctionRequests.status })
      .from(correctionRequests)
      .where(and(eq(correctionRequests.id, v.id), eq(correctionRequests.puskesmasId, actor.puskesmasId)))
      .for('update');
    if (!r) throw new NotFoundError('request');
    assertCan(actor, 'write', 'dataRights', { puskesmasId: r.puskesmasId, motherId: r.motherId });
    if (r.status === 'closed') return { ok: true as const, changed: false };
    await tx
      .update(correctionRequests)
      .set({ status: 'closed', closedAt: sql`now()`, closedBy: actor.id, closeNote: v.note })
      .where(eq(correctionRequests.id, r.id));
    await audit(tx, actor, 'correction.close', 'correctionRequest', r.id, { status: 'open' }, { status: 'closed' }, null);
    return { ok: true as const, changed: true };
  });
}

/** The staff list: open requests first (oldest first, with their age in days), then the last closed ones. */
export async function correctionRequestList(actor: Actor) {
  assertCan(actor, 'read', 'dataRights');
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const today = isoToday(p?.timeZone);
  const rows = await db
    .select({
      id: correctionRequests.id,
      body: correctionRequests.body,
      status: correctionRequests.status,
      createdAt: correctionRequests.createdAt,
      closedAt: correctionRequests.closedAt,
      closeNote: correctionRequests.closeNote,
      motherId: mothers.id,
      motherName: mothers.name,
      babyId: latestBaby,
    })
    .from(correctionRequests)
    .innerJoin(mothers, eq(mothers.id, correctionRequests.motherId))
    .where(eq(correctionRequests.puskesmasId, actor.puskesmasId))
    .orderBy(sql`${correctionRequests.status} = 'closed'`, asc(correctionRequests.createdAt))
    .limit(200);
  const tz = p?.timeZone;
  const mapped = rows.map((r) => {
    const askedOn = isoToday(tz, r.createdAt);
    return { ...r, status: r.status as 'open' | 'closed', askedOn, ageDays: requestAgeDays(askedOn, today), closedOn: r.closedAt ? isoToday(tz, r.closedAt) : null };
  });
  return {
    today,
    open: mapped.filter((r) => r.status === 'open'),
    closed: mapped
      .filter((r) => r.status === 'closed')
      .slice(-30)
      .reverse(),
  };
}

// ---------------------------------------------------------------------------------------------
// Erasure

/** Tables whose text is not about people (reference content, settings, derived counts): never scrubbed. */
const SCRUB_SKIP_TABLES = new Set([
  'kabupaten',
  'puskesmas',
  'villages',
  'posyandu',
  'setup_codes',
  'visit_window_settings',
  'coverage_targets',
  'coverage_baby_months',
  'coverage_months',
  'coverage_baby_windows',
  'login_throttle',
  'verification_throttle',
  'serial_counters',
  'forum_categories',
  'lessons',
  'builtin_lesson_states',
  'data_erasures',
]);
/**
 * Columns ("table/column") that hold other people's identity, handled by id for the erased mother: another
 * mother of the same name keeps hers. Also hashes and random codes.
 */
const SCRUB_SKIP_COLUMNS = new Set([
  'mothers/name',
  'mothers/phone',
  'mothers/nik',
  'mothers/address',
  'mothers/rt',
  'mothers/rw',
  'mothers/consent_text_version',
  'babies/name',
  'babies/birth_place',
  'users/name',
  'users/phone',
  'users/password_hash',
  'users/locale',
  'activation_codes/code_hash',
  'certificates/serial',
  'certificates/verification_code',
]);

type TextColumn = { table: string; column: string; kind: 'text' | 'jsonb' | 'array'; tenant: boolean };

/** Every free-text, text[] and jsonb column of the schema that may hold what someone wrote about her. */
async function textColumns(tx: DbOrTx): Promise<TextColumn[]> {
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string; udt_name: string; tenant: boolean }>(
    await tx.execute(sql`
      select c.table_name, c.column_name, c.data_type, c.udt_name,
        exists (select 1 from information_schema.columns p
                where p.table_schema = c.table_schema and p.table_name = c.table_name and p.column_name = 'puskesmas_id') as tenant
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema()
        and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))
      order by c.table_name, c.column_name`),
  );
  return rows
    .filter((r) => !SCRUB_SKIP_TABLES.has(r.table_name) && !SCRUB_SKIP_COLUMNS.has(`${r.table_name}/${r.column_name}`))
    .map((r) => ({
      table: r.table_name,
      column: r.column_name,
      kind: r.data_type === 'jsonb' || r.data_type === 'json' ? 'jsonb' : r.data_type === 'ARRAY' ? 'array' : 'text',
      tenant: Boolean(r.tenant),
    }));
}

/** Replaces each of the terms, as a whole word, in every free-text column of the puskesmas's rows. */
async function scrubFreeText(tx: DbOrTx, puskesmasId: string, terms: string[]): Promise<number> {
  const pattern = scrubPattern(terms);
  if (!pattern) return 0;
  let changed = 0;
  for (const c of await textColumns(tx)) {
    const t = sql.identifier(c.table);
    const col = sql.identifier(c.column);
    const scope = c.tenant ? sql` and puskesmas_id = ${puskesmasId}::uuid` : sql``;
    const q =
      c.kind === 'text'
        ? sql`update ${t} set ${col} = regexp_replace(${col}, ${pattern}, ${ERASED_MARK}, 'gi') where ${col} ~* ${pattern}${scope}`
        : c.kind === 'jsonb'
          ? sql`update ${t} set ${col} = regexp_replace(${col}::text, ${pattern}, ${ERASED_MARK}, 'gi')::jsonb where ${col}::text ~* ${pattern}${scope}`
          : sql`update ${t} set ${col} = array(select regexp_replace(x, ${pattern}, ${ERASED_MARK}, 'gi') from unnest(${col}) with ordinality as u(x, n) order by n) where array_to_string(${col}, ' ') ~* ${pattern}${scope}`;
    changed += affected(await tx.execute(q));
  }
  return changed;
}

function affected(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}

export type ErasureKind = 'withdrawal' | 'retention';

/**
 * Erases a mother's and her babies' identity inside the caller's transaction (the mother's row
 * locked first). Kept: ids, dates, sex, codes, posyandu and village, consent time, the derived
 * coverage rows — what every stored figure is made of (decision 062). Returns the counts.
 */
async function eraseMotherIn(
  tx: DbOrTx,
  who: { actor: Actor | null },
  motherId: string,
  erasure: { id: string; kind: ErasureKind; requestedOn: IsoDate | null; channel: string | null },
): Promise<Record<string, number>> {
  const [m] = await tx
    .select({
      id: mothers.id,
      puskesmasId: mothers.puskesmasId,
      name: mothers.name,
      phone: mothers.phone,
      nik: mothers.nik,
      address: mothers.address,
      userId: mothers.userId,
    })
    .from(mothers)
    .where(eq(mothers.id, motherId));
  if (!m) throw new NotFoundError('mother');
  const [u] = m.userId ? await tx.select({ name: users.name, phone: users.phone }).from(users).where(eq(users.id, m.userId)) : [];
  const bs = await tx.select({ id: babies.id, name: babies.name }).from(babies).where(eq(babies.motherId, m.id));
  const babyIds = bs.map((b) => b.id);
  const terms = scrubTerms({ names: [m.name, u?.name ?? null, ...bs.map((b) => b.name)], phones: [m.phone, u?.phone ?? null], others: [m.nik, m.address] });
  const counts: Record<string, number> = {};
  const add = (k: string, n: number) => {
    if (n) counts[k] = (counts[k] ?? 0) + n;
  };
  const ids = async <T extends { id: string }>(q: Promise<T[]>) => (await q).map((r) => r.id);

  // What the audit log holds about her records, found before they change.
  const visitIds = babyIds.length ? await ids(tx.select({ id: visits.id }).from(visits).where(inArray(visits.babyId, babyIds))) : [];
  const certIds = babyIds.length ? await ids(tx.select({ id: certificates.id }).from(certificates).where(inArray(certificates.babyId, babyIds))) : [];
  const attendanceIds = await ids(tx.select({ id: attendance.id }).from(attendance).where(eq(attendance.motherId, m.id)));
  const checkIds = await ids(tx.select({ id: knowledgeChecks.id }).from(knowledgeChecks).where(eq(knowledgeChecks.motherId, m.id)));
  const requestIds = await ids(tx.select({ id: correctionRequests.id }).from(correctionRequests).where(eq(correctionRequests.motherId, m.id)));
  const postIds = m.userId ? await ids(tx.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.authorId, m.userId))) : [];
  const commentIds = m.userId ? await ids(tx.select({ id: forumComments.id }).from(forumComments).where(eq(forumComments.authorId, m.userId))) : [];

  // Her row and her babies': the identity goes, the facts of the figures stay.
  add(
    'mothers',
    affected(
      await tx
        .update(mothers)
        .set({ name: ERASED_NAME, phone: null, nik: null, address: null, rt: null, rw: null, erasedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(mothers.id, m.id)),
    ),
  );
  if (babyIds.length) {
    add('babies', affected(await tx.update(babies).set({ name: null, birthPlace: null, birthWeightGrams: null, exitNote: null }).where(inArray(babies.id, babyIds))));
    add(
      'visits',
      affected(
        await tx
          .update(visits)
          .set({ notes: null, recallOtherText: null, referralReason: null, referralOutcome: null, weightGrams: null })
          .where(inArray(visits.babyId, babyIds)),
      ),
    );
    // Certificates are withdrawn by the erasure itself (mothers.erased_at): the verification page
    // says "withdrawn", no one can download them, and they are not marked revoked, so that the
    // certificates issued in their month still count as issued (decision 062). A reason given at
    // an earlier revocation may name her: it goes.
    add(
      'certificates',
      affected(
        await tx
          .update(certificates)
          .set({ revokeReason: null })
          .where(and(inArray(certificates.babyId, babyIds), isNotNull(certificates.revokeReason))),
      ),
    );
  }
  add(
    'attendance',
    affected(
      await tx
        .update(attendance)
        .set({ attendeeName: null })
        .where(and(eq(attendance.motherId, m.id), isNotNull(attendance.attendeeName))),
    ),
  );
  add('correction_requests', affected(await tx.delete(correctionRequests).where(eq(correctionRequests.motherId, m.id))));

  // Her login ends now, on every instance (getCurrentUser checks active, version and session row).
  if (m.userId) {
    add(
      'users',
      affected(
        await tx
          .update(users)
          .set({
            name: ERASED_NAME,
            phone: `erased:${m.userId}`,
            passwordHash: null,
            active: false,
            lastLoginAt: null,
            sessionVersion: sql`${users.sessionVersion} + 1`,
          })
          .where(eq(users.id, m.userId)),
      ),
    );
    add('user_sessions', affected(await tx.delete(userSessions).where(eq(userSessions.userId, m.userId))));
    add('activation_codes', affected(await tx.delete(activationCodes).where(eq(activationCodes.userId, m.userId))));
    add('forum_reads', affected(await tx.delete(forumReads).where(eq(forumReads.userId, m.userId))));
    add('forum_reports', affected(await tx.delete(forumReports).where(eq(forumReports.reporterId, m.userId))));
    add(
      'forum_posts',
      affected(
        await tx
          .update(forumPosts)
          .set({ title: ERASED_POST_TITLE, body: ERASED_POST_BODY, anonymous: false, moderationReason: null, editedAt: null })
          .where(eq(forumPosts.authorId, m.userId)),
      ),
    );
    add(
      'forum_comments',
      affected(
        await tx
          .update(forumComments)
          .set({ body: ERASED_POST_BODY, anonymous: false, moderationReason: null, editedAt: null })
          .where(eq(forumComments.authorId, m.userId)),
      ),
    );
    const phones = [m.phone, u?.phone].filter((p): p is string => !!p);
    if (phones.length)
      add(
        'login_throttle',
        affected(
          await tx.delete(loginThrottle).where(
            inArray(
              loginThrottle.key,
              phones.map((p) => throttleKey('phone', p)),
            ),
          ),
        ),
      );
  } else if (m.phone) {
    add('login_throttle', affected(await tx.delete(loginThrottle).where(eq(loginThrottle.key, throttleKey('phone', m.phone)))));
  }

  // The audit log keeps who did what to which record and when, never the values.
  const entityIds = [m.id, ...babyIds, ...visitIds, ...certIds, ...attendanceIds, ...checkIds, ...requestIds, ...postIds, ...commentIds, ...(m.userId ? [m.userId] : [])];
  add(
    'audit_log',
    affected(
      await tx
        .update(auditLog)
        .set({ before: null, after: null, reason: null })
        .where(
          and(
            eq(auditLog.puskesmasId, m.puskesmasId),
            or(inArray(auditLog.entityId, entityIds), m.userId ? eq(auditLog.userId, m.userId) : sql`false`),
            or(isNotNull(auditLog.before), isNotNull(auditLog.after), isNotNull(auditLog.reason)),
          ),
        ),
    ),
  );
  // Anything else that names her: a session summary, a reply, a kader's note, an import preview.
  add('free_text', await scrubFreeText(tx, m.puskesmasId, terms));

  await tx.insert(dataErasures).values({
    id: erasure.id,
    puskesmasId: m.puskesmasId,
    motherId: m.id,
    kind: erasure.kind,
    requestedOn: erasure.requestedOn,
    channel: erasure.channel,
    recordedBy: who.actor?.id ?? null,
    counts,
  });
  await tx.insert(auditLog).values({
    puskesmasId: m.puskesmasId,
    userId: who.actor?.id ?? null,
    action: 'mother.erase',
    entity: 'mother',
    entityId: m.id,
    before: null,
    after: { kind: erasure.kind, requestedOn: erasure.requestedOn, channel: erasure.channel, counts },
    reason: null,
  });
  return counts;
}

export type WithdrawalResult =
  | { ok: true; erasureId: string; counts: Record<string, number>; repeated: boolean }
  | { ok: false; fieldErrors?: Partial<Record<WithdrawalField, string>>; formError?: string };

/**
 * Staff record a mother's withdrawal (she asked: when, how), confirmed by typing her name, and
 * her identity is erased at once, all or nothing. A second withdrawal is refused; the same form
 * sent again answers as the first did; a mother of another puskesmas does not exist here.
 */
export async function withdrawMother(actor: Actor, raw: unknown): Promise<WithdrawalResult> {
  assertCan(actor, 'erase', 'dataRights');
  const key = z.object({ id: z.uuid(), motherId: z.uuid() }).safeParse(raw);
  if (!key.success) return { ok: false, fieldErrors: { id: 'validation.invalid' } };
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  const today = isoToday(p?.timeZone);
  return db.transaction(async (tx): Promise<WithdrawalResult> => {
    const [done] = await tx
      .select({ motherId: dataErasures.motherId, counts: dataErasures.counts, puskesmasId: dataErasures.puskesmasId })
      .from(dataErasures)
      .where(eq(dataErasures.id, key.data.id));
    if (done) {
      if (done.puskesmasId !== actor.puskesmasId || done.motherId !== key.data.motherId) throw new ForbiddenError('withdrawal id in use');
      return { ok: true, erasureId: key.data.id, counts: done.counts, repeated: true };
    }
    const [m] = await tx
      .select({
        id: mothers.id,
        name: mothers.name,
        puskesmasId: mothers.puskesmasId,
        posyanduId: mothers.posyanduId,
        villageId: mothers.villageId,
        erasedAt: mothers.erasedAt,
      })
      .from(mothers)
      .where(and(eq(mothers.id, key.data.motherId), eq(mothers.puskesmasId, actor.puskesmasId)))
      .for('update');
    if (!m) throw new NotFoundError('mother');
    assertCan(actor, 'erase', 'dataRights', { puskesmasId: m.puskesmasId, posyanduId: m.posyanduId, villageId: m.villageId, motherId: m.id });
    // A resend that waited on the lock finds the first one's erasure.
    const [again] = await tx.select({ counts: dataErasures.counts }).from(dataErasures).where(eq(dataErasures.id, key.data.id));
    if (again) return { ok: true, erasureId: key.data.id, counts: again.counts, repeated: true };
    if (m.erasedAt) return { ok: false, formError: 'dataRights.errors.alreadyErased' };
    const parsed = withdrawalSchema({ today, motherName: m.name }).safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<WithdrawalField>(parsed.error) };
    const v = parsed.data;
    const counts = await eraseMotherIn(tx, { actor }, m.id, { id: v.id, kind: 'withdrawal', requestedOn: v.requestedOn, channel: v.channel });
    return { ok: true, erasureId: v.id, counts, repeated: false };
  });
}

/** What the withdrawal form needs: whether she is erased already, and today. */
export async function withdrawalContext(actor: Actor, motherId: string) {
  const db = await getDb();
  const m = await motherFor(db, actor, 'erase', motherId);
  const [p] = await db.select({ timeZone: puskesmas.timeZone }).from(puskesmas).where(eq(puskesmas.id, m.puskesmasId));
  const [e] = await db.select({ kind: dataErasures.kind, createdAt: dataErasures.createdAt }).from(dataErasures).where(eq(dataErasures.motherId, m.id));
  return { motherId: m.id, today: isoToday(p?.timeZone), erased: e ? { kind: e.kind as ErasureKind, on: isoToday(p?.timeZone, e.createdAt) } : null };
}

// ---------------------------------------------------------------------------------------------
// Retention

type DueMother = { motherId: string; puskesmasId: string; dueOn: IsoDate; babies: number };

/** Mothers of a puskesmas not yet erased whose erasure date is on or before `until`. */
async function dueMothers(db: DbOrTx, puskesmasId: string, months: number, until: IsoDate): Promise<DueMother[]> {
  // A mother is due when all her babies are: the candidates have a baby that left by then, and
  // every baby of each is checked below with the domain's rule.
  const latest = addMonths(until, -months);
  const rows = await db
    .selectDistinct({ motherId: babies.motherId })
    .from(babies)
    .innerJoin(mothers, eq(mothers.id, babies.motherId))
    .where(
      and(
        eq(babies.puskesmasId, puskesmasId),
        isNull(mothers.erasedAt),
        // Cheap pre-filter: the baby left by `latest` (its 6-month date, or an exit before it).
        sql`least(coalesce(${babies.exitDate}, ${babies.birthDate} + interval '6 months'), ${babies.birthDate} + interval '6 months') <= ${latest}::date + interval '1 month'`,
      ),
    );
  const candidates = rows.map((r) => r.motherId);
  if (!candidates.length) return [];
  const all = await db
    .select({ motherId: babies.motherId, birthDate: babies.birthDate, exitDate: babies.exitDate })
    .from(babies)
    .where(inArray(babies.motherId, candidates));
  const byMother = new Map<string, IsoDate[]>();
  for (const b of all) byMother.set(b.motherId, [...(byMother.get(b.motherId) ?? []), followedUntilOf(b)]);
  const out: DueMother[] = [];
  for (const [motherId, left] of byMother) {
    const dueOn = motherErasureDate(left, months);
    if (dueOn && dueOn <= until) out.push({ motherId, puskesmasId, dueOn, babies: left.length });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.motherId.localeCompare(b.motherId)));
}

/** For staff: the retention setting and the mothers whose identity will be erased within a month. */
export async function retentionOverview(actor: Actor) {
  assertCan(actor, 'read', 'dataRights');
  const db = await getDb();
  const [p] = await db.select({ timeZone: puskesmas.timeZone, retentionMonths: puskesmas.retentionMonths }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId));
  if (!p) throw new NotFoundError('puskesmas');
  const today = isoToday(p.timeZone);
  const months = retentionMonthsOf(p.retentionMonths);
  const due = await dueMothers(db, actor.puskesmasId, months, addMonths(today, 1));
  const names = due.length
    ? await db
        .select({
          id: mothers.id,
          name: mothers.name,
          babyId: latestBaby,
        })
        .from(mothers)
        .where(
          inArray(
            mothers.id,
            due.map((d) => d.motherId),
          ),
        )
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const erased = await db
    .select({ kind: dataErasures.kind, n: sql<number>`count(*)::int` })
    .from(dataErasures)
    .where(eq(dataErasures.puskesmasId, actor.puskesmasId))
    .groupBy(dataErasures.kind);
  return {
    today,
    months,
    isDefault: p.retentionMonths == null,
    mayChange: can(actor, 'write', 'settings', { puskesmasId: actor.puskesmasId }),
    due: due.map((d) => ({ ...d, name: byId.get(d.motherId)?.name ?? '', babyId: byId.get(d.motherId)?.babyId ?? null })),
    erased: Object.fromEntries(erased.map((e) => [e.kind, e.n])) as Partial<Record<ErasureKind, number>>,
  };
}

export type RetentionResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<RetentionField, string>> };

/** The admin sets the retention period of the puskesmas (a setting: admin writes, staff read). */
export async function saveRetention(actor: Actor, raw: unknown): Promise<RetentionResult> {
  assertCanHere(actor, 'write', 'settings');
  const parsed = retentionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<RetentionField>(parsed.error) };
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ months: puskesmas.retentionMonths }).from(puskesmas).where(eq(puskesmas.id, actor.puskesmasId)).for('update');
    await tx.update(puskesmas).set({ retentionMonths: parsed.data.months }).where(eq(puskesmas.id, actor.puskesmasId));
    await audit(
      tx,
      actor,
      'settings.retention',
      'puskesmas',
      actor.puskesmasId,
      { retentionMonths: before?.months ?? null },
      { retentionMonths: parsed.data.months },
      null,
    );
  });
  return { ok: true };
}

/**
 * The retention run (at start-up and daily, instrumentation.ts): every mother of every
 * puskesmas whose babies all left the program more than the retention period ago is erased,
 * each in her own transaction (all or nothing per mother). Idempotent: an erased mother is never
 * due again. Returns counts only, never a name.
 */
export async function runRetention(now: Date = new Date()): Promise<{ puskesmas: number; mothers: number; failed: number }> {
  const db = await getDb();
  const list = await db.select({ id: puskesmas.id, timeZone: puskesmas.timeZone, retentionMonths: puskesmas.retentionMonths }).from(puskesmas);
  let erased = 0;
  let failed = 0;
  let touched = 0;
  for (const p of list) {
    const today = isoToday(p.timeZone, now);
    const due = await dueMothers(db, p.id, retentionMonthsOf(p.retentionMonths), today);
    if (due.length) touched += 1;
    for (const d of due) {
      try {
        const done = await db.transaction(async (tx) => {
          const [m] = await tx.select({ erasedAt: mothers.erasedAt }).from(mothers).where(eq(mothers.id, d.motherId)).for('update');
          // Another instance's run got there first.
          if (!m || m.erasedAt) return false;
          await eraseMotherIn(tx, { actor: null }, d.motherId, { id: randomUUID(), kind: 'retention', requestedOn: null, channel: null });
          return true;
        });
        if (done) erased += 1;
      } catch {
        failed += 1;
      }
    }
  }
  return { puskesmas: touched, mothers: erased, failed };
}
