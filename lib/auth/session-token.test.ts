import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';

const SECRET = 'test-secret-of-issue-31-0123456789abcdef';
const NAME = 'authjs.session-token';
const claims = { uid: 'u1', role: 'kader', pid: 'p1', sv: 3, sid: 's1' };

let mod: typeof import('./session-token');
beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  mod = await import('./session-token');
});

const jar = (cookies: Record<string, string>) => ({ getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) });

describe('sessionTokenOf', () => {
  it('finds the plain, the __Secure- and the chunked cookie, and nothing else', () => {
    expect(mod.sessionTokenOf(jar({ [NAME]: 'abc', other: 'x' }))).toEqual({ name: NAME, value: 'abc' });
    expect(mod.sessionTokenOf(jar({ [`__Secure-${NAME}`]: 'sec' }))).toEqual({ name: `__Secure-${NAME}`, value: 'sec' });
    expect(mod.sessionTokenOf(jar({ [`${NAME}.1`]: 'def', [`${NAME}.0`]: 'abc' }))).toEqual({ name: NAME, value: 'abcdef' });
    expect(mod.sessionTokenOf(jar({ 'authjs.csrf-token': 'x', [`${NAME}.x`]: 'y' }))).toBeNull();
  });
});

describe('claimsOfToken', () => {
  it("decodes Auth.js's own token into the session claims (ids only)", async () => {
    const token = await encode({ token: { ...claims, name: 'not kept' }, secret: SECRET, salt: NAME, maxAge: 60 });
    expect(await mod.claimsOfToken({ name: NAME, value: token })).toEqual(claims);
    // Again from the memo: the same answer.
    expect(await mod.claimsOfToken({ name: NAME, value: token })).toEqual(claims);
  });

  it('refuses a token of another secret, another cookie name (salt), a tampered or an expired one', async () => {
    const other = await encode({ token: claims, secret: 'another-secret-0123456789abcdef0123', salt: NAME, maxAge: 60 });
    expect(await mod.claimsOfToken({ name: NAME, value: other })).toBeNull();
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: 60 });
    expect(await mod.claimsOfToken({ name: `__Secure-${NAME}`, value: token })).toBeNull();
    expect(await mod.claimsOfToken({ name: NAME, value: token.slice(0, -4) + 'AAAA' })).toBeNull();
    const expired = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: -60 });
    expect(await mod.claimsOfToken({ name: NAME, value: expired })).toBeNull();
    expect(await mod.claimsOfToken(null)).toBeNull();
  });

  it('a remembered token still ends at its own expiry', async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: 60 });
    expect(await mod.claimsOfToken({ name: NAME, value: token })).toEqual(claims);
    expect(await mod.claimsOfToken({ name: NAME, value: token }, Date.now() + 61_000)).toBeNull();
  });

  it('a token without the ids of a portal session gives no claims', async () => {
    const token = await encode({ token: { sub: 'x' }, secret: SECRET, salt: NAME, maxAge: 60 });
    expect(await mod.claimsOfToken({ name: NAME, value: token })).toBeNull();
  });
});
