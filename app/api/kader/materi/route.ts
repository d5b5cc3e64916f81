/**
 * The lesson pages the kader's phone keeps for use without signal (issue #28 point 4,
 * docs/decisions/036): GET → 200 {pages: ['/materi/pkm/<kode>', '/materi/pkm/<kode>/<slug>', …]},
 * her puskesmas's list and every lesson a reader of it may see (built-in ones it does not hide,
 * its own published ones). Lessons hold no personal data; the list is still only for a signed-in
 * kader (401 signed out, 403 another role), checked against the database like every page.
 * public/sw.js fetches it while pre-caching and stores those pages; it drops the ones no longer listed.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { readerLibrary } from '@/lib/data/lessons';

const HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ status: 'signedOut' }, { status: 401, headers: HEADERS });
  if (user.role !== 'kader') return Response.json({ status: 'refused' }, { status: 403, headers: HEADERS });
  const { href, lessons } = await readerLibrary(user);
  return Response.json({ pages: href ? [href, ...lessons.map((l) => l.href)] : [] }, { headers: HEADERS });
}
