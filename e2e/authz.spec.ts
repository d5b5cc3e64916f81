/**
 * The authorization matrix (issue #10): every page and route handler of app/ has an entry
 * here (a test fails when a new one has none), and each entry is requested as every actor —
 * anonymous, two mothers, two kaders of different posyandu, staff of this puskesmas and of
 * another, admin. The expected answer is computed from the policy table of docs/access.md
 * (lib/auth/policy.ts: SECTION_ROLES, can()) with the actors' and records' real relations; the
 * run prints how many cases it tried. Zero leaks allowed.
 * Server actions are covered at the data layer they call (tests/integration/authz-actions.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { can, SECTION_ROLES, type Action, type Actor, type RecordScope, type Resource, type Role } from '../lib/auth/policy';
import { DEMO_PASSWORD, withDemoLock } from './support';

type Who = 'anon' | 'rina' | 'dewi' | 'euis' | 'nining' | 'sri' | 'maya' | 'hendra' | 'yohana';
type Outcome = 'ok' | 'login' | 'home' | 'forbidden' | 'notFound';

/**
 * The actors, with the relations that matter to the policy: Rina's baby (A) is at Posyandu
 * Melati 1 (Euis's, Desa Bojong Nangka), Dewi's graduated baby (B) at Anggrek 1 (Nining's,
 * Desa Bojong Kulur); Sri and Hendra are of Puskesmas Bojong Nangka (P1), Maya of Gunung Putri (P2).
 */
const ACTORS: Record<Who, { phone?: string; actor: Actor | null }> = {
  anon: { actor: null },
  rina: { phone: '0813-3000-0001', actor: { id: 'u-rina', role: 'ibu', puskesmasId: 'P1', posyanduId: 'Y1', villageId: 'V1', motherId: 'M-A' } },
  dewi: { phone: '0813-3000-0002', actor: { id: 'u-dewi', role: 'ibu', puskesmasId: 'P1', posyanduId: 'Y2', villageId: 'V2', motherId: 'M-B' } },
  euis: { phone: '0812-2000-0001', actor: { id: 'u-euis', role: 'kader', puskesmasId: 'P1', posyanduId: 'Y1', villageId: 'V1', motherId: null } },
  nining: { phone: '0812-2000-0002', actor: { id: 'u-nining', role: 'kader', puskesmasId: 'P1', posyanduId: 'Y2', villageId: 'V2', motherId: null } },
  sri: { phone: '0811-1000-0002', actor: { id: 'u-sri', role: 'staff', puskesmasId: 'P1', posyanduId: null, villageId: null, motherId: null } },
  maya: { phone: '0811-1000-0101', actor: { id: 'u-maya', role: 'staff', puskesmasId: 'P2', posyanduId: null, villageId: null, motherId: null } },
  hendra: { phone: '0811-1000-0001', actor: { id: 'u-hendra', role: 'admin', puskesmasId: 'P1', posyanduId: null, villageId: null, motherId: null } },
  // The district office of Kabupaten Bogor (issue #19): no puskesmas, aggregates of both.
  yohana: { phone: '0811-1000-0201', actor: { id: 'u-yohana', role: 'dinkes', puskesmasId: '', kabupatenId: 'K1', posyanduId: null, villageId: null, motherId: null } },
};
const WHO = Object.keys(ACTORS) as Who[];

const REC = {
  A: { puskesmasId: 'P1', posyanduId: 'Y1', villageId: 'V1', motherId: 'M-A' },
  B: { puskesmasId: 'P1', posyanduId: 'Y2', villageId: 'V2', motherId: 'M-B' },
  P1: { puskesmasId: 'P1' },
  P2: { puskesmasId: 'P2' },
} satisfies Record<string, RecordScope>;

type Ids = {
  sessionV1: string;
  visitA: string;
  babyA: string;
  babyB: string;
  certB: string;
  verifyB: string;
  threadP1: string;
  threadP2: string;
  categoryP1: string;
  accountEuis: string;
  accountSri: string;
  /** Dewi's mother record (issue #30: her copy produced by staff). */
  motherB: string;
};

type Entry = {
  /** The file's route pattern, e.g. /staff/bayi/[babyId]. */
  route: string;
  /** One or more concrete requests of that route. */
  cases: { label: string; url: (ids: Ids) => string; method?: 'GET' | 'POST'; expect: (who: Who) => Outcome | number }[];
};

const roleOf = (who: Who): Role | null => ACTORS[who].actor?.role ?? null;

