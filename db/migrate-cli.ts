/**
 * `npm run db:migrate`: apply the committed migrations to DATABASE_URL (or the embedded
 * database when unset — only while no server is running on it: PGlite allows one process).
 */
import { migrateDatabase, openDatabase } from './client';

async function main() {
  const handle = await openDatabase();
  const applied = await migrateDatabase(handle);
  console.log(`migrations: ${applied} applied (${handle.kind}; under the same advisory lock as the servers)`);
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
