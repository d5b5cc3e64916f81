/**
 * The .ics file of a group session, for a phone calendar (docs/decisions/033-group-sessions.md):
 * made with the `ics` package, times written in UTC (…Z) so that every calendar shows the
 * session at the right local time. The session only: no names, no phone numbers.
 */
import { createEvent } from 'ics';

export type CalendarGroupSession = {
  id: string;
  title: string;
  topicLabel: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string;
  villageName: string;
  status: 'scheduled' | 'cancelled' | 'closed';
};

export function groupSessionIcs(s: CalendarGroupSession, texts: { description: string; calendarName: string }): string {
  const { error, value } = createEvent({
    uid: `${s.id}@kekasihku`,
    productId: 'kekasihku/pertemuan',
    calName: texts.calendarName,
    title: s.title,
    description: texts.description,
    location: `${s.place}, ${s.villageName}`,
    start: s.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: s.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    // Remind one day before and two hours before.
    alarms: [
      { action: 'display', description: s.title, trigger: { days: 1, before: true } },
      { action: 'display', description: s.title, trigger: { hours: 2, before: true } },
    ],
  });
  if (error || !value) throw error ?? new Error('ics: no value');
  return validDurations(value);
}

/**
 * The `ics` package (3.12) writes a duration of whole days as `-P1DT`: a `T` with no hours,
 * minutes or seconds after it, which RFC 5545 (3.3.6 dur-value) does not allow and strict
 * calendar apps drop with the reminder (issue #29). Removes such a dangling `T` from the
 * TRIGGER and DURATION lines: `-P1DT` → `-P1D`; `-PT2H` is left as it is.
 */
export function validDurations(ics: string): string {
  return ics.replace(/^((?:TRIGGER|DURATION)(?:;[^:\r\n]*)?:[+-]?P(?:\d+W)?(?:\d+D)?)T(?=\r?$)/gm, '$1');
}