/** A page of a signed-in section: its roles, then the policy for the resource (and record). */
function sectionPage(section: keyof typeof SECTION_ROLES, resource?: Resource, action?: Action, record?: RecordScope) {
  return (who: Who): Outcome => {
    const a = ACTORS[who].actor;
    if (!a) return 'login';
    if (!SECTION_ROLES[section].includes(a.role)) return 'forbidden';
    if (!resource || !action) return 'ok';
    if (!can(a, action, resource)) return 'forbidden';
    if (record && !can(a, action, resource, record)) return 'notFound';
    return 'ok';
  };
}
/** Where an out-of-scope record answers 403 rather than 404. */
const deny403 =
  (f: (who: Who) => Outcome) =>
  (who: Who): Outcome =>
    f(who) === 'notFound' ? 'forbidden' : f(who);
const signedIn = (who: Who): Outcome => (ACTORS[who].actor ? 'ok' : 'login');
const publicPage = (): Outcome => 'ok';
const loginPage = (who: Who): Outcome => (ACTORS[who].actor ? 'home' : 'ok');

const MATRIX: Entry[] = [
  { route: '/', cases: [{ label: 'root', url: () => '/', expect: (w) => (ACTORS[w].actor ? 'home' : 'login') }] },
  { route: '/login', cases: [{ label: 'sign-in', url: () => '/login', expect: loginPage }] },
  { route: '/aktivasi', cases: [{ label: 'activation', url: () => '/aktivasi', expect: publicPage }] },
  // First-run setup (issue #18): gone for everyone once a puskesmas exists.
  { route: '/pasang', cases: [{ label: 'setup on an installed portal', url: () => '/pasang', expect: () => 'notFound' }] },
  {
    route: '/verifikasi/[code]',
    cases: [
      { label: 'a real code', url: (i) => `/verifikasi/${i.verifyB}`, expect: publicPage },
      { label: 'an unknown code', url: () => '/verifikasi/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', expect: publicPage },
    ],
  },
  { route: '/akun', cases: [{ label: 'own account', url: () => '/akun', expect: signedIn }] },
  { route: '/ibu', cases: [{ label: 'mother home', url: () => '/ibu', expect: sectionPage('/ibu', 'mothers', 'read') }] },
  { route: '/kader', cases: [{ label: 'kader home', url: () => '/kader', expect: sectionPage('/kader', 'mothers', 'read') }] },
  { route: '/kader/ibu', cases: [{ label: 'all her mothers (kader)', url: () => '/kader/ibu', expect: sectionPage('/kader', 'mothers', 'read') }] },
  { route: '/kader/ibu/baru', cases: [{ label: 'register (kader)', url: () => '/kader/ibu/baru', expect: sectionPage('/kader', 'mothers', 'write') }] },
  {
    route: '/kader/bayi/[babyId]',
    cases: [
      { label: 'Rina’s baby', url: (i) => `/kader/bayi/${i.babyA}`, expect: sectionPage('/kader', 'visits', 'read', REC.A) },
      { label: 'Dewi’s baby', url: (i) => `/kader/bayi/${i.babyB}`, expect: sectionPage('/kader', 'visits', 'read', REC.B) },
      {
        label: 'an unknown id',
        url: () => '/kader/bayi/00000000-0000-4000-8000-000000000000',
        expect: (w) => (sectionPage('/kader')(w) === 'ok' ? 'notFound' : sectionPage('/kader')(w)),
      },
      { label: 'a malformed id', url: () => "/kader/bayi/1'%20or%20'1'='1", expect: (w) => (sectionPage('/kader')(w) === 'ok' ? 'notFound' : sectionPage('/kader')(w)) },
    ],
  },
  {
    route: '/kader/bayi/[babyId]/kunjungan',
    cases: [
      { label: 'visit form, Rina’s baby', url: (i) => `/kader/bayi/${i.babyA}/kunjungan`, expect: sectionPage('/kader', 'visits', 'write', REC.A) },
      { label: 'visit form, Dewi’s baby', url: (i) => `/kader/bayi/${i.babyB}/kunjungan`, expect: sectionPage('/kader', 'visits', 'write', REC.B) },
    ],
  },
  {
    route: '/kader/bayi/[babyId]/cek-pengetahuan',
    cases: [
      { label: 'knowledge check, Rina’s baby', url: (i) => `/kader/bayi/${i.babyA}/cek-pengetahuan`, expect: sectionPage('/kader', 'knowledgeChecks', 'write', REC.A) },
      { label: 'knowledge check, Dewi’s baby', url: (i) => `/kader/bayi/${i.babyB}/cek-pengetahuan`, expect: sectionPage('/kader', 'knowledgeChecks', 'write', REC.B) },
    ],
  },
  {
    route: '/ibu/cek-pengetahuan',
    cases: [{ label: 'her own knowledge check', url: () => '/ibu/cek-pengetahuan', expect: sectionPage('/ibu', 'knowledgeChecks', 'write') }],
  },
  {
    route: '/kader/bayi/[babyId]/kunjungan/[visitId]',
    cases: [
      // An unknown visit of a known baby: the kader of the posyandu gets 404, others as the section says.
      {
        label: 'edit an unknown visit of Rina’s baby',
        url: (i) => `/kader/bayi/${i.babyA}/kunjungan/00000000-0000-4000-8000-000000000000`,
        expect: (w) => (sectionPage('/kader')(w) === 'ok' ? 'notFound' : sectionPage('/kader')(w)),
      },
    ],
  },
  {
    route: '/staff/bayi/[babyId]/kunjungan/[visitId]',
    cases: [
      { label: 'correct a visit of Rina’s baby', url: (i) => `/staff/bayi/${i.babyA}/kunjungan/${i.visitA}`, expect: sectionPage('/staff', 'visits', 'correct', REC.A) },
      {
        label: 'correct an unknown visit of Rina’s baby',
        url: (i) => `/staff/bayi/${i.babyA}/kunjungan/00000000-0000-4000-8000-000000000000`,
        expect: (w) => (sectionPage('/staff')(w) === 'ok' ? 'notFound' : sectionPage('/staff')(w)),
      },
    ],
  },
  { route: '/staff/pertemuan', cases: [{ label: 'sessions (staff)', url: () => '/staff/pertemuan', expect: sectionPage('/staff', 'groupSessions', 'read') }] },
  { route: '/staff/pertemuan/baru', cases: [{ label: 'schedule (staff)', url: () => '/staff/pertemuan/baru', expect: sectionPage('/staff', 'groupSessions', 'write') }] },
  {
    route: '/staff/pertemuan/[id]',
    cases: [{ label: 'a session of Euis’s village', url: (i) => `/staff/pertemuan/${i.sessionV1}`, expect: sectionPage('/staff', 'groupSessions', 'read', REC.A) }],
  },
  {
    route: '/staff/pertemuan/[id]/ubah',
    cases: [{ label: 'edit that session', url: (i) => `/staff/pertemuan/${i.sessionV1}/ubah`, expect: sectionPage('/staff', 'groupSessions', 'write', REC.A) }],
  },
  {
    route: '/staff/pertemuan/[id]/hadir',
    cases: [{ label: 'its register', url: (i) => `/staff/pertemuan/${i.sessionV1}/hadir`, expect: sectionPage('/staff', 'attendance', 'write', REC.A) }],
  },
  { route: '/kader/pertemuan', cases: [{ label: 'sessions (kader)', url: () => '/kader/pertemuan', expect: sectionPage('/kader', 'groupSessions', 'read') }] },
  { route: '/kader/pertemuan/baru', cases: [{ label: 'schedule (kader)', url: () => '/kader/pertemuan/baru', expect: sectionPage('/kader', 'groupSessions', 'write') }] },
  {
    route: '/kader/pertemuan/[id]',
    // Another village's session: refused with 403 (the issue asks for 403 on its register).
    cases: [
      { label: 'a session of Euis’s village', url: (i) => `/kader/pertemuan/${i.sessionV1}`, expect: deny403(sectionPage('/kader', 'groupSessions', 'read', REC.A)) },
    ],
  },
  {
    route: '/kader/pertemuan/[id]/ubah',
    cases: [{ label: 'edit that session', url: (i) => `/kader/pertemuan/${i.sessionV1}/ubah`, expect: deny403(sectionPage('/kader', 'groupSessions', 'write', REC.A)) }],
  },
  {
    route: '/kader/pertemuan/[id]/hadir',
    cases: [{ label: 'its register', url: (i) => `/kader/pertemuan/${i.sessionV1}/hadir`, expect: deny403(sectionPage('/kader', 'attendance', 'write', REC.A)) }],
  },
  {
    route: '/api/pertemuan/[id]/ics',
    cases: [
      {
        label: 'calendar file of that session',
        url: (i) => `/api/pertemuan/${i.sessionV1}/ics`,
        expect: (w) => {
          const a = ACTORS[w].actor;
          if (!a) return 401;
          if (can(a, 'read', 'groupSessions', REC.A)) return 200;
          // No sessions at all (a district account): 403; another village: 403; another puskesmas: 404.
          return !can(a, 'read', 'groupSessions') || a.puskesmasId === 'P1' ? 403 : 404;
        },
      },
    ],
  },
  // The district office (issue #19): aggregates only.
  { route: '/dinkes', cases: [{ label: 'district aggregates', url: () => '/dinkes?bulan=2026-10', expect: sectionPage('/dinkes', 'district', 'read') }] },
  { route: '/dinkes/pengguna', cases: [{ label: 'district accounts', url: () => '/dinkes/pengguna', expect: sectionPage('/dinkes', 'districtAccounts', 'read') }] },
  {
    route: '/api/dinkes/laporan/[periode]/[format]',
    cases: ['csv', 'xlsx'].map((format) => ({
      label: `district report ${format}`,
      url: () => `/api/dinkes/laporan/2026-10/${format}`,
      expect: (w: Who) => (!ACTORS[w].actor ? 401 : can(ACTORS[w].actor, 'export', 'district') ? 200 : 403),
    })),
  },
  { route: '/staff', cases: [{ label: 'staff home', url: () => '/staff', expect: sectionPage('/staff', 'coverage', 'read') }] },
  { route: '/staff/laporan', cases: [{ label: 'monthly report', url: () => '/staff/laporan?bulan=2026-10', expect: sectionPage('/staff', 'coverage', 'export') }] },
  { route: '/kader/ringkasan', cases: [{ label: 'kader summary', url: () => '/kader/ringkasan', expect: sectionPage('/kader', 'coverage', 'read') }] },
  { route: '/staff/ibu', cases: [{ label: 'registry', url: () => '/staff/ibu', expect: sectionPage('/staff', 'mothers', 'read') }] },
  { route: '/staff/ibu/baru', cases: [{ label: 'register (staff)', url: () => '/staff/ibu/baru', expect: sectionPage('/staff', 'mothers', 'write') }] },
  {
    route: '/staff/bayi/[babyId]',
    cases: [
      { label: 'Rina’s baby', url: (i) => `/staff/bayi/${i.babyA}`, expect: sectionPage('/staff', 'visits', 'read', REC.A) },
      { label: 'Dewi’s baby', url: (i) => `/staff/bayi/${i.babyB}`, expect: sectionPage('/staff', 'visits', 'read', REC.B) },
    ],
  },
  { route: '/staff/sertifikat', cases: [{ label: 'certificates', url: () => '/staff/sertifikat', expect: sectionPage('/staff', 'certificates', 'issue') }] },
  { route: '/staff/pengguna', cases: [{ label: 'accounts', url: () => '/staff/pengguna', expect: sectionPage('/staff', 'kaderAccounts', 'write') }] },
  // Issue #19: bringing registers in (staff and admin).
  { route: '/staff/impor', cases: [{ label: 'import', url: () => '/staff/impor', expect: sectionPage('/staff', 'imports', 'write') }] },
  {
    // Issue #29: a posyandu's mothers still without a login (staff and admin only; another puskesmas's or an unknown posyandu: 404).
    route: '/staff/impor/akun/[posyanduId]',
    cases: [
      {
        label: 'an unknown posyandu',
        url: () => '/staff/impor/akun/00000000-0000-4000-8000-000000000000',
        expect: (w) => (sectionPage('/staff', 'imports', 'write')(w) === 'ok' ? 'notFound' : sectionPage('/staff', 'imports', 'write')(w)),
      },
    ],
  },
  {
    route: '/api/impor/template',
    cases: [
      { label: 'import template', url: () => '/api/impor/template', expect: (w) => (!ACTORS[w].actor ? 401 : can(ACTORS[w].actor, 'write', 'imports') ? 200 : 403) },
    ],
  },
  // The upload: signed out 401; a form post without this site's Origin is refused for everyone (the policy per role is tested in tests/integration/import.test.ts).
  {
    route: '/api/impor/unggah',
    cases: [{ label: 'import upload (POST form, no Origin)', method: 'POST', url: () => '/api/impor/unggah', expect: (w) => (ACTORS[w].actor ? 403 : 401) }],
  },
  { route: '/staff/wilayah', cases: [{ label: 'places', url: () => '/staff/wilayah', expect: sectionPage('/staff', 'places', 'write') }] },
  {
    route: '/staff/pengaturan',
    cases: [{ label: 'settings (admin writes, staff read)', url: () => '/staff/pengaturan', expect: sectionPage('/staff', 'settings', 'read') }],
  },
  { route: '/staff/pengguna/baru', cases: [{ label: 'add an account', url: () => '/staff/pengguna/baru', expect: sectionPage('/staff', 'kaderAccounts', 'write') }] },
  {
    route: '/staff/pengguna/[id]',
    cases: [
      // Euis's kader account: staff and admin of P1 manage it; P2's staff does not find it.
      { label: 'Euis’s kader account', url: (i) => `/staff/pengguna/${i.accountEuis}`, expect: sectionPage('/staff', 'kaderAccounts', 'write', REC.P1) },
      // Sri's staff account: only the admin manages staff accounts; to Sri herself it is not a managed account.
      {
        label: 'Sri’s staff account',
        url: (i) => `/staff/pengguna/${i.accountSri}`,
        expect: (w) => {
          const section = sectionPage('/staff')(w);
          if (section !== 'ok') return section;
          // Sri does not manage her own account (that is /akun); nobody but P1's admin manages a staff account.
          return w !== 'sri' && can(ACTORS[w].actor, 'write', 'staffAccounts', REC.P1) ? 'ok' : 'notFound';
        },
      },
      {
        label: 'an unknown account',
        url: () => '/staff/pengguna/00000000-0000-4000-8000-000000000000',
        expect: (w) => (sectionPage('/staff')(w) === 'ok' ? 'notFound' : sectionPage('/staff')(w)),
      },
    ],
  },
  { route: '/staff/audit', cases: [{ label: 'audit log', url: () => '/staff/audit', expect: sectionPage('/staff', 'audit', 'read') }] },
  // Issue #28: lessons. Public pages need no login; a puskesmas's address 404s for what it hides.
  { route: '/materi', cases: [{ label: 'the library', url: () => '/materi?usia=baru-lahir&q=ASI', expect: publicPage }] },
  {
    route: '/materi/[slug]',
    cases: [
      { label: 'a built-in lesson', url: () => '/materi/tanda-cukup-asi', expect: publicPage },
      { label: 'an unknown lesson', url: () => '/materi/tidak-ada-materi-ini', expect: () => 'notFound' },
    ],
  },
  {
    route: '/materi/pkm/[kode]',
    cases: [
      { label: 'a puskesmas library', url: () => '/materi/pkm/BJN', expect: publicPage },
      { label: 'an unknown puskesmas', url: () => '/materi/pkm/TIDAKADA', expect: () => 'notFound' },
    ],
  },
  {
    route: '/materi/pkm/[kode]/[slug]',
    cases: [
      { label: 'a built-in lesson at a puskesmas', url: () => '/materi/pkm/BJN/untuk-ayah', expect: publicPage },
      { label: 'an unknown lesson at a puskesmas', url: () => '/materi/pkm/BJN/tidak-ada-materi-ini', expect: () => 'notFound' },
    ],
  },
  { route: '/staff/materi', cases: [{ label: 'lessons (staff)', url: () => '/staff/materi', expect: sectionPage('/staff', 'lessons', 'write') }] },
  { route: '/staff/materi/baru', cases: [{ label: 'write a lesson', url: () => '/staff/materi/baru', expect: sectionPage('/staff', 'lessons', 'write') }] },
  {
    route: '/staff/materi/[slug]',
    cases: [
      // A built-in lesson's state is the actor's own puskesmas's: Maya sees Gunung Putri's.
      { label: 'a built-in lesson', url: () => '/staff/materi/untuk-ayah', expect: sectionPage('/staff', 'lessons', 'write') },
      {
        label: 'an unknown lesson',
        url: () => '/staff/materi/tidak-ada-materi-ini',
        expect: (w) => (sectionPage('/staff', 'lessons', 'write')(w) === 'ok' ? 'notFound' : sectionPage('/staff', 'lessons', 'write')(w)),
      },
    ],
  },
  {
    route: '/staff/materi/[slug]/ubah',
    cases: [
      // A built-in lesson is changed in the repository, never here.
      {
        label: 'edit a built-in lesson',
        url: () => '/staff/materi/untuk-ayah/ubah',
        expect: (w) => (sectionPage('/staff', 'lessons', 'write')(w) === 'ok' ? 'notFound' : sectionPage('/staff', 'lessons', 'write')(w)),
      },
    ],
  },
  // Issue #30: a mother's rights over her data.
  { route: '/ibu/data-saya', cases: [{ label: 'Data saya', url: () => '/ibu/data-saya', expect: sectionPage('/ibu', 'dataRights', 'read') }] },
  { route: '/staff/permintaan-data', cases: [{ label: 'data requests', url: () => '/staff/permintaan-data', expect: sectionPage('/staff', 'dataRights', 'read') }] },
  {
    route: '/api/data-saya/[format]',
    cases: ['json', 'pdf'].map((format) => ({
      label: `her own data ${format}`,
      url: () => `/api/data-saya/${format}`,
      // Her session only: 401 signed out, 200 for a mother, 403 for every other role.
      expect: (w: Who) => {
        const a = ACTORS[w].actor;
        if (!a) return 401;
        return a.role === 'ibu' && can(a, 'export', 'dataRights') ? 200 : 403;
      },
    })),
  },
  {
    route: '/api/data-ibu/[motherId]/[format]',
    cases: ['json', 'pdf'].map((format) => ({
      label: `Dewi’s data ${format} (staff)`,
      url: (i: Ids) => `/api/data-ibu/${i.motherB}/${format}`,
      expect: (w: Who) => {
        const a = ACTORS[w].actor;
        if (!a) return 401;
        if (a.role === 'ibu' || !can(a, 'export', 'dataRights')) return 403;
        return can(a, 'export', 'dataRights', REC.B) ? 200 : 404;
      },
    })),
  },
  { route: '/forum', cases: [{ label: 'forum home', url: () => '/forum', expect: sectionPage('/forum', 'forum', 'read') }] },
  { route: '/forum/baru', cases: [{ label: 'new post', url: () => '/forum/baru', expect: sectionPage('/forum', 'forum', 'write') }] },
  { route: '/forum/cari', cases: [{ label: 'search', url: () => '/forum/cari?q=ASI', expect: sectionPage('/forum', 'forum', 'read') }] },
  { route: '/forum/moderasi', cases: [{ label: 'moderation', url: () => '/forum/moderasi', expect: sectionPage('/forum', 'forum', 'moderate') }] },
  { route: '/forum/kategori', cases: [{ label: 'categories', url: () => '/forum/kategori', expect: sectionPage('/forum', 'forumCategories', 'write') }] },
  {
    route: '/forum/ubah',
    cases: [
      {
        label: 'edit an unknown post',
        url: () => '/forum/ubah?post=00000000-0000-4000-8000-000000000000',
        expect: (w) => (sectionPage('/forum')(w) === 'ok' ? 'notFound' : sectionPage('/forum')(w)),
      },
    ],
  },
  {
    route: '/forum/k/[slug]',
    // Slugs are per puskesmas: the same slug opens the actor's own puskesmas's category (checked
    // below to hold none of P1's threads for Maya).
    cases: [{ label: 'a category slug', url: (i) => `/forum/k/${i.categoryP1}`, expect: sectionPage('/forum', 'forum', 'read') }],
  },
  {
    route: '/forum/t/[id]',
    cases: [
      { label: 'a thread of P1', url: (i) => `/forum/t/${i.threadP1}`, expect: sectionPage('/forum', 'forum', 'read', REC.P1) },
      { label: 'a thread of P2', url: (i) => `/forum/t/${i.threadP2}`, expect: sectionPage('/forum', 'forum', 'read', REC.P2) },
    ],
  },
  {
    route: '/api/sertifikat/[id]/pdf',
    cases: [
      {
        label: 'Dewi’s certificate',
        url: (i) => `/api/sertifikat/${i.certB}/pdf`,
        // A route handler: 200 when allowed, else 403 (also signed out); never a redirect.
        expect: (w) => (can(ACTORS[w].actor, 'download', 'certificates', REC.B) ? 200 : 403),
      },
      {
        label: 'an unknown certificate',
        url: () => '/api/sertifikat/00000000-0000-4000-8000-000000000000/pdf',
        expect: (w) => (can(ACTORS[w].actor, 'download', 'certificates') ? 404 : 403),
      },
    ],
  },
  {
    route: '/api/laporan/[bulan]/[format]',
    cases: ['csv', 'xlsx'].map((format) => ({
      label: `report ${format}`,
      url: () => `/api/laporan/2026-10/${format}`,
      // A file: 200 when the policy allows the export, 401 signed out, else 403.
      expect: (w: Who) => (!ACTORS[w].actor ? 401 : can(ACTORS[w].actor, 'export', 'coverage') ? 200 : 403),
    })),
  },
  // Health endpoints for the load balancer: public, no data (docs/deploy.md).
  { route: '/api/health/live', cases: [{ label: 'liveness', url: () => '/api/health/live', expect: () => 200 }] },
  { route: '/api/health/ready', cases: [{ label: 'readiness', url: () => '/api/health/ready', expect: () => 200 }] },
  { route: '/api/auth/[...nextauth]', cases: [{ label: 'csrf token', url: () => '/api/auth/csrf', expect: () => 200 }] },
  // The kader's phone outbox (issue 9): signed out 401; a form post without this site's Origin
  // is refused for everyone (the policy per record is tested in tests/integration/offline.test.ts).
  {
    route: '/api/kader/outbox',
    cases: [{ label: 'outbox (POST form, no Origin)', method: 'POST', url: () => '/api/kader/outbox', expect: (w) => (ACTORS[w].actor ? 403 : 401) }],
  },
  { route: '/api/locale', cases: [{ label: 'language (POST form)', method: 'POST', url: () => '/api/locale', expect: () => 303 }] },
  // Does the sign-in still stand (the kader's service worker, issue #22): 204 signed in, else 401.
  { route: '/api/sesi', cases: [{ label: 'session check', url: () => '/api/sesi', expect: (w) => (ACTORS[w].actor ? 204 : 401) }] },
  // The lesson pages a kader's phone keeps offline (issue #28): kader 200, signed out 401, others 403.
  {
    route: '/api/kader/materi',
    cases: [
      { label: 'lessons to keep offline', url: () => '/api/kader/materi', expect: (w) => (!ACTORS[w].actor ? 401 : ACTORS[w].actor!.role === 'kader' ? 200 : 403) },
    ],
  },
];

