/**
 * Builds every row of the demo data in memory, deterministically from `today`: the same day
 * gives the same rows (ids included). Pure apart from the password hash passed in.
 *
 * One puskesmas is built by a TenantBuilder (tenant.ts) in steps, each in its own file:
 * tenant-accounts.ts (places, staff and kaders), tenant-mothers.ts (mothers, babies, visits),
 * tenant-group-sessions.ts, tenant-forum.ts and tenant-certificates.ts. The order of the steps below is
 * part of the data: they draw from the same random generators.
 */
import { addDays, type IsoDate } from '../../lib/domain';
import { BJN_POSTS, GPT_POSTS } from './forum-content';
import { BJN, DISTRICT, GPT } from './places';
import { bjnSpecials, gptSpecials, randomMothers } from './population';
import { Rng } from './random';
import { NameGen, pad, e164, TenantBuilder } from './tenant';
import { seedAccounts, seedPlaces } from './tenant-accounts';
import { seedCertificates } from './tenant-certificates';
import { seedForum } from './tenant-forum';
import { emitBabiesAndVisits, seedAwaitingReferral, seedPopulation } from './tenant-mothers';
import { seedGroupSessions } from './tenant-group-sessions';
import { seedKnowledge } from './tenant-knowledge';
import { zoned } from './time';
import type { BabyReport, SeedData } from './types';

export type { BabyReport, SeedData } from './types';

/** Number of mothers of Puskesmas Bojong Nangka (hand-written ones included). */
export const BJN_MOTHERS = 150;
/** Oldest demo baby, in days: 6-month dates then fall in every one of the last 12 months. */
export const MAX_AGE_DAYS = 560;

function emptyData(): SeedData {
  return {
    kabupaten: [],
    puskesmas: [],
    villages: [],
    posyandu: [],
    coverageTargets: [],
    users: [],
    mothers: [],
    kaderAssignments: [],
    kaderPosyandu: [],
    babies: [],
    visits: [],
    groupSessions: [],
    sessionInvitations: [],
    attendance: [],
    forumCategories: [],
    forumPosts: [],
    forumComments: [],
    forumReactions: [],
    forumReports: [],
    serialCounters: [],
    certificates: [],
    lessons: [],
    builtinLessonStates: [],
    knowledgeChecks: [],
  };
}

export function buildSeedData(today: IsoDate, passwordHash: string): { data: SeedData; babies: BabyReport[] } {
  const data = emptyData();
  const ids = new Rng(`kekasihku-ids:${today}`);
  const names = new NameGen(new Rng('kekasihku-names'));

  // Kabupaten Bogor and its district office (issue #19): both demo puskesmas are in it. Ids from
  // their own generator, so that every other demo id stays what it was.
  const districtIds = new Rng(`kekasihku-district:${today}`);
  const kabupatenId = districtIds.uuid();
  data.kabupaten.push({ id: kabupatenId, name: DISTRICT.name, province: DISTRICT.province, createdAt: zoned(addDays(today, -650), 9) });

  // Puskesmas Bojong Nangka.
  const bjnRng = new Rng(`kekasihku-bjn:${today}`);
  const specials = bjnSpecials();
  for (const s of specials) if (s.name) names.reserve(s.name);
  for (const s of gptSpecials()) if (s.name) names.reserve(s.name);
  for (const k of [...BJN.kaders, ...GPT.kaders]) names.reserve(k.name);
  const fixedPhones = new Set(specials.map((s) => s.phone).filter((p): p is string => !!p));
  let slot = 1;
  const nextPhone = () => {
    let p: string;
    do p = `0813-3000-${pad(slot++, 4)}`;
    while (fixedPhones.has(p));
    return p;
  };
  const bjn = new TenantBuilder(BJN, today, passwordHash, data, ids, bjnRng, names, nextPhone, kabupatenId);
  seedPlaces(bjn);
  seedAccounts(bjn);
  const random = randomMothers(BJN, today, BJN_MOTHERS - specials.length, MAX_AGE_DAYS, bjnRng);
  // One mother near the edge of Posyandu Melati 2 is followed by a kader of Melati 1.
  const edge = random.find((m) => m.posyanduKey === 'melati2' && m.babies[0]!.ageDays < 150);
  if (edge) edge.assignedKaderKey = 'yati';
  seedPopulation(bjn, [...specials, ...random]);
  seedAwaitingReferral(bjn);
  emitBabiesAndVisits(bjn);
  seedGroupSessions(bjn, 12, (vi) => (vi === 0 ? 3 : 2), true);
  seedForum(bjn, BJN_POSTS);
  const certRng = new Rng(`kekasihku-certificates:${today}`);
  seedCertificates(bjn, certRng, ['dewi'], true);
  // Issue #28: lessons on visits and sessions, knowledge checks, own lessons (its own generators: nothing above changes).
  seedKnowledge(bjn, { ownLessons: true, selfChecks: ['rina', 'dewi'] });

  // Puskesmas Gunung Putri: small, for tenant isolation.
  const gptRng = new Rng(`kekasihku-gpt:${today}`);
  const gpt = new TenantBuilder(
    GPT,
    today,
    passwordHash,
    data,
    ids,
    gptRng,
    names,
    () => {
      throw new Error('GPT mothers have fixed phones');
    },
    kabupatenId,
  );
  seedPlaces(gpt);
  seedAccounts(gpt);
  seedPopulation(gpt, gptSpecials());
  emitBabiesAndVisits(gpt);
  seedGroupSessions(gpt, 2, () => 1, false);
  seedForum(gpt, GPT_POSTS);
  seedCertificates(gpt, certRng, ['g-yanti'], false);
  seedKnowledge(gpt, { ownLessons: false, selfChecks: [] });

  // The district office's account(s), after every puskesmas's.
  for (const d of DISTRICT.accounts) {
    data.users.push({
      id: districtIds.uuid(),
      puskesmasId: null,
      kabupatenId,
      role: 'dinkes',
      name: d.name,
      phone: e164(d.phone),
      passwordHash,
      createdAt: zoned(addDays(today, -640), 10),
    });
  }

  return { data, babies: [...bjn.reports(), ...gpt.reports()] };
}
