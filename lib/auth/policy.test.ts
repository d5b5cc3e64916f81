import { describe, expect, it } from 'vitest';
import { can, canEditVisit, canFollowUpReferral, canTransferMother, scopeOf, VISIT_EDIT_DAYS, type Action, type Actor, type Resource, type Role } from './policy';

/**
 * docs/access.md, written out independently of POLICY: for each row, what each role may
 * do ("action:scope"). Everything not listed must be denied.
 */
const DESIGN: Record<Resource, Record<Role | 'public', string[]>> = {
  places: { admin: ['read:puskesmas', 'write:puskesmas'], staff: ['read:puskesmas', 'write:puskesmas'], kader: ['read:posyandu'], ibu: [], dinkes: [], public: [] },
  kaderAccounts: {
    admin: ['read:puskesmas', 'write:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas'],
    kader: ['read:posyandu'],
    ibu: [],
    dinkes: [],
    public: [],
  },
  setup: { admin: [], staff: [], kader: [], ibu: [], dinkes: [], public: ['write:any'] },
  settings: { admin: ['read:puskesmas', 'write:puskesmas'], staff: ['read:puskesmas'], kader: ['read:posyandu'], ibu: [], dinkes: [], public: [] },
  forumCategories: { admin: ['read:puskesmas', 'write:puskesmas'], staff: ['read:puskesmas', 'write:puskesmas'], kader: [], ibu: [], dinkes: [], public: [] },
  staffAccounts: { admin: ['read:puskesmas', 'write:puskesmas'], staff: [], kader: [], ibu: [], dinkes: [], public: [] },
  puskesmas: { admin: ['read:puskesmas', 'write:puskesmas'], staff: ['read:puskesmas'], kader: ['read:puskesmas'], ibu: ['read:puskesmas'], dinkes: [], public: [] },
  mothers: {
    admin: ['read:puskesmas', 'write:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas'],
    kader: ['read:posyandu', 'write:posyandu'],
    ibu: ['read:own'],
    dinkes: [],
    public: [],
  },
  visits: {
    admin: ['read:puskesmas', 'correct:puskesmas'],
    staff: ['read:puskesmas', 'correct:puskesmas'],
    kader: ['read:posyandu', 'write:posyandu'],
    ibu: ['read:own'],
    dinkes: [],
    public: [],
  },
  groupSessions: {
    admin: ['read:puskesmas', 'write:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas'],
    kader: ['read:village', 'write:village'],
    ibu: ['read:village', 'rsvp:own'],
    dinkes: [],
    public: [],
  },
  attendance: {
    admin: ['read:puskesmas', 'write:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas'],
    kader: ['read:village', 'write:village'],
    ibu: ['read:own'],
    dinkes: [],
    public: [],
  },
  forum: {
    admin: ['read:puskesmas', 'write:puskesmas', 'moderate:puskesmas', 'report:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas', 'moderate:puskesmas', 'report:puskesmas'],
    kader: ['read:puskesmas', 'write:puskesmas', 'moderate:puskesmas', 'report:puskesmas'],
    ibu: ['read:puskesmas', 'write:puskesmas', 'report:puskesmas'],
    dinkes: [],
    public: [],
  },
  certificates: {
    admin: ['read:puskesmas', 'issue:puskesmas', 'revoke:puskesmas', 'download:puskesmas'],
    staff: ['read:puskesmas', 'issue:puskesmas', 'revoke:puskesmas', 'download:puskesmas'],
    kader: ['read:posyandu', 'download:posyandu'],
    ibu: ['read:own', 'download:own'],
    dinkes: [],
    public: ['verify:any'],
  },
  coverage: { admin: ['read:puskesmas', 'export:puskesmas'], staff: ['read:puskesmas', 'export:puskesmas'], kader: ['read:posyandu'], ibu: [], dinkes: [], public: [] },
  audit: { admin: ['read:puskesmas'], staff: [], kader: [], ibu: [], dinkes: [], public: [] },
  imports: { admin: ['write:puskesmas'], staff: ['write:puskesmas'], kader: [], ibu: [], dinkes: [], public: [] },
  district: { admin: [], staff: [], kader: [], ibu: [], dinkes: ['read:kabupaten', 'export:kabupaten'], public: [] },
  districtAccounts: { admin: [], staff: [], kader: [], ibu: [], dinkes: ['read:kabupaten', 'write:kabupaten'], public: [] },
  lessons: {
    admin: ['read:puskesmas', 'write:puskesmas'],
    staff: ['read:puskesmas', 'write:puskesmas'],
    kader: ['read:puskesmas'],
    ibu: ['read:puskesmas'],
    dinkes: [],
    public: ['read:any'],
  },
  knowledgeChecks: {
    admin: ['read:puskesmas', 'correct:puskesmas'],
    staff: ['read:puskesmas', 'correct:puskesmas'],
    kader: ['read:posyandu', 'write:posyandu'],
    ibu: ['read:own', 'write:own'],
    dinkes: [],
    public: [],
  },
  // Issue #30: her own copy and correction requests; staff/admin of the puskesmas handle them and record withdrawals.
  dataRights: {
    admin: ['read:puskesmas', 'export:puskesmas', 'write:puskesmas', 'erase:puskesmas'],
    staff: ['read:puskesmas', 'export:puskesmas', 'write:puskesmas', 'erase:puskesmas'],
    kader: [],
    ibu: ['read:own', 'export:own', 'request:own'],
    dinkes: [],
    public: [],
  },
};

