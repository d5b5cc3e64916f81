#!/usr/bin/env node
// `npm test`: every test — unit and integration (vitest), then the Playwright journeys
// (which build the portal and start it on a fresh database). With DATABASE_URL set, the
// integration tests run on PostgreSQL as well as on PGlite, and the journeys on PostgreSQL;
// without it, everything runs on the embedded database.
// Extra arguments go to both runners' filters: `npm test -- login`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
fs.mkdirSync('test-results', { recursive: true });
const args = process.argv.slice(2);
const only = process.env.TEST_ONLY; // 'vitest' | 'e2e'
const db = process.env.DATABASE_URL ? 'PostgreSQL + PGlite' : 'PGlite (embedded)';
console.log(`KEKASIHKU tests on ${db}`);

let passed = 0;
let failed = 0;
let skipped = 0;
let exit = 0;

function run(cmd, cmdArgs) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) exit = r.status || 1;
  return r.status === 0;
}

/** A runner that failed without a failing test (a crash, a config error) counts as one failure. */
function runnerFailed(ok, failedBefore) {
  if (!ok && failed === failedBefore) {
    failed += 1;
    console.log('(the runner itself failed: counted as one failure)');
  }
}

if (only !== 'e2e') {
  const out = 'test-results/vitest.json';
  fs.rmSync(out, { force: true });
  const before = failed;
  const ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args]);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + (j.numTodoTests ?? 0);
  }
  runnerFailed(ok, before);
}

if (only !== 'vitest') {
  const out = 'test-results/e2e.json';
  fs.rmSync(out, { force: true });
  const before = failed;
  const ok = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...args]);
  if (fs.existsSync(out)) {
    const s = JSON.parse(fs.readFileSync(out, 'utf8')).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0); // flaky = passed on retry
    failed += s.unexpected ?? 0;
    skipped += s.skipped ?? 0;
  }
  runnerFailed(ok, before);
}

fs.writeFileSync('test-results/summary.json', JSON.stringify({ passed, failed, skipped, database: db }));
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 && exit === 0) exit = 1;
process.exit(exit);
