/**
 * Group sessions (DESIGN §3 "Sessions"): wall-clock times in the puskesmas zone, when the
 * attendance register may be filled in, and who is invited. Pure: "now" comes in.
 */
import { TZDate } from '@date-fns/tz';
import { formatDateLongId, formatIsoDate, parseIsoDate } from './dates';
import { followedOn } from './journey';
import type { IsoDate } from './types';

/** Default group size (DESIGN §6: KP-ASI groups are about 10 mothers). */
export const DEFAULT_GROUP_SESSION_CAPACITY = 10;
/** The schema's check: between 1 and 200 people. */
export const GROUP_SESSION_CAPACITY_MAX = 200;
/**
 * The register opens this long before the start: mothers arrive early and the kader ticks
 * them off as they come (docs/decisions/033-group-sessions.md).
 */
export const REGISTER_OPENS_MINUTES_BEFORE = 60;

const TIME_RE = /^([01]\d|2[0-3])[.:]([0-5]\d)$/;

/** True for "HH:MM" (or "HH.MM", the Indonesian way of writing it). */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && TIME_RE.test(value);
}

/** The instant of wall-clock `hh:mm` on day `iso` in `timeZone` (09:00 WIB = 02:00 UTC). */
export function zonedInstant(iso: IsoDate, time: string, timeZone: string): Date {
  const { year, month, day } = parseIsoDate(iso);
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time: ${time.slice(0, 10)}`);
  return new Date(new TZDate(year, month - 1, day, Number(m[1]), Number(m[2]), 0, 0, timeZone).getTime());
}

/** The calendar day and "HH:MM" of an instant in `timeZone`. */
export function zonedParts(at: Date, timeZone: string): { date: IsoDate; time: string } {
  const d = new TZDate(at.getTime(), timeZone);
  return {
    date: formatIsoDate(d.getFullYear(), d.getMonth() + 1, d.getDate()),
    time: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
  };
}

export type GroupSessionState = 'scheduled' | 'cancelled' | 'closed';

/** May attendance be marked now? Not when cancelled or closed; from an hour before the start. */
export function registerOpen(s: { status: GroupSessionState; startsAt: Date }, now: Date): boolean {
  if (s.status !== 'scheduled') return false;
  return now.getTime() >= s.startsAt.getTime() - REGISTER_OPENS_MINUTES_BEFORE * 60_000;
}

/** May a mother still answer whether she comes? Until the start, if not cancelled or closed. */
export function rsvpOpen(s: { status: GroupSessionState; startsAt: Date }, now: Date): boolean {
  return s.status === 'scheduled' && now.getTime() < s.startsAt.getTime();
}

/** Is the session over for the lists (upcoming vs past)? Past once it has ended or is closed. */
export function isPastGroupSession(s: { status: GroupSessionState; endsAt: Date }, now: Date): boolean {
  return s.status === 'closed' || s.endsAt.getTime() <= now.getTime();
}

/**
 * Invited by default: a mother with a baby under 6 months on the session's day (born on or
 * before it, not exited by then).
 */
export function invitedOnDay(babies: readonly { birthDate: IsoDate; exitDate: IsoDate | null }[], day: IsoDate): boolean {
  return babies.some((b) => followedOn(b, day));
}

/** Present people over those recorded; null when nobody is recorded ("no data", never 0%). */
export function attendanceRate(present: number, recorded: number): number | null {
  return recorded > 0 ? (present / recorded) * 100 : null;
}

/**
 * The WhatsApp reminder, always in Indonesian (mothers read it on their phone): greeting,
 * topic, date, time (WIB) and place. The caller gives the topic label and the zone's short
 * name; times are written "09.00" (DESIGN §2).
 */
export function groupSessionReminderText(s: {
  motherName: string;
  title: string;
  topicLabel: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  timeZone: string;
  zoneLabel: string;
  kaderName: string;
  /** The lessons the session goes through (issue #28), with their full addresses. */
  lessons?: readonly { title: string; url: string }[];
}): string {
  const start = zonedParts(s.startsAt, s.timeZone);
  const end = zonedParts(s.endsAt, s.timeZone);
  const dot = (t: string) => t.replace(':', '.');
  const { year, month, day } = parseIsoDate(start.date);
  const weekday = WEEKDAYS_ID[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  return [
    `Assalamu'alaikum Ibu ${s.motherName},`,
    `Ibu diundang ke pertemuan KP-ASI "${s.title}" (topik: ${s.topicLabel}).`,
    `Hari/tanggal: ${weekday}, ${formatDateLongId(start.date)}`,
    `Jam: ${dot(start.time)}–${dot(end.time)} ${s.zoneLabel}`,
    `Tempat: ${s.place}`,
    ...(s.lessons?.length ? ['Materi yang dibahas (bisa dibaca sebelumnya):', ...s.lessons.map((l) => `- ${l.title}: ${l.url}`)] : []),
    `Suami dan keluarga juga boleh ikut. Mohon balas apakah Ibu bisa hadir. Terima kasih.`,
    `— ${s.kaderName}`,
  ].join('\n');
}

const WEEKDAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

/** Indonesian zone names: WIB, WITA, WIT; else the IANA name. */
export function zoneLabel(timeZone: string): string {
  const z: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  return z[timeZone] ?? timeZone;
}
