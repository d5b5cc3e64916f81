/**
 * Runs once when the server process starts: opens the database, applies migrations and, when
 * DEMO_DATA=1 on an empty database, loads the demo data. PGlite allows one process only, so
 * this must happen here, inside the server, not in a separate command.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDbHandle } = await import('./db/client');
  const handle = await getDbHandle();
  if (process.env.DEMO_DATA === '1') {
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import('./db/seed');
    const lines = DEMO_LOGINS.map((l) => `  ${l.role.padEnd(6)} ${l.phone.padEnd(15)} ${l.name} — ${l.what}`);
    console.log(
      [`KEKASIHKU: database ready (${handle.kind}). Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n'),
    );
  }
}
