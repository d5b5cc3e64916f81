/**
 * Runs once when the server process starts: opens the database, applies migrations and, when
 * DEMO_DATA=1 on an empty database, loads the demo data. PGlite allows one process only, so
 * this must happen here, inside the server, not in a separate command. On PostgreSQL the
 * migrations (and the demo seed) run under an advisory lock: instances starting together
 * migrate once (db/client.ts). While the database then holds no puskesmas (a real install, no
 * DEMO_DATA), it prints a one-time setup code for /pasang (issue #18, lib/data/setup.ts).
 */
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDbHandle, closeDatabase, replaceDatabase } = await import('./db/client');
  const { onClose, onDatabaseFault } = await import('./lib/server/lifecycle.mjs');
  const handle = await getDbHandle();
  // The production server (scripts/server.mjs) closes the pool after the last request, and
  // replaces it after the driver's write-after-close bug (docs/decisions/037).
  onClose(closeDatabase);
  onDatabaseFault(replaceDatabase);
  if (process.env.DEMO_DATA === '1') {
    const { printDemoBanner } = await import('./lib/server/banner');
    printDemoBanner(handle.kind);
  }
  await printSetupCode();
  startRetention();
}

/**
 * Issue #30 (docs/decisions/062): erases the identities whose retention period has passed, once
 * at start-up and then daily. Every instance runs it; a mother is erased once (row lock and
 * erased_at). Logged with counts only, never a name. Does not hold up the start.
 */
function startRetention(): void {
  const run = async () => {
    const { getLogger, errorFields } = await import('./lib/server/log-core.mjs');
    try {
      const { runRetention } = await import('./lib/data/data-rights');
      const res = await runRetention();
      getLogger().info({ retention: res }, 'retention run');
    } catch (err) {
      getLogger().error({ err: errorFields(err) }, 'retention run failed');
    }
  };
  setTimeout(() => void run(), 5_000).unref();
  setInterval(() => void run(), 24 * 60 * 60 * 1000).unref();
}

/**
 * First run: a new setup code, of which only the hash is stored, printed on one plain line
 * (console.log: whatever LOG_LEVEL says) that starts with "KEKASIHKU setup code: ". Every start
 * on an empty database prints a new one; all stay valid until a puskesmas is created.
 */
async function printSetupCode(): Promise<void> {
  try {
    const { issueSetupCode } = await import('./lib/data/setup');
    const code = await issueSetupCode();
    if (!code) return;
    const { formatSetupCode } = await import('./lib/domain/setup');
    console.log(
      `KEKASIHKU setup code: ${formatSetupCode(code)} — no puskesmas yet: open /pasang in the browser and enter this code to create the puskesmas and its first admin.`,
    );
  } catch (err) {
    const { getLogger, errorFields } = await import('./lib/server/log-core.mjs');
    getLogger().error({ err: errorFields(err) }, 'setup code not issued');
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
