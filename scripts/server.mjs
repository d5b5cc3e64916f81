#!/usr/bin/env node
// The production server (docs/decisions/030-production-server.md). Runs from the standalone
// folder that `npm run build` makes: `node .next/standalone/scripts/server.mjs` (npm start does
// it for you). It wraps Next's request handler in a plain Node HTTP server to add:
//  - one JSON log line per request: request id (x-request-id from the proxy, or a new one,
//    echoed in the response), method, route (no query string, ids as ":id"), status, duration;
//  - console output as JSON lines too (Next prints its errors with console.error);
//  - graceful shutdown on SIGTERM/SIGINT: readiness answers 503, the server stops accepting
//    connections, requests in flight finish (at most SHUTDOWN_TIMEOUT_MS), the database pool
//    is closed, the process exits 0.
// Environment: PORT (3000), HOST (0.0.0.0), KEEP_ALIVE_TIMEOUT (ms, 65000: longer than a load
// balancer's idle timeout), SHUTDOWN_DELAY_MS (0: time for the load balancer to see the 503
// before the listener closes), SHUTDOWN_TIMEOUT_MS (25000), LOG_LEVEL (info),
// TRUSTED_PROXY_HOPS (0: reverse proxies in front whose X-Forwarded-For entry is believed).
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { getLogger, requestIdOf, routeOf, scrubText, errorFields } from '../lib/server/log-core.mjs';
import { isDraining, isPostgresWriteAfterClose, runClosers, runDatabaseFault, startDraining } from '../lib/server/lifecycle.mjs';
import { networkInterfaces } from 'node:os';
import { clientAddressOf, configuredOrigin, lanAddress } from '../lib/server/forwarded.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
process.env.NODE_ENV = 'production';
const log = getLogger();

// Console output (Next's own messages and errors) as JSON lines, without drizzle's parameters.
for (const [method, level] of [
  ['log', 'info'],
  ['info', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
]) {
  console[method] = (...args) => {
    const err = args.find((a) => a instanceof Error);
    const msg = scrubText(format(...args.map((a) => (a instanceof Error ? a.message : a)))).replace(/\u001b\[[0-9;]*m/g, '');
    log[level]({ src: 'console', ...(err ? { err: errorFields(err) } : {}) }, msg);
  };
}
process.on('unhandledRejection', (reason) => log.error({ err: errorFields(reason) }, 'unhandled rejection'));
process.on('uncaughtException', (err) => {
  // A known postgres.js bug when the database drops connections (lib/server/lifecycle.mjs):
  // one pooled connection is broken, the process is fine. Replace the pool, keep serving.
  if (isPostgresWriteAfterClose(err)) {
    log.error({ err: errorFields(err) }, 'database driver wrote on a closed connection: replacing the pool');
    void runDatabaseFault().then((errors) => errors.forEach((e) => log.error({ err: errorFields(e) }, 'replacing the pool failed')));
    return;
  }
  log.fatal({ err: errorFields(err) }, 'uncaught exception');
  process.exit(1);
});

// Every instance must sign sessions with the same secret (docs/deploy.md §2).
if (!process.env.AUTH_SECRET) {
  log.fatal('AUTH_SECRET is not set: give every instance the same secret (npm start makes one for a single server)');
  process.exit(1);
}
if (process.env.DATABASE_URL && !process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
  log.warn("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set: instances of different builds will refuse each other's forms");
}

const requiredFiles = path.join(root, '.next', 'required-server-files.json');
if (!fs.existsSync(requiredFiles)) {
  log.fatal({ root }, 'no production build here: run `npm run build` and start .next/standalone/scripts/server.mjs');
  process.exit(1);
}
const { config } = JSON.parse(fs.readFileSync(requiredFiles, 'utf8'));
// What Next's own standalone server.js does: the build's config, no next.config.ts at run time.
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);

const port = Number.parseInt(process.env.PORT ?? '', 10) || 3000;
const host = process.env.HOST || '0.0.0.0';
const keepAliveTimeout = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? '', 10) || 65_000;
const shutdownDelay = Number.parseInt(process.env.SHUTDOWN_DELAY_MS ?? '', 10) || 0;
const shutdownTimeout = Number.parseInt(process.env.SHUTDOWN_TIMEOUT_MS ?? '', 10) || 25_000;
const trustedHops = Number.parseInt(process.env.TRUSTED_PROXY_HOPS ?? '', 10) || 0;

const require = createRequire(import.meta.url);
const next = require('next');
const app = next({ dev: false, dir: root, conf: config, hostname: host, port, customServer: true });
const started = Date.now();
try {
  await app.prepare(); // runs instrumentation.ts: database, migrations (advisory lock), demo seed
} catch (err) {
  log.fatal({ err: errorFields(err) }, 'start-up failed');
  process.exit(1);
}
const handle = app.getRequestHandler();

let inFlight = 0;
let idle = () => {};

/** Health probes and Next's static files are logged at debug level: they are many and say little. */
function quiet(route) {
  return route.startsWith('/api/health/') || route.startsWith('/_next/static/') || route === '/favicon.ico';
}

