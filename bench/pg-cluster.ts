/**
 * A private PostgreSQL cluster for one benchmark run (bench/load-faults.ts): initdb into a
 * temporary folder, its own port and socket folder, so the run can stop and start it without
 * touching any other server. initdb refuses to run as root: as root every command runs as the
 * `postgres` OS user (runuser). Binaries: PG_BIN, else /usr/lib/postgresql/15/bin.
 *
 * The cluster is removed at the end: stop() + remove(), and, if the process dies first
 * (Ctrl-C, an exception), a synchronous immediate stop and removal on exit.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[], opts: { allowFail?: boolean } = {}) {
  const full = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]] : [path.join(BIN, cmd), args];
  const r = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The same, without blocking the event loop (the load keeps running while the server stops). */
function runAsync(cmd: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]] : [path.join(BIN, cmd), args];
  return new Promise((resolve, reject) =>
    execFile(file as string, argv as string[], { encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(),
    ),
  );
}

export async function freePort(from: number): Promise<number> {
  for (let p = from; p < from + 100; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port in ${from}–${from + 99}`);
}

export class PgCluster {
  readonly dir: string;
  readonly port: number;
  private removed = false;
  private readonly onExit = () => this.removeSync();

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
    process.on('exit', this.onExit);
  }

  /** initdb (trust authentication on 127.0.0.1 only) and start. */
  static async create(port: number): Promise<PgCluster> {
    if (!fs.existsSync(path.join(BIN, 'initdb'))) throw new Error(`no PostgreSQL binaries in ${BIN} (apt-get install postgresql-15, or set PG_BIN)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kekasihku-faults-pg-'));
    if (asRoot) spawnSync('chown', ['postgres:', dir]);
    const c = new PgCluster(dir, port);
    try {
      run('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
      // Listen on 127.0.0.1 only, socket in our folder (not /var/run/postgresql, which is the shared server's).
      fs.appendFileSync(
        path.join(dir, 'data', 'postgresql.conf'),
        `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nmax_connections = 100\nshared_buffers = 128MB\n`,
      );
      await c.start();
    } catch (err) {
      c.removeSync();
      throw err;
    }
    return c;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): Promise<void> {
    return runAsync('pg_ctl', ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** fast: sessions are terminated (their transactions roll back); immediate: like a crash, recovery at the next start. */
  stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    return runAsync('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', '-t', '60', 'stop']);
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'server.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops (immediate) if running and deletes the folder. Safe to call twice. */
  removeSync() {
    if (this.removed) return;
    this.removed = true;
    process.off('exit', this.onExit);
    if (fs.existsSync(path.join(this.dir, 'data', 'postmaster.pid')))
      run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop'], { allowFail: true });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
