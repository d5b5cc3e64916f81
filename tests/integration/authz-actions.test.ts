/**
 * The authorization matrix of writes (issue #10). Every server action in lib/actions is listed
 * with the data-layer function it calls (a test fails when a new action has no entry), every
 * non-public action checks the signed-in user itself, and each record-scoped write is tried by
 * every actor — two mothers, two kaders of different posyandu, staff of this puskesmas and of
 * another, admin, and nobody — against a real record: allowed exactly when the policy table
 * (lib/auth/policy.ts `can`) allows it with the real relations; when refused, nothing at all is
 * written (hash of every row of every table). Pages and route handlers: e2e/authz.spec.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { babies, certificates, forumCategories, forumComments, forumPosts, mothers, posyandu, puskesmas, users } from '@/db/schema';
import { can, ForbiddenError, NotFoundError, type Action, type Actor, type RecordScope, type Resource } from '@/lib/auth/policy';
import { isoToday, addDays } from '@/lib/domain';
import { createAccount, manageAccount, reissueActivationCode } from '@/lib/data/accounts';
import { revokeCertificate } from '@/lib/data/certificates';
import { createPost, ForumError, markAnswer, moderate, reportContent, saveCategory, toggleUseful } from '@/lib/data/forum';
import { registerMother } from '@/lib/data/mothers';
import { createPosyandu, createVillage, updatePosyandu } from '@/lib/data/places';
import { saveBlockedTerms } from '@/lib/data/settings';
import { createLesson, previewLesson, publishLesson, reviewLesson, setBuiltinHidden, unpublishLesson, updateLesson } from '@/lib/data/lessons';
import { saveRetention } from '@/lib/data/data-rights';
import { recordVisit } from '@/lib/data/visits';
import { recordKnowledgeCheck } from '@/lib/data/knowledge';
import { KNOWLEDGE_STATEMENTS } from '@/lib/domain/knowledge';
import {
  addWalkIn,
  cancelGroupSession,
  createGroupSession,
  findMothers,
  inviteMother,
  markReminded,
  markWalkIn,
  publishSummary,
  saveSummary,
  updateGroupSession,
} from '@/lib/data/group-sessions';
import { attendance } from '@/db/schema';
import { scopeOf } from '@/lib/auth/policy';
import { zonedParts } from '@/lib/domain';
import { answeredVisit } from '../support/visit';
import { actorFor, BACKENDS, fingerprint, useDatabase, type TestDb } from './support';

/** Every server action → the data function it calls ('public': no user; 'self': own account only). */
const ACTIONS: Record<string, string> = {
  changePasswordAction: 'self:changeOwnPassword',
  endOwnSessionsAction: 'self:endOwnSessions',
  manageAccountAction: 'manageAccount',
  searchAccountsAction: 'self:rememberSearch',
  searchRegistryAction: 'self:rememberSearch',
  loginAction: 'public:verifyLogin',
  logoutAction: 'self:revokeSession',
  issueCertificateAction: 'issueCertificate',
  issueAllAction: 'issueAllEligible',
  revokeCertificateAction: 'revokeCertificate',
  createPostAction: 'createPost',
  replyAction: 'createReply',
  editAction: 'editOwn',
  deleteAction: 'deleteOwn',
  usefulAction: 'toggleUseful',
  answerAction: 'markAnswer',
  reportAction: 'reportContent',
  moderateAction: 'moderate',
  saveCategoryAction: 'saveCategory',
  registerMotherAction: 'registerMother',
  giveMotherLoginAction: 'giveMotherLogin',
  activateAction: 'public:activateAccount',
  recordVisitAction: 'recordVisit',
  correctVisitAction: 'correctVisit',
  followUpAction: 'followUpReferral',
  transferAction: 'transferMother',
  exitAction: 'exitBaby',
  saveGroupSessionAction: 'createGroupSession',
  cancelGroupSessionAction: 'cancelGroupSession',
  markAttendanceAction: 'markAttendance',
  addWalkInAction: 'addWalkIn',
  findMothersAction: 'findMothers',
  inviteAction: 'inviteMother',
  remindAction: 'markReminded',
  closeRegisterAction: 'closeRegister',
  summaryAction: 'saveSummary',
  publishAction: 'publishSummary',
  rsvpAction: 'answerRsvp',
  // Issue #18: first-run setup, places, accounts, settings.
  setupAction: 'public:setupPuskesmas',
  createVillageAction: 'createVillage',
  updateVillageAction: 'updateVillage',
  createPosyanduAction: 'createPosyandu',
  updatePosyanduAction: 'updatePosyandu',
  setPlaceStatusAction: 'setPlaceStatus',
  createAccountAction: 'createAccount',
  updateAccountAction: 'updateAccount',
  reissueCodeAction: 'reissueActivationCode',
  saveProfileAction: 'saveProfile',
  saveTargetAction: 'saveTarget',
  saveSignatoryAction: 'saveSignatory',
  savePublicUrlAction: 'savePublicUrl',
  saveBlockedTermsAction: 'saveBlockedTerms',
  saveVisitWindowsAction: 'saveVisitWindows',
  // Issue #19: the district office's own accounts.
  createDistrictAccountAction: 'createDistrictAccount',
  // Issue #19: confirming an import (the upload is a route handler: e2e/authz.spec.ts).
  confirmImportAction: 'confirmImport',
  // Issue #28: knowledge checks (kader with a mother, or the mother herself).
  recordKnowledgeCheckAction: 'recordKnowledgeCheck',
  // Issue #28: lessons (materi) at /staff/materi.
  previewLessonAction: 'previewLesson',
  createLessonAction: 'createLesson',
  updateLessonAction: 'updateLesson',
  publishLessonAction: 'publishLesson',
  unpublishLessonAction: 'unpublishLesson',
  reviewLessonAction: 'reviewLesson',
  hideLessonAction: 'setBuiltinHidden',
  // Issue #30: a mother's rights over her data.
  requestCorrectionAction: 'requestCorrection',
  closeRequestAction: 'closeCorrectionRequest',
  withdrawAction: 'withdrawMother',
  saveRetentionAction: 'saveRetention',
};

