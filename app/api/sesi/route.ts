/**
 * Does this browser's sign-in still stand? For the kader's service worker (public/sw.js,
 * docs/decisions/036): 204 when the session is valid (checked against the database like every
 * page: the user active, the session row open and not idle, the session version current), 401
 * otherwise — then the worker empties the page copies and locks the outbox. No body, no personal
 * data, never cached.
 */
import { getCurrentUser } from '@/lib/auth/session';

const HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

export async function GET() {
  const user = await getCurrentUser();
  return new Response(null, { status: user ? 204 : 401, headers: HEADERS });
}
