/**
 * A built-in lesson's version: sha256 of its Indonesian and English files (content/lessons). A
 * puskesmas's review is for one version (builtin_lesson_states.reviewed_hash). No 'server-only'
 * and no alias imports: lib/lessons/library.ts and the demo seed (db/seed) both compute it here.
 */
import { createHash } from 'node:crypto';

export function lessonVersionHash(idSource: string, enSource: string): string {
  return createHash('sha256').update(idSource).update('\u0000').update(enSource).digest('hex');
}