/** Data functions whose per-actor refusals are tested in their feature's own test file. */
const COVERED_ELSEWHERE: Record<string, string> = {
  issueCertificate: 'tests/integration/certificates.test.ts',
  issueAllEligible: 'tests/integration/certificates.test.ts',
  createReply: 'tests/integration/forum.test.ts',
  editOwn: 'tests/integration/forum.test.ts',
  deleteOwn: 'tests/integration/forum.test.ts',
  correctVisit: 'tests/integration/journey.test.ts',
  followUpReferral: 'tests/integration/journey.test.ts',
  transferMother: 'tests/integration/journey.test.ts',
  exitBaby: 'tests/integration/journey.test.ts',
  giveMotherLogin: 'tests/integration/mother-login.test.ts',
  markAttendance: 'tests/integration/group-sessions.test.ts',
  addWalkIn: 'tests/integration/group-sessions.test.ts',
  closeRegister: 'tests/integration/group-sessions.test.ts',
  answerRsvp: 'tests/integration/group-sessions.test.ts',
  updateVillage: 'tests/integration/places.test.ts',
  setPlaceStatus: 'tests/integration/places.test.ts',
  updateAccount: 'tests/integration/account-create.test.ts',
  saveProfile: 'tests/integration/settings.test.ts',
  saveTarget: 'tests/integration/settings.test.ts',
  saveSignatory: 'tests/integration/settings.test.ts',
  savePublicUrl: 'tests/integration/public-address.test.ts',
  saveVisitWindows: 'tests/integration/settings.test.ts',
  createDistrictAccount: 'tests/integration/district.test.ts',
  confirmImport: 'tests/integration/import.test.ts',
  // Own-scoped (the mother's own request), and an erasure that can happen once per mother: tried per actor there.
  requestCorrection: 'tests/integration/data-rights.test.ts',
  closeCorrectionRequest: 'tests/integration/data-rights.test.ts',
  withdrawMother: 'tests/integration/data-rights.test.ts',
};

function exportedActions(): Map<string, string> {
  const dir = path.resolve('lib/actions');
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    const parts = src.split(/(?=^export async function )/m).slice(1);
    for (const p of parts) out.set(/^export async function (\w+)/.exec(p)![1]!, p);
  }
  return out;
}