/** Route patterns of every page.tsx and route.ts under app/ (route groups dropped). */
function appRoutes(): string[] {
  const root = path.resolve(__dirname, '..', 'app');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(page|route)\.(tsx?|jsx?)$/.test(e.name)) {
        const rel = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        out.push('/' + rel.join('/'));
      }
    }
  };
  walk(root);
  return out.map((r) => (r === '/' ? '/' : r.replace(/\/$/, ''))).sort();
}

test('every page and route handler has an entry in the authorization matrix', () => {
  const inMatrix = MATRIX.map((e) => e.route).sort();
  expect(inMatrix, 'routes without an entry (add one) or entries without a route (remove it)').toEqual(appRoutes());
});

async function contextFor(browser: Browser, who: Who, baseURL: string): Promise<APIRequestContext> {
  const ctx = await browser.newContext({ baseURL });
  const phone = ACTORS[who].phone;
  if (phone) {
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('Nomor HP').fill(phone);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/(staff|kader|ibu|dinkes)$/);
    await page.close();
  }
  return ctx.request;
}

async function firstHref(req: APIRequestContext, url: string, pattern: RegExp): Promise<string> {
  const html = await (await req.get(url)).text();
  const m = pattern.exec(html);
  if (!m) throw new Error(`no link ${pattern} on ${url}`);
  return m[1]!;
}

