/*
 * KEKASIHKU service worker (docs/decisions/036-offline-kader.md). Plain JavaScript, no build
 * step. What it keeps on the phone:
 *  - kk-static-*: Next's hashed files (/_next/static), cache first; they never change.
 *  - kk-lessons-*: the lesson pages of her puskesmas (/materi/pkm/<kode>…, issue #28), stored
 *    signed out (no personal data), refreshed while pre-caching, answered when the network fails.
 *  - kk-pages-*: the kader's pages (/kader…), network first with a short wait, the copy used
 *    when the signal is gone. Health data of the signed-in kader only: emptied when the
 *    browser lands on /login or another section, and by the page at logout.
 * Never kept: anything under /api (sign-in, the outbox endpoint), any non-GET request, any
 * answer that is not a plain 200 of this site (a redirect to /login is never stored).
 * Copies expire (issue #22): each carries the time it was stored, and none is shown more than
 * 7 days after the server last confirmed the sign-in (public/sw-rules.js). Online, the worker
 * asks GET /api/sesi whether the sign-in still stands; on "no" it empties the copies and locks
 * the outbox (names removed, records kept to be sent after signing in again).
 */
importScripts('/sw-rules.js');
const { isFresh, cachedAtOf, sessionVerdict, lockRecord, STAMP, isLessonPath, lessonPagesOf, staleLessonPaths } = self.KK_OFFLINE;
const VERSION = 'v2';
const PAGES = `kk-pages-${VERSION}`;
const STATIC = `kk-static-${VERSION}`;
const META = `kk-meta-${VERSION}`;
/** Lesson pages of her puskesmas (issue #28): public, no personal data, so not emptied with her copies. */
const LESSONS = `kk-lessons-${VERSION}`;
const CONFIRMED = '/__kk/confirmed';
const NETWORK_WAIT_MS = 4000;
const MAX_PAGES = 150;

