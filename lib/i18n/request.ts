import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './config';

/**
 * next-intl compiles a message with arguments (intl-messageformat) into its `_cache`, which it
 * otherwise makes anew for every translator of every request: the same few hundred message
 * templates were parsed again on each page view (issue #31: 3–8 % of a page's server time, see
 * docs/performance.md). One cache per language for the life of the process: it holds compiled
 * message templates — the same for every user, nothing personal — and grows to the number of
 * messages at most. (Shape of use-intl's `createCache`; values are given at format time.)
 */
const SHARED_CACHES = new Map<Locale, Record<'dateTime' | 'number' | 'message' | 'relativeTime' | 'pluralRules' | 'list' | 'displayNames', object>>();
export function sharedIntlCache(locale: Locale) {
  let c = SHARED_CACHES.get(locale);
  if (!c) SHARED_CACHES.set(locale, (c = { dateTime: {}, number: {}, message: {}, relativeTime: {}, pluralRules: {}, list: {}, displayNames: {} }));
  return c;
}

/** No locale in the URL: the language is a cookie, remembered per browser and per user. */
export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: 'Asia/Jakarta',
    messages: (await import(`../../messages/${locale}.json`)).default,
    // Passed through by next-intl to each translator (use-intl's createTranslator `_cache`).
    _cache: sharedIntlCache(locale),
  } as Awaited<ReturnType<Parameters<typeof getRequestConfig>[0]>>;
});
