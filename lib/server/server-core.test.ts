import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './forwarded.mjs';
import { errorFields, requestIdOf, routeOf, scrubText } from './log-core.mjs';

describe('routeOf: the logged route names no one', () => {
  it('drops the query string and the fragment', () => {
    expect(routeOf('/login?phone=081220000001&x=1')).toBe('/login');
    expect(routeOf('/forum/cari?q=asi#top')).toBe('/forum/cari');
  });
  it('replaces ids, codes and numbers by :id', () => {
    expect(routeOf('/kader/bayi/8a1b2c3d-0000-4000-8000-000000000000/kunjungan')).toBe('/kader/bayi/:id/kunjungan');
    expect(routeOf('/verifikasi/KSH-7QX2-99AB')).toBe('/verifikasi/:id');
    expect(routeOf('/api/sertifikat/123/pdf')).toBe('/api/sertifikat/:id/pdf');
    expect(routeOf('/forum/k/Ibu%20Rina')).toBe('/forum/k/:id');
    expect(routeOf('/x/%E0%A4%A')).toBe('/x/:id');
  });
  it('keeps route words and Next assets', () => {
    expect(routeOf('/staff/ibu/baru')).toBe('/staff/ibu/baru');
    expect(routeOf('/api/auth/callback/credentials')).toBe('/api/auth/callback/credentials');
    expect(routeOf('/_next/static/chunks/abc123.js')).toBe('/_next/static/chunks/abc123.js');
    expect(routeOf('/')).toBe('/');
    expect(routeOf('/favicon.ico')).toBe('/favicon.ico');
    expect(routeOf('/x/Rina.Kartika')).toBe('/x/:id');
  });
});

describe('requestIdOf', () => {
  it('keeps a proxy id that looks like one, makes a new one otherwise', () => {
    expect(requestIdOf('abcdef12-3456')).toBe('abcdef12-3456');
    for (const bad of [undefined, '', 'short', 'has space in it', 'x'.repeat(101), '<script>alert(1)</script>']) {
      const id = requestIdOf(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('errors in logs', () => {
  it("drop drizzle's query parameters (the values written) and keep the query", () => {
    const err = new Error('Failed query: insert into "users" ("phone") values ($1)\nparams: +6281220000001,Rina');
    const f = errorFields(err);
    expect(f.message).toContain('insert into "users"');
    expect(f.message).not.toContain('6281220000001');
    expect(f.stack).not.toContain('Rina');
    expect(scrubText('params: 1,2')).toBe('params: [redacted]');
  });
  it('keep type, code and the cause', () => {
    const err = Object.assign(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) }), { digest: 'd1' });
    expect(errorFields(err)).toMatchObject({ type: 'Error', message: 'outer', digest: 'd1', cause: { message: 'inner', code: 'ECONNREFUSED' } });
  });
});

describe('clientAddressOf: the address the login lockout counts', () => {
  it('without a trusted proxy, ignores X-Forwarded-For (the client could write anything)', () => {
    expect(clientAddressOf('1.2.3.4', '10.0.0.9', 0)).toBe('10.0.0.9');
    expect(clientAddressOf(undefined, '10.0.0.9', 0)).toBe('10.0.0.9');
  });
  it('behind one proxy, takes the address that proxy appended, not what the client sent', () => {
    expect(clientAddressOf('6.6.6.6, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    expect(clientAddressOf('203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
  });
  it('behind two proxies, the second from the end; never past the left end', () => {
    expect(clientAddressOf('6.6.6.6, 203.0.113.7, 10.0.0.1', '10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddressOf('', '10.0.0.2', 3)).toBe('10.0.0.2');
  });
});