const OFFLINE_HTML = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline — KEKASIHKU</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1f2937;background:#f8fafc}h1{color:#9f1239;font-size:1.4rem}a{display:inline-block;margin-top:12px;padding:12px 16px;background:#9f1239;color:#fff;border-radius:8px;text-decoration:none;font-weight:600}</style></head>
<body><main><h1>Anda sedang offline</h1><p>Halaman ini belum tersimpan di ponsel. Buka halaman ini sekali saat ada sinyal agar bisa dibuka tanpa sinyal.</p><p lang="en">You are offline and this page has not been saved on this phone yet.</p><a href="/kader">Daftar hari ini</a></main></body></html>`;

const EXPIRED_HTML = OFFLINE_HTML.replace(
  /<h1>.*<\/a>/s,
  '<h1>Salinan halaman sudah kedaluwarsa</h1><p>Demi keamanan data ibu dan bayi, halaman yang tersimpan di ponsel hanya dapat dibuka 7 hari sejak terakhir tersambung. Sambungkan ponsel ke internet lalu masuk lagi.</p><p lang="en">The copies kept on this phone have expired (7 days without a connection). Connect and sign in again.</p><a href="/login">Masuk</a>',
);

const offlinePage = () => new Response(OFFLINE_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
const expiredPage = () => new Response(EXPIRED_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });

/** When the server last confirmed the sign-in (ms), kept in the meta cache. */
async function confirmedAt() {
  const hit = await (await caches.open(META)).match(CONFIRMED);
  return hit ? Number(await hit.text()) : NaN;
}
async function confirmNow() {
  await (await caches.open(META)).put(CONFIRMED, new Response(String(Date.now())));
}

/** The response with the time it is stored (the rest of its headers, the CSP nonce too, as they were). */
async function stamped(res) {
  const headers = new Headers(res.headers);
  headers.set(STAMP, String(Date.now()));
  return new Response(await res.clone().arrayBuffer(), { status: res.status, statusText: res.statusText, headers });
}

/** The outbox (IndexedDB, written by components/offline/store.ts through idb-keyval). */
function lockOutbox() {
  return new Promise((resolve) => {
    let open;
    try {
      open = indexedDB.open('kekasihku-outbox');
    } catch {
      resolve();
      return;
    }
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains('records')) open.result.createObjectStore('records');
    };
    open.onerror = () => resolve();
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('records')) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if (c.value && !c.value.locked) c.update(lockRecord(c.value));
        c.continue();
      };
      tx.oncomplete =
        tx.onerror =
        tx.onabort =
          () => {
            db.close();
            resolve();
          };
    };
  });
}

/** The sign-in has ended (signed out, disabled, "sign out of every device", idle): nothing readable stays. */
async function signInEnded() {
  await clearPages();
  await caches.delete(META);
  await lockOutbox();
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage({ type: 'session-ended' });
}

/** Asks the server whether the sign-in still stands (online only; no answer changes nothing). */
let checking = null;
function checkSession() {
  checking ??= (async () => {
    try {
      const res = await fetch('/api/sesi', { credentials: 'same-origin', cache: 'no-store' });
      const verdict = sessionVerdict(res.status);
      if (verdict === 'valid') await confirmNow();
      else if (verdict === 'ended') await signInEnded();
    } catch {
      // offline: decide nothing
    } finally {
      checking = null;
    }
  })();
  return checking;
}

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const k of await caches.keys()) if (k.startsWith('kk-') && k !== PAGES && k !== STATIC && k !== META && k !== LESSONS) await caches.delete(k);
      await self.clients.claim();
      await checkSession();
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

/** The stored copy of a page if it may still be shown; an expired copy means all copies go. */
async function freshCopy(url) {
  const c = await caches.open(PAGES);
  const hit = await c.match(pageKey(url));
  if (!hit) return null;
  if (isFresh(cachedAtOf(hit.headers), await confirmedAt(), Date.now())) return hit;
  await clearPages();
  return expiredPage();
}

async function fromCache(url) {
  return (await freshCopy(url)) || offlinePage();
}

/** A page answer seen online: a copy to keep, or the sign-in that has ended (sent to /login). */
async function keep(url, res) {
  if (storable(res)) {
    await confirmNow();
    const c = await caches.open(PAGES);
    await c.put(pageKey(url), await stamped(res));
  } else if (res && res.redirected && new URL(res.url).pathname === '/login') {
    await signInEnded();
  }
}

async function networkFirst(event, url) {
  const network = fetch(event.request).then(async (res) => {
    await keep(url, res);
    return res;
  });
  event.waitUntil(network.catch(() => undefined));
  const cached = freshCopy(url);
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

/**
 * A lesson page: the network's answer when it comes within the short wait, else the phone's copy
 * (stored by precacheLessons, signed out), else the network's late answer, else the offline page.
 * Navigations are never stored here: a signed-in copy would carry the header's name.
 */
async function lessonPage(event, url) {
  const network = fetch(event.request);
  event.waitUntil(network.catch(() => undefined));
  const copy = caches.open(LESSONS).then((c) => c.match(url.origin + url.pathname));
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, 'timeout'));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return first;
    return (await copy) || (await network);
  } catch {
    return (await copy) || offlinePage();
  }
}

/**
 * Keeps every lesson page of her puskesmas (GET /api/kader/materi lists them): each fetched
 * without cookies, so the copy is the public page; pages no longer listed are deleted. No answer
 * (offline, signed out) changes nothing.
 */
async function precacheLessons() {
  let listed;
  try {
    const res = await fetch('/api/kader/materi', { credentials: 'same-origin', cache: 'no-store' });
    if (res.status !== 200) return;
    listed = lessonPagesOf(await res.json());
  } catch {
    return;
  }
  if (!listed) return;
  const c = await caches.open(LESSONS);
  const statics = await caches.open(STATIC);
  const cached = (await c.keys()).map((k) => new URL(k.url).pathname);
  for (const p of staleLessonPaths(cached, listed)) await c.delete(self.location.origin + p);
  for (const p of listed) {
    let res;
    try {
      res = await fetch(p, { credentials: 'omit' });
    } catch {
      return;
    }
    if (!storable(res)) continue;
    const html = await res.clone().text();
    await c.put(self.location.origin + p, res);
    if (!(await keepAssets(statics, html))) return;
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
  if (isLessonPath(url.pathname)) {
    event.respondWith(lessonPage(event, url));
    return;
  }
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

/** Keeps the scripts and styles of a page not kept yet; false when the signal went (try again next time). */
async function keepAssets(statics, html) {
  for (const a of assetsOf(html)) {
    if (await statics.match(a)) continue;
    try {
      const r = await fetch(a);
      if (storable(r)) await statics.put(a, r);
    } catch {
      return false;
    }
  }
  return true;
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
      if (res.redirected) {
        if (new URL(res.url).pathname === '/login') await signInEnded();
        return; // signed out
      }
      continue;
    }
    await confirmNow();
    const html = await res.clone().text();
    await pages.put(new URL(path, self.location.origin).href, await stamped(res));
    if (!(await keepAssets(statics, html))) return;
    // Only the two lists lead further: her mothers and her village's sessions, nothing else.
    if (path === '/kader' || path === '/kader/pertemuan') {
      for (const p of pagesOf(html))
        if (!seen.has(p)) {
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
          await precacheLessons().catch(() => undefined);
        } while (again);
        precaching = null;
      })();
    }
    event.waitUntil(precaching);
  } else if (type === 'clear') {
    event.waitUntil(clearPages());
  } else if (type === 'check') {
    event.waitUntil(checkSession());
  }
});
