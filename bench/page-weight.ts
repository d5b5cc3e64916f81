/**
 * Page weight: the JavaScript each route of the portal makes a phone download, against the
 * static page of a bare Next.js app of the same version built in the same run.
 *
 * Method: every route is opened in headless Chromium, signed in as the role that uses it; every
 * response of type `script` received until the `load` event is counted (scripts that Next.js
 * puts in the HTML and the client-component chunks named by the RSC payload — not the link
 * prefetches after load). Each body is gzipped here (zlib, default level 6, what `next start`
 * sends), so the figure does not depend on whether the server or a proxy compresses.
 *
 * Over budget: the chunks the route loads beyond those every route loads, largest first, and in each the
 * largest modules (Turbopack module factories), named by the client reference manifests of the
 * build where the module is a client entry (a package or a file of components/), else guessed
 * from strings the minifier keeps (`zod?`), else by its module id.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { BUDGET, inventory, resolveUrl, type Role, type Route, type WeightClass } from './routes';
import { hrefsOf, log, ROOT, signIn } from './support';

export type WeightRow = {
  route: string;
  url: string;
  role: Role;
  cls: WeightClass;
  status: number | null;
  finalPath: string;
  jsGzip: number;
  jsRaw: number;
  scripts: number;
  ratio: number;
  budget: number;
  ok: boolean;
  /** False when the page answered an error (no link found to a record it can show). */
  measured?: boolean;
  heaviest?: string[];
  note?: string;
};

type Loaded = { status: number | null; finalPath: string; hasForm: boolean; scripts: Map<string, { raw: number; gzip: number }> };

async function loadScripts(context: BrowserContext, url: string): Promise<Loaded> {
  const page = await context.newPage();
  const bodies: Promise<void>[] = [];
  const scripts = new Map<string, { raw: number; gzip: number }>();
  // Only what arrives until the load event: a chunk the page fetches after it (the dashboard's
  // charts, decision 063) is not part of the page's weight at load, even if it lands while the
  // measurement is still reading bodies.
  let loaded = false;
  page.once('load', () => {
    loaded = true;
  });
  page.on('response', (res) => {
    if (loaded || res.request().resourceType() !== 'script') return;
    bodies.push(
      res
        .body()
        .then((b) => void scripts.set(new URL(res.url()).pathname, { raw: b.length, gzip: zlib.gzipSync(b).length }))
        .catch(() => undefined),
    );
  });
  try {
    const res = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await Promise.all(bodies);
    const hasForm = (await page.locator('form').count()) > 0;
    return { status: res?.status() ?? null, finalPath: new URL(page.url()).pathname + new URL(page.url()).search, hasForm, scripts };
  } finally {
    await page.close();
  }
}

const sum = (m: Map<string, { raw: number; gzip: number }>, k: 'raw' | 'gzip') => [...m.values()].reduce((a, v) => a + v[k], 0);

