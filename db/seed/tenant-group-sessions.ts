/** A demo puskesmas's group sessions, invitations with reminders and RSVPs, and attendance. */
import { addDays, addToYearMonth, daysInMonth, diffDays, formatIsoDate, minDate, monthOf, sixMonthDate, toEpochDay, type IsoDate } from '../../lib/domain';
import type * as schema from '../schema';
import { SESSION_TOPICS, type SessionTopic } from './catalogue';
import { SESSION_SUMMARIES } from './forum-content';
import { GRANDMOTHER_NAMES, MEN_NAMES } from './places';
import type { BuiltMother, TenantBuilder } from './tenant';
import { maxInstant, minInstant, plusMinutes, zoned } from './time';
import type { Row } from './types';

/** Moves a Saturday or Sunday to the next Monday (1970-01-01 was a Thursday). */
function weekday(iso: IsoDate): IsoDate {
  const dow = (((toEpochDay(iso) + 4) % 7) + 7) % 7; // 0 = Sunday
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}

/** Group sessions: about one a month per village over the last year, a few upcoming. */
export function seedGroupSessions(tenant: TenantBuilder, pastMonths: number, upcoming: (villageIndex: number) => number, special: boolean) {
  const { def, today, rng, data } = tenant;
  const bidan = tenant.staff.get('bidan')!;
  const nowCap = zoned(today, 7);
  def.villages.forEach((village, vi) => {
    const villageKaders = [...tenant.kaders.values()].filter((k) => k.villageKey === village.key);
    let upcomingLeft = upcoming(vi);
    let k = -pastMonths - 1;
    const plans: { date: IsoDate; k: number; cancelled?: string; free?: boolean }[] = [];
    for (; k <= 4; k++) {
      const ym = addToYearMonth(monthOf(today), k);
      const date = weekday(formatIsoDate(ym.year, ym.month, Math.min(village.sessionDay, daysInMonth(ym.year, ym.month))));
      if (date < addDays(today, -pastMonths * 31)) continue;
      if (date >= today) {
        if (upcomingLeft <= 0) break;
        upcomingLeft--;
      }
      if (special && vi === 2 && k === -3) {
        plans.push({ date, k, cancelled: 'Hujan deras dan jalan menuju aula desa tergenang banjir; pertemuan diundur satu minggu.' });
        plans.push({ date: addDays(date, 7), k });
        continue;
      }
      plans.push({ date, k, free: special && vi === 1 && k === -5 });
    }
    const topics = Object.keys(SESSION_TOPICS) as SessionTopic[];
    for (const plan of plans) {
      const { date } = plan;
      const idx = (((plan.k + vi * 2) % topics.length) + topics.length) % topics.length;
      const topic = plan.free ? null : topics[idx]!;
      const title = plan.free ? 'Berbagi pengalaman: menyusui saat bayi sakit' : SESSION_TOPICS[topic!];
      const atPosyandu = plan.k % 2 !== 0 && village.posyandu.length > 1;
      const posyanduDef = village.posyandu[Math.abs(plan.k) % village.posyandu.length]!;
      const leadKader = villageKaders[Math.abs(plan.k) % villageKaders.length]!;
      const startsAt = zoned(date, 9);
      const endsAt = zoned(date, 11);
      const past = date < today;
      const createdAt = zoned(minDate(addDays(date, -21), addDays(today, -1)), 10);
      const creatorId = plan.k % 2 === 0 ? bidan.id : leadKader.id;
      const id = tenant.ids.uuid();
      const status = plan.cancelled ? 'cancelled' : past ? 'closed' : 'scheduled';
      const row: Row<typeof schema.groupSessions> = {
        id,
        puskesmasId: tenant.puskesmasId,
        villageId: tenant.villageIds.get(village.key)!,
        posyanduId: atPosyandu ? tenant.posyandu.get(posyanduDef.key)!.id : null,
        title,
        topic,
        topicText: plan.free ? title : null,
        startsAt,
        endsAt,
        place: atPosyandu ? `${posyanduDef.name} (RW ${posyanduDef.rw})` : village.hall,
        facilitators: `${leadKader.name} (kader); ${vi % 2 === 0 || !tenant.staff.has('gizi') ? bidan.name : tenant.staff.get('gizi')!.name}`,
        capacity: 10,
        status,
        cancelReason: plan.cancelled ?? null,
        summary: null,
        closedAt: null,
        createdBy: creatorId,
        createdAt,
        updatedAt: plan.cancelled ? zoned(addDays(date, -1), 16) : createdAt,
      };
      data.groupSessions.push(row);

      // Invitations: the village's mothers with a baby under 6 months on that day.
      const invited = tenant.mothers.filter(
        (m) =>
          m.villageKey === village.key &&
          m.consentAt < startsAt &&
          m.babies.some((b) => b.birth <= date && date < sixMonthDate(b.birth) && !(b.row.exitDate && b.row.exitDate <= date)),
      );
      const present: BuiltMother[] = [];
      const invitations: { mother: BuiltMother; rsvp: 'yes' | 'no' | null }[] = [];
      for (const m of invited) {
        const invCreated = maxInstant(createdAt, plusMinutes(m.consentAt, 60));
        const kaderId = tenant.kaders.get(m.kaderKey)!.id;
        let remindedAt: Date | null = null;
        if (past && rng.chance(0.75)) remindedAt = plusMinutes(zoned(addDays(date, -1), 18), rng.int(0, 150));
        else if (!past && diffDays(date, today) <= 3 && rng.chance(0.6)) remindedAt = plusMinutes(zoned(addDays(today, -1), 18), rng.int(0, 150));
        if (remindedAt && remindedAt < invCreated) remindedAt = null;
        let rsvp: 'yes' | 'no' | null = null;
        const r = rng.next();
        if (past) rsvp = remindedAt ? (r < 0.6 ? 'yes' : r < 0.7 ? 'no' : null) : r < 0.25 ? 'yes' : null;
        else rsvp = r < 0.35 ? 'yes' : r < 0.4 ? 'no' : null;
        let rsvpAt: Date | null = null;
        if (rsvp) {
          rsvpAt = plusMinutes(remindedAt ?? plusMinutes(invCreated, 24 * 60), rng.int(10, 600));
          rsvpAt = minInstant(rsvpAt, past ? plusMinutes(startsAt, -60) : nowCap);
          if (rsvpAt < invCreated) {
            rsvp = null;
            rsvpAt = null;
          }
        }
        data.sessionInvitations.push({
          id: tenant.ids.uuid(),
          puskesmasId: tenant.puskesmasId,
          sessionId: id,
          motherId: m.id,
          remindedAt,
          remindedBy: remindedAt ? kaderId : null,
          rsvp,
          rsvpAt,
          createdAt: invCreated,
        });
        invitations.push({ mother: m, rsvp });
      }
      if (status !== 'closed') continue;

      // Attendance: every invited mother (present / excused / absent) and walk-ins.
      const walkIns = rng.int(0, 3);
      const recordedAt = plusMinutes(endsAt, 15);
      const counts = { present: 0, pregnant: 0, family: 0 };
      for (const { mother, rsvp } of invitations) {
        const p = rsvp === 'yes' ? 0.85 : rsvp === 'no' ? 0.05 : 0.45;
        let status: 'present' | 'excused' | 'absent' = rng.chance(p) ? 'present' : rsvp === 'no' || rng.chance(0.1) ? 'excused' : 'absent';
        if (status === 'present' && present.length >= row.capacity! - walkIns) status = 'excused';
        if (status === 'present') present.push(mother);
        data.attendance.push({
          id: tenant.ids.uuid(),
          puskesmasId: tenant.puskesmasId,
          sessionId: id,
          motherId: mother.id,
          attendeeName: null,
          attendeeRole: 'mother',
          status,
          recordedBy: leadKader.id,
          recordedAt,
          createdAt: recordedAt,
          updatedAt: recordedAt,
        });
      }
      counts.present = present.length;
      for (let w = 0; w < walkIns; w++) {
        const role = rng.chance(0.5) ? 'pregnant' : 'family';
        const name = role === 'pregnant' ? tenant.names.next() : rng.chance(0.6) ? rng.pick(MEN_NAMES) : rng.pick(GRANDMOTHER_NAMES);
        if (role === 'pregnant') counts.pregnant++;
        else counts.family++;
        data.attendance.push({
          id: tenant.ids.uuid(),
          puskesmasId: tenant.puskesmasId,
          sessionId: id,
          motherId: null,
          attendeeName: name,
          attendeeRole: role,
          status: 'present',
          recordedBy: leadKader.id,
          recordedAt,
          createdAt: recordedAt,
          updatedAt: recordedAt,
        });
      }
      const who = [`${counts.present} ibu menyusui`];
      if (counts.pregnant) who.push(`${counts.pregnant} ibu hamil`);
      if (counts.family) who.push(`${counts.family} anggota keluarga`);
      row.summary = `${rng.pick(SESSION_SUMMARIES[topic ?? 'free']!)} Hadir ${who.join(', ')}.`;
      row.closedAt = plusMinutes(endsAt, rng.int(30, 180));
      row.updatedAt = row.closedAt;
    }
  });
}
