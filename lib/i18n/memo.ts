import 'server-only';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';

type Values = Record<string, string | number>;
export type Tr = (key: string, values?: Values) => string;

/**
 * next-intl's translator, memoised for one request (React cache): each call with values looks a
 * message formatter up by a serialised key, and the kader's lists and the dashboard's tables
 * repeat the same few texts (ages, statuses, "16 dari 20") hundreds of times (issue #11).
 */
export const memoTranslator = cache(async (): Promise<Tr> => {
  const t = (await getTranslations()) as unknown as Tr;
  const memo = new Map<string, string>();
  return (key, values) => {
    const k = values ? `${key}\u0000${JSON.stringify(values)}` : key;
    let v = memo.get(k);
    if (v === undefined) {
      v = t(key, values);
      memo.set(k, v);
    }
    return v;
  };
});
