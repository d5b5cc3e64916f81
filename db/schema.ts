/**
 * The whole data model of docs/program.md and docs/rules.md. Every record belongs to one puskesmas (the tenant) and
 * carries its id, so that every query can be scoped by it and one installation can serve a
 * district. Journey status is never stored: it is derived from visits by lib/domain.
 */
import { sql } from 'drizzle-orm';
import { COVERAGE_COUNTS, type CoverageCount } from '../lib/domain/coverage-rows';
import { CURVE_MONTHS } from '../lib/domain/dashboard';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tenant = () =>
  uuid('puskesmas_id')
    .notNull()
    .references(() => puskesmas.id, { onDelete: 'restrict' });

export const roleEnum = pgEnum('role', ['admin', 'staff', 'kader', 'ibu', 'dinkes']);
export const sexEnum = pgEnum('sex', ['L', 'P']);
export const exitReasonEnum = pgEnum('exit_reason', ['moved', 'died', 'transferred']);
export const breakReasonEnum = pgEnum('break_reason', ['medical', 'mother_absent', 'low_supply', 'back_to_work', 'family_pressure', 'baby_ill', 'other']);
export const sessionStatusEnum = pgEnum('session_status', ['scheduled', 'cancelled', 'closed']);
export const attendeeRoleEnum = pgEnum('attendee_role', ['mother', 'pregnant', 'family']);
export const attendanceStatusEnum = pgEnum('attendance_status', ['present', 'excused', 'absent']);
export const rsvpEnum = pgEnum('rsvp', ['yes', 'no']);
export const contentStatusEnum = pgEnum('content_status', ['published', 'held', 'hidden', 'deleted']);

/** A visit window in days from birth; toDay null = the day before the 6-month date. */
export type VisitWindowSetting = { fromDay: number; toDay: number | null };

// ---------------------------------------------------------------------------------------------
// Tenant and places

/**
 * A kabupaten/kota (issue #19): the district health office (Dinas Kesehatan) compares the
 * puskesmas of its kabupaten and sees aggregates only.
 */
export const kabupaten = pgTable('kabupaten', {
  id: id(),
  name: text('name').notNull().unique(),
  province: text('province').notNull(),
  createdAt: createdAt(),
});

export const puskesmas = pgTable('puskesmas', {
  id: id(),
  /** The kabupaten whose district office sees this puskesmas's aggregates. */
  kabupatenId: uuid('kabupaten_id').references(() => kabupaten.id, { onDelete: 'restrict' }),
  /** Short code used in certificate serials, e.g. "BJN". */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  district: text('district').notNull(),
  subdistrict: text('subdistrict').notNull(),
  province: text('province').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Jakarta'),
  visitWindows: jsonb('visit_windows').$type<VisitWindowSetting[]>().notNull(),
  blockedTerms: text('blocked_terms')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  signatoryName: text('signatory_name'),
  signatoryNip: text('signatory_nip'),
  signatoryTitle: text('signatory_title'),
  /** Street address of the puskesmas (profile, certificate footer). */
  address: text('address'),
  /**
   * The portal's public address (issue #29): every link sent to people (activation, certificate QR,
   * reminders) is built from it, never from a request's Host. Null: APP_URL, else shown as missing.
   */
  publicUrl: text('public_url'),
  /**
   * Months after a baby leaves the program (its 6-month date or an earlier exit) after which its
   * and its mother's identities are erased (issue #30, docs/decisions/062). Null: the default.
   */
  retentionMonths: smallint('retention_months'),
  createdAt: createdAt(),
});

/**
 * First-run setup (issue #18): one-time codes printed in the server log while the database holds
 * no puskesmas. Only the SHA-256 hash is stored; a code is valid until a puskesmas is created.
 */