const server = http.createServer((req, res) => {
  const t0 = process.hrtime.bigint();
  const reqId = requestIdOf(req.headers['x-request-id']);
  req.headers['x-request-id'] = reqId; // seen by the app (instrumentation onRequestError)
  res.setHeader('x-request-id', reqId);
  // One address the app can trust (the login lockout counts per address): lib/server/forwarded.mjs.
  req.headers['x-forwarded-for'] = clientAddressOf(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedHops);
  delete req.headers['x-real-ip'];
  if (isDraining()) res.setHeader('Connection', 'close');
  inFlight += 1;
  let done = false;
  const finish = (aborted) => {
    if (done) return;
    done = true;
    inFlight -= 1;
    const route = routeOf(req.url);
    const fields = {
      reqId,
      method: req.method,
      route,
      status: res.statusCode,
      ms: Number((Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)),
      ...(aborted ? { aborted: true } : {}),
    };
    // A readiness 503 is a state (database down, shutting down), not a failure of this request.
    if (quiet(route)) log[res.statusCode >= 500 ? 'warn' : 'debug'](fields, 'request');
    else if (res.statusCode >= 500) log.error(fields, 'request');
    else log.info(fields, 'request');
    if (inFlight === 0) idle();
  };
  res.on('finish', () => finish(false));
  res.on('close', () => finish(!res.writableFinished));
  Promise.resolve(handle(req, res)).catch((err) => {
    log.error({ reqId, route: routeOf(req.url), err: errorFields(err) }, 'request handler failed');
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end();
    } else res.destroy();
  });
});
server.keepAliveTimeout = keepAliveTimeout;
server.headersTimeout = keepAliveTimeout + 5_000;

server.on('error', (err) => {
  log.fatal({ err: errorFields(err), port }, 'cannot listen');
  process.exit(1);
});
await new Promise((resolve) => server.listen(port, host, resolve));
log.info({ port, host, node: process.version }, 'listening');
// Next loads instrumentation.ts (database, migrations, demo seed) on the first request: make
// that request now, so that an instance that cannot start says so and exits (its supervisor
// restarts it) instead of answering 500 to everyone.
{
  const addr = server.address();
  const local = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
  const url = `http://${local.includes(':') ? `[${local}]` : local}:${addr.port}/api/health/live`;
  const res = await fetch(url, { headers: { 'x-request-id': 'startup-0000' } }).catch((err) => err);
  if (!(res instanceof Response) || res.status !== 200) {
    log.fatal({ status: res?.status, err: res instanceof Response ? undefined : errorFields(res) }, 'start-up failed');
    process.exit(1);
  }
  log.info({ port, ms: Date.now() - started }, 'ready');
  // Where to open it (issue #22): the configured address, else this machine's LAN address —
  // what a phone on the same Wi-Fi uses (the QR code of a certificate points at the address the
  // browser used, so open the portal at this one, not at localhost, before issuing).
  const configured = configuredOrigin(process.env.APP_URL, process.env.AUTH_URL);
  const lan = ['0.0.0.0', '::'].includes(host) ? lanAddress(networkInterfaces()) : null;
  const lanUrl = lan ? `http://${lan}:${addr.port}` : null;
  log.info({ url: configured || lanUrl || `http://${local.includes(':') ? `[${local}]` : local}:${addr.port}` }, 'open');
  // The human line only on a terminal or the demo (production logs stay JSON lines).
  if (process.stdout.isTTY || process.env.DEMO_DATA === '1')
    process.stdout.write(
      [
        '',
        `KEKASIHKU siap / ready: ${configured || `http://localhost:${addr.port}`}`,
        ...(!configured && lanUrl ? [`  Dari HP di jaringan yang sama / from a phone on the same network: ${lanUrl}`] : []),
        '',
      ].join('\n') + '\n',
    );
}

let stopping = 0;
async function shutdown(signal) {
  if (stopping) {
    // Ctrl-C reaches both npm start's launcher and this process, and the launcher passes it
    // on: a repeat within 2 s is the same request. A later one means "now".
    if (Date.now() - stopping < 2_000) return;
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = Date.now();
  startDraining();
  log.info({ signal, inFlight, delayMs: shutdownDelay }, 'shutting down: readiness 503, finishing requests in flight');
  if (shutdownDelay > 0) await new Promise((r) => setTimeout(r, shutdownDelay));
  // No new connections; idle keep-alive connections close now, busy ones after their response.
  server.close();
  server.closeIdleConnections();
  const drained = await new Promise((resolve) => {
    if (inFlight === 0) return resolve(true);
    const timer = setTimeout(() => resolve(false), shutdownTimeout);
    idle = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });
  if (!drained) log.warn({ inFlight, timeoutMs: shutdownTimeout }, 'shutdown timeout: closing the remaining connections');
  server.closeAllConnections();
  const errors = await runClosers();
  // The process ends anyway; a pool that did not close in time is worth a warning, no more.
  for (const err of errors) log.warn({ err: errorFields(err) }, 'close failed');
  log.info({ drained }, 'stopped');
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
