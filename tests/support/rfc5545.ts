/**
 * A strict reading of an .ics file (issue #29 point 5): what lenient parsers forgive and strict
 * calendar apps refuse. ical.js parses the file (a syntax error throws); then, per RFC 5545:
 * - lines end in CRLF and are at most 75 octets (3.1);
 * - VCALENDAR has VERSION:2.0 and PRODID (3.6); every VEVENT has UID, DTSTAMP and DTSTART (3.6.1),
 *   DTEND not before DTSTART;
 * - every VALARM has ACTION and TRIGGER, DISPLAY alarms a DESCRIPTION (3.6.6), and a TRIGGER or
 *   DURATION value is a dur-value of the grammar of 3.3.6 (`-P1DT` is not; `-P1D`, `-PT2H` are).
 * Returns the problems found (empty: the file is valid as far as these rules go).
 */
import ICAL from 'ical.js';

/** RFC 5545 3.3.6: dur-value = (["+"] / "-") "P" (dur-date / dur-time / dur-week). */
const DUR_TIME = 'T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S)';
export const DUR_VALUE = new RegExp(`^[+-]?P(?:\\d+W|\\d+D(?:${DUR_TIME})?|${DUR_TIME})$`);

export function rfc5545Problems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('the file does not end with CRLF');
  const physical = text.split('\r\n');
  physical.forEach((line, i) => {
    if (line.includes('\n') || line.includes('\r')) problems.push(`line ${i + 1}: a bare LF or CR`);
    if (Buffer.byteLength(line, 'utf8') > 75) problems.push(`line ${i + 1}: longer than 75 octets`);
  });
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (err) {
    return [...problems, `not parsed: ${(err as Error).message}`];
  }
  if (root.name !== 'vcalendar') problems.push(`the root is ${root.name}, not VCALENDAR`);
  if (root.getFirstPropertyValue('version') !== '2.0') problems.push('VCALENDAR without VERSION:2.0');
  if (!root.getFirstPropertyValue('prodid')) problems.push('VCALENDAR without PRODID');
  const events = root.getAllSubcomponents('vevent');
  if (events.length === 0) problems.push('no VEVENT');
  for (const ev of events) {
    for (const p of ['uid', 'dtstamp', 'dtstart']) if (!ev.hasProperty(p)) problems.push(`VEVENT without ${p.toUpperCase()}`);
    const start = ev.getFirstPropertyValue('dtstart') as ICAL.Time | null;
    const end = ev.getFirstPropertyValue('dtend') as ICAL.Time | null;
    if (start && end && end.compare(start) < 0) problems.push('DTEND before DTSTART');
    for (const alarm of ev.getAllSubcomponents('valarm')) {
      const action = alarm.getFirstPropertyValue('action');
      if (!action) problems.push('VALARM without ACTION');
      if (!alarm.hasProperty('trigger')) problems.push('VALARM without TRIGGER');
      if (action === 'DISPLAY' && !alarm.hasProperty('description')) problems.push('DISPLAY VALARM without DESCRIPTION');
    }
  }
  // Duration values as written (ical.js reads "-P1DT" leniently, so the raw text is checked).
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  for (const m of unfolded.matchAll(/^(TRIGGER|DURATION)((?:;[^:\r\n]*)?):([^\r\n]*)$/gm)) {
    const params = m[2] ?? '';
    if (/VALUE=DATE-TIME/i.test(params)) continue;
    if (!DUR_VALUE.test(m[3]!)) problems.push(`${m[1]}:${m[3]} is not an RFC 5545 duration`);
  }
  return problems;
}
