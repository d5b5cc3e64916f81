import { describe, expect, it } from 'vitest';
import { configuredOrigin, lanAddress, requestOrigin } from './forwarded.mjs';

describe('the origin a phone can open (issue #22)', () => {
  it.each([
    [{ host: 'kekasihku.test:3302' }, 'http://kekasihku.test:3302'],
    [{ host: 'localhost:3000' }, 'http://localhost:3000'],
    [{ host: '192.168.1.20:3000' }, 'http://192.168.1.20:3000'],
    [{ host: '0.0.0.0:3000', lan: '192.168.1.20' }, 'http://192.168.1.20:3000'],
    [{ host: '0.0.0.0:3000' }, ''],
    [{ host: '[::]:3000', lan: '10.0.0.5' }, 'http://10.0.0.5:3000'],
    [{ host: 'internal:3000', forwardedHost: 'pkm.example.id', forwardedProto: 'https' }, 'https://pkm.example.id'],
    [{ host: 'a.test', forwardedHost: 'pkm.example.id, proxy.internal', forwardedProto: 'https,http' }, 'https://pkm.example.id'],
    [{ host: 'a.test', forwardedHost: 'evil.example/path' }, 'http://a.test'],
    [{ host: 'a.test', forwardedHost: 'evil.example@x' }, 'http://a.test'],
    [{ host: 'a.test', forwardedProto: 'javascript' }, 'http://a.test'],
    [{ host: 'a.test:99999' }, ''],
    [{ host: '<script>' }, ''],
    [{}, ''],
    [{ host: '[::1]:3000' }, 'http://[::1]:3000'],
    [{ host: 'PKM.Example.ID' }, 'http://pkm.example.id'],
  ])('%j → %j', (input, expected) => {
    expect(requestOrigin(input)).toBe(expected);
  });

  it('configuredOrigin takes the first usable URL, never a bind address', () => {
    expect(configuredOrigin(undefined, 'https://pkm.example.id/x')).toBe('https://pkm.example.id');
    expect(configuredOrigin('http://0.0.0.0:3000', 'not a url')).toBe('');
    expect(configuredOrigin('ftp://x.test')).toBe('');
    expect(configuredOrigin('http://kekasihku.test:3000/', 'https://b.test')).toBe('http://kekasihku.test:3000');
  });

  it('lanAddress: the first non-internal IPv4 address', () => {
    expect(
      lanAddress({
        lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
        docker0: [{ address: 'fe80::1', family: 'IPv6', internal: false }],
        wlan0: [
          { address: '169.254.3.4', family: 'IPv4', internal: false },
          { address: '192.168.1.20', family: 'IPv4', internal: false },
        ],
      }),
    ).toBe('192.168.1.20');
    expect(lanAddress({ lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }] })).toBeNull();
    expect(lanAddress(undefined)).toBeNull();
  });
});
