/**
 * The baseline: the lightest app Next.js itself serves, made fresh in bench/.work/bare (git-ignored)
 * with the portal's own `next`, `react` and `react-dom` (resolved from the portal's node_modules,
 * one folder up the tree). One static page (`/`) and one dynamic page (`/dynamic`). Plain JS, no
 * CSS, no config beyond the defaults (but pageExtensions, see below).
 */
import fs from 'node:fs';
import path from 'node:path';
import { nextBuild, WORK } from './support';

export const BARE_DIR = path.join(WORK, 'bare');

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare', private: true, version: '0.0.0' }, null, 2),
  // Turbopack's workspace root is the portal (the nearest lockfile), and it would pick up the
  // portal's instrumentation.ts and proxy.ts from there: with pageExtensions ['jsx'] it doesn't.
  'next.config.mjs': `export default { poweredByHeader: false, pageExtensions: ['jsx'] };\n`,
  'app/layout.jsx': `export const metadata = { title: 'bare' };
export default function RootLayout({ children }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
  'app/page.jsx': `export default function Page() {
  return <main><h1>Hello</h1><p>The lightest page Next.js serves.</p></main>;
}
`,
  'app/dynamic/page.jsx': `export const dynamic = 'force-dynamic';
export default async function Page() {
  return <main><h1>Now</h1><p>{new Date().toISOString()}</p></main>;
}
`,
};

/** Writes the bare app and builds it (next build). */
export function buildBareApp(): string {
  fs.rmSync(BARE_DIR, { recursive: true, force: true });
  for (const [name, text] of Object.entries(FILES)) {
    const file = path.join(BARE_DIR, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  nextBuild(BARE_DIR);
  return BARE_DIR;
}
