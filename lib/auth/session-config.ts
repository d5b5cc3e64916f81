/** A session not used for this long is over (documented in docs/decisions/002-sessions.md). */
export const IDLE_TIMEOUT_MINUTES = 60;