/** Client modules named by the build's client reference manifests: module id → label. */
function clientModuleNames(nextDir: string): Map<string, string> {
  const names = new Map<string, string>();
  const dir = path.join(nextDir, 'server', 'app');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('_client-reference-manifest.js')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/"\[project\]\/([^"]+?)(?: \[[^"]*\])?":\{"id":(\d+)/g)) names.set(m[2]!, labelOf(m[1]!));
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return names;
}

function labelOf(p: string): string {
  const nm = p.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return nm ? nm[1]! : p.replace(/ \[.*$/, '');
}

/** Turbopack chunk → its module factories (`, <id>, (e,t,r)=>{…}`) with their sizes. */
function modulesOf(file: string): { id: string; bytes: number; guess?: string }[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const starts = [...text.matchAll(/[,[](\d{1,7}),(?:\([\w$,]*\)|[\w$]+)=>/g)].map((m) => ({ id: m[1]!, at: m.index! }));
  return starts
    .map((s, i) => {
      const end = starts[i + 1]?.at ?? text.length;
      const body = text.slice(s.at, end);
      return { id: s.id, bytes: end - s.at, guess: SIGNATURES.find(([, re]) => re.test(body))?.[0] };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** Minified modules keep some strings: enough to name the usual heavy packages. */
const SIGNATURES: [string, RegExp][] = [
  ['zod', /\$ZodType|ZodError/],
  ['@hookform/resolvers', /zodResolver|toNestErrors/],
  ['react-hook-form', /useFormContext|shouldUnregister|FormProvider/],
  ['recharts', /recharts|ResponsiveContainer|CartesianGrid/],
  ['react-dom', /__reactContainer|react-dom/],
  ['next-intl', /NextIntlClientProvider|IntlProvider/],
  ['date-fns', /date-fns|startOfWeek/],
];

function heaviest(loaded: Loaded, common: Set<string>, names: Map<string, string>): string[] {
  const out: string[] = [];
  let extra = [...loaded.scripts].filter(([p]) => !common.has(p)).sort((a, b) => b[1].gzip - a[1].gzip);
  if (extra.length === 0) extra = [...loaded.scripts].sort((a, b) => b[1].gzip - a[1].gzip); // over budget through what all share
  for (const [p, s] of extra.slice(0, 4)) {
    const file = path.join(ROOT, '.next', p.replace(/^\/_next\//, ''));
    const mods = modulesOf(file)
      .slice(0, 4)
      .map((m) => `${names.get(m.id) ?? (m.guess ? `${m.guess}?` : `module ${m.id}`)} ${(m.bytes / 1024).toFixed(1)} KB raw`);
    out.push(`${path.basename(p)} ${(s.gzip / 1024).toFixed(1)} KB gzip: ${mods.join(', ')}`);
  }
  return out;
}

export async function measurePageWeight(
  browser: Browser,
  portalUrl: string,
  bareUrl: string,
  logins: Record<Exclude<Role, 'public'>, string>,
  password: string,
): Promise<{ bare: { jsGzip: number; jsRaw: number; scripts: number }; rows: WeightRow[] }> {
  const contexts = new Map<Role, BrowserContext>();
  contexts.set('public', await browser.newContext({ baseURL: portalUrl, locale: 'id-ID' }));
  for (const role of ['staff', 'kader', 'ibu'] as const) contexts.set(role, (await signIn(browser, portalUrl, logins[role], password)).context);
  contexts.set('admin', contexts.get('staff')!);

  const bareCtx = await browser.newContext({ baseURL: bareUrl });
  const bare = await loadScripts(bareCtx, '/');
  await bareCtx.close();
  const bareGzip = sum(bare.scripts, 'gzip');
  log(`bare page: ${bare.scripts.size} scripts, ${(bareGzip / 1024).toFixed(1)} KB gzip`);

  const routes = inventory();
  // Links of every static page (and a few list pages) give the ids of demo records.
  const links = new Set<string>();
  for (const r of routes.filter((r) => !r.dynamic)) for (const h of await hrefsOf(contexts.get(r.role)!, r.pattern).catch(() => [])) links.add(h);
  for (const r of routes.filter((r) => r.dynamic))
    for (const l of [...links].filter((l) => /^\/forum\/(t|k)\//.test(l)).slice(0, 2))
      for (const h of await hrefsOf(contexts.get(r.role)!, l).catch(() => [])) links.add(h);

  const names = clientModuleNames(path.join(ROOT, '.next'));
  const rows: WeightRow[] = [];
  const loadedOf = new Map<WeightRow, Loaded>();
  for (const r of routes as Route[]) {
    const url = resolveUrl(r, links);
    if (!url) {
      rows.push({
        route: r.pattern,
        url: '',
        role: r.role,
        cls: r.cls ?? 'reading',
        status: null,
        finalPath: '',
        jsGzip: 0,
        jsRaw: 0,
        scripts: 0,
        ratio: 0,
        budget: 0,
        ok: false,
        note: 'no link found to a concrete page',
      });
      continue;
    }
    const loaded = await loadScripts(contexts.get(r.role)!, url);
    const cls: WeightClass = r.cls ?? (loaded.hasForm ? 'form' : 'reading');
    const jsGzip = sum(loaded.scripts, 'gzip');
    const ratio = jsGzip / bareGzip;
    const budget = BUDGET[cls];
    const redirected = loaded.finalPath.split('?')[0] !== url.split('?')[0];
    const row: WeightRow = {
      route: r.pattern,
      url,
      role: r.role,
      cls,
      status: loaded.status,
      finalPath: loaded.finalPath,
      jsGzip,
      jsRaw: sum(loaded.scripts, 'raw'),
      scripts: loaded.scripts.size,
      ratio,
      budget,
      ok: ratio <= budget,
      measured: !(loaded.status && loaded.status >= 400),
      note: redirected
        ? `redirects to ${loaded.finalPath}`
        : loaded.status && loaded.status >= 400
          ? `HTTP ${loaded.status}: no link to a record found, not measured`
          : undefined,
    };
    rows.push(row);
    loadedOf.set(row, loaded);
    log(
      `${r.pattern.padEnd(32)} ${(jsGzip / 1024).toFixed(1).padStart(6)} KB  ×${ratio.toFixed(2)}  (${cls} ≤ ${budget})${row.ok ? '' : '  OVER'}${row.note ? '  ' + row.note : ''}`,
    );
  }
  // What every page loads (framework, layout, shell) vs what a route adds: chunk names are
  // content hashes of this build, so the route's own weight is what the other routes do not share.
  const all = [...loadedOf.values()].filter((l) => l.scripts.size > 0);
  const common = new Set([...(all[0]?.scripts.keys() ?? [])].filter((p) => all.every((l) => l.scripts.has(p))));
  for (const [row, loaded] of loadedOf)
    if (!row.ok && row.measured) {
      row.heaviest = heaviest(loaded, common, names);
      for (const h of row.heaviest) log(`  ${row.route}: ${h}`);
    }
  for (const c of new Set(contexts.values())) await c.close();
  return { bare: { jsGzip: bareGzip, jsRaw: sum(bare.scripts, 'raw'), scripts: bare.scripts.size }, rows };
}