/** The baby of a mother, found by paging the registry (its search term never goes in a URL). */
async function babyOf(req: APIRequestContext, mother: string): Promise<string> {
  for (let page = 1; page <= 40; page++) {
    const html = await (await req.get(`/staff/ibu?page=${page}`)).text();
    const row = html.split('<tr').find((r) => r.includes(mother));
    if (row) return /href="\/staff\/bayi\/([0-9a-f-]{36})"/.exec(row)![1]!;
    if (!html.includes(`page=${page + 1}`)) break;
  }
  throw new Error(`${mother} is not in the registry`);
}

test('every actor gets exactly what the policy allows on every page and route', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  // Dewi's certificate: certificates.spec revokes and re-issues it; never while the other reads it.
  await withDemoLock('dewi-certificate', async () => {
    const ctx = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, await contextFor(browser, w, baseURL!)] as const))) as Record<Who, APIRequestContext>;

    // The records' ids, found the way their users find them.
    const ids: Ids = {
      sessionV1: await firstHref(ctx.euis, '/kader/pertemuan', /href="\/kader\/pertemuan\/([0-9a-f-]{36})"/),
      visitA: '',
      babyA: await babyOf(ctx.sri, 'Rina Kartikasari'),
      babyB: await babyOf(ctx.sri, 'Dewi Anggraini'),
      certB: '',
      verifyB: '',
      threadP1: await firstHref(ctx.sri, '/forum', /href="\/forum\/t\/([0-9a-f-]{36})"/),
      threadP2: await firstHref(ctx.maya, '/forum', /href="\/forum\/t\/([0-9a-f-]{36})"/),
      categoryP1: await firstHref(ctx.sri, '/forum', /href="\/forum\/k\/([a-z0-9-]+)"/),
      accountEuis: '',
      accountSri: '',
      motherB: '',
    };
    // Account pages, found on the admin's account list by the rows' names.
    const accountsHtml = await (await ctx.hendra.get('/staff/pengguna')).text();
    const accountId = (name: string) => {
      const row = accountsHtml.split('<tr').find((r) => r.includes(name));
      const m = row && /href="\/staff\/pengguna\/([0-9a-f-]{36})"/.exec(row);
      if (!m) throw new Error(`no account page link for ${name}`);
      return m[1]!;
    };
    ids.accountEuis = accountId('Euis Komalasari');
    ids.accountSri = accountId('Sri Wahyuni');
    ids.motherB = await firstHref(ctx.sri, `/staff/bayi/${ids.babyB}`, /href="\/api\/data-ibu\/([0-9a-f-]{36})\/json"/);
    ids.visitA = await firstHref(ctx.sri, `/staff/bayi/${ids.babyA}`, /href="\/staff\/bayi\/[0-9a-f-]{36}\/kunjungan\/([0-9a-f-]{36})"/);
    const certHtml = await (await ctx.sri.get('/staff/sertifikat')).text();
    const dewiRow = certHtml.split('<tr').find((r) => r.includes('Dewi Anggraini') && r.includes('/api/sertifikat/'));
    expect(dewiRow, 'Dewi’s certificate is listed').toBeTruthy();
    ids.certB = /\/api\/sertifikat\/([0-9a-f-]{36})\/pdf/.exec(dewiRow!)![1]!;
    ids.verifyB = /\/verifikasi\/([^"?#/]+)"/.exec(dewiRow!)![1]!;

    const HOME: Record<Role, RegExp> = { admin: /\/staff$/, staff: /\/staff$/, kader: /\/kader$/, ibu: /\/ibu$/, dinkes: /\/dinkes$/ };
    const failures: string[] = [];
    let tried = 0;
    for (const entry of MATRIX) {
      for (const c of entry.cases) {
        for (const who of WHO) {
          const url = c.url(ids);
          const want = c.expect(who);
          const res =
            c.method === 'POST'
              ? await ctx[who].post(url, { form: { locale: 'id', back: '/login' }, maxRedirects: 0 })
              : await ctx[who].get(url, { maxRedirects: typeof want === 'number' ? 0 : 20 });
          tried += 1;
          const finalPath = new URL(res.url()).pathname;
          let got: Outcome | number;
          if (typeof want === 'number') got = res.status();
          else if (res.status() === 403) got = 'forbidden';
          else if (res.status() === 404) got = 'notFound';
          else if (res.status() === 200 && finalPath === '/login' && url !== '/login') got = 'login';
          else if (res.status() === 200 && roleOf(who) && HOME[roleOf(who)!].test(finalPath) && !url.startsWith(finalPath)) got = 'home';
          else if (res.status() === 200 && (url === '/login' || finalPath !== '/login')) got = 'ok';
          else got = res.status();
          if (got !== want) failures.push(`${entry.route} (${c.label}) as ${who}: expected ${want}, got ${got} [${res.status()} ${finalPath}]`);
          expect(res.status(), `${url} as ${who}`).toBeLessThan(500);
        }
      }
    }
    // The same category slug, opened by staff of the other puskesmas, shows none of P1's threads.
    const mayaCategory = await (await ctx.maya.get(`/forum/k/${ids.categoryP1}`)).text();
    const sriCategory = await (await ctx.sri.get(`/forum/k/${ids.categoryP1}`)).text();
    const p1Threads = [...sriCategory.matchAll(/\/forum\/t\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(p1Threads.length).toBeGreaterThan(0);
    for (const id of p1Threads) expect(mayaCategory).not.toContain(id);
    tried += 1;

    console.log(`authorization matrix: ${tried} cases (${MATRIX.length} routes × ${WHO.length} actors), ${failures.length} unexpected`);
    expect(failures).toEqual([]);
  });
});
