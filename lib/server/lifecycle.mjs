// Process state shared by the production server (scripts/server.mjs) and the app: whether the
// instance is draining (shutting down: readiness answers 503) and what to close at the end.
const g = globalThis;
const state = (g.__kekasihkuLifecycle ??= { draining: false, closers: [] });
state.faultHandlers ??= [];

export function isDraining() {
  return state.draining;
}

export function startDraining() {
  state.draining = true;
}

/** Registers a function to run once the last request has finished (e.g. close the pool). */
export function onClose(fn) {
  state.closers.push(fn);
}

/** Runs the registered closers, each at most `timeoutMs`; errors are returned, not thrown. */
export async function runClosers(timeoutMs = 10_000) {
  const errors = [];
  for (const fn of state.closers.splice(0)) {
    try {
      await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('close timed out')), timeoutMs).unref())]);
    } catch (err) {
      errors.push(err);
    }
  }
  return errors;
}

/**
 * postgres.js 3.4.9 (the latest) can write on a socket it has just closed, when the database
 * drops connections while a small write waits for setImmediate (porsager/postgres#1154, #1208;
 * the fixes #1168, #1209 are not released). The TypeError is thrown from the timer, so no
 * query's catch sees it, and that connection can never write again. Seen when PostgreSQL was
 * stopped under load (bench/load-faults.ts): scripts/server.mjs then replaces the pool
 * instead of exiting (docs/decisions/037-database-outage.md).
 */
export function isPostgresWriteAfterClose(err) {
  if (!(err instanceof TypeError) || !/of null \(reading 'write'\)/.test(err.message)) return false;
  const stack = String(err.stack ?? '');
  return /postgres/.test(stack) && /Immediate/.test(stack);
}

/** Registers what to do when the database driver is broken beyond one query (replace the pool). */
export function onDatabaseFault(fn) {
  state.faultHandlers.push(fn);
}

/** Runs the registered fault handlers; errors are returned, not thrown. */
export async function runDatabaseFault() {
  const errors = [];
  for (const fn of state.faultHandlers) {
    try {
      await fn();
    } catch (err) {
      errors.push(err);
    }
  }
  return errors;
}
