/**
 * Readiness: 200 when this instance can serve (the database answers `select 1` within
 * HEALTH_DB_TIMEOUT_MS, default 3 s), 503 while the database is unreachable or while the
 * instance is shutting down, so that the load balancer sends requests elsewhere.
 */
import { pingDatabase } from '@/db/client';
import { isDraining } from '@/lib/server/lifecycle.mjs';
import { log } from '@/lib/server/log';

export const dynamic = 'force-dynamic';

const headers = { 'Cache-Control': 'no-store' };

export async function GET() {
  if (isDraining()) return Response.json({ status: 'draining' }, { status: 503, headers });
  const timeout = Number(process.env.HEALTH_DB_TIMEOUT_MS) || 3000;
  if (!(await pingDatabase(timeout))) {
    log.warn({ timeoutMs: timeout }, 'readiness: the database does not answer');
    return Response.json({ status: 'database unavailable' }, { status: 503, headers });
  }
  return Response.json({ status: 'ready' }, { headers });
}
