/**
 * A server action called with arguments it does not expect (issue #29 point 4): a form without a
 * prior state (`action(formData)`), nothing, a string, an object, null — what anyone can post to
 * an action's endpoint. Every exported action of lib/actions answers (a state, or Next's own
 * redirect / 403 / 404), never an unexpected exception (a 500), and writes nothing.
 * Signed in as the admin (the role that reaches furthest into each action) and as nobody.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbForTesting } from '@/db/client';
import type { Actor } from '@/lib/auth/policy';
import { actorFor, BACKENDS, fingerprint, useDatabase, type TestDb } from './support';
import { DEMO_LOGINS } from '@/db/seed';

let signedIn: Actor | null = null;
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {}, CredentialsSignin: class CredentialsSignin extends Error {} }));
vi.mock('@/lib/auth/session', () => ({
  homeOf: (role: string) => `/${role}`,
  revokeSession: vi.fn(async () => undefined),
  getCurrentUser: vi.fn(async () => signedIn),
  requireUser: vi.fn(async () => {
    if (!signedIn) throw Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' });
    return signedIn;
  }),
}));
vi.mock('@/lib/auth', () => ({
  signIn: vi.fn(async () => undefined),
  signOut: vi.fn(async () => undefined),
  auth: vi.fn(async () => null),
  clientIp: vi.fn(async () => '203.0.113.9'),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock('next/headers', () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.9', host: 'evil.example' }),
    cookies: async () => ({
      get: (k: string) => (jar.has(k) ? { name: k, value: jar.get(k) } : undefined),
      set: (k: string, v: string) => void jar.set(k, v),
      delete: (k: string) => void jar.delete(k),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (k: string) => jar.has(k),
    }),
  };
});
vi.mock('next-intl/server', () => ({
  getTranslations: async () => Object.assign((k: string) => k, { rich: (k: string) => k, has: () => true }),
  getLocale: async () => 'id',
}));

const dir = path.resolve(import.meta.dirname, '../../lib/actions');
const MODULES = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => /^'use server';/.test(fs.readFileSync(path.join(dir, f), 'utf8')));

/** Actions that read no argument at all (a button: sign out, end my sessions, issue all eligible). */
const NO_INPUT = new Set(['logoutAction', 'endOwnSessionsAction', 'issueAllAction']);

const LOADERS = import.meta.glob('../../lib/actions/*.ts');

/** What may be posted to an action's endpoint instead of (prevState, formData). */
const form = () => {
  const fd = new FormData();
  fd.set('id', 'not-a-uuid');
  fd.set('phone', '08123');
  return fd;
};
const WRONG: [string, () => unknown[]][] = [
  ['a form without a prior state', () => [form()]],
  ['nothing', () => []],
  ['undefined, undefined', () => [undefined, undefined]],
  ['a string', () => ['x']],
  ['a string and a number', () => ['x', 1]],
  ['null and an object', () => [null, { phone: '0812' }]],
  ['an empty state and a string', () => [{}, 'phone=0812']],
  ['an array and a form', () => [[1, 2], form()]],
];

/** Next's own control flow (redirect, 403, 404 pages): an answer, not a crash. */
function isNextAnswer(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK;(401|403|404)|NEXT_NOT_FOUND)/.test(digest);
}

describe.each(BACKENDS)('server actions with wrong arguments on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  const actions: [string, (...args: unknown[]) => Promise<unknown>][] = [];

  beforeAll(async () => {
    // forbidden() is allowed when next.config sets authInterrupts (as lib/actions/safe-action.test.ts).
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
    db = await useDatabase(backend, { seed: true });
    setDbForTesting(db);
    admin = await actorFor(db, DEMO_LOGINS.find((l) => l.role === 'admin')!.phone);
    for (const file of MODULES) {
      const mod = (await LOADERS[`../../lib/actions/${file}`]!()) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod))
        if (typeof fn === 'function' && !NO_INPUT.has(name)) actions.push([`${file}:${name}`, fn as (...args: unknown[]) => Promise<unknown>]);
    }
    expect(actions.length).toBeGreaterThan(40);
  }, 300_000);
  afterAll(async () => {
    setDbForTesting(undefined);
    await db?.dispose();
  });

  for (const who of ['admin', 'nobody'] as const) {
    it(`signed in as ${who}: every action answers every wrong call, nothing is written`, async () => {
      signedIn = who === 'admin' ? admin : null;
      const before = await fingerprint(db);
      const crashes: string[] = [];
      for (const [name, action] of actions) {
        for (const [label, args] of WRONG) {
          try {
            await action(...args());
          } catch (err) {
            if (!isNextAnswer(err)) crashes.push(`${name} with ${label}: ${(err as Error)?.message ?? String(err)}`.slice(0, 200));
          }
        }
      }
      expect(crashes).toEqual([]);
      expect(await fingerprint(db)).toEqual(before);
    });
  }
});
