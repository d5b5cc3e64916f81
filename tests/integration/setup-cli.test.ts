/**
 * `npm run setup` answers a person, in plain Indonesian (issue #29 point 3): no JSON log line,
 * the code, until when it works and what to do with it; a refusal names the flag and says that
 * nothing was written. Runs the real script on an embedded database of its own (never the
 * PostgreSQL of DATABASE_URL).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kekasihku-setup-cli-'));

async function setup(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.DEMO_DATA;
  delete childEnv.LOG_LEVEL;
  return run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/setup.ts', ...args], {
    cwd: root,
    env: childEnv,
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run setup -- --dinkes', () => {
  it('makes the account and says so in Indonesian, without a JSON log line', async () => {
    const r = await setup(['--dinkes', '--kabupaten', 'Kabupaten Bogor', '--provinsi', 'Jawa Barat', '--nama', 'dr. Yohana Simanjuntak', '--hp', '0811-1234-0201'], {
      APP_URL: 'https://kekasihku.bogorkab.go.id',
    });
    expect(r.code, r.stderr).toBe(0);
    const out = `${r.stdout}${r.stderr}`;
    expect(out).not.toMatch(/^\s*\{"level"/m);
    expect(out).not.toMatch(/created|Activation code|valid until/);
    expect(r.stdout).toContain('akun Dinas Kesehatan untuk Kabupaten Bogor sudah dibuat');
    expect(r.stdout).toMatch(/Kode aktivasi: [A-Z0-9]{8}\n/);
    expect(r.stdout).toMatch(/berlaku sampai \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expect(r.stdout).toContain('https://kekasihku.bogorkab.go.id/aktivasi');
  }, 180_000);

  it('a refusal names the flag, in Indonesian, and nothing is written', async () => {
    const r = await setup(['--dinkes', '--kabupaten', '', '--provinsi', 'Jawa Barat', '--nama', 'dr. Y', '--hp', '12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kabupaten: Wajib diisi.');
    expect(r.stderr).toMatch(/--hp: Nomor HP tidak valid/);
    expect(r.stderr).toContain('Tidak ada yang disimpan.');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s*\{"level"/m);
  }, 180_000);
});
