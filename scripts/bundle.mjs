#!/usr/bin/env node
// After `next build`: completes .next/standalone into a folder that runs on its own
// (`node .next/standalone/scripts/server.mjs`, or copied into a container image):
// the static files and public/ (Next leaves them out for a CDN), the migrations, the built-in
// lessons (content/lessons, read at run time by lib/lessons/library.ts), and the
// production server with the plain modules it loads.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, '.next', 'standalone');
if (!fs.existsSync(path.join(out, '.next', 'required-server-files.json'))) {
  console.error('bundle: no .next/standalone — is `output: "standalone"` in next.config.ts and did `next build` run?');
  process.exit(1);
}
const copies = [
  ['.next/static', '.next/static'],
  ['public', 'public'],
  ['db/migrations', 'db/migrations'],
  ['content/lessons', 'content/lessons'],
  ['scripts/server.mjs', 'scripts/server.mjs'],
  ['lib/server/log-core.mjs', 'lib/server/log-core.mjs'],
  ['lib/server/lifecycle.mjs', 'lib/server/lifecycle.mjs'],
  ['lib/server/forwarded.mjs', 'lib/server/forwarded.mjs'],
];
for (const [from, to] of copies) {
  const src = path.join(root, from);
  if (!fs.existsSync(src)) continue;
  const dest = path.join(out, to);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(src, dest, { recursive: true });
}
// Modules the server imports must resolve inside the folder (traced there by the app's imports).
for (const pkg of ['next', 'pino']) {
  if (!fs.existsSync(path.join(out, 'node_modules', pkg, 'package.json'))) {
    console.error(`bundle: ${pkg} is missing from .next/standalone/node_modules`);
    process.exit(1);
  }
}
console.log('bundle: .next/standalone is ready (node .next/standalone/scripts/server.mjs)');
