/**
 * `npm run db:seed` (`npx tsx db/seed-cli.ts`): migrate DATABASE_URL (or the embedded database
 * when unset — only while no server runs on it: PGlite allows one process), load the demo data
 * if the database is empty, and print the demo logins.
 */
import { migrateDatabase, openDatabase } from './client';
import { DEMO_LOGINS, DEMO_PASSWORD, defaultSeedToday, seedIfEmpty } from './seed';

async function main() {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const today = defaultSeedToday();
    const started = Date.now();
    const seeded = await seedIfEmpty(handle.db, { today });
    console.log(
      seeded
        ? `KEKASIHKU: demo data loaded (${handle.kind}, today = ${today}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : `KEKASIHKU: the database (${handle.kind}) already has data; the demo was not loaded.`,
    );
    console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(6)} ${l.phone.padEnd(15)} ${l.name} — ${l.what}`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
