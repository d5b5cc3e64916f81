/**
 * The portal's routes, read from app/**\/page.tsx so that a new page is measured without
 * editing the benchmark, each with the role that opens it and its page-weight class:
 *   reading ≤ 1.15 × the bare page, form ≤ 1.35 ×, chart ≤ 1.8 ×.
 * Defaults: the staff dashboard (`/staff`) is a chart page; the table below names the reading
 * pages of the issue (forum, `/ibu`, the kader's lists) and the pages that render a client form;
 * a route not named is a form page when its rendered HTML has a <form>, else a reading page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support';

export type WeightClass = 'reading' | 'form' | 'chart' | 'lesson';
export type Role = 'public' | 'admin' | 'staff' | 'kader' | 'ibu';
/** lesson: the public lesson pages (issue #28), no client JavaScript of their own. */
export const BUDGET: Record<WeightClass, number> = { reading: 1.15, form: 1.35, chart: 1.8, lesson: 1.1 };

export const CLASS_OF: Record<string, WeightClass> = {
  '/staff': 'chart',
  '/forum': 'reading',
  '/forum/k/[slug]': 'reading',
  '/forum/t/[id]': 'reading',
  '/forum/cari': 'reading',
  '/ibu': 'reading',
  '/kader': 'reading',
  '/kader/bayi/[babyId]': 'reading',
  '/kader/ibu': 'reading',
  '/login': 'form',
  '/aktivasi': 'form',
  '/forum/baru': 'form',
  '/forum/ubah': 'form',
  '/kader/bayi/[babyId]/kunjungan': 'form',
  '/kader/ibu/baru': 'form',
  '/staff/ibu/baru': 'form',
  '/materi': 'lesson',
  '/materi/[slug]': 'lesson',
  '/materi/pkm/[kode]': 'lesson',
  '/materi/pkm/[kode]/[slug]': 'lesson',
};

/** Who opens the route (the first role allowed by the section); forum reading as a mother. */
export function roleOf(route: string): Role {
  if (['/login', '/aktivasi', '/'].includes(route) || route.startsWith('/verifikasi') || route === '/materi' || route.startsWith('/materi/')) return 'public';
  if (route === '/forum/moderasi' || route === '/forum/kategori') return 'staff';
  if (route.startsWith('/staff')) return 'staff';
  if (route.startsWith('/kader')) return 'kader';
  return 'ibu'; // /ibu, /forum/*
}

/** Extra query a route needs to render (else it answers 404). Filled in by `resolveParams`. */
export type Route = { pattern: string; role: Role; cls?: WeightClass; dynamic: boolean };

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name === 'page.tsx' || e.name === 'page.ts' || e.name === 'page.jsx' || e.name === 'page.js') out.push(p);
  }
  return out;
}

export function inventory(): Route[] {
  const app = path.join(ROOT, 'app');
  return walk(app)
    .map((file) => {
      const segs = path
        .relative(app, path.dirname(file))
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
      const pattern = '/' + segs.join('/');
      return { pattern, role: roleOf(pattern), cls: CLASS_OF[pattern], dynamic: segs.some((s) => s.startsWith('[')) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A regexp of the concrete paths of a pattern (`/forum/t/[id]` → `/forum/t/<anything but />`). */
export function patternRegExp(pattern: string): RegExp {
  const src = pattern
    .split('/')
    .map((s) => (s.startsWith('[') ? '[^/?#]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${src}(\\?.*)?$`);
}

/**
 * A concrete URL for each route: the pattern itself when static; else the first link found on
 * the pages already visited that matches it. Routes that need a query get it from a link too
 * (`/forum/ubah?tulisan=…`), else they are measured bare.
 */
export function resolveUrl(route: Route, links: Set<string>): string | undefined {
  const re = patternRegExp(route.pattern);
  const found = [...links].filter((l) => re.test(l));
  if (!route.dynamic) return found.find((l) => l.includes('?') && route.pattern === '/forum/ubah') ?? route.pattern;
  return found.find((l) => !l.includes('?')) ?? found[0];
}
