/**
 * Runs once when the server process starts: opens the database, applies migrations and, when
 * DEMO_DATA=1 on an empty database, loads the demo data. PGlite allows one process only, so
 * this must happen here, inside the server, not in a separate command. On PostgreSQL the
 * migrations (and the demo seed) run under an advisory lock: instances starting together
 * migrate once (db/client.ts).
 */
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDbHandle, closeDatabase } = await import('./db/client');
  const { onClose } = await import('./lib/server/lifecycle.mjs');
  const handle = await getDbHandle();
  // The production server (scripts/server.mjs) closes the pool after the last request.
  onClose(closeDatabase);
  if (process.env.DEMO_DATA === '1') {
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import('./db/seed');
    const lines = DEMO_LOGINS.map((l) => `  ${l.role.padEnd(6)} ${l.phone.padEnd(15)} ${l.name} — ${l.what}`);
    // A banner for people trying the demo (made-up accounts), not a log event.
    process.stdout.write(
      [`KEKASIHKU: database ready (${handle.kind}). Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines, ''].join('\n'),
    );
  }
}

/** Every error Next catches while serving a request: one JSON line with where and which request. */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getLogger, routeOf, errorFields } = await import('./lib/server/log-core.mjs');
  const id = request.headers['x-request-id'];
  getLogger().error(
    {
      reqId: Array.isArray(id) ? id[0] : id,
      method: request.method,
      route: routeOf(request.path),
      routePath: context.routePath,
      routeType: context.routeType,
      renderSource: context.renderSource,
      err: errorFields(err),
    },
    'request error',
  );
};
