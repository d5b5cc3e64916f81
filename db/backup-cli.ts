/**
 * `npm run db:backup [-- <file>]` and `npm run db:restore -- <file> --yes`: the database of
 * DATABASE_URL, or the embedded one (PGLITE_DIR, default .data/pglite) when it is unset.
 * The embedded database can be backed up and restored only while the portal is stopped.
 * See docs/backups.md.
 */
import path from 'node:path';
import { backupDatabase, restoreDatabase, type BackupTarget } from './backup';

function target(): BackupTarget {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  return { dataDir: process.env.PGLITE_DIR ?? path.join('.data', 'pglite') };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const args = rest.filter((a) => !a.startsWith('--'));
  const t = target();
  const where = 'url' in t ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${t.dataDir}`;
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = args[0] ?? path.join('backups', `kekasihku-${stamp}.${'url' in t ? 'dump' : 'tar.gz'}`);
    const { bytes } = await backupDatabase(t, file);
    console.log(`backup of the ${where} written to ${file} (${bytes} bytes, readable by its owner only)`);
  } else if (command === 'restore') {
    const file = args[0];
    if (!file) throw new Error('usage: npm run db:restore -- <file> --yes');
    if (!rest.includes('--yes')) {
      console.error(`This replaces everything in the ${where} with ${file}. Run again with --yes to go on.`);
      process.exit(2);
    }
    await restoreDatabase(t, file);
    console.log(`the ${where} now holds the backup ${file}`);
  } else {
    throw new Error('usage: backup-cli.ts backup [file] | restore <file> --yes');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
