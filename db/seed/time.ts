/** Wall-clock times of the puskesmas zone as instants (09.00 WIB = 02.00 UTC). */
import { TZDate } from '@date-fns/tz';
import { parseIsoDate, type IsoDate } from '../../lib/domain';

export const SEED_TIME_ZONE = 'Asia/Jakarta';

/** The instant of `hour:minute` on calendar day `iso` in `timeZone`. */
export function zoned(iso: IsoDate, hour: number, minute = 0, timeZone: string = SEED_TIME_ZONE): Date {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, 0, timeZone).getTime());
}

/** Later of an instant plus some minutes. */
export function plusMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

export function maxInstant(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function minInstant(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
