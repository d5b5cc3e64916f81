/**
 * Structured JSON logs for server code (pino, one line per event on stdout). Use
 * `log.info({ route, … }, 'message')` and `log.error({ err }, 'message')`; never put names,
 * phone numbers, health data, request bodies or cookies in a log (docs/deploy.md, "Logs").
 */
import 'server-only';
import { getLogger } from './log-core.mjs';

export { errorFields, requestIdOf, routeOf } from './log-core.mjs';
export const log = getLogger();
