// Process state shared by the production server (scripts/server.mjs) and the app: whether the
// instance is draining (shutting down: readiness answers 503) and what to close at the end.
const g = globalThis;
const state = (g.__kekasihkuLifecycle ??= { draining: false, closers: [] });

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
