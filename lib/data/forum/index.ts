/**
 * The sharing forum's data access, split along its seams: shared.ts (visibility, authors), read.ts, categories.ts, write.ts, moderation.ts and search.ts. Import from
 * '@/lib/data/forum'; the modules' own helpers stay inside the folder.
 */
import 'server-only';
export { PAGE_SIZE, REPLY_PAGE_SIZE, ForumError, type AuthorView } from './shared';
/** The hourly posting limits, under the name the tests know (the rule is in lib/domain/forum.ts). */
export { FORUM_RATE_LIMITS as RATE_LIMITS } from '@/lib/domain/forum';
export * from './read';
export * from './categories';
export * from './write';
export * from './moderation';
export * from './search';
