/** The .ics of a session passes a strict RFC 5545 reading (issue #29 point 5). */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DUR_VALUE, rfc5545Problems } from '@/tests/support/rfc5545';
import { groupSessionIcs, validDurations } from './ics';

const session = {
  id: '6f1c2b9e-2f7a-4a4e-9a55-0d3c1b2a1f00',
  title: 'Pertemuan KP-ASI: memerah, menyimpan; dan memberi ASI perah di rumah bersama keluarga',
  topicLabel: null,
  startsAt: new Date('2026-12-10T02:00:00Z'),
  endsAt: new Date('2026-12-10T04:00:00Z'),
  place: 'Balai Desa, RW 02',
  villageName: 'Bojong Nangka',
  status: 'scheduled' as const,
};
const texts = { description: 'Topik: Memerah dan menyimpan ASI', calendarName: 'KEKASIHKU' };

describe('the RFC 5545 duration grammar (3.3.6)', () => {
  it.each(['-P1D', 'P1D', '+P1D', '-PT2H', '-PT15M', 'PT30S', '-P1DT2H', '-P2W', 'PT1H30M', 'PT1H30M5S'])('%s is a duration', (v) => {
    expect(DUR_VALUE.test(v)).toBe(true);
  });
  it.each(['-P1DT', 'P', 'PT', '-P1W2D', 'P1H', '-P1DT2H3S', 'PT1H5S', '1D', '-p1d'])('%s is not', (v) => {
    expect(DUR_VALUE.test(v)).toBe(false);
  });
});

describe('the session file', () => {
  it('passes a strict reading: CRLF, 75 octets, VERSION/PRODID/UID/DTSTAMP/DTSTART, valid VALARM triggers', () => {
    const text = groupSessionIcs(session, texts);
    expect(rfc5545Problems(text)).toEqual([]);
    // The reminders: one day and two hours before.
    expect(text).toMatch(/^TRIGGER:-P1D\r$/m);
    expect(text).toMatch(/^TRIGGER:-PT2H\r$/m);
    const alarms = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!.getAllSubcomponents('valarm');
    expect(alarms.map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds())).toEqual([-86400, -7200]);
  });
  it('a cancelled session too', () => {
    expect(rfc5545Problems(groupSessionIcs({ ...session, status: 'cancelled' }, texts))).toEqual([]);
  });
  it('the checker finds what the ics package wrote before: TRIGGER:-P1DT', () => {
    const before = groupSessionIcs(session, texts).replace('TRIGGER:-P1D\r\n', 'TRIGGER:-P1DT\r\n');
    expect(rfc5545Problems(before)).toEqual(['TRIGGER:-P1DT is not an RFC 5545 duration']);
  });
  it('validDurations removes only a dangling T', () => {
    expect(validDurations('TRIGGER:-P1DT\r\nTRIGGER:-PT2H\r\nDURATION:P2DT\r\nTRIGGER:-P1DT3H\r\n')).toBe(
      'TRIGGER:-P1D\r\nTRIGGER:-PT2H\r\nDURATION:P2D\r\nTRIGGER:-P1DT3H\r\n',
    );
  });
});
