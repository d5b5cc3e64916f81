// The JSON logger shared by the production server (scripts/server.mjs, plain Node) and the
// app (lib/server/log.ts, bundled by Next). Plain JavaScript so that both can load it; types
// in log-core.d.mts. One JSON object a line on stdout (pino), e.g.
// {"level":"info","time":"2026-11-28T13:40:00.000Z","service":"kekasihku","msg":"request",
//  "reqId":"…","method":"GET","route":"/kader/bayi/:id","status":200,"ms":41}
// No personal data: routes lose their query string and their id-like segments, errors lose
// the parameters that drizzle puts in its messages, and nothing logs bodies or cookies.
import { randomUUID } from 'node:crypto';
import pino from 'pino';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The path of a request as a route: no query string or fragment, and every segment that could
 * name someone or something (ids, codes, numbers, phone numbers) replaced by ":id".
 * Next's own assets (/_next/static/…) keep their names: they name files, not people.
 */
export function routeOf(url) {
  let path = String(url ?? '/');
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  if (!path.startsWith('/')) path = '/' + path;
  if (path.length > 300) path = path.slice(0, 300);
  if (path.startsWith('/_next/')) return path;
  return path
    .split('/')
    .map((seg, i) => {
      if (i === 0 || seg === '') return seg;
      let s = seg;
      try {
        s = decodeURIComponent(seg);
      } catch {
        return ':id';
      }
      // Route words are lower-case letters and dashes (kader, bayi, kunjungan, api, auth…),
      // files a word and an extension (favicon.ico, robots.txt).
      if (UUID.test(s) || /\d/.test(s) || !/^[a-z][a-z-]*(\.[a-z]{2,4})?$/.test(s) || s.length > 40) return ':id';
      return s;
    })
    .join('/');
}

/** The request id from the reverse proxy when it looks like one, else a new one. */
export function requestIdOf(header) {
  const v = Array.isArray(header) ? header[0] : header;
  if (typeof v === 'string' && /^[A-Za-z0-9._:-]{8,100}$/.test(v)) return v;
  return randomUUID();
}

/** Drizzle's "Failed query: … params: …" carries the values written: keep the query only. */
export function scrubText(text) {
  return String(text)
    .replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')
    .replace(/^params: [\s\S]*$/m, 'params: [redacted]');
}

/** An error as log fields: type, message, code, digest, stack and its causes (scrubbed). */
export function errorFields(err, depth = 0) {
  if (!err || typeof err !== 'object') return { message: scrubText(String(err)) };
  const e = err;
  const out = { type: e.name ?? e.constructor?.name ?? 'Error', message: scrubText(e.message ?? '') };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.digest === 'string') out.digest = e.digest;
  if (typeof e.stack === 'string') out.stack = scrubText(e.stack);
  if (e.cause && depth < 3) out.cause = errorFields(e.cause, depth + 1);
  return out;
}

/** The process's logger; LOG_LEVEL (default info) sets the threshold. */
export function createLogger(bindings = {}) {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'kekasihku', pid: process.pid, ...bindings },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: errorFields },
  });
}

const g = globalThis;
/** One logger per process, shared by the server and every bundle of the app. */
export function getLogger() {
  g.__kekasihkuLogger ??= createLogger();
  return g.__kekasihkuLogger;
}
