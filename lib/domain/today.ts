/**
 * Today's date: the one place the domain reads a clock, in a time zone (@date-fns/tz). Kept
 * apart from ./dates.ts so that the client forms using the calendar helpers stay light.
 */
import { TZDate } from '@date-fns/tz';
import { DEFAULT_TIME_ZONE, formatIsoDate } from './dates';
import type { IsoDate } from './types';

/** Today's calendar date in an IANA zone (default Asia/Jakarta). `now` is injectable for tests. */
export function isoToday(timeZone: string = DEFAULT_TIME_ZONE, now: Date | number = Date.now()): IsoDate {
  const d = new TZDate(typeof now === 'number' ? now : now.getTime(), timeZone);
  return formatIsoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
