import { describe, expect, it } from 'vitest';
import { afterSignIn, loginPathFor, safeReturnPath } from './return-to';

describe('safeReturnPath (issue #23 item 4)', () => {
  it.each([
    ['/kader/ringkasan', '/kader/ringkasan'],
    ['/forum/t/0f9c3f3e-7c41-4a4b-9e0e-1a2b3c4d5e6f', '/forum/t/0f9c3f3e-7c41-4a4b-9e0e-1a2b3c4d5e6f'],
    ['/kader/bayi/abc-123', '/kader/bayi/abc-123'],
    ['/forum/k/kembali-bekerja', '/forum/k/kembali-bekerja'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['\\\\evil.example', null],
    ['https://evil.example/', null],
    ['javascript:alert(1)', null],
    ['/%2F%2Fevil.example', null],
    ['/%5Cevil.example', null],
    ['/kader/../staff', null],
    ['/kader/%2e%2e/staff', null],
    ['/kader?q=Siti', null],
    ['/kader#x', null],
    ['/kader\u0000', null],
    ['/kader\u202E', null],
    ['/ kader', null],
    ['/login', null],
    ['/login?ke=/kader', null],
    ['/api/sesi', null],
    ['kader', null],
    ['', null],
    ['/%zz', null],
    [`/${'a'.repeat(400)}`, null],
    [undefined, null],
    [['/kader'], null],
  ] as const)('%j → %j', (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });
});

describe('afterSignIn', () => {
  it.each([
    ['kader', '/kader/ringkasan', '/kader/ringkasan'],
    ['kader', '/forum/t/abc', '/forum/t/abc'],
    ['ibu', '/forum', '/forum'],
    ['kader', '/staff/ibu', '/kader'],
    ['ibu', '/kader/ringkasan', '/ibu'],
    ['dinkes', '/forum', '/dinkes'],
    ['staff', '/akun', '/akun'],
    ['admin', '/staff/pengguna', '/staff/pengguna'],
    ['staff', '//evil.example', '/staff'],
    ['staff', undefined, '/staff'],
    ['kader', '/pasang', '/kader'],
  ] as const)('%s asked for %j → %s', (role, requested, expected) => {
    expect(afterSignIn(role, requested)).toBe(expected);
  });

  it('loginPathFor keeps a safe path, drops anything else', () => {
    expect(loginPathFor('/kader/ringkasan')).toBe('/login?ke=%2Fkader%2Fringkasan');
    expect(loginPathFor('//evil.example')).toBe('/login');
    expect(loginPathFor('/')).toBe('/login');
  });
});
