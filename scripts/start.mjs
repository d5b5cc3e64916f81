#!/usr/bin/env node
// `npm start`: build when needed, then start the production server from the standalone
// folder (scripts/server.mjs in .next/standalone). Without DATABASE_URL it runs on the
// embedded database (PGlite in .data/pglite) and loads the demo data on first start.
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const env = { ...process.env };
fs.mkdirSync('.data', { recursive: true });

if (!env.AUTH_SECRET) {
  const file = path.join('.data', 'auth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
if (!env.DATABASE_URL && env.DEMO_DATA === undefined) env.DEMO_DATA = '1';
// The server runs inside .next/standalone, which every build replaces: keep the embedded
// database outside it, at an absolute path.
env.PGLITE_DIR = path.resolve(root, env.PGLITE_DIR ?? path.join('.data', 'pglite'));
const port = env.PORT ?? '3000';

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = path.join('.next', 'standalone', '.next', 'BUILD_ID');
const sources = ['app', 'components', 'lib', 'db', 'messages'].map(newestMtime);
const configs = ['next.config.ts', 'proxy.ts', 'instrumentation.ts', 'package-lock.json', 'app/globals.css'].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0));
const stale = !fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < Math.max(...sources, ...configs);
if (stale && env.SKIP_BUILD !== '1') {
  console.log('KEKASIHKU: building the portal (first start or changed sources)…');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Static files, migrations and the server into the standalone folder (cheap; every start).
const b = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit', env });
if (b.status !== 0) process.exit(b.status ?? 1);

console.log(`KEKASIHKU: starting on http://localhost:${port} (${env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'})`);
env.PORT = port;
const child = spawn(process.execPath, [path.join('.next', 'standalone', 'scripts', 'server.mjs')], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