export const setupCodes = pgTable('setup_codes', {
  id: id(),
  codeHash: text('code_hash').notNull().unique(),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * The visit-window setting of a puskesmas over time (docs/decisions/043): a baby follows the
 * setting in force on its birth date (the latest row with effectiveFrom on or before it), else
 * puskesmas.visit_windows, else lib/domain DEFAULT_VISIT_WINDOWS. A change thus plans the
 * windows of babies born from that day on and leaves every earlier baby's windows as they were.
 */
export const visitWindowSettings = pgTable(
  'visit_window_settings',
  {
    puskesmasId: tenant(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    windows: jsonb('windows').$type<VisitWindowSetting[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.puskesmasId, t.effectiveFrom] })],
);

export const villages = pgTable(
  'villages',
  {
    id: id(),
    puskesmasId: tenant(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['desa', 'kelurahan'] })
      .notNull()
      .default('desa'),
    /** Deactivated places keep their records and history but take no new registrations. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('villages_puskesmas_name_uq').on(t.puskesmasId, t.name)],
);

export const posyandu = pgTable(
  'posyandu',
  {
    id: id(),
    puskesmasId: tenant(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    rw: text('rw'),
    address: text('address'),
    /** Deactivated places keep their records and history but take no new registrations. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('posyandu_village_name_uq').on(t.villageId, t.name), index('posyandu_puskesmas_idx').on(t.puskesmasId)],
);

/** Yearly coverage target, for the whole puskesmas (villageId null) or one village. */
export const coverageTargets = pgTable(
  'coverage_targets',
  {
    id: id(),
    puskesmasId: tenant(),
    villageId: uuid('village_id').references(() => villages.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    targetPercent: smallint('target_percent').notNull(),
  },
  (t) => [
    unique('coverage_targets_uq').on(t.puskesmasId, t.year, t.villageId).nullsNotDistinct(),
    check('coverage_targets_percent_ck', sql`${t.targetPercent} between 0 and 100`),
  ],
);

// ---------------------------------------------------------------------------------------------
// People and accounts

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Every account belongs to one puskesmas, except a district account (role dinkes): null. */
    puskesmasId: uuid('puskesmas_id').references(() => puskesmas.id, { onDelete: 'restrict' }),
    /** A district account's kabupaten (role dinkes only). */
    kabupatenId: uuid('kabupaten_id').references(() => kabupaten.id, { onDelete: 'restrict' }),
    role: roleEnum('role').notNull(),
    name: text('name').notNull(),
    /** E.164, e.g. +6281234567890. The login identifier. */
    phone: text('phone').notNull().unique(),
    /** bcrypt hash; null until a mother activates her account. */
    passwordHash: text('password_hash'),
    /**
     * Kader: her first (home) posyandu. Every posyandu she works in, this one included, is in
     * kader_posyandu, which is what scopes her records (lib/data/scope.ts).
     */
    posyanduId: uuid('posyandu_id').references(() => posyandu.id, { onDelete: 'restrict' }),
    /** Kader and ibu: their village (sessions are per village). */
    villageId: uuid('village_id').references(() => villages.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    /** Raised to end every session of this user at once (logout everywhere, disable). */
    sessionVersion: integer('session_version').notNull().default(1),
    locale: text('locale', { enum: ['id', 'en'] })
      .notNull()
      .default('id'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('users_puskesmas_role_idx').on(t.puskesmasId, t.role),
    index('users_posyandu_idx').on(t.posyanduId),
    check('users_kader_posyandu_ck', sql`${t.role} <> 'kader' or ${t.posyanduId} is not null`),
    // Compared as text: a new enum value cannot be used in the transaction that adds it.
    check('users_tenant_ck', sql`(${t.role}::text = 'dinkes') = (${t.puskesmasId} is null) and (${t.role}::text = 'dinkes') = (${t.kabupatenId} is not null)`),
  ],
);

/** The posyandu a kader works in (one or more; issue #18). */
export const kaderPosyandu = pgTable(
  'kader_posyandu',
  {
    puskesmasId: tenant(),
    kaderId: uuid('kader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    posyanduId: uuid('posyandu_id')
      .notNull()
      .references(() => posyandu.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kaderId, t.posyanduId] }), index('kader_posyandu_posyandu_idx').on(t.posyanduId)],
);

/** One-time codes with which a mother (or a new kader) sets her password. Hash only. */
export const activationCodes = pgTable(
  'activation_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('activation_codes_user_idx').on(t.userId)],
);

/** Failed sign-in counters per phone and per IP (keys are SHA-256 hashes: no personal data). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Public certificate look-ups per IP address in a fixed window (key: SHA-256 of the address,
 * no personal data), so that verification codes cannot be guessed by brute force.
 */
export const verificationThrottle = pgTable('verification_throttle', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Server-side record of each sign-in. The JWT names its row; logout revokes it, and a row
 * unused for longer than the idle limit no longer counts (see lib/auth/session.ts).
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------------------------------------
// Mothers, babies, visits

export const mothers = pgTable(
  'mothers',
  {
    id: id(),
    puskesmasId: tenant(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'restrict' }),
    posyanduId: uuid('posyandu_id')
      .notNull()
      .references(() => posyandu.id, { onDelete: 'restrict' }),
    /** Her login, once she has one. */
    userId: uuid('user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    phone: text('phone'),
    nik: text('nik'),
    address: text('address'),
    rt: text('rt'),
    rw: text('rw'),
    /** Set when her identity was erased (withdrawal or retention, issue #30): the row is pseudonymous from then on. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** UU 27/2022: consent is recorded and provable. */
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    consentTextVersion: text('consent_text_version').notNull(),
    consentRecordedBy: uuid('consent_recorded_by')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mothers_puskesmas_idx').on(t.puskesmasId),
    index('mothers_posyandu_idx').on(t.posyanduId),
    index('mothers_village_idx').on(t.villageId),
    index('mothers_phone_idx').on(t.puskesmasId, t.phone),
  ],
);

/** A mother may be followed by kaders outside her posyandu when staff assign them. */
export const kaderAssignments = pgTable(
  'kader_assignments',
  {
    puskesmasId: tenant(),
    kaderId: uuid('kader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    motherId: uuid('mother_id')
      .notNull()
      .references(() => mothers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.kaderId, t.motherId] }),
    index('kader_assignments_mother_idx').on(t.motherId),
    index('kader_assignments_puskesmas_idx').on(t.puskesmasId),
  ],
);

export const babies = pgTable(
  'babies',
  {
    id: id(),
    puskesmasId: tenant(),
    motherId: uuid('mother_id')
      .notNull()
      .references(() => mothers.id, { onDelete: 'restrict' }),
    name: text('name'),
    sex: sexEnum('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    birthWeightGrams: integer('birth_weight_grams'),
    birthPlace: text('birth_place'),
    earlyInitiation: boolean('early_initiation'),
    /** 1, 2… for twins and other multiple births. */
    birthOrder: smallint('birth_order').notNull().default(1),
    exitDate: date('exit_date', { mode: 'string' }),
    exitReason: exitReasonEnum('exit_reason'),
    exitNote: text('exit_note'),
    /**
     * Derived (lib/domain babyCoverage, stored by lib/data refreshCoverage with the coverage
     * rows, never typed in): the first break before the 6-month date (lib/domain firstBreak) and
     * whether a visit from the 5-month date on confirmed exclusivity. The live counts of today
     * read them instead of aggregating every visit on each query.
     */
    stateFirstBreak: date('state_first_break', { mode: 'string' }),
    stateConfirmed: boolean('state_confirmed').notNull().default(false),
    /**
     * Also derived: the reason of the visit that gave the first break (firstBreak's tie rule),
     * and whether the mother attended a session before the 6-month date (attendedBeforeSixMonths).
     */
    stateBreakReason: breakReasonEnum('state_break_reason'),
    stateAttended: boolean('state_attended').notNull().default(false),
    /**
     * The journey status on every day (lib/domain statusTimeline), stored with the rest of the
     * state: the status before any change, then up to two changes (from that day on). The counts
     * of today look a day up in these columns (db/queries/coverage-months.ts statusAtSql) instead
     * of applying the status rule in SQL. Null until computed (completed at start-up after a
     * migration, db/coverage.ts completeCoverage).
     */
    statusInitial: text('status_initial'),
    statusChange1: date('status_change_1', { mode: 'string' }),
    status1: text('status_1'),
    statusChange2: date('status_change_2', { mode: 'string' }),
    status2: text('status_2'),
    /** The first day the baby is no longer followed (lib/domain followedUntil): the kader table's mothers followed on a day. */
    followedUntil: date('followed_until', { mode: 'string' }),
    /**
     * Knowledge (issue #28), written by db/coverage.ts refreshCoverage from lib/domain babyKnowledge:
     * the level of the mother's baseline check for this baby ('high' | 'low', null without one) and
     * the counselling topics recorded on its visits before its 6-month date.
     */
    knowledgeBaseline: text('knowledge_baseline'),
    counselledTopics: text('counselled_topics')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // INCLUDE (id, mother_id, sex, status_*, followed_until) in migration 0013 (drizzle-kit cannot write it).
    index('babies_puskesmas_birth_idx').on(t.puskesmasId, t.birthDate),
    index('babies_mother_idx').on(t.motherId),
    uniqueIndex('babies_mother_birth_order_uq').on(t.motherId, t.birthDate, t.birthOrder),
    check('babies_exit_ck', sql`(${t.exitDate} is null) = (${t.exitReason} is null)`),
    check('babies_weight_ck', sql`${t.birthWeightGrams} is null or ${t.birthWeightGrams} between 300 and 7000`),
  ],
);

export const visits = pgTable(
  'visits',
  {
    /** May be made on the kader's phone (offline outbox): a resend finds the stored visit. */
    id: uuid('id').primaryKey().defaultRandom(),
    puskesmasId: tenant(),
    babyId: uuid('baby_id')
      .notNull()
      .references(() => babies.id, { onDelete: 'restrict' }),
    kaderId: uuid('kader_id')
      .notNull()
      .references(() => users.id),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    // Recall of yesterday, day and night.
    breastfed: boolean('breastfed').notNull(),
    /** Codes of lib/domain RECALL_ITEMS the baby got yesterday. */
    recallItems: text('recall_items')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    recallOtherText: text('recall_other_text'),
    /** Since the last visit (or birth): given anything other than breast milk? */
    givenSinceLast: boolean('given_since_last').notNull(),
    givenSinceLastDate: date('given_since_last_date', { mode: 'string' }),
    /** From the 5-month date on: nothing but breast milk since birth? */
    confirmedExclusive: boolean('confirmed_exclusive'),
    breakReason: breakReasonEnum('break_reason'),
    problems: text('problems')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** AMBIDA attachment check: areola, mouth wide, lower lip out, chin touching. */
    attachment: jsonb('attachment').$type<{ areola: boolean; mouthWide: boolean; lipOut: boolean; chin: boolean } | null>(),
    dangerSigns: text('danger_signs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    referral: boolean('referral').notNull().default(false),
    referralReason: text('referral_reason'),
    referralFollowedUpAt: timestamp('referral_followed_up_at', { withTimezone: true }),
    /** Who marked the referral as followed up, and what came of it (e.g. seen by the bidan). */
    referralFollowedUpBy: uuid('referral_followed_up_by').references(() => users.id),
    referralOutcome: text('referral_outcome'),
    counselling: text('counselling')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Slugs of the lessons (materi) the kader went through with the mother at this visit (issue #28). */
    lessons: text('lessons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    weightGrams: integer('weight_grams'),
    notes: text('notes'),
    /** Time on the phone when the kader saved it, and when the server received it. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_baby_date_idx').on(t.babyId, t.visitDate),
    index('visits_puskesmas_date_idx').on(t.puskesmasId, t.visitDate),
    index('visits_kader_idx').on(t.kaderId, t.visitDate),
    check('visits_weight_ck', sql`${t.weightGrams} is null or ${t.weightGrams} between 500 and 15000`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Group sessions

export const groupSessions = pgTable(
  'group_sessions',
  {
    id: id(),
    puskesmasId: tenant(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'restrict' }),
    posyanduId: uuid('posyandu_id').references(() => posyandu.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    /** A topic code from the catalogue, or null with free text in topicText. */
    topic: text('topic'),
    topicText: text('topic_text'),
    /** Slugs of the lessons (materi) the session goes through (issue #28). */
    lessons: text('lessons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    facilitators: text('facilitators'),
    capacity: smallint('capacity').notNull().default(10),
    status: sessionStatusEnum('status').notNull().default('scheduled'),
    cancelReason: text('cancel_reason'),
    summary: text('summary'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('group_sessions_puskesmas_starts_idx').on(t.puskesmasId, t.startsAt),
    index('group_sessions_village_starts_idx').on(t.villageId, t.startsAt),
    index('group_sessions_posyandu_idx').on(t.posyanduId),
    check('group_sessions_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('group_sessions_capacity_ck', sql`${t.capacity} between 1 and 200`),
  ],
);

export const sessionInvitations = pgTable(
  'session_invitations',
  {
    id: id(),
    puskesmasId: tenant(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => groupSessions.id, { onDelete: 'cascade' }),
    motherId: uuid('mother_id')
      .notNull()
      .references(() => mothers.id, { onDelete: 'cascade' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    remindedBy: uuid('reminded_by').references(() => users.id),
    rsvp: rsvpEnum('rsvp'),
    rsvpAt: timestamp('rsvp_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('session_invitations_uq').on(t.sessionId, t.motherId),
    index('session_invitations_mother_idx').on(t.motherId),
    index('session_invitations_puskesmas_idx').on(t.puskesmasId),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    id: id(),
    puskesmasId: tenant(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => groupSessions.id, { onDelete: 'cascade' }),
    /** A registered mother, or null for a walk-in recorded by name. */
    motherId: uuid('mother_id').references(() => mothers.id, { onDelete: 'restrict' }),
    attendeeName: text('attendee_name'),
    attendeeRole: attendeeRoleEnum('attendee_role').notNull(),
    status: attendanceStatusEnum('status').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    /**
     * Marked offline on a kader's phone (docs/decisions/036): the id the phone made for the
     * marking (a resend with the same id changes nothing) and the phone's time of the tap;
     * recorded_at is then the time the server received it.
     */
    deviceRecordId: uuid('device_record_id'),
    recordedOnDeviceAt: timestamp('recorded_on_device_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attendance_session_mother_uq').on(t.sessionId, t.motherId),
    // Also attendance_session_cover_idx (session_id) INCLUDE (status, mother_id), migration 0013 (drizzle-kit cannot write INCLUDE).
    index('attendance_mother_idx').on(t.motherId),
    index('attendance_puskesmas_idx').on(t.puskesmasId),
    check('attendance_who_ck', sql`${t.motherId} is not null or ${t.attendeeName} is not null`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Forum

export const forumCategories = pgTable(
  'forum_categories',
  {
    id: id(),
    puskesmasId: tenant(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: smallint('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('forum_categories_slug_uq').on(t.puskesmasId, t.slug)],
);

export const forumPosts = pgTable(
  'forum_posts',
  {
    id: id(),
    puskesmasId: tenant(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => forumCategories.id, { onDelete: 'restrict' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Anonymous to other mothers ("Ibu di Desa X"), never to staff and kaders. */
    anonymous: boolean('anonymous').notNull().default(false),
    status: contentStatusEnum('status').notNull().default('published'),
    moderationReason: text('moderation_reason'),
    answerCommentId: uuid('answer_comment_id'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('forum_posts_list_idx').on(t.puskesmasId, t.status, t.lastActivityAt),
    index('forum_posts_category_idx').on(t.categoryId, t.lastActivityAt),
    index('forum_posts_author_idx').on(t.authorId),
    // Full-text search (lib/data/forum.ts searchForum uses the same expression).
    index('forum_posts_search_idx').using('gin', sql`to_tsvector('indonesian', ${t.title} || ' ' || ${t.body})`),
  ],
);

export const forumComments = pgTable(
  'forum_comments',
  {
    id: id(),
    puskesmasId: tenant(),
    postId: uuid('post_id')
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** A mother's reply in her own anonymous thread stays anonymous to other mothers. */
    anonymous: boolean('anonymous').notNull().default(false),
    status: contentStatusEnum('status').notNull().default('published'),
    moderationReason: text('moderation_reason'),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('forum_comments_post_idx').on(t.postId, t.createdAt),
    index('forum_comments_author_idx').on(t.authorId),
    index('forum_comments_puskesmas_idx').on(t.puskesmasId, t.status),
    index('forum_comments_search_idx').using('gin', sql`to_tsvector('indonesian', ${t.body})`),
  ],
);

export const forumReactions = pgTable(
  'forum_reactions',
  {
    id: id(),
    puskesmasId: tenant(),
    postId: uuid('post_id').references(() => forumPosts.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id').references(() => forumComments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('forum_reactions_uq').on(t.userId, t.postId, t.commentId).nullsNotDistinct(),
    index('forum_reactions_post_idx').on(t.postId),
    index('forum_reactions_comment_idx').on(t.commentId),
    index('forum_reactions_puskesmas_idx').on(t.puskesmasId),
    check('forum_reactions_target_ck', sql`(${t.postId} is null) <> (${t.commentId} is null)`),
  ],
);

export const forumReports = pgTable(
  'forum_reports',
  {
    id: id(),
    puskesmasId: tenant(),
    postId: uuid('post_id').references(() => forumPosts.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id').references(() => forumComments.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('forum_reports_open_idx').on(t.puskesmasId, t.resolvedAt), check('forum_reports_target_ck', sql`(${t.postId} is null) <> (${t.commentId} is null)`)],
);

/** When a user last opened a thread: replies after it are "new" (unread marker). */
export const forumReads = pgTable(
  'forum_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    puskesmasId: tenant(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] }), index('forum_reads_post_idx').on(t.postId)],
);

// ---------------------------------------------------------------------------------------------
// Certificates

/** Gapless per-puskesmas, per-year serial numbers, taken under a row lock. */
export const serialCounters = pgTable(
  'serial_counters',
  {
    puskesmasId: tenant(),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.puskesmasId, t.year] })],
);

export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    puskesmasId: tenant(),
    babyId: uuid('baby_id')
      .notNull()
      .references(() => babies.id, { onDelete: 'restrict' }),
    year: smallint('year').notNull(),
    number: integer('number').notNull(),
    serial: text('serial').notNull().unique(),
    /** Random, unguessable code in the QR link to the public verification page. */
    verificationCode: text('verification_code').notNull().unique(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
    /** The signatory in force when it was issued: a later change of the setting leaves it as printed. */
    signatoryName: text('signatory_name'),
    signatoryNip: text('signatory_nip'),
    signatoryTitle: text('signatory_title'),
  },
  (t) => [
    uniqueIndex('certificates_number_uq').on(t.puskesmasId, t.year, t.number),
    uniqueIndex('certificates_active_baby_uq')
      .on(t.babyId)
      .where(sql`${t.revokedAt} is null`),
    index('certificates_puskesmas_issued_idx').on(t.puskesmasId, t.issuedAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Audit

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    puskesmasId: uuid('puskesmas_id').references(() => puskesmas.id),
    userId: uuid('user_id').references(() => users.id),
    /** e.g. "mother.create", "visit.update", "mother.view". */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_puskesmas_at_idx').on(t.puskesmasId, t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);

// ---------------------------------------------------------------------------------------------
// Coverage aggregates (derived; migration 0005_coverage_months)

/**
 * The counts one baby contributes to one month (0 or 1 each), and their sums per posyandu and
 * month. The per-baby rows are computed by lib/domain (coverage-rows.ts, which says what each
 * column means) and written by lib/data/coverage-refresh.ts inside the transaction of every
 * write they depend on (docs/decisions/058); the only triggers left sum them into
 * coverage_months, rule-free. The dashboard reads the sums (about 100 posyandu × 12 months
 * rows) instead of counting every baby; the integration tests hold them equal to lib/domain.
 */
export const COVERAGE_COUNT_COLUMNS = COVERAGE_COUNTS;
export type CoverageCountColumn = CoverageCount;

function curveDayColumns() {
  return Object.fromEntries(CURVE_MONTHS.map((k) => [`curveDay${k}`, smallint(`curve_day_${k}`)])) as Record<
    `curveDay${(typeof CURVE_MONTHS)[number]}`,
    ReturnType<typeof smallint>
  >;
}

function countColumns<B>(make: (name: string) => B): Record<CoverageCountColumn, B> {
  return Object.fromEntries(COVERAGE_COUNT_COLUMNS.map((c) => [c, make(c)])) as Record<CoverageCountColumn, B>;
}

export const coverageBabyMonths = pgTable(
  'coverage_baby_months',
  {
    babyId: uuid('baby_id')
      .notNull()
      .references(() => babies.id, { onDelete: 'cascade' }),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    puskesmasId: uuid('puskesmas_id').notNull(),
    villageId: uuid('village_id').notNull(),
    posyanduId: uuid('posyandu_id').notNull(),
    ...countColumns((c) => smallint(c).notNull().default(0)),
    /** Day of this month the k-month date falls on, when it does (lib/domain BabyMonthRow.curveDays): the curve of the month in progress. */
    ...curveDayColumns(),
  },
  (t) => [primaryKey({ columns: [t.babyId, t.month] }), index('coverage_baby_months_month_idx').on(t.puskesmasId, t.month)],
);

export const coverageMonths = pgTable(
  'coverage_months',
  {
    puskesmasId: uuid('puskesmas_id').notNull(),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    villageId: uuid('village_id').notNull(),
    posyanduId: uuid('posyandu_id').notNull(),
    ...countColumns((c) => integer(c).notNull().default(0)),
  },
  (t) => [primaryKey({ columns: [t.puskesmasId, t.month, t.villageId, t.posyanduId] })],
);

/**
 * Each baby's visit windows (the puskesmas's setting, else DEFAULT_VISIT_WINDOWS) with the visit
 * that filled each one, by lib/domain assignVisits over all its visits; stored with the month
 * rows (lib/data refreshCoverage). A window's state on a day D follows (lib/domain windowStates): filled by a visit
 * dated on or before D → done on time / late; else missed when D is after its last day. The
 * kader table counts the windows that closed in a month from here instead of loading visits.
 */
export const coverageBabyWindows = pgTable(
  'coverage_baby_windows',
  {
    babyId: uuid('baby_id')
      .notNull()
      .references(() => babies.id, { onDelete: 'cascade' }),
    /** Position of the window in the setting (0 = the first). */
    idx: smallint('idx').notNull(),
    puskesmasId: uuid('puskesmas_id').notNull(),
    villageId: uuid('village_id').notNull(),
    posyanduId: uuid('posyandu_id').notNull(),
    exitDate: date('exit_date', { mode: 'string' }),
    windowFrom: date('window_from', { mode: 'string' }).notNull(),
    windowTo: date('window_to', { mode: 'string' }).notNull(),
    /** Date of the visit that filled it, null when none did. */
    filledOn: date('filled_on', { mode: 'string' }),
    late: boolean('late').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.babyId, t.idx] }),
    /* INCLUDE (posyandu_id, village_id, exit_date, filled_on, late): migration 0007 */ index('coverage_baby_windows_to_idx').on(t.puskesmasId, t.windowTo),
  ],
);

// ---------------------------------------------------------------------------------------------
// Import (issue #19)

/**
 * An uploaded register (XLSX/CSV) parsed and validated, waiting for the user to confirm
 * (docs/decisions/045-import.md). Nothing is written to the health tables before then; the
 * preview is kept here, referenced by its id and scoped by puskesmas and creator. The parsed
 * rows (personal data) are emptied when the batch is confirmed; an unconfirmed batch is
 * deleted after a day.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: id(),
    puskesmasId: tenant(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the uploaded file. */
    fileHash: text('file_hash').notNull(),
    /** The parsed and checked rows (lib/domain/import.ts ImportRow[]); emptied on confirm. */
    rows: jsonb('rows').notNull(),
    newCount: integer('new_count').notNull().default(0),
    existingCount: integer('existing_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    status: text('status', { enum: ['preview', 'confirmed'] })
      .notNull()
      .default('preview'),
    /** What the confirmation created: counts only. */
    result: jsonb('result'),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('import_batches_puskesmas_idx').on(t.puskesmasId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Lessons and knowledge (issue #28; docs/decisions/059-lessons-and-knowledge.md)

/**
 * A puskesmas's own lessons (materi). The built-in library ships as files (content/lessons/*.md)
 * and is not stored; a slug is unique within a puskesmas and never equals a built-in slug.
 * History is the audit log (entity 'lesson').
 */
export const lessons = pgTable(
  'lessons',
  {
    id: id(),
    puskesmasId: tenant(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Markdown; rendered on the server and sanitised (lib/lessons/render.ts). */
    body: text('body').notNull(),
    /** The "yang perlu diingat" box: three short points. */
    keyPoints: text('key_points')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** lib/domain/lessons.ts LESSON_AUDIENCES. */
    audience: text('audience').notNull(),
    /** 'pregnancy', or 'age' with a day range from birth (ageToDay null: to the 6-month date and beyond). */
    stage: text('stage').notNull(),
    ageFromDay: smallint('age_from_day'),
    ageToDay: smallint('age_to_day'),
    /** What it answers: counselling topics, break reasons, visit findings (lib/domain/lessons.ts). */
    counselling: text('counselling')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    breakReasons: text('break_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    findings: text('findings')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sources: text('sources').notNull(),
    /** 'draft' | 'published'. */
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lessons_puskesmas_slug_uq').on(t.puskesmasId, t.slug),
    check('lessons_status_ck', sql`${t.status} in ('draft', 'published')`),
    check('lessons_stage_ck', sql`${t.stage} in ('pregnancy', 'age')`),
  ],
);

/**
 * What a puskesmas decided about a built-in lesson: hidden for its mothers and kaders, and
 * reviewed by one of its staff (for the content version whose hash is kept: a changed file asks
 * for a new review).
 */
export const builtinLessonStates = pgTable(
  'builtin_lesson_states',
  {
    puskesmasId: tenant(),
    slug: text('slug').notNull(),
    hidden: boolean('hidden').notNull().default(false),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedHash: text('reviewed_hash'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.puskesmasId, t.slug] })],
);

/**
 * A knowledge check (cek pengetahuan) of a mother: the answers to lib/domain/knowledge.ts
 * KNOWLEDGE_STATEMENTS, scored there. Taken by a kader with the mother (source 'kader', for a
 * baby, often with a visit) or by the mother herself on /ibu (source 'self', never baseline or
 * endline). `occasion` and `rose` are derived by lib/domain babyKnowledge and written by
 * db/coverage.ts refreshCoverage. The id may be made on the phone: a resend finds the stored row.
 */
export const knowledgeChecks = pgTable(
  'knowledge_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    puskesmasId: tenant(),
    motherId: uuid('mother_id')
      .notNull()
      .references(() => mothers.id, { onDelete: 'restrict' }),
    babyId: uuid('baby_id').references(() => babies.id, { onDelete: 'restrict' }),
    visitId: uuid('visit_id').references(() => visits.id, { onDelete: 'set null' }),
    /** 'kader' | 'self'. */
    source: text('source').notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    /** Statement id → 'true' | 'false' | 'dont_know'. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    score: smallint('score').notNull(),
    total: smallint('total').notNull(),
    /** Ids of the statements answered correctly (sums per statement). */
    correct: text('correct')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Derived: 'baseline' | 'endline' | null. */
    occasion: text('occasion'),
    /** Derived, on an endline: its score is above the baseline's. */
    rose: boolean('rose'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('knowledge_checks_mother_idx').on(t.motherId, t.takenOn),
    index('knowledge_checks_baby_idx').on(t.babyId, t.takenOn),
    index('knowledge_checks_occasion_idx').on(t.puskesmasId, t.occasion, t.takenOn),
    check('knowledge_checks_source_ck', sql`${t.source} in ('kader', 'self')`),
    check('knowledge_checks_score_ck', sql`${t.score} between 0 and ${t.total}`),
  ],
);

// ---------------------------------------------------------------------------------------------
// A mother's rights over her data (issue #30; docs/decisions/062-data-rights-and-erasure.md)

/**
 * What a mother says is wrong in her data ("Data saya" → "Minta perbaikan"). Staff correct
 * through the existing correction paths with the request as the reason, then close it with a
 * note. The id is the form's key (decision 054): a resend finds the stored request.
 */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    id: uuid('id').primaryKey(),
    puskesmasId: tenant(),
    motherId: uuid('mother_id')
      .notNull()
      .references(() => mothers.id, { onDelete: 'cascade' }),
    /** Her words, validated and length-limited (lib/validation/data-rights.ts). */
    body: text('body').notNull(),
    /** 'open' | 'closed'. */
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closeNote: text('close_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('correction_requests_open_idx').on(t.puskesmasId, t.status, t.createdAt),
    index('correction_requests_mother_idx').on(t.motherId),
    check('correction_requests_status_ck', sql`${t.status} in ('open', 'closed')`),
  ],
);

/**
 * One erasure of a mother's identity: a withdrawal she asked for (recorded by staff) or the
 * retention period having passed. One per mother (a second is refused); the id is the form's
 * key, so a resend answers as the first did. Holds no name, no value that was erased.
 */
export const dataErasures = pgTable(
  'data_erasures',
  {
    id: uuid('id').primaryKey(),
    puskesmasId: tenant(),
    motherId: uuid('mother_id')
      .notNull()
      .unique()
      .references(() => mothers.id, { onDelete: 'restrict' }),
    /** 'withdrawal' | 'retention'. */
    kind: text('kind').notNull(),
    /** Withdrawal: the day she asked, and how ('in_person' | 'phone' | 'whatsapp' | 'letter'). */
    requestedOn: date('requested_on', { mode: 'string' }),
    channel: text('channel'),
    /** Who recorded it; null for the retention job. */
    recordedBy: uuid('recorded_by').references(() => users.id),
    /** How many rows each table had changed (counts only). */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('data_erasures_puskesmas_idx').on(t.puskesmasId, t.createdAt),
    check('data_erasures_kind_ck', sql`${t.kind} in ('withdrawal', 'retention')`),
    check('data_erasures_channel_ck', sql`${t.channel} is null or ${t.channel} in ('in_person', 'phone', 'whatsapp', 'letter')`),
  ],
);
