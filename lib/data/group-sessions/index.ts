/**
 * Group sessions' data access, split along its seams: shared.ts (the session and its policy),
 * schedule.ts, lists.ts, rsvp.ts, attendance.ts and summary.ts. Import from
 * '@/lib/data/group-sessions'; the modules' own helpers stay inside the folder.
 */
import 'server-only';
export type { GroupSessionRow, SimpleResult } from './shared';
export * from './schedule';
export * from './lists';
export * from './rsvp';
export * from './attendance';
export * from './summary';
