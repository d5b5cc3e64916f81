/**
 * Backups of the portal's database, for `npm run db:backup` and `npm run db:restore`
 * (docs/backups.md). PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean`, the tools
 * PostgreSQL itself ships (they must be at least the server's version). Embedded database:
 * PGlite's own `dumpDataDir` tarball of its data folder, loaded back with `loadDataDir`.
 * A backup holds the health data of mothers and children: files are written readable by
 * their owner only (0600) and must be stored encrypted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type BackupTarget = { url: string } | { dataDir: string };

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', (e) => reject(new Error(`${cmd} could not start (${e.message}); install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

function prepareFile(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** Writes a backup of the whole database (every schema, incl. the migration journal) to file. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<{ bytes: number }> {
  prepareFile(file);
  if ('url' in target) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${target.url}`]);
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(path.resolve(target.dataDir));
    await db.waitReady;
    try {
      const blob = await db.dumpDataDir('gzip');
      fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
    } finally {
      await db.close();
    }
  }
  fs.chmodSync(file, 0o600);
  return { bytes: fs.statSync(file).size };
}

/**
 * Replaces the database's content with the backup's. PostgreSQL: in one transaction, dropping
 * what exists first. Embedded: the data folder is replaced (the server must be stopped: PGlite
 * allows one process).
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no backup file ${file}`);
  if ('url' in target) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${target.url}`, file]);
    return;
  }
  const dir = path.resolve(target.dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  // Load into a fresh folder beside the old one, then swap, so a failed load loses nothing.
  const fresh = `${dir}.restoring-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = new PGlite(fresh, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.waitReady;
  await db.query('select 1');
  await db.close();
  const old = `${dir}.replaced-${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(fresh, dir);
  fs.rmSync(old, { recursive: true, force: true });
}
