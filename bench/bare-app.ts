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
  // The floor for a page of real size (issue #31): the markup of the kader's home as plain JSX
  // (the same list items, class names and bottom navigation with next/link and its icons, 40 KB
  // of HTML) with no data, session or translation: what Next.js and React alone cost for it.
  'app/list/page.jsx': `import Link from 'next/link';
export const dynamic = 'force-dynamic';
const ids = Array.from({ length: 24 }, (_, i) => '00000000-0000-4000-8000-' + String(i).padStart(12, '0'));
const icon = <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round"><path d="M3 10.5 12 3l9 7.5V21a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z" /></svg>;
export default async function Page() {
  const now = new Date();
  return (
    <div className="min-h-screen pb-20">
      <header className="flex items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2"><p className="text-lg font-bold text-brand">KEKASIHKU</p><a href="/akun" className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-semibold text-brand underline-offset-4 hover:underline">Akun</a></header>
      <main id="main" className="mx-auto max-w-xl px-4 py-4">
        <h1 className="text-2xl font-bold text-ink">Halo, Kader Siti</h1>
        <p className="mt-1 text-muted">Posyandu Mawar · {now.toISOString()}</p>
        <ul className="mt-3 flex flex-col gap-2">
          {ids.map((id, i) => (
            <li key={id} data-kind="open" data-status="ongoing" className="kl-item">
              <div className="kl-head"><a href={'/kader/bayi/' + id} className="kl-name inline-flex min-h-11 items-center">Ibu Nama Lengkap {i}</a><span className="kl-badge kl-info">Jendela terbuka, {i % 5} hari lagi</span></div>
              <p className="kl-meta mt-1">{'Bayi (Laki-laki) · ' + i * 7 + ' hari · mengisi kunjungan ' + ((i % 4) + 1)}</p>
              <p className="mt-1"><span className="kl-badge kl-ok">ASI eksklusif</span></p>
              <a href={'/kader/bayi/' + id + '/kunjungan'} className="kl-act">Catat kunjungan</a>
            </li>
          ))}
        </ul>
      </main>
      <nav aria-label="Navigasi utama" className="fixed inset-x-0 bottom-0 border-t border-line bg-surface">
        <ul className="mx-auto flex max-w-xl">
          {['/kader', '/kader/ibu', '/kader/pertemuan', '/forum', '/kader/ringkasan'].map((href) => (
            <li key={href} className="flex-1"><Link href={href} className="flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs font-semibold text-muted">{icon}{href}</Link></li>
          ))}
        </ul>
      </nav>
    </div>
  );
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
