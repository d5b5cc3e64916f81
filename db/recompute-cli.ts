/**
 * `npm run db:recompute`: rebuild every derived coverage row from the records — each baby's
 * state and status timeline, its coverage_baby_months and coverage_baby_windows rows (computed
 * by lib/domain), and the sums in coverage_months. After a restore of a backup made before a
 * rule changed, or after changing a rule of lib/domain (docs/decisions/058). Safe to run while
 * the portal is up on PostgreSQL (each chunk of babies is one transaction under their row
 * locks); on the embedded database only while no server is running on it (PGlite allows one process).
 */
import { migrateDatabase, openDatabase } from './client';
import { recomputeCoverage } from './coverage';

async function main() {
  const handle = await openDatabase();
  await migrateDatabase(handle);
  const started = Date.now();
  let shown = 0;
  const n = await recomputeCoverage(handle.db, (done, total) => {
    if (done - shown >= 10_000 || done === total) {
      shown = done;
      console.log(`  ${done} / ${total} babies`);
    }
  });
  console.log(`coverage recomputed: ${n} babies in ${((Date.now() - started) / 1000).toFixed(1)} s (${handle.kind})`);
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