const ACTIONS: Action[] = ['read', 'write', 'correct', 'moderate', 'report', 'rsvp', 'issue', 'revoke', 'download', 'export', 'verify', 'request', 'erase'];
const ROLES_AND_PUBLIC = ['admin', 'staff', 'kader', 'ibu', 'dinkes', 'public'] as const;

const cases = (Object.keys(DESIGN) as Resource[]).flatMap((resource) =>
  ROLES_AND_PUBLIC.flatMap((role) =>
    ACTIONS.map((action) => {
      const granted = DESIGN[resource][role].find((g) => g.startsWith(`${action}:`));
      return { resource, role, action, expected: granted ? granted.split(':')[1] : null };
    }),
  ),
);

describe('policy table = docs/access.md', () => {
  it.each(cases)('$role $action $resource → $expected', ({ resource, role, action, expected }) => {
    const actor = role === 'public' ? null : { role };
    expect(scopeOf(actor, action, resource)).toBe(expected);
  });
});

const P1 = 'pusk-1';
const P2 = 'pusk-2';
const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  id: `${role}-1`,
  role,
  puskesmasId: P1,
  posyanduId: role === 'kader' ? 'pos-A' : null,
  villageId: role === 'kader' || role === 'ibu' ? 'vil-A' : null,
  motherId: role === 'ibu' ? 'mother-1' : null,
  ...over,
});
const motherA = { puskesmasId: P1, posyanduId: 'pos-A', villageId: 'vil-A', motherId: 'mother-1' };
const motherB = { puskesmasId: P1, posyanduId: 'pos-B', villageId: 'vil-B', motherId: 'mother-2' };
const otherPuskesmas = { puskesmasId: P2, posyanduId: 'pos-A', villageId: 'vil-A', motherId: 'mother-1' };

