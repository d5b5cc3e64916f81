/**
 * Extra production instances for the multi-instance journeys (e2e/multi-instance.spec.ts):
 * the standalone server that the Playwright web server has already built, started on other
 * ports against a PostgreSQL database of their own, and a small TCP proxy that can stop,
 * pause and restart the way to the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, dropDatabase } from '../scripts/pg-admin.mjs';

const root = path.resolve(__dirname, '..');
export const SERVER = path.join(root, '.next', 'standalone', 'scripts', 'server.mjs');

export type LogLine = Record<string, unknown> & { level?: string; msg?: string };

export class Instance {
  readonly url: string;
  readonly out: string[] = [];
  private child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const base = { ...process.env };
    for (const k of ['DATABASE_URL', 'PGLITE_DIR', 'DEMO_DATA', 'PORT', 'E2E_PORT']) delete base[k];
    this.child = spawn(process.execPath, [SERVER], {
      cwd: root,
      env: { ...base, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        this.out.push(...lines);
      });
    }
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The JSON log lines (the demo banner and other plain lines are left out). */
  logs(): LogLine[] {
    return this.out.flatMap((l) => {
      if (!l.startsWith('{')) return [];
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
  }

  errors(): LogLine[] {
    return this.logs().filter((l) => l.level === 'error' || l.level === 'fatal');
  }

  async waitReady(timeoutMs = 180_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((c) => (exitCode = c));
    while (Date.now() < end) {
      if (exitCode !== undefined) throw new Error(`${this.name} exited (${exitCode}):\n${this.out.slice(-30).join('\n')}`);
      if ((await this.status('/api/health/ready')) === 200) return;
      await sleep(500);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.out.slice(-30).join('\n')}`);
  }

  /** HTTP status of a GET, or 0 when the connection fails. */
  async status(p: string): Promise<number> {
    try {
      const res = await fetch(this.url + p, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  signal(sig: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(sig);
  }

  async stop(): Promise<void> {
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * A new puskesmas's instance on an EMPTY database (issue #18): a new PostgreSQL database of its
 * own when DATABASE_URL is set, else a new embedded (PGlite) folder; no demo data. `dir` is a
 * throw-away folder of this instance (PGlite's data inside it), for files the journey writes.
 */
export type EmptyInstance = { instance: Instance; dir: string; stop: () => Promise<void> };

export async function startEmptyInstance(name: string, port: number): Promise<EmptyInstance> {
  const stamp = `${Date.now()}_${process.pid}`;
  const env: Record<string, string> = { AUTH_SECRET: randomBytes(32).toString('base64url') };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kekasihku-${name}-`));
  let dbName: string | undefined;
  if (process.env.DATABASE_URL) {
    dbName = `kekasihku_${name.replace(/[^a-z0-9]/gi, '_')}_${stamp}`;
    env.DATABASE_URL = await createDatabase(process.env.DATABASE_URL, dbName);
  } else {
    env.PGLITE_DIR = path.join(dir, 'pglite');
  }
  const instance = new Instance(name, port, env);
  const stop = async () => {
    await instance.stop();
    if (dbName && process.env.DATABASE_URL) await dropDatabase(process.env.DATABASE_URL, dbName);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await instance.waitReady();
  } catch (e) {
    await stop();
    throw e;
  }
  return { instance, dir, stop };
}

/** The setup code an empty instance printed at start-up. */
export function setupCodeOf(instance: Instance): string {
  const line = instance.out.find((l) => l.includes('KEKASIHKU setup code:'));
  const m = line && /KEKASIHKU setup code: ([A-Z0-9-]+)/.exec(line);
  if (!m) throw new Error(`no setup code in the log:\n${instance.out.slice(-20).join('\n')}`);
  return m[1]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A TCP proxy in front of PostgreSQL. stop(): closes the listener and cuts every connection,
 * as the instance sees a database that is down; start(): listens again. pause(): holds the
 * bytes of every connection (a query in flight waits) until resume().
 */
export class DbProxy {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  private paused = false;
  private waiting: (() => void)[] = [];
  held = 0;

  constructor(
    readonly port: number,
    readonly target: { host: string; port: number },
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const forward = (to: net.Socket) => (chunk: Buffer) => {
        if (!this.paused) return void to.write(chunk);
        this.held += chunk.length;
        this.waiting.push(() => to.write(chunk));
      };
      client.on('data', forward(upstream));
      upstream.on('data', forward(client));
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  pause(): void {
    this.held = 0;
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const send of this.waiting.splice(0)) send();
  }
}
