/**
 * The sharing forum's data access, split along its seams: shared.ts (visibility, authors,
 * limits), read.ts, categories.ts, write.ts, moderation.ts and search.ts. Import from
 * '@/lib/data/forum'; the modules' own helpers stay inside the folder.
 */
import 'server-only';
export { PAGE_SIZE, REPLY_PAGE_SIZE, RATE_LIMITS, EDIT_WINDOW_HOURS, HELD_FIRST_POSTS, ForumError, type AuthorView } from './shared';
export * from './read';
export * from './categories';
export * from './write';
export * from './moderation';
export * from './search';