describe('record scopes', () => {
  it.each([
    ['staff reads a mother of its puskesmas', actor('staff'), 'read', 'mothers', motherB, true],
    ['staff of another puskesmas reads nothing', actor('staff', { puskesmasId: P2 }), 'read', 'mothers', motherA, false],
    ['admin writes a mother of its puskesmas', actor('admin'), 'write', 'mothers', motherA, true],
    ['admin never crosses puskesmas', actor('admin'), 'read', 'mothers', otherPuskesmas, false],
    ['kader writes a mother of her posyandu', actor('kader'), 'write', 'mothers', motherA, true],
    ['kader cannot read another posyandu', actor('kader'), 'read', 'mothers', motherB, false],
    ['kader reads an assigned mother elsewhere', actor('kader'), 'read', 'mothers', { ...motherB, assignedKaderIds: ['kader-1'] }, true],
    ['kader writes visits of her posyandu', actor('kader'), 'write', 'visits', motherA, true],
    ['kader cannot correct visits (staff only)', actor('kader'), 'correct', 'visits', motherA, false],
    ['kader records a knowledge check of a mother of her posyandu', actor('kader'), 'write', 'knowledgeChecks', motherA, true],
    ['kader cannot record a check for another posyandu', actor('kader'), 'write', 'knowledgeChecks', motherB, false],
    ['kader cannot correct a knowledge check (staff only)', actor('kader'), 'correct', 'knowledgeChecks', motherA, false],
    ['ibu takes her own knowledge check', actor('ibu'), 'write', 'knowledgeChecks', motherA, true],
    ['ibu cannot record a check for another mother', actor('ibu'), 'write', 'knowledgeChecks', motherB, false],
    ['staff corrects a knowledge check of its puskesmas', actor('staff'), 'correct', 'knowledgeChecks', motherB, true],
    ['staff cannot read a check of another puskesmas', actor('staff'), 'read', 'knowledgeChecks', otherPuskesmas, false],
    ['kader writes sessions of her village', actor('kader'), 'write', 'groupSessions', { puskesmasId: P1, villageId: 'vil-A' }, true],
    ['kader cannot write another village session', actor('kader'), 'write', 'attendance', { puskesmasId: P1, villageId: 'vil-B' }, false],
    [
      'kader in two posyandu writes a mother of the second',
      actor('kader', { posyanduIds: ['pos-A', 'pos-B'], villageIds: ['vil-A', 'vil-B'] }),
      'write',
      'mothers',
      motherB,
      true,
    ],
    [
      'kader in two posyandu writes sessions of the second village',
      actor('kader', { posyanduIds: ['pos-A', 'pos-B'], villageIds: ['vil-A', 'vil-B'] }),
      'write',
      'groupSessions',
      { puskesmasId: P1, villageId: 'vil-B' },
      true,
    ],
    [
      'kader moved to pos-B no longer reads pos-A',
      actor('kader', { posyanduId: 'pos-B', villageId: 'vil-B', posyanduIds: ['pos-B'], villageIds: ['vil-B'] }),
      'read',
      'mothers',
      motherA,
      false,
    ],
    ['kader in two posyandu cannot read a third puskesmas', actor('kader', { posyanduIds: ['pos-A', 'pos-B'] }), 'read', 'mothers', otherPuskesmas, false],
    ['staff cannot write settings (admin only)', actor('staff'), 'write', 'settings', { puskesmasId: P1 }, false],
    ['admin writes settings', actor('admin'), 'write', 'settings', { puskesmasId: P1 }, true],
    ['admin cannot write another puskesmas settings', actor('admin'), 'write', 'settings', { puskesmasId: P2 }, false],
    ['staff writes places', actor('staff'), 'write', 'places', { puskesmasId: P1 }, true],
    ['kader cannot write places', actor('kader'), 'write', 'places', { puskesmasId: P1, villageId: 'vil-A' }, false],
    ['staff cannot write staff accounts', actor('staff'), 'write', 'staffAccounts', { puskesmasId: P1 }, false],
    ['signed-in users cannot run setup', actor('admin'), 'write', 'setup', undefined, false],
    ['the public may run setup (the data layer also needs the code and an empty database)', null, 'write', 'setup', undefined, true],
    [
      'dinkes reads the aggregates of her kabupaten',
      actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }),
      'read',
      'district',
      { puskesmasId: P1, kabupatenId: 'kab-1' },
      true,
    ],
    [
      'dinkes cannot read another kabupaten',
      actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }),
      'read',
      'district',
      { puskesmasId: P2, kabupatenId: 'kab-2' },
      false,
    ],
    [
      'dinkes reads no mother, even of her kabupaten',
      actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }),
      'read',
      'mothers',
      { ...motherA, kabupatenId: 'kab-1' },
      false,
    ],
    ['dinkes reads no forum', actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }), 'read', 'forum', { puskesmasId: P1, kabupatenId: 'kab-1' }, false],
    [
      'dinkes reads no coverage of a puskesmas record (only the district aggregates)',
      actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }),
      'read',
      'coverage',
      { puskesmasId: P1 },
      false,
    ],
    ['an actor without a puskesmas matches no puskesmas record', actor('staff', { puskesmasId: '' }), 'read', 'mothers', { ...motherA, puskesmasId: '' }, false],
    ['staff do not read district aggregates', actor('staff'), 'read', 'district', { puskesmasId: P1, kabupatenId: 'kab-1' }, false],
    ['ibu reads her own record', actor('ibu'), 'read', 'mothers', motherA, true],
    ['ibu cannot read another mother', actor('ibu'), 'read', 'mothers', motherB, false],
    ['ibu cannot write mothers', actor('ibu'), 'write', 'mothers', motherA, false],
    ['ibu downloads her own certificate', actor('ibu'), 'download', 'certificates', motherA, true],
    ['ibu cannot download another certificate', actor('ibu'), 'download', 'certificates', motherB, false],
    ['kader downloads certificates of her posyandu', actor('kader'), 'download', 'certificates', motherA, true],
    ['kader cannot export coverage', actor('kader'), 'export', 'coverage', undefined, false],
    ['public verifies any certificate', null, 'verify', 'certificates', motherA, true],
    ['public reads nothing', null, 'read', 'forum', undefined, false],
    ['ibu reads the forum of her puskesmas', actor('ibu'), 'read', 'forum', { puskesmasId: P1 }, true],
    ['ibu cannot moderate', actor('ibu'), 'moderate', 'forum', { puskesmasId: P1 }, false],
    ['kader moderates', actor('kader'), 'moderate', 'forum', { puskesmasId: P1 }, true],
    ['staff cannot read the audit log', actor('staff'), 'read', 'audit', { puskesmasId: P1 }, false],
    ['admin reads the audit log', actor('admin'), 'read', 'audit', { puskesmasId: P1 }, true],
    ['ibu exports her own data', actor('ibu'), 'export', 'dataRights', motherA, true],
    ['ibu cannot export another mother’s data', actor('ibu'), 'export', 'dataRights', motherB, false],
    ['ibu requests a correction of her own data', actor('ibu'), 'request', 'dataRights', motherA, true],
    ['ibu cannot erase, not even herself (staff record her withdrawal)', actor('ibu'), 'erase', 'dataRights', motherA, false],
    ['staff export a mother’s data for her', actor('staff'), 'export', 'dataRights', motherB, true],
    ['staff record a withdrawal in their puskesmas', actor('staff'), 'erase', 'dataRights', motherA, true],
    ['staff of another puskesmas cannot erase', actor('staff', { puskesmasId: P2 }), 'erase', 'dataRights', motherA, false],
    ['a kader sees nothing of data rights, not even her posyandu’s', actor('kader'), 'read', 'dataRights', motherA, false],
    [
      'dinkes has no data rights of any mother',
      actor('dinkes', { puskesmasId: '', kabupatenId: 'kab-1' }),
      'export',
      'dataRights',
      { ...motherA, kabupatenId: 'kab-1' },
      false,
    ],
    ['the public has none', null, 'read', 'dataRights', motherA, false],
  ] as const)('%s', (_n, who, action, resource, record, expected) => {
    expect(can(who, action, resource, record)).toBe(expected);
  });
});

