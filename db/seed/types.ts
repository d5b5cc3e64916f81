/** The shape of the demo data built in memory (db/seed/build.ts), one array per table. */
import type { BabyFacts, IsoDate, JourneyStatus } from '../../lib/domain';
import type * as schema from '../schema';

export type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface SeedData {
  kabupaten: Row<typeof schema.kabupaten>[];
  puskesmas: Row<typeof schema.puskesmas>[];
  villages: Row<typeof schema.villages>[];
  posyandu: Row<typeof schema.posyandu>[];
  coverageTargets: Row<typeof schema.coverageTargets>[];
  users: Row<typeof schema.users>[];
  mothers: Row<typeof schema.mothers>[];
  kaderAssignments: Row<typeof schema.kaderAssignments>[];
  kaderPosyandu: Row<typeof schema.kaderPosyandu>[];
  babies: Row<typeof schema.babies>[];
  visits: Row<typeof schema.visits>[];
  groupSessions: Row<typeof schema.groupSessions>[];
  sessionInvitations: Row<typeof schema.sessionInvitations>[];
  attendance: Row<typeof schema.attendance>[];
  forumCategories: Row<typeof schema.forumCategories>[];
  forumPosts: Row<typeof schema.forumPosts>[];
  forumComments: Row<typeof schema.forumComments>[];
  forumReactions: Row<typeof schema.forumReactions>[];
  forumReports: Row<typeof schema.forumReports>[];
  serialCounters: Row<typeof schema.serialCounters>[];
  certificates: Row<typeof schema.certificates>[];
  /** Issue #28 (db/seed/tenant-knowledge.ts). */
  lessons: Row<typeof schema.lessons>[];
  builtinLessonStates: Row<typeof schema.builtinLessonStates>[];
  knowledgeChecks: Row<typeof schema.knowledgeChecks>[];
}

/** One baby as built, for checks and reports. */
export interface BabyReport {
  puskesmasCode: string;
  motherKey: string;
  motherName: string;
  posyanduKey: string;
  babyId: string;
  birthDate: IsoDate;
  story: string;
  intended: JourneyStatus | null;
  status: JourneyStatus;
  facts: BabyFacts;
}
