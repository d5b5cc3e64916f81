/**
 * Liveness: 200 while the process serves requests. It does not touch the database — a
 * database outage must not make the orchestrator restart every instance (see ready).
 */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'live' }, { headers: { 'Cache-Control': 'no-store' } });
}