describe('changing visits, referrals and transfers', () => {
  const now = new Date('2026-11-28T06:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const visitA = (over: Partial<{ kaderId: string; receivedAt: Date }> = {}) => ({ ...motherA, kaderId: 'kader-1', receivedAt: daysAgo(1), ...over });

  it.each([
    ['the author within 7 days', actor('kader'), visitA(), true],
    ['the author just before 7 days', actor('kader'), visitA({ receivedAt: new Date(daysAgo(VISIT_EDIT_DAYS).getTime() + 60_000) }), true],
    ['the author after 7 days', actor('kader'), visitA({ receivedAt: daysAgo(VISIT_EDIT_DAYS) }), false],
    ['another kader of the same posyandu', actor('kader', { id: 'kader-2' }), visitA(), false],
    ['the author moved to another posyandu', actor('kader', { posyanduId: 'pos-B' }), visitA(), false],
    ['staff any time', actor('staff'), visitA({ receivedAt: daysAgo(400) }), true],
    ['admin any time', actor('admin'), visitA({ receivedAt: daysAgo(400) }), true],
    ['staff of another puskesmas', actor('staff', { puskesmasId: P2 }), visitA(), false],
    ['the mother', actor('ibu'), visitA(), false],
    ['nobody signed in', null, visitA(), false],
  ] as const)('edit a visit: %s', (_n, who, visit, expected) => {
    expect(canEditVisit(who, visit, now)).toBe(expected);
  });

  it.each([
    ['kader of the posyandu', actor('kader', { id: 'kader-9' }), motherA, true],
    ['kader of another posyandu', actor('kader'), motherB, false],
    ['staff', actor('staff'), motherB, true],
    ['the mother', actor('ibu'), motherA, false],
  ] as const)('follow up a referral: %s', (_n, who, record, expected) => {
    expect(canFollowUpReferral(who, record)).toBe(expected);
  });

  it.each([
    ['staff', actor('staff'), motherA, true],
    ['admin', actor('admin'), motherB, true],
    ['staff of another puskesmas', actor('staff', { puskesmasId: P2 }), motherA, false],
    ['kader, even of her own mother', actor('kader'), motherA, false],
    ['the mother', actor('ibu'), motherA, false],
  ] as const)('transfer a mother: %s', (_n, who, record, expected) => {
    expect(canTransferMother(who, record)).toBe(expected);
  });
});
