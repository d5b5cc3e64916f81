#!/usr/bin/env node
// Started by Playwright: a production build of the portal on its own fresh database with the
// demo data — a new PostgreSQL database when DATABASE_URL is set, else a new PGlite folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, dropStaleDatabases } from './pg-admin.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const stamp = `${Date.now()}_${process.pid}`;
const env = { ...process.env, DEMO_DATA: '1', AUTH_SECRET: randomBytes(32).toString('base64url'), PORT: process.env.E2E_PORT ?? '3100' };
if (process.env.DATABASE_URL) {
  await dropStaleDatabases(process.env.DATABASE_URL, 'kekasihku_e2e_');
  env.DATABASE_URL = await createDatabase(process.env.DATABASE_URL, `kekasihku_e2e_${stamp}`);
  console.log('e2e: PostgreSQL database kekasihku_e2e_' + stamp);
} else {
  const base = path.join('.data', 'e2e');
  fs.rmSync(base, { recursive: true, force: true });
  env.PGLITE_DIR = path.join(base, stamp);
  console.log('e2e: embedded database in ' + env.PGLITE_DIR);
}
const child = spawn(process.execPath, ['scripts/start.mjs'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
