/**
 * Who may do what: docs/access.md as one table, and `can()` to read it.
 * Pure (no database): the data-access layer calls it for every read and write, and turns the
 * scope of the granted permission into a query condition (lib/data/scope.ts).
 */

export const ROLES = ['admin', 'staff', 'kader', 'ibu', 'dinkes'] as const;
export type Role = (typeof ROLES)[number];
export type Actor = {
  id: string;
  role: Role;
  /** The actor's puskesmas; '' for a district account (role dinkes), which belongs to none. */
  puskesmasId: string;
  /** A district account's kabupaten (role dinkes); null or absent for everyone else. */
  kabupatenId?: string | null;
  posyanduId: string | null;
  villageId: string | null;
  /** The ibu's own mother record. */
  motherId: string | null;
  /**
   * A kader: every posyandu she works in (her home posyandu first) and their villages
   * (issue #18: a kader may be assigned to more than one). Absent: just posyanduId / villageId.
   */
  posyanduIds?: readonly string[];
  villageIds?: readonly string[];
};

/** The posyandu whose records a kader works on: her assignments, else her home posyandu. */
export function posyanduIdsOf(actor: Pick<Actor, 'posyanduId' | 'posyanduIds'>): readonly string[] {
  if (actor.posyanduIds && actor.posyanduIds.length > 0) return actor.posyanduIds;
  return actor.posyanduId ? [actor.posyanduId] : [];
}

/** The villages of an actor's sessions: a kader's posyandu's villages, else her own village. */
export function villageIdsOf(actor: Pick<Actor, 'villageId' | 'villageIds'>): readonly string[] {
  if (actor.villageIds && actor.villageIds.length > 0) return actor.villageIds;
  return actor.villageId ? [actor.villageId] : [];
}

export type Resource =
  | 'setup' // first-run setup: only while no puskesmas exists, with the server's setup code
  | 'places' // villages, posyandu
  | 'kaderAccounts'
  | 'settings'
  | 'forumCategories'
  | 'staffAccounts'
  | 'puskesmas'
  | 'mothers' // mothers and babies
  | 'visits'
  | 'groupSessions'
  | 'attendance'
  | 'forum'
  | 'certificates'
  | 'coverage' // dashboard, reports, exports
  | 'audit'
  | 'imports' // registers brought in from XLSX/CSV (issue #19)
  | 'district' // a kabupaten's aggregates per puskesmas: no names (issue #19)
  | 'districtAccounts' // the district office's own accounts
  | 'lessons' // materi: a puskesmas's own lessons and its decisions on the built-in ones (issue #28)
  | 'knowledgeChecks' // cek pengetahuan: a mother's knowledge checks (issue #28)
  | 'dataRights'; // a mother's rights over her data: copy, correction requests, withdrawal and erasure (issue #30)

export type Action = 'read' | 'write' | 'correct' | 'moderate' | 'report' | 'rsvp' | 'issue' | 'revoke' | 'download' | 'export' | 'verify' | 'request' | 'erase';

/**
 * How far a permission reaches:
 * - `puskesmas`: every record of the actor's puskesmas;
 * - `posyandu`: records of the kader's posyandu and mothers assigned to her;
 * - `village`: records of the actor's village (sessions, attendance);
 * - `own`: the mother's own records;
 * - `kabupaten`: the aggregates of every puskesmas of the district account's kabupaten;
 * - `any`: no login needed (certificate verification).
 */
export type Scope = 'puskesmas' | 'posyandu' | 'village' | 'own' | 'kabupaten' | 'any';
type Grant = Partial<Record<Action, Scope>>;
type Row = Record<Role | 'public', Grant>;

const staffAll = (actions: Action[]): Grant => Object.fromEntries(actions.map((a) => [a, 'puskesmas'])) as Grant;

