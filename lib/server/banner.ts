/**
 * The demo logins printed at start-up when DEMO_DATA=1: a banner for people trying the demo
 * (made-up accounts), written as plain text, not a log event.
 */
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed';

export function printDemoBanner(kind: string): void {
  const lines = DEMO_LOGINS.map((l) => `  ${l.role.padEnd(6)} ${l.phone.padEnd(15)} ${l.name} — ${l.what}`);
  process.stdout.write([`KEKASIHKU: database ready (${kind}). Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines, ''].join('\n'));
}