describe('server action inventory', () => {
  const actions = exportedActions();

  it('every exported server action has an entry, and every entry an action', () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it('every non-public action checks the signed-in user itself before calling its data function', () => {
    for (const [name, body] of actions) {
      const target = ACTIONS[name]!;
      if (target.startsWith('public:')) continue;
      const fn = target.replace(/^self:/, '');
      const check = body.search(/requireUser\(|getCurrentUser\(|await user\(\)/);
      const call = body.indexOf(`${fn}(`);
      expect(check, `${name} checks the user`).toBeGreaterThan(-1);
      expect(call, `${name} calls ${fn}`).toBeGreaterThan(-1);
      expect(check, `${name} checks the user before ${fn}`).toBeLessThan(call);
    }
  });

  it('every data function behind an action has a matrix case here or a named test elsewhere', () => {
    for (const target of Object.values(ACTIONS)) {
      if (/^(public|self):/.test(target)) continue;
      if (MATRIX_FUNCTIONS.includes(target)) continue;
      const file = COVERED_ELSEWHERE[target];
      expect(file, `${target} has no authorization test`).toBeTruthy();
      expect(fs.readFileSync(file!, 'utf8')).toMatch(new RegExp(`\\b${target}\\(`));
    }
  });
});

const MATRIX_FUNCTIONS = [
  'createVillage',
  'createPosyandu',
  'updatePosyandu',
  'createAccount',
  'reissueActivationCode',
  'saveBlockedTerms',
  'recordVisit',
  'recordKnowledgeCheck',
  'registerMother',
  'revokeCertificate',
  'createPost',
  'moderate',
  'saveCategory',
  'manageAccount',
  'toggleUseful',
  'reportContent',
  'markAnswer',
  'createGroupSession',
  'updateGroupSession',
  'cancelGroupSession',
  'inviteMother',
  'markReminded',
  'findMothers',
  'saveSummary',
  'publishSummary',
  'markWalkIn',
  'previewLesson',
  'createLesson',
  'updateLesson',
  'publishLesson',
  'unpublishLesson',
  'reviewLesson',
  'setBuiltinHidden',
  'saveRetention',
];

/** A lesson form of the matrix (issue #28). */
const lessonForm = (slug: string, title = 'Materi matriks otorisasi') => ({
  slug,
  title,
  summary: 'Materi uji untuk matriks otorisasi penulisan.',
  body: 'Isi materi uji.\n\n- satu\n- dua',
  keyPoint1: 'Poin pertama.',
  keyPoint2: 'Poin kedua.',
  keyPoint3: 'Poin ketiga.',
  audience: 'mother',
  stage: 'age',
  ageFromDay: '0',
  ageToDay: '30',
  counselling: ['exclusive_bf'],
  breakReasons: [],
  findings: [],
  sources: 'WHO/UNICEF',
});

const PHONES = {
  rina: '0813-3000-0001',
  dewi: '0813-3000-0002',
  euis: '0812-2000-0001',
  nining: '0812-2000-0002',
  sri: '0811-1000-0002',
  maya: '0811-1000-0101',
  hendra: '0811-1000-0001',
  // The district office (no puskesmas): refused every write of a puskesmas.
  yohana: '0811-1000-0201',
} as const;
type Who = keyof typeof PHONES | 'nobody';

describe.each(BACKENDS)('write matrix on $name', (backend) => {
  let db: TestDb;
  const who: Partial<Record<Who, Actor | null>> = { nobody: null };
  let babyA: { id: string; scope: RecordScope };
  let certB: { id: string; scope: RecordScope };
  let category: { id: string; scope: RecordScope };
  let post: { id: string; scope: RecordScope };
  let comment: { id: string; postAuthorId: string; scope: RecordScope };
  let euisId: string;
  let sessionV1: { id: string; scope: RecordScope };
  let soonV1: { id: string; walkInId: string };
  let fresh = '';
  const sessionForm = (over: Record<string, unknown> = {}, minutes = 24 * 60) => {
    const at = zonedParts(new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000), 'Asia/Jakarta');
    const [h, m] = at.time.split(':').map(Number) as [number, number];
    const end = `${String(Math.min(h + 2, 23)).padStart(2, '0')}:${String(h + 2 > 23 ? 59 : m).padStart(2, '0')}`;
    return {
      id: randomUUID(),
      title: 'Pertemuan matriks',
      topic: 'expressing_storing',
      topicText: '',
      date: at.date,
      startTime: at.time,
      endTime: end,
      place: 'Aula Desa',
      villageId: babyA.scope.villageId!,
      posyanduId: '',
      facilitators: 'Bidan',
      capacity: '10',
      ...over,
    };
  };
  const today = isoToday('Asia/Jakarta');
  let n = 0;

  beforeAll(async () => {
    db = await useDatabase(backend, { seed: true });
    for (const [k, phone] of Object.entries(PHONES)) who[k as Who] = await actorFor(db, phone);
    const rina = who.rina!;
    const dewi = who.dewi!;
    const scopeOfMother = async (motherId: string): Promise<RecordScope> => {
      const [m] = await db.db.select().from(mothers).where(eq(mothers.id, motherId));
      return { puskesmasId: m!.puskesmasId, posyanduId: m!.posyanduId, villageId: m!.villageId, motherId: m!.id };
    };
    const [a] = await db.db
      .select({ id: babies.id })
      .from(babies)
      .where(and(eq(babies.motherId, rina.motherId!), isNull(babies.exitDate)));
    babyA = { id: a!.id, scope: await scopeOfMother(rina.motherId!) };
    const [c] = await db.db
      .select({ id: certificates.id })
      .from(certificates)
      .innerJoin(babies, eq(babies.id, certificates.babyId))
      .where(and(eq(babies.motherId, dewi.motherId!), isNull(certificates.revokedAt)));
    certB = { id: c!.id, scope: await scopeOfMother(dewi.motherId!) };
    const [cat] = await db.db.select().from(forumCategories).where(eq(forumCategories.puskesmasId, rina.puskesmasId)).limit(1);
    category = { id: cat!.id, scope: { puskesmasId: cat!.puskesmasId } };
    const [p] = await db.db
      .select()
      .from(forumPosts)
      .where(and(eq(forumPosts.puskesmasId, rina.puskesmasId), eq(forumPosts.status, 'published')))
      .limit(1);
    post = { id: p!.id, scope: { puskesmasId: p!.puskesmasId } };
    const [cm] = await db.db
      .select({ id: forumComments.id, postAuthorId: forumPosts.authorId, puskesmasId: forumComments.puskesmasId })
      .from(forumComments)
      .innerJoin(forumPosts, eq(forumPosts.id, forumComments.postId))
      .where(and(eq(forumComments.puskesmasId, rina.puskesmasId), eq(forumComments.status, 'published'), eq(forumPosts.status, 'published')))
      .limit(1);
    comment = { id: cm!.id, postAuthorId: cm!.postAuthorId, scope: { puskesmasId: cm!.puskesmasId } };
    euisId = who.euis!.id;
    // A session in Rina's village (tomorrow) with a summary, and one starting soon with a walk-in.
    const s1 = sessionForm();
    expect(await createGroupSession(who.sri!, s1)).toMatchObject({ ok: true });
    expect(await saveSummary(who.sri!, { sessionId: s1.id, summary: 'Ibu-ibu berbagi cara memerah ASI.' })).toEqual({ ok: true });
    sessionV1 = { id: s1.id, scope: { puskesmasId: rina.puskesmasId, villageId: babyA.scope.villageId } };
    const s2 = sessionForm({}, 20);
    expect(await createGroupSession(who.sri!, s2)).toMatchObject({ ok: true });
    expect(await addWalkIn(who.sri!, { sessionId: s2.id, id: randomUUID(), name: 'Pak Ujang (suami)', role: 'family' })).toEqual({ ok: true });
    const [w] = await db.db.select({ id: attendance.id }).from(attendance).where(eq(attendance.sessionId, s2.id));
    soonV1 = { id: s2.id, walkInId: w!.id };
    const [{ pid }] = (await db.db.select({ pid: users.puskesmasId }).from(users).where(eq(users.id, euisId))) as [{ pid: string }];
    expect(pid).toBe(rina.puskesmasId);
  }, 180_000);
  afterAll(() => db.dispose());

  type Case = {
    name: string;
    resource: Resource;
    action: Action;
    record: () => RecordScope;
    run: (a: Actor) => Promise<unknown>;
    /** A rule beyond the table (e.g. the post's author), on top of can(). */
    also?: (a: Actor) => boolean;
    /** The record is always the actor's own puskesmas (a new category, village or setting). */
    ownPuskesmas?: boolean;
    /** Made before each actor's try (not counted as the actor's write). */
    prepare?: () => Promise<void>;
  };
  const CASES: Case[] = [
    {
      name: 'recordVisit (Rina’s baby)',
      resource: 'visits',
      action: 'write',
      record: () => babyA.scope,
      run: (a) => recordVisit(a, answeredVisit(randomUUID(), babyA.id, today)),
    },
    {
      // A kader of Rina's posyandu for her baby; Rina herself (her own check); nobody else.
      name: 'recordKnowledgeCheck (Rina’s baby)',
      resource: 'knowledgeChecks',
      action: 'write',
      record: () => babyA.scope,
      run: (a) =>
        recordKnowledgeCheck(a, { id: randomUUID(), babyId: babyA.id, takenOn: today, ...Object.fromEntries(KNOWLEDGE_STATEMENTS.map((s) => [s.id, s.correct])) }),
    },
    {
      name: 'registerMother (Rina’s posyandu)',
      resource: 'mothers',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId, posyanduId: babyA.scope.posyanduId, villageId: babyA.scope.villageId }),
      run: (a) => {
        n += 1;
        return registerMother(a, {
          id: randomUUID(),
          name: `Ibu Matriks ${n}`,
          phone: `0857-3333-${String(1000 + n)}`,
          nik: '',
          posyanduId: babyA.scope.posyanduId!,
          birthDate: addDays(today, -3),
          babies: [{ sex: 'P', name: '', birthWeightGrams: '3000' }],
          consent: true,
        });
      },
    },
    {
      name: 'revokeCertificate (Dewi’s)',
      resource: 'certificates',
      action: 'revoke',
      record: () => certB.scope,
      run: (a) => revokeCertificate(a, { certificateId: certB.id, reason: 'Uji matriks otorisasi' }),
    },
    {
      name: 'createPost (a category of P1)',
      resource: 'forum',
      action: 'write',
      record: () => category.scope,
      run: (a) => createPost(a, { categoryId: category.id, title: `Pertanyaan uji ${++n}`, body: 'Isi uji.', anonymous: false }),
    },
    {
      name: 'moderate (a post of P1)',
      resource: 'forum',
      action: 'moderate',
      record: () => post.scope,
      run: (a) => moderate(a, { target: 'post', id: post.id, decision: 'dismiss', reason: '' }),
    },
    {
      name: 'saveCategory (new, in one’s puskesmas)',
      resource: 'forumCategories',
      action: 'write',
      record: () => category.scope,
      run: (a) => saveCategory(a, { name: `Kategori uji ${++n}`, slug: `kategori-uji-${n}`, description: '', sortOrder: 50 + n }),
    },
    { name: 'toggleUseful (a post of P1)', resource: 'forum', action: 'read', record: () => post.scope, run: (a) => toggleUseful(a, { target: 'post', id: post.id }) },
    {
      name: 'reportContent (a post of P1)',
      resource: 'forum',
      action: 'report',
      record: () => post.scope,
      run: (a) => reportContent(a, { target: 'post', id: post.id, reason: 'Uji laporan' }),
    },
    {
      name: 'markAnswer (a reply in P1: the post’s author or a moderator)',
      resource: 'forum',
      action: 'read',
      record: () => comment.scope,
      also: (a) => a.id === comment.postAuthorId || can(a, 'moderate', 'forum'),
      run: (a) => markAnswer(a, { commentId: comment.id }),
    },
    {
      name: 'createGroupSession (Rina’s village)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => createGroupSession(a, sessionForm()),
    },
    {
      name: 'updateGroupSession (Rina’s village)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => updateGroupSession(a, sessionV1.id, sessionForm({ id: sessionV1.id, title: `Pertemuan matriks ${++n}` })),
    },
    {
      name: 'cancelGroupSession (a fresh session in Rina’s village)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      prepare: async () => {
        const f = sessionForm();
        await createGroupSession(who.sri!, f);
        fresh = f.id;
      },
      run: (a) => cancelGroupSession(a, { sessionId: fresh, reason: 'Hujan deras, ditunda' }),
    },
    {
      name: 'inviteMother (Rina)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => inviteMother(a, { sessionId: sessionV1.id, motherId: who.rina!.motherId }),
    },
    {
      name: 'markReminded (Rina)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => markReminded(a, { sessionId: sessionV1.id, motherId: who.rina!.motherId }),
    },
    {
      name: 'findMothers (for the register)',
      resource: 'attendance',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => findMothers(a, { sessionId: sessionV1.id, q: 'Rina' }),
    },
    {
      name: 'saveSummary',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => saveSummary(a, { sessionId: sessionV1.id, summary: `Ringkasan pertemuan nomor ${++n}.` }),
    },
    {
      name: 'publishSummary (staff only)',
      resource: 'groupSessions',
      action: 'write',
      record: () => sessionV1.scope,
      also: (a) => scopeOf(a, 'write', 'groupSessions') === 'puskesmas',
      run: (a) => publishSummary(a, { sessionId: sessionV1.id, categoryId: category.id }, { title: (t, d) => `${t} (${d})` }),
    },
    {
      name: 'markWalkIn (the register of a session starting soon)',
      resource: 'attendance',
      action: 'write',
      record: () => sessionV1.scope,
      run: (a) => markWalkIn(a, { sessionId: soonV1.id, attendanceId: soonV1.walkInId, status: 'present' }),
    },
    // Issue #18. A place, an account and a setting of P1 (settings: always the actor's own puskesmas).
    {
      name: 'createVillage (in one’s puskesmas)',
      resource: 'places',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => createVillage(a, { name: `Desa Matriks ${++n}`, kind: 'desa' }),
    },
    {
      name: 'createPosyandu (in Rina’s village)',
      resource: 'places',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => createPosyandu(a, { villageId: babyA.scope.villageId, name: `Posyandu Matriks ${++n}`, rw: '7', address: '' }),
    },
    {
      name: 'updatePosyandu (Rina’s posyandu, same values)',
      resource: 'places',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: async (a) => {
        const [p] = await db.db.select().from(posyandu).where(eq(posyandu.id, babyA.scope.posyanduId!));
        return updatePosyandu(a, { id: p!.id, name: p!.name, rw: p!.rw ?? '', address: p!.address ?? '' });
      },
    },
    {
      name: 'createAccount (a kader at Rina’s posyandu)',
      resource: 'kaderAccounts',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) =>
        createAccount(a, {
          role: 'kader',
          name: `Kader Matriks ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[++n % 26]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(n / 26) % 26]}`,
          phone: `0819${String(7_000_000 + n * 13 + (backend.name === 'postgres' ? 500_000 : 0)).padStart(7, '0')}`,
          posyanduIds: [babyA.scope.posyanduId],
          homePosyanduId: babyA.scope.posyanduId,
        }),
    },
    {
      name: 'createAccount (a staff account: admin only)',
      resource: 'staffAccounts',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) =>
        createAccount(a, {
          role: 'staff',
          name: `Petugas Matriks ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[++n % 26]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(n / 26) % 26]}`,
          phone: `0818${String(7_000_000 + n * 13 + (backend.name === 'postgres' ? 500_000 : 0)).padStart(7, '0')}`,
          posyanduIds: [],
        }),
    },
    {
      name: 'reissueActivationCode (Euis)',
      resource: 'kaderAccounts',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => reissueActivationCode(a, { userId: euisId, reason: 'Lupa kata sandi (uji matriks)' }),
    },
    {
      name: 'saveBlockedTerms (the puskesmas’s own list again)',
      resource: 'settings',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: async (a) => {
        const [p] = await db.db
          .select({ terms: puskesmas.blockedTerms })
          .from(puskesmas)
          .where(eq(puskesmas.id, a?.puskesmasId || babyA.scope.puskesmasId));
        return saveBlockedTerms(a, { terms: (p?.terms ?? []).join('\n') || 'susu formula' });
      },
    },
    // Issue #28: lessons of P1 (a new one, or a decision on a built-in one: the actor's own puskesmas).
    {
      name: 'previewLesson (in one’s puskesmas)',
      resource: 'lessons',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => previewLesson(a, lessonForm('matriks-pratinjau')),
    },
    {
      name: 'createLesson (in one’s puskesmas)',
      resource: 'lessons',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => createLesson(a, lessonForm(`matriks-baru-${++n}`)),
    },
    {
      name: 'updateLesson (a lesson of P1)',
      resource: 'lessons',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      prepare: async () => {
        await createLesson(who.sri!, lessonForm('matriks-ubah'));
      },
      run: (a) => updateLesson(a, 'matriks-ubah', lessonForm('matriks-ubah', `Materi matriks diubah ${++n}`)),
    },
    {
      name: 'publishLesson (a draft of P1)',
      resource: 'lessons',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      prepare: async () => {
        fresh = `matriks-terbit-${++n}`;
        await createLesson(who.sri!, lessonForm(fresh));
      },
      run: (a) => publishLesson(a, fresh),
    },
    {
      name: 'unpublishLesson (a published lesson of P1)',
      resource: 'lessons',
      action: 'write',
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      prepare: async () => {
        fresh = `matriks-tarik-${++n}`;
        await createLesson(who.sri!, lessonForm(fresh));
        await publishLesson(who.sri!, fresh);
      },
      run: (a) => unpublishLesson(a, fresh),
    },
    {
      name: 'reviewLesson (a built-in lesson, for one’s puskesmas)',
      resource: 'lessons',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => reviewLesson(a, 'untuk-ayah'),
    },
    {
      name: 'setBuiltinHidden (a built-in lesson, for one’s puskesmas)',
      resource: 'lessons',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => setBuiltinHidden(a, 'untuk-nenek', ++n % 2 === 0),
    },
    {
      name: 'saveRetention (the puskesmas’s retention period: admin only)',
      resource: 'settings',
      action: 'write',
      ownPuskesmas: true,
      record: () => ({ puskesmasId: babyA.scope.puskesmasId }),
      run: (a) => saveRetention(a, { months: 24 }),
    },
    {
      name: 'manageAccount (end Euis’s sessions)',
      resource: 'kaderAccounts',
      action: 'write',
      record: () => ({ puskesmasId: category.scope.puskesmasId }),
      run: (a) => manageAccount(a, { userId: euisId, action: 'endSessions', reason: 'Uji matriks' }),
    },
  ];

  const refused = (r: unknown) =>
    r instanceof ForbiddenError ||
    r instanceof NotFoundError ||
    (r instanceof ForumError && ['notAllowed', 'gone'].includes(r.code)) ||
    (typeof r === 'object' && r !== null && 'ok' in r && (r as { ok: boolean }).ok === false);

  let tried = 0;
  afterAll(() => console.log(`write matrix (${backend.name}): ${tried} cases`));

  it.each(CASES)('$name: allowed exactly as the policy says, and a refusal writes nothing', async (c) => {
    for (const w of ['nobody', 'rina', 'dewi', 'euis', 'nining', 'maya', 'sri', 'hendra', 'yohana'] as Who[]) {
      const actor = who[w]!;
      // Saving a category in one's own puskesmas: the record is always the actor's own.
      const record = (c.resource === 'forumCategories' || c.ownPuskesmas) && actor ? { puskesmasId: actor.puskesmasId } : c.record();
      const allowed = can(actor, c.action, c.resource, record) && (!c.also || c.also(actor!));
      if (c.prepare) await c.prepare();
      const before = await fingerprint(db);
      const r = await c.run(actor as Actor).catch((err: unknown) => err);
      tried += 1;
      if (allowed) {
        expect(r instanceof Error ? String(r) : r, `${c.name} as ${w} is allowed`).not.toBeInstanceOf(Error);
        const okOrAlready = !(
          typeof r === 'object' &&
          r &&
          'ok' in r &&
          (r as { ok: boolean; reason?: string }).ok === false &&
          (r as { reason?: string }).reason !== 'already_revoked'
        );
        expect(okOrAlready, `${c.name} as ${w}: ${JSON.stringify(r)}`).toBe(true);
      } else {
        expect(refused(r), `${c.name} as ${w} is refused (got ${r instanceof Error ? r.name : JSON.stringify(r)})`).toBe(true);
        expect(await fingerprint(db), `${c.name} as ${w} wrote nothing`).toEqual(before);
      }
    }
  });
});
