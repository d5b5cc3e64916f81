import { describe, expect, it } from 'vitest';
import { attendanceRate, invitedOnDay, isClockTime, registerOpen, rsvpOpen, groupSessionReminderText, whatsappLink, zonedInstant, zonedParts, zoneLabel } from './index';

describe('session times in the puskesmas zone', () => {
  it('09.00 WIB is 02.00 UTC, and back', () => {
    const at = zonedInstant('2026-12-10', '09:00', 'Asia/Jakarta');
    expect(at.toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(zonedParts(at, 'Asia/Jakarta')).toEqual({ date: '2026-12-10', time: '09:00' });
    expect(zonedInstant('2026-12-10', '09.00', 'Asia/Makassar').toISOString()).toBe('2026-12-10T01:00:00.000Z');
    expect(zonedParts(new Date('2026-12-09T18:30:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-12-10', time: '01:30' });
  });
  it('accepts HH:MM and HH.MM only', () => {
    expect(isClockTime('09:00')).toBe(true);
    expect(isClockTime('23.59')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('9:00')).toBe(false);
    expect(() => zonedInstant('2026-12-10', '25:00', 'Asia/Jakarta')).toThrow(RangeError);
  });
  it('zone labels', () => {
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
  });
});

describe('register and RSVP windows', () => {
  const startsAt = new Date('2026-12-10T02:00:00Z');
  it('the register opens an hour before the start, never when cancelled or closed', () => {
    expect(registerOpen({ status: 'scheduled', startsAt }, new Date('2026-12-10T00:59:59Z'))).toBe(false);
    expect(registerOpen({ status: 'scheduled', startsAt }, new Date('2026-12-10T01:00:00Z'))).toBe(true);
    expect(registerOpen({ status: 'scheduled', startsAt }, new Date('2026-12-11T10:00:00Z'))).toBe(true);
    expect(registerOpen({ status: 'cancelled', startsAt }, new Date('2026-12-10T02:30:00Z'))).toBe(false);
    expect(registerOpen({ status: 'closed', startsAt }, new Date('2026-12-10T02:30:00Z'))).toBe(false);
  });
  it('mothers answer until the start', () => {
    expect(rsvpOpen({ status: 'scheduled', startsAt }, new Date('2026-12-10T01:59:00Z'))).toBe(true);
    expect(rsvpOpen({ status: 'scheduled', startsAt }, startsAt)).toBe(false);
    expect(rsvpOpen({ status: 'cancelled', startsAt }, new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });
});

describe('invitations', () => {
  it('a baby under 6 months on the day, born by then, not exited', () => {
    expect(invitedOnDay([{ birthDate: '2026-08-31', exitDate: null }], '2027-02-27')).toBe(true);
    expect(invitedOnDay([{ birthDate: '2026-08-31', exitDate: null }], '2027-02-28')).toBe(false);
    expect(invitedOnDay([{ birthDate: '2026-12-11', exitDate: null }], '2026-12-10')).toBe(false);
    expect(invitedOnDay([{ birthDate: '2026-10-01', exitDate: '2026-11-01' }], '2026-12-10')).toBe(false);
    expect(
      invitedOnDay(
        [
          { birthDate: '2025-01-01', exitDate: null },
          { birthDate: '2026-10-01', exitDate: null },
        ],
        '2026-12-10',
      ),
    ).toBe(true);
  });
  it('attendance rate: no one recorded is no data, not 0%', () => {
    expect(attendanceRate(0, 0)).toBeNull();
    expect(attendanceRate(3, 4)).toBe(75);
  });
});

describe('WhatsApp reminder', () => {
  it('is Indonesian with day, date, time, place and topic, and the link encodes it', () => {
    const text = groupSessionReminderText({
      motherName: 'Rina',
      title: 'Posisi menyusui',
      topicLabel: 'Posisi dan pelekatan menyusui',
      startsAt: new Date('2026-12-10T02:00:00Z'),
      endsAt: new Date('2026-12-10T04:00:00Z'),
      place: 'Aula Desa & Balai RW',
      timeZone: 'Asia/Jakarta',
      zoneLabel: 'WIB',
      kaderName: 'Euis',
    });
    expect(text).toContain('Kamis, 10 Desember 2026');
    expect(text).toContain('Jam: 09.00–11.00 WIB');
    expect(text).toContain('Tempat: Aula Desa & Balai RW');
    expect(text).toContain('topik: Posisi dan pelekatan menyusui');
    const link = whatsappLink('+6281234567890', text);
    expect(link.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(link).toContain('%26%20Balai');
    expect(new URL(link).searchParams.get('text')).toBe(text);
  });
});
