import { createTranslator } from 'next-intl';
import { describe, expect, it, vi } from 'vitest';
import id from '@/messages/id.json';
import en from '@/messages/en.json';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock('next-intl/server', () => ({ getRequestConfig: (f: unknown) => f }));

describe('the message cache shared by every request (issue #31)', () => {
  it('compiles a message once per language; later translators (requests) reuse it with their own values', async () => {
    const { sharedIntlCache } = await import('./request');
    const cache = sharedIntlCache('id');
    expect(sharedIntlCache('id')).toBe(cache);
    expect(sharedIntlCache('en')).not.toBe(cache);
    const t1 = createTranslator({ locale: 'id', messages: id, timeZone: 'Asia/Jakarta', _cache: cache } as never) as unknown as (k: string, v?: object) => string;
    expect(t1('kader.title', { name: 'Siti' })).toContain('Siti');
    const compiled = Object.keys(cache.message).length;
    expect(compiled).toBeGreaterThan(0);
    const t2 = createTranslator({ locale: 'id', messages: id, timeZone: 'Asia/Jakarta', _cache: cache } as never) as unknown as (k: string, v?: object) => string;
    expect(t2('kader.title', { name: 'Ani' })).toContain('Ani');
    expect(Object.keys(cache.message).length).toBe(compiled);
    const t3 = createTranslator({ locale: 'en', messages: en, timeZone: 'Asia/Jakarta', _cache: sharedIntlCache('en') } as never) as unknown as (
      k: string,
      v?: object,
    ) => string;
    expect(t3('kader.title', { name: 'Ani' })).not.toBe(t2('kader.title', { name: 'Ani' }));
  });

  it('the request config hands next-intl the cache of its language', async () => {
    const mod = await import('./request');
    const config = await (mod.default as unknown as () => Promise<{ locale: string; _cache: unknown }>)();
    expect(config.locale).toBe('id');
    expect(config._cache).toBe(mod.sharedIntlCache('id'));
  });
});