/** docs/access.md, row by row. Admin can do all that staff can, plus admin rows. */
export const POLICY: Record<Resource, Row> = {
  /**
   * First-run setup (/pasang, `npm run setup`): nobody signed in can use it; the public may,
   * and lib/data/setup.ts also requires that no puskesmas exists and the one-time setup code.
   */
  setup: {
    admin: {},
    staff: {},
    kader: {},
    ibu: {},
    dinkes: {},
    public: { write: 'any' },
  },
  places: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'posyandu' },
    ibu: {},
    dinkes: {},
    public: {},
  },
  kaderAccounts: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'posyandu' },
    ibu: {},
    dinkes: {},
    public: {},
  },
  /** Puskesmas settings (profile, targets, signatory, blocked terms, windows): admin writes, staff reads. */
  settings: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read']),
    kader: { read: 'posyandu' },
    ibu: {},
    dinkes: {},
    public: {},
  },
  /** The forum's categories: staff and admin arrange them (the blocked terms are a setting). */
  forumCategories: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: {},
    ibu: {},
    dinkes: {},
    public: {},
  },
  staffAccounts: {
    admin: staffAll(['read', 'write']),
    staff: {},
    kader: {},
    ibu: {},
    dinkes: {},
    public: {},
  },
  puskesmas: {
    admin: staffAll(['read', 'write']),
    staff: { read: 'puskesmas' },
    kader: { read: 'puskesmas' },
    ibu: { read: 'puskesmas' },
    dinkes: {},
    public: {},
  },
  mothers: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'posyandu', write: 'posyandu' },
    ibu: { read: 'own' },
    dinkes: {},
    public: {},
  },
  visits: {
    admin: staffAll(['read', 'correct']),
    staff: staffAll(['read', 'correct']),
    kader: { read: 'posyandu', write: 'posyandu' },
    /** Her own summary only: never another baby's, never kader notes beyond the summary. */
    ibu: { read: 'own' },
    dinkes: {},
    public: {},
  },
  groupSessions: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'village', write: 'village' },
    ibu: { read: 'village', rsvp: 'own' },
    dinkes: {},
    public: {},
  },
  attendance: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'village', write: 'village' },
    ibu: { read: 'own' },
    dinkes: {},
    public: {},
  },
  forum: {
    admin: staffAll(['read', 'write', 'moderate', 'report']),
    staff: staffAll(['read', 'write', 'moderate', 'report']),
    kader: staffAll(['read', 'write', 'moderate', 'report']),
    ibu: staffAll(['read', 'write', 'report']),
    dinkes: {},
    public: {},
  },
  certificates: {
    admin: staffAll(['read', 'issue', 'revoke', 'download']),
    staff: staffAll(['read', 'issue', 'revoke', 'download']),
    kader: { read: 'posyandu', download: 'posyandu' },
    ibu: { read: 'own', download: 'own' },
    dinkes: {},
    public: { verify: 'any' },
  },
  coverage: {
    admin: staffAll(['read', 'export']),
    staff: staffAll(['read', 'export']),
    kader: { read: 'posyandu' },
    ibu: {},
    dinkes: {},
    public: {},
  },
  audit: {
    admin: staffAll(['read']),
    staff: {},
    kader: {},
    ibu: {},
    dinkes: {},
    public: {},
  },
  imports: {
    admin: staffAll(['write']),
    staff: staffAll(['write']),
    kader: {},
    ibu: {},
    dinkes: {},
    public: {},
  },
  /** DESIGN §4 "district aggregates": dinkes only, never a name; staff read their own puskesmas on /staff. */
  district: {
    admin: {},
    staff: {},
    kader: {},
    ibu: {},
    dinkes: { read: 'kabupaten', export: 'kabupaten' },
    public: {},
  },
  districtAccounts: {
    admin: {},
    staff: {},
    kader: {},
    ibu: {},
    dinkes: { read: 'kabupaten', write: 'kabupaten' },
    public: {},
  },
  /**
   * DESIGN §4 "lessons (materi)": staff write, review and hide built-in ones; everyone reads the
   * published ones (a draft only staff of its puskesmas, through write). dinkes sees aggregates only.
   */
  lessons: {
    admin: staffAll(['read', 'write']),
    staff: staffAll(['read', 'write']),
    kader: { read: 'puskesmas' },
    ibu: { read: 'puskesmas' },
    dinkes: {},
    public: { read: 'any' },
  },
  /**
   * DESIGN §4 "counselling on a visit, knowledge checks": staff read and correct, a kader records
   * them for the mothers of her scope (as visits), a mother takes her own and reads her own.
   */
  knowledgeChecks: {
    admin: staffAll(['read', 'correct']),
    staff: staffAll(['read', 'correct']),
    kader: { read: 'posyandu', write: 'posyandu' },
    ibu: { read: 'own', write: 'own' },
    dinkes: {},
    public: {},
  },
  /**
   * Issue #30 (UU 27/2022): the mother reads and exports ("Data saya") her own data and requests
   * corrections; staff and admin of her puskesmas produce the copy for a mother without a login,
   * handle the requests (write) and record a withdrawal (erase); a kader and the district nothing.
   */
  dataRights: {
    admin: staffAll(['read', 'export', 'write', 'erase']),
    staff: staffAll(['read', 'export', 'write', 'erase']),
    kader: {},
    ibu: { read: 'own', export: 'own', request: 'own' },
    dinkes: {},
    public: {},
  },
};

/** The scope in which `actor` may do `action` on `resource`, or null when it may not. */
export function scopeOf(actor: Pick<Actor, 'role'> | null, action: Action, resource: Resource): Scope | null {
  const row = POLICY[resource];
  const grant = actor ? row[actor.role] : row.public;
  return grant[action] ?? null;
}

