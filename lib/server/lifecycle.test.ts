import { describe, expect, it } from 'vitest';
import { isPostgresWriteAfterClose, onDatabaseFault, runDatabaseFault } from './lifecycle.mjs';

/** The error as the production server logged it when PostgreSQL stopped under load (bench/load-faults.ts). */
function writeAfterClose(): TypeError {
  const err = new TypeError("Cannot read properties of null (reading 'write')");
  err.stack = `${err.message}\n    at Immediate.eM (/app/.next/server/chunks/node_modules_postgres_src_index_1mvvxl_zi9_0l.js:1:12158)\n    at process.processImmediate (node:internal/timers:483:21)`;
  return err;
}

describe('isPostgresWriteAfterClose: the postgres.js bug the server survives, and nothing else', () => {
  it('knows the driver writing on a closed socket from its timer (bundled or not)', () => {
    expect(isPostgresWriteAfterClose(writeAfterClose())).toBe(true);
    const plain = new TypeError("Cannot read properties of null (reading 'write')");
    plain.stack = `${plain.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isPostgresWriteAfterClose(plain)).toBe(true);
  });

  it('is false for the same message elsewhere, other errors and non-errors', () => {
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `${ours.message}\n    at Immediate.flush (/app/lib/server/log-core.mjs:10:3)`;
    expect(isPostgresWriteAfterClose(ours)).toBe(false);
    const other = writeAfterClose();
    other.message = "Cannot read properties of null (reading 'end')";
    expect(isPostgresWriteAfterClose(other)).toBe(false);
    expect(isPostgresWriteAfterClose(Object.assign(new Error("Cannot read properties of null (reading 'write')"), { stack: writeAfterClose().stack }))).toBe(false);
    expect(isPostgresWriteAfterClose(undefined)).toBe(false);
    expect(isPostgresWriteAfterClose("Cannot read properties of null (reading 'write')")).toBe(false);
  });

  it('runs the registered fault handlers and returns their errors', async () => {
    const calls: string[] = [];
    onDatabaseFault(() => void calls.push('replace'));
    onDatabaseFault(() => {
      throw new Error('could not');
    });
    const errors = await runDatabaseFault();
    expect(calls).toEqual(['replace']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['could not']);
  });
});
