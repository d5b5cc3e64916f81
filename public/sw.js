/*
 * KEKASIHKU service worker (docs/decisions/036-offline-kader.md). Plain JavaScript, no build
 * step. What it keeps on the phone:
 *  - kk-static-*: Next's hashed files (/_next/static), cache first; they never change.
 *  - kk-pages-*: the kader's pages (/kader…), network first with a short wait, the copy used
 *    when the signal is gone. Health data of the signed-in kader only: emptied when the
 *    browser lands on /login or another section, and by the page at logout.
 * Never kept: anything under /api (sign-in, the outbox endpoint), any non-GET request, any
 * answer that is not a plain 200 of this site (a redirect to /login is never stored).
 */
const VERSION = 'v1';
const PAGES = `kk-pages-${VERSION}`;
const STATIC = `kk-static-${VERSION}`;
const NETWORK_WAIT_MS = 4000;
const MAX_PAGES = 150;

const OFFLINE_HTML = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline — KEKASIHKU</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1f2937;background:#f8fafc}h1{color:#9f1239;font-size:1.4rem}a{display:inline-block;margin-top:12px;padding:12px 16px;background:#9f1239;color:#fff;border-radius:8px;text-decoration:none;font-weight:600}</style></head>
<body><main><h1>Anda sedang offline</h1><p>Halaman ini belum tersimpan di ponsel. Buka halaman ini sekali saat ada sinyal agar bisa dibuka tanpa sinyal.</p><p lang="en">You are offline and this page has not been saved on this phone yet.</p><a href="/kader">Daftar hari ini</a></main></body></html>`;

const offlinePage = () => new Response(OFFLINE_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const k of await caches.keys()) if (k.startsWith('kk-') && k !== PAGES && k !== STATIC) await caches.delete(k);
      await self.clients.claim();
    })(),
  );
});

const isKaderPage = (url) => url.pathname === '/kader' || url.pathname.startsWith('/kader/');
/** Pages are kept under their path: ?saved=1 or ?outbox=… open the same copy. */
const pageKey = (url) => url.origin + url.pathname;

function storable(res) {
  return res && res.ok && res.status === 200 && res.type === 'basic' && !res.redirected;
}

async function clearPages() {
  for (const k of await caches.keys()) if (k.startsWith('kk-pages-')) await caches.delete(k);
}

async function fromCache(url) {
  const c = await caches.open(PAGES);
  return (await c.match(pageKey(url))) || offlinePage();
}

async function networkFirst(event, url) {
  const network = fetch(event.request).then(async (res) => {
    if (storable(res)) {
      const c = await caches.open(PAGES);
      await c.put(pageKey(url), res.clone());
    }
    return res;
  });
  event.waitUntil(network.catch(() => undefined));
  const cached = caches.open(PAGES).then((c) => c.match(pageKey(url)));
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, 'timeout'));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return first;
    // Weak signal: the phone's copy now, the network's answer refreshes it for next time.
    return (await cached) || (await network);
  } catch {
    return fromCache(url);
  }
}

async function cacheFirst(request) {
  const c = await caches.open(STATIC);
  const hit = await c.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (storable(res)) await c.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(req));
    return;
  }
  if (req.mode !== 'navigate') return;
  if (isKaderPage(url)) {
    event.respondWith(networkFirst(event, url));
    return;
  }
  // Signed out (the login page) or in another section: the kader's copies go.
  if (url.pathname === '/login' || /^\/(staff|ibu)(\/|$)/.test(url.pathname)) event.waitUntil(clearPages());
});

/** The scripts and styles a page needs, from its HTML. */
function assetsOf(html) {
  return [...new Set(html.match(/\/_next\/static\/[^"'\s\\)]+/g) || [])];
}

/** The kader's own babies and sessions linked from her lists, and their forms. */
function pagesOf(html) {
  const out = new Set();
  for (const m of html.matchAll(/\/kader\/bayi\/([0-9a-f-]{36})/g)) {
    out.add(`/kader/bayi/${m[1]}`);
    out.add(`/kader/bayi/${m[1]}/kunjungan`);
  }
  for (const m of html.matchAll(/\/kader\/pertemuan\/([0-9a-f-]{36})/g)) {
    out.add(`/kader/pertemuan/${m[1]}`);
    out.add(`/kader/pertemuan/${m[1]}/hadir`);
  }
  return out;
}

let precaching = null;
let again = false;
async function precache() {
  const pages = await caches.open(PAGES);
  const statics = await caches.open(STATIC);
  const queue = ['/kader', '/kader/pertemuan'];
  const seen = new Set(queue);
  let n = 0;
  while (queue.length && n < MAX_PAGES) {
    const path = queue.shift();
    n++;
    let res;
    try {
      res = await fetch(path, { credentials: 'same-origin' });
    } catch {
      return; // the signal went: try again next time
    }
    if (!storable(res)) {
      if (res.redirected) return; // signed out
      continue;
    }
    const html = await res.clone().text();
    await pages.put(new URL(path, self.location.origin).href, res);
    for (const a of assetsOf(html)) {
      if (!(await statics.match(a))) {
        try {
          const r = await fetch(a);
          if (storable(r)) await statics.put(a, r);
        } catch {
          return;
        }
      }
    }
    // Only the two lists lead further: her mothers and her village's sessions, nothing else.
    if (path === '/kader' || path === '/kader/pertemuan') {
      for (const p of pagesOf(html)) if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
}

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'precache') {
    // One run at a time; a request during a run starts one more after it (new links).
    if (precaching) again = true;
    else {
      precaching = (async () => {
        do {
          again = false;
          await precache().catch(() => undefined);
        } while (again);
        precaching = null;
      })();
    }
    event.waitUntil(precaching);
  } else if (type === 'clear') {
    event.waitUntil(clearPages());
  }
});