/** The facts about a record that scope checks need. */
export type RecordScope = {
  puskesmasId: string;
  posyanduId?: string | null;
  villageId?: string | null;
  /** Mother the record belongs to (for `own` and kader assignments). */
  motherId?: string | null;
  /** Kaders assigned to that mother outside her posyandu. */
  assignedKaderIds?: readonly string[];
  /** The kabupaten of the record's puskesmas (district aggregates). */
  kabupatenId?: string | null;
};

/**
 * May `actor` do `action` on `resource`? Without `record`: is it allowed at all (in some
 * scope). With `record`: is this record inside the granted scope.
 */
export function can(actor: Actor | null, action: Action, resource: Resource, record?: RecordScope): boolean {
  const scope = scopeOf(actor, action, resource);
  if (!scope) return false;
  if (!record || scope === 'any') return true;
  if (!actor) return false;
  if (scope === 'kabupaten') return actor.kabupatenId != null && record.kabupatenId === actor.kabupatenId;
  if (!actor.puskesmasId || record.puskesmasId !== actor.puskesmasId) return false;
  switch (scope) {
    case 'puskesmas':
      return true;
    case 'posyandu':
      return (
        (record.posyanduId != null && posyanduIdsOf(actor).includes(record.posyanduId)) ||
        (record.assignedKaderIds?.includes(actor.id) ?? false) ||
        // Kader reads of village-level records (places, settings) fall back to her village.
        (record.posyanduId == null && record.motherId == null && record.villageId != null && villageIdsOf(actor).includes(record.villageId))
      );
    case 'village':
      return record.villageId != null && villageIdsOf(actor).includes(record.villageId);
    case 'own':
      return actor.motherId !== null && record.motherId === actor.motherId;
    default:
      return false;
  }
}

/**
 * Changing a recorded visit (DESIGN §4 "visits": staff and admin correct, a kader writes in
 * her own scope). A kader may change only the visits she recorded herself, and only for
 * VISIT_EDIT_DAYS days after the server received them; staff and admin of the puskesmas may
 * correct any visit at any time. Every change needs a reason and is audited (lib/data/visits).
 */
export const VISIT_EDIT_DAYS = 7;

export type VisitRecordScope = RecordScope & { kaderId: string; receivedAt: Date };

export function canEditVisit(actor: Actor | null, visit: VisitRecordScope, now: Date = new Date()): boolean {
  if (can(actor, 'correct', 'visits', visit)) return true;
  if (!actor || !can(actor, 'write', 'visits', visit) || visit.kaderId !== actor.id) return false;
  const age = now.getTime() - visit.receivedAt.getTime();
  return age >= 0 && age < VISIT_EDIT_DAYS * 86_400_000;
}

/** Marking a referral as followed up: whoever may write visits of that mother, or correct them. */
export function canFollowUpReferral(actor: Actor | null, visit: RecordScope): boolean {
  return can(actor, 'write', 'visits', visit) || can(actor, 'correct', 'visits', visit);
}

/**
 * Moving a mother to another posyandu crosses posyandu scopes: only those who may write
 * mothers in the whole puskesmas (staff, admin).
 */
export function canTransferMother(actor: Actor | null, mother: RecordScope): boolean {
  return scopeOf(actor, 'write', 'mothers') === 'puskesmas' && can(actor, 'write', 'mothers', mother);
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = 'forbidden') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Throws ForbiddenError unless allowed. */
export function assertCan(actor: Actor | null, action: Action, resource: Resource, record?: RecordScope): asserts actor is Actor {
  if (!can(actor, action, resource, record)) throw new ForbiddenError(`${actor?.role ?? 'public'} may not ${action} ${resource}`);
}

/**
 * assertCan on a record of the actor's own puskesmas (its settings, lessons, places, imports).
 * A caller who is nobody (a server action's public call) is refused by the policy, never reaches
 * `actor.puskesmasId`.
 */
export function assertCanHere(actor: Actor | null, action: Action, resource: Resource): asserts actor is Actor {
  assertCan(actor, action, resource, actor ? { puskesmasId: actor.puskesmasId } : undefined);
}

/** The home section of each role. */
export const HOME_OF: Record<Role, string> = { admin: '/staff', staff: '/staff', kader: '/kader', ibu: '/ibu', dinkes: '/dinkes' };

/** Which roles may open each section of the site (the proxy redirects; pages check again). */
export const SECTION_ROLES: Record<'/staff' | '/kader' | '/ibu' | '/dinkes' | '/forum', readonly Role[]> = {
  '/staff': ['admin', 'staff'],
  '/kader': ['kader'],
  '/ibu': ['ibu'],
  '/dinkes': ['dinkes'],
  '/forum': ['admin', 'staff', 'kader', 'ibu'],
};

export function sectionOf(pathname: string): keyof typeof SECTION_ROLES | null {
  for (const s of Object.keys(SECTION_ROLES) as (keyof typeof SECTION_ROLES)[]) {
    if (pathname === s || pathname.startsWith(`${s}/`)) return s;
  }
  return null;
}
