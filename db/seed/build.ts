/**
 * Builds every row of the demo data in memory, deterministically from `today`: the same day
 * gives the same rows (ids included). Pure apart from the password hash passed in.
 */
import {
  addDays,
  addToYearMonth,
  daysInMonth,
  diffDays,
  fiveMonthDate,
  formatIsoDate,
  formatSerial,
  journeyStatus,
  maxDate,
  minDate,
  monthOf,
  normalizePhone,
  sixMonthDate,
  toEpochDay,
  validateNik,
  type BabyFacts,
  type IsoDate,
  type JourneyStatus,
  type VisitFacts,
} from '../../lib/domain';
import type * as schema from '../schema';
import { CONSENT_TEXT_VERSION, DEFAULT_WINDOWS, SESSION_TOPICS, type SessionTopic } from './catalogue';
import { BJN_POSTS, FORUM_CATEGORIES, GPT_POSTS, SESSION_SUMMARIES, type PostDef } from './forum-content';
import {
  BIRTH_PLACES,
  BJN,
  BOY_NAMES,
  DISTRICT,
  GIRL_NAMES,
  GPT,
  GRANDMOTHER_NAMES,
  MEN_NAMES,
  WOMEN_FIRST,
  WOMEN_LAST,
  type PuskesmasDef,
} from './places';
import { bjnSpecials, gptSpecials, randomMothers, type MotherSpec } from './population';
import { Rng } from './random';
import { buildVisits, chooseBreakDate, planVisitDates, type BabySpec, type VisitPlan } from './stories';
import { maxInstant, minInstant, plusMinutes, zoned } from './time';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface SeedData {
  kabupaten: Row<typeof schema.kabupaten>[];
  puskesmas: Row<typeof schema.puskesmas>[];
  villages: Row<typeof schema.villages>[];
  posyandu: Row<typeof schema.posyandu>[];
  coverageTargets: Row<typeof schema.coverageTargets>[];
  users: Row<typeof schema.users>[];
  mothers: Row<typeof schema.mothers>[];
  kaderAssignments: Row<typeof schema.kaderAssignments>[];
  kaderPosyandu: Row<typeof schema.kaderPosyandu>[];
  babies: Row<typeof schema.babies>[];
  visits: Row<typeof schema.visits>[];
  groupSessions: Row<typeof schema.groupSessions>[];
  sessionInvitations: Row<typeof schema.sessionInvitations>[];
  attendance: Row<typeof schema.attendance>[];
  forumCategories: Row<typeof schema.forumCategories>[];
  forumPosts: Row<typeof schema.forumPosts>[];
  forumComments: Row<typeof schema.forumComments>[];
  forumReactions: Row<typeof schema.forumReactions>[];
  forumReports: Row<typeof schema.forumReports>[];
  serialCounters: Row<typeof schema.serialCounters>[];
  certificates: Row<typeof schema.certificates>[];
}

/** One baby as built, for checks and reports. */
export interface BabyReport {
  puskesmasCode: string;
  motherKey: string;
  motherName: string;
  posyanduKey: string;
  babyId: string;
  birthDate: IsoDate;
  story: string;
  intended: JourneyStatus | null;
  status: JourneyStatus;
  facts: BabyFacts;
}

/** Number of mothers of Puskesmas Bojong Nangka (hand-written ones included). */
export const BJN_MOTHERS = 150;
/** Oldest demo baby, in days: 6-month dates then fall in every one of the last 12 months. */
export const MAX_AGE_DAYS = 560;

interface BuiltBaby {
  id: string;
  spec: BabySpec;
  birth: IsoDate;
  birthOrder: number;
  sex: 'L' | 'P';
  visits: VisitPlan[];
  facts: BabyFacts;
  status: JourneyStatus;
  row: Row<typeof schema.babies>;
}

interface BuiltMother {
  key: string;
  id: string;
  name: string;
  villageKey: string;
  posyanduKey: string;
  kaderKey: string;
  registeredBy: string;
  consentAt: Date;
  userId: string | null;
  userCreatedAt: Date | null;
  babies: BuiltBaby[];
}

/** Unique fictional names across the whole demo. */
class NameGen {
  private used = new Set<string>();
  private pool: string[];
  private i = 0;
  constructor(rng: Rng) {
    const all: string[] = [];
    for (const f of WOMEN_FIRST) for (const l of WOMEN_LAST) if (!l.startsWith(f)) all.push(`${f} ${l}`);
    this.pool = rng.shuffle(all);
  }
  reserve(name: string) {
    this.used.add(name);
  }
  next(): string {
    while (this.i < this.pool.length) {
      const n = this.pool[this.i++]!;
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    throw new Error('out of names');
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function e164(display: string): string {
  const p = normalizePhone(display);
  if (!p) throw new Error(`bad demo phone ${display}`);
  return p;
}

/** Moves a Saturday or Sunday to the next Monday (1970-01-01 was a Thursday). */
function weekday(iso: IsoDate): IsoDate {
  const dow = (((toEpochDay(iso) + 4) % 7) + 7) % 7; // 0 = Sunday
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}

class TenantBuilder {
  puskesmasId: string;
  villageIds = new Map<string, string>();
  posyandu = new Map<string, { id: string; villageKey: string; name: string; rw: string; streets: readonly string[] }>();
  staff = new Map<string, { id: string; name: string; createdAt: Date }>();
  kaders = new Map<string, { id: string; name: string; posyanduKey: string; villageKey: string; createdAt: Date }>();
  mothers: BuiltMother[] = [];
  /** Latest instant the seed writes for "today". */
  now: Date;

  constructor(
    readonly def: PuskesmasDef,
    readonly today: IsoDate,
    readonly hash: string,
    readonly data: SeedData,
    readonly ids: Rng,
    readonly rng: Rng,
    readonly names: NameGen,
    readonly nextPhone: () => string,
    readonly kabupatenId: string | null = null,
  ) {
    this.puskesmasId = ids.uuid();
    this.now = zoned(today, 18);
  }

  places() {
    const { def, today, data } = this;
    const created = zoned(addDays(today, -640), 9);
    data.puskesmas.push({
      id: this.puskesmasId,
      kabupatenId: this.kabupatenId,
      code: def.code,
      name: def.name,
      district: def.district,
      subdistrict: def.subdistrict,
      province: def.province,
      timeZone: def.timeZone,
      visitWindows: DEFAULT_WINDOWS,
      blockedTerms: def.blockedTerms,
      signatoryName: def.signatoryName,
      signatoryNip: def.signatoryNip,
      signatoryTitle: def.signatoryTitle,
      createdAt: created,
    });
    for (const v of def.villages) {
      const vid = this.ids.uuid();
      this.villageIds.set(v.key, vid);
      data.villages.push({ id: vid, puskesmasId: this.puskesmasId, name: v.name, kind: v.kind, createdAt: created });
      for (const p of v.posyandu) {
        const pid = this.ids.uuid();
        this.posyandu.set(p.key, { id: pid, villageKey: v.key, name: p.name, rw: p.rw, streets: p.streets });
        data.posyandu.push({ id: pid, puskesmasId: this.puskesmasId, villageId: vid, name: p.name, rw: p.rw, createdAt: created });
      }
    }
    const year = monthOf(today).year;
    for (const t of def.targets) {
      data.coverageTargets.push({ id: this.ids.uuid(), puskesmasId: this.puskesmasId, villageId: null, year: year + t.yearOffset, targetPercent: t.percent });
    }
  }

  accounts() {
    const { def, today, data } = this;
    const staffCreated = zoned(addDays(today, -630), 10);
    for (const s of def.staff) {
      const id = this.ids.uuid();
      this.staff.set(s.key, { id, name: s.name, createdAt: staffCreated });
      data.users.push({ id, puskesmasId: this.puskesmasId, role: s.role, name: s.name, phone: e164(s.phone), passwordHash: this.hash, createdAt: staffCreated });
    }
    const kaderCreated = zoned(addDays(today, -620), 10);
    for (const k of def.kaders) {
      const id = this.ids.uuid();
      const p = this.posyandu.get(k.posyanduKey)!;
      this.kaders.set(k.key, { id, name: k.name, posyanduKey: k.posyanduKey, villageKey: p.villageKey, createdAt: kaderCreated });
      data.users.push({
        id,
        puskesmasId: this.puskesmasId,
        role: 'kader',
        name: k.name,
        phone: e164(k.phone),
        passwordHash: this.hash,
        posyanduId: p.id,
        villageId: this.villageIds.get(p.villageKey)!,
        createdAt: kaderCreated,
      });
      data.kaderPosyandu.push({ puskesmasId: this.puskesmasId, kaderId: id, posyanduId: p.id, createdAt: kaderCreated });
    }
  }

  /** Mothers, their babies and every visit. */
  population(specs: MotherSpec[]) {
    const { rng, today } = this;
    const kaderTurn = new Map<string, number>();
    for (const spec of specs) {
      const p = this.posyandu.get(spec.posyanduKey);
      if (!p) throw new Error(`unknown posyandu ${spec.posyanduKey}`);
      const ownKaders = [...this.kaders.entries()].filter(([, k]) => k.posyanduKey === spec.posyanduKey).map(([key]) => key);
      let kaderKey = spec.kaderKey;
      if (!kaderKey) {
        const turn = kaderTurn.get(spec.posyanduKey) ?? 0;
        kaderTurn.set(spec.posyanduKey, turn + 1);
        kaderKey = ownKaders[turn % ownKaders.length]!;
      }
      const registeredBy = kaderKey;
      if (spec.assignedKaderKey) kaderKey = spec.assignedKaderKey;
      const name = spec.name ?? this.names.next();
      const age = Math.max(...spec.babies.map((b) => b.ageDays));
      const birth = addDays(today, -age);
      const reg = addDays(birth, Math.min(age, rng.int(1, 3)));
      const consentAt = plusMinutes(zoned(reg, 9), rng.int(0, 6 * 60));
      const motherId = this.ids.uuid();
      const phone = spec.phone === undefined ? (spec.login || !rng.chance(0.08) ? this.nextPhone() : null) : spec.phone;
      let userId: string | null = null;
      let userCreatedAt: Date | null = null;
      const villageId = this.villageIds.get(p.villageKey)!;
      if (spec.login) {
        if (!phone) throw new Error(`mother ${spec.key} has a login but no phone`);
        userId = this.ids.uuid();
        userCreatedAt = plusMinutes(consentAt, 120);
        this.data.users.push({
          id: userId,
          puskesmasId: this.puskesmasId,
          role: 'ibu',
          name,
          phone: e164(phone),
          passwordHash: spec.login === 'user' ? this.hash : null,
          villageId,
          createdAt: userCreatedAt,
        });
      }
      const street = rng.pick(p.streets);
      const address = street.startsWith('Kp.') ? street : `${street} No. ${rng.int(1, 60)}`;
      const kaderId = this.kaders.get(registeredBy)!.id;
      this.data.mothers.push({
        id: motherId,
        puskesmasId: this.puskesmasId,
        villageId,
        posyanduId: p.id,
        userId,
        name,
        phone: phone ? e164(phone) : null,
        nik: spec.login || rng.chance(0.45) ? this.nik(birth) : null,
        address,
        rt: pad(rng.int(1, 8), 2),
        rw: p.rw,
        consentAt,
        consentTextVersion: CONSENT_TEXT_VERSION,
        consentRecordedBy: kaderId,
        createdBy: kaderId,
        createdAt: consentAt,
        updatedAt: consentAt,
      });
      if (spec.assignedKaderKey) {
        this.data.kaderAssignments.push({
          puskesmasId: this.puskesmasId,
          kaderId: this.kaders.get(spec.assignedKaderKey)!.id,
          motherId,
          createdAt: plusMinutes(consentAt, 30),
        });
      }
      const mother: BuiltMother = {
        key: spec.key,
        id: motherId,
        name,
        villageKey: p.villageKey,
        posyanduKey: spec.posyanduKey,
        kaderKey,
        registeredBy,
        consentAt,
        userId,
        userCreatedAt,
        babies: [],
      };
      this.babiesOf(mother, spec, birth);
      this.mothers.push(mother);
    }
  }

  private nik(childBirth: IsoDate): string {
    const { rng } = this;
    for (let attempt = 0; attempt < 5; attempt++) {
      const born = addDays(childBirth, -(rng.int(19, 39) * 365 + rng.int(0, 364)));
      const [y, m, d] = born.split('-');
      const kec = rng.weighted([['02', 6], ['01', 1], ['07', 1], ['03', 1]] as const);
      const nik = `3201${kec}${pad(Number(d) + 40, 2)}${m}${y!.slice(2)}${pad(rng.int(1, 999), 4)}`;
      const check = validateNik(nik, this.today);
      if (check.ok && check.sex === 'P') return nik;
    }
    throw new Error('could not make a NIK');
  }

  private babiesOf(mother: BuiltMother, spec: MotherSpec, birth: IsoDate) {
    const { rng, today } = this;
    const twins = spec.babies.length > 1;
    const first = spec.babies[0]!;
    // Twins are visited together: plan the dates once.
    const dates = planVisitDates(first, birth, today, rng);
    const usedNames = new Set<string>();
    spec.babies.forEach((bs, i) => {
      const sex = bs.sex ?? (rng.chance(0.5) ? 'L' : 'P');
      let name: string | null = null;
      if (!bs.unnamed) {
        do name = rng.pick(sex === 'L' ? BOY_NAMES : GIRL_NAMES);
        while (usedNames.has(name));
        usedNames.add(name);
      }
      const bw = Math.round((twins ? rng.normal(2450, 250) : rng.normal(sex === 'L' ? 3250 : 3150, 380)) / 10) * 10;
      const birthWeight = Math.max(1900, Math.min(4400, bw));
      let story = bs.story;
      let breakDate: IsoDate | null = null;
      if (story.kind === 'break') {
        breakDate = chooseBreakDate(story, birth, dates, rng);
        if (breakDate === null) story = { kind: 'exclusive', confirm: 'yes' };
      }
      const effective: BabySpec = { ...bs, story };
      const visits = buildVisits(
        {
          birth,
          birthWeight,
          growth: story.kind === 'break' && story.reason === 'low_supply' ? 0.85 + rng.next() * 0.1 : 0.9 + rng.next() * 0.25,
          today,
          spec: effective,
          breakDate,
          working: spec.working ?? false,
        },
        dates,
        rng,
      );
      const exitDate = bs.exit ? addDays(birth, bs.exit.day) : null;
      const id = this.ids.uuid();
      const facts: BabyFacts = { id, sex, birthDate: birth, exitDate, exitReason: bs.exit?.reason ?? null, visits: visits.map(toFacts) };
      const status = journeyStatus(facts, today).status;
      const updatedAt = exitDate ? maxInstant(mother.consentAt, plusMinutes(zoned(minDate(addDays(exitDate, rng.int(0, 5)), today), 10), rng.int(0, 240))) : mother.consentAt;
      mother.babies.push({
        id,
        spec: effective,
        birth,
        birthOrder: i + 1,
        sex,
        visits,
        facts,
        status,
        row: {
          id,
          puskesmasId: this.puskesmasId,
          motherId: mother.id,
          name,
          sex,
          birthDate: birth,
          birthWeightGrams: birthWeight,
          birthPlace: bs.birthPlace ?? rng.weighted(BIRTH_PLACES),
          earlyInitiation: bs.earlyInitiation !== undefined ? bs.earlyInitiation : rng.weighted([[true, 72], [false, 20], [null, 8]] as const),
          birthOrder: i + 1,
          exitDate,
          exitReason: bs.exit?.reason ?? null,
          exitNote: bs.exit?.note ?? null,
          createdAt: mother.consentAt,
          updatedAt,
        },
      });
    });
  }

  /** A second referral still awaiting follow-up: the most recent early visit of an ongoing baby. */
  awaitingReferral() {
    let best: { baby: BuiltBaby; visit: VisitPlan } | null = null;
    for (const m of this.mothers)
      for (const b of m.babies) {
        if (b.status !== 'ongoing' || b.birthOrder > 1) continue;
        for (const v of b.visits) {
          if (v.referral || v.day > 120 || v.date < addDays(this.today, -6)) continue;
          if (!best || v.date > best.visit.date) best = { baby: b, visit: v };
        }
      }
    if (!best) return;
    const v = best.visit;
    v.dangerSigns = ['fever'];
    v.referral = true;
    v.referralReason = 'Bayi demam 38,6 °C sejak semalam. Dirujuk ke bidan; belum ada kabar.';
    v.referralFollowedUpAt = null;
    if (!v.counselling.includes('danger_signs')) v.counselling.push('danger_signs');
  }

  emitBabiesAndVisits() {
    for (const m of this.mothers) {
      const kaderId = this.kaders.get(m.kaderKey)!.id;
      for (const b of m.babies) {
        this.data.babies.push(b.row);
        for (const v of b.visits) {
          this.data.visits.push({
            id: this.ids.uuid(),
            puskesmasId: this.puskesmasId,
            babyId: b.id,
            kaderId,
            visitDate: v.date,
            breastfed: v.breastfed,
            recallItems: v.recallItems,
            recallOtherText: v.recallOtherText,
            givenSinceLast: v.givenSinceLast,
            givenSinceLastDate: v.givenSinceLastDate,
            confirmedExclusive: v.confirmedExclusive,
            breakReason: v.breakReason,
            problems: v.problems,
            attachment: v.attachment,
            dangerSigns: v.dangerSigns,
            referral: v.referral,
            referralReason: v.referralReason,
            referralFollowedUpAt: v.referralFollowedUpAt,
            counselling: v.counselling,
            weightGrams: v.weightGrams,
            notes: v.notes,
            recordedAt: v.recordedAt,
            receivedAt: v.receivedAt,
            updatedAt: v.receivedAt,
          });
        }
      }
    }
  }

  /** Group sessions: about one a month per village over the last year, a few upcoming. */
  sessions(pastMonths: number, upcoming: (villageIndex: number) => number, special: boolean) {
    const { def, today, rng, data } = this;
    const bidan = this.staff.get('bidan')!;
    const nowCap = zoned(today, 7);
    def.villages.forEach((village, vi) => {
      const villageKaders = [...this.kaders.values()].filter((k) => k.villageKey === village.key);
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
        const idx = ((plan.k + vi * 2) % topics.length + topics.length) % topics.length;
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
        const id = this.ids.uuid();
        const status = plan.cancelled ? 'cancelled' : past ? 'closed' : 'scheduled';
        const row: Row<typeof schema.groupSessions> = {
          id,
          puskesmasId: this.puskesmasId,
          villageId: this.villageIds.get(village.key)!,
          posyanduId: atPosyandu ? this.posyandu.get(posyanduDef.key)!.id : null,
          title,
          topic,
          topicText: plan.free ? title : null,
          startsAt,
          endsAt,
          place: atPosyandu ? `${posyanduDef.name} (RW ${posyanduDef.rw})` : village.hall,
          facilitators: `${leadKader.name} (kader); ${vi % 2 === 0 || !this.staff.has('gizi') ? bidan.name : this.staff.get('gizi')!.name}`,
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
        const invited = this.mothers.filter(
          (m) =>
            m.villageKey === village.key &&
            m.consentAt < startsAt &&
            m.babies.some((b) => b.birth <= date && date < sixMonthDate(b.birth) && !(b.row.exitDate && b.row.exitDate <= date)),
        );
        const present: BuiltMother[] = [];
        const invitations: { mother: BuiltMother; rsvp: 'yes' | 'no' | null }[] = [];
        for (const m of invited) {
          const invCreated = maxInstant(createdAt, plusMinutes(m.consentAt, 60));
          const kaderId = this.kaders.get(m.kaderKey)!.id;
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
            id: this.ids.uuid(),
            puskesmasId: this.puskesmasId,
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
            id: this.ids.uuid(),
            puskesmasId: this.puskesmasId,
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
          const name = role === 'pregnant' ? this.names.next() : rng.chance(0.6) ? rng.pick(MEN_NAMES) : rng.pick(GRANDMOTHER_NAMES);
          if (role === 'pregnant') counts.pregnant++;
          else counts.family++;
          data.attendance.push({
            id: this.ids.uuid(),
            puskesmasId: this.puskesmasId,
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

  /** Resolves 'm:<mother key>', 'k:<kader key>', 's:<staff key>' to a user and when it began. */
  private author(ref: string): { id: string; since: Date; birth?: IsoDate } {
    const [kind, key] = ref.split(':') as [string, string];
    if (kind === 'k') {
      const k = this.kaders.get(key);
      if (k) return { id: k.id, since: k.createdAt };
    } else if (kind === 's') {
      const s = this.staff.get(key);
      if (s) return { id: s.id, since: s.createdAt };
    } else if (kind === 'm') {
      const m = this.mothers.find((x) => x.key === key);
      if (m?.userId) return { id: m.userId, since: m.userCreatedAt!, birth: m.babies[0]!.birth };
    }
    throw new Error(`unknown forum author ${ref}`);
  }

  forum(posts: PostDef[]) {
    const { rng, data } = this;
    const categoryIds = new Map<string, string>();
    FORUM_CATEGORIES.forEach((c, i) => {
      const id = this.ids.uuid();
      categoryIds.set(c.slug, id);
      data.forumCategories.push({ id, puskesmasId: this.puskesmasId, slug: c.slug, name: c.name, description: c.description, sortOrder: i + 1, createdAt: zoned(addDays(this.today, -600), 10) });
    });
    const reactors = [
      ...this.mothers.filter((m) => m.userId && data.users.find((u) => u.id === m.userId)?.passwordHash).map((m) => ({ id: m.userId!, since: m.userCreatedAt! })),
      ...[...this.kaders.values()].map((k) => ({ id: k.id, since: k.createdAt })),
    ];
    const check = (what: string, at: Date, since: Date) => {
      if (at < since) throw new Error(`demo forum: ${what} is dated before its author had an account`);
      if (at > this.now) throw new Error(`demo forum: ${what} is dated after today`);
    };
    // Oldest first, so that insert order follows time.
    const dated = posts.map((p) => {
      const a = this.author(p.by);
      return { p, a, at: plusMinutes(zoned(addDays(a.birth!, p.atAge), p.hour), rng.int(0, 50)) };
    });
    dated.sort((x, y) => x.at.getTime() - y.at.getTime());
    for (const { p, a, at } of dated) {
      check(`post ${p.key}`, at, a.since);
      const postId = this.ids.uuid();
      let last = at;
      let answerId: string | null = null;
      const comments: Row<typeof schema.forumComments>[] = [];
      for (const c of p.comments) {
        const ca = this.author(c.by);
        const cat = plusMinutes(at, c.after * 60 + rng.int(0, 40));
        check(`comment on ${p.key}`, cat, ca.since);
        const cid = this.ids.uuid();
        comments.push({ id: cid, puskesmasId: this.puskesmasId, postId, authorId: ca.id, body: c.body, status: 'published', createdAt: cat });
        if (cat > last) last = cat;
        if (c.answer) answerId = cid;
        if (c.report) {
          const r = this.author(c.report.by);
          data.forumReports.push({ id: this.ids.uuid(), puskesmasId: this.puskesmasId, commentId: cid, reporterId: r.id, reason: c.report.reason, createdAt: plusMinutes(cat, 90) });
        }
        // Answers and kind words get reactions.
        if (c.answer || rng.chance(0.3)) {
          for (const u of rng.sample(reactors.filter((x) => x.id !== ca.id), rng.int(1, 3))) {
            const rat = minInstant(plusMinutes(cat, rng.int(20, 600)), this.now);
            if (rat < u.since) continue;
            data.forumReactions.push({ id: this.ids.uuid(), puskesmasId: this.puskesmasId, commentId: cid, userId: u.id, createdAt: rat });
          }
        }
      }
      data.forumPosts.push({
        id: postId,
        puskesmasId: this.puskesmasId,
        categoryId: categoryIds.get(p.cat)!,
        authorId: a.id,
        title: p.title,
        body: p.body,
        anonymous: p.anon ?? false,
        status: p.status ?? 'published',
        moderationReason: p.moderationReason ?? null,
        answerCommentId: answerId,
        lastActivityAt: last,
        editedAt: p.editedAfter ? plusMinutes(at, p.editedAfter * 60) : null,
        createdAt: at,
      });
      data.forumComments.push(...comments);
      if (p.resolvedReport) {
        const r = this.author(p.resolvedReport.by);
        const mod = this.author(p.moderatedBy ?? 's:bidan');
        data.forumReports.push({
          id: this.ids.uuid(),
          puskesmasId: this.puskesmasId,
          postId,
          reporterId: r.id,
          reason: p.resolvedReport.reason,
          createdAt: plusMinutes(at, 120),
          resolvedAt: plusMinutes(at, 300),
          resolvedBy: mod.id,
        });
      }
      if ((p.status ?? 'published') === 'published') {
        for (const u of rng.sample(reactors.filter((x) => x.id !== a.id), rng.int(1, 6))) {
          const rat = minInstant(plusMinutes(at, rng.int(30, 48 * 60)), this.now);
          if (rat < u.since) continue;
          data.forumReactions.push({ id: this.ids.uuid(), puskesmasId: this.puskesmasId, postId, userId: u.id, createdAt: rat });
        }
      }
    }
  }

  /** Certificates for about half of the graduated babies; one revoked and issued again. */
  certificates(certRng: Rng, always: string[], revokeOne: boolean) {
    const { today, rng, data } = this;
    const graduated = this.mothers
      .flatMap((m) => m.babies.map((b) => ({ m, b })))
      .filter(({ b }) => b.status === 'graduated')
      .sort((x, y) => (sixMonthDate(x.b.birth) < sixMonthDate(y.b.birth) ? -1 : sixMonthDate(x.b.birth) > sixMonthDate(y.b.birth) ? 1 : x.b.birthOrder - y.b.birthOrder));
    const issues: { babyId: string; date: IsoDate; at: Date; by: string; revoked?: { at: Date; by: string; reason: string } }[] = [];
    graduated.forEach(({ m, b }, i) => {
      if (i % 2 !== 0 && !always.includes(m.key)) return;
      const five = fiveMonthDate(b.birth);
      const confirmedOn = b.visits.filter((v) => v.confirmedExclusive && v.date >= five).map((v) => v.date)[0]!;
      const date = addDays(maxDate(sixMonthDate(b.birth), confirmedOn), rng.int(2, 20));
      if (date >= today) return;
      const by = this.staff.get(rng.chance(0.7) || !this.staff.has('gizi') ? 'bidan' : 'gizi')!.id;
      issues.push({ babyId: b.id, date, at: plusMinutes(zoned(date, 10), rng.int(0, 180)), by });
    });
    issues.sort((x, y) => x.at.getTime() - y.at.getTime());
    if (revokeOne) {
      const dewi = this.mothers.find((m) => m.key === 'dewi')?.babies[0]?.id;
      const target = issues.find((c) => c.babyId !== dewi && addDays(c.date, 3) < today);
      if (target) {
        const bidan = this.staff.get('bidan')!.id;
        const at = zoned(addDays(target.date, 3), 11);
        target.revoked = { at, by: bidan, reason: 'Nama ibu salah ketik pada sertifikat; diterbitkan ulang dengan nomor baru.' };
        issues.push({ babyId: target.babyId, date: addDays(target.date, 3), at: plusMinutes(at, 10), by: bidan });
        issues.sort((x, y) => x.at.getTime() - y.at.getTime());
      }
    }
    const counters = new Map<number, number>();
    for (const c of issues) {
      const year = Number(c.date.slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      data.certificates.push({
        id: this.ids.uuid(),
        puskesmasId: this.puskesmasId,
        babyId: c.babyId,
        year,
        number: n,
        serial: formatSerial(this.def.code, year, n),
        verificationCode: certRng.base32(32),
        issuedAt: c.at,
        issuedBy: c.by,
        revokedAt: c.revoked?.at ?? null,
        revokedBy: c.revoked?.by ?? null,
        revokeReason: c.revoked?.reason ?? null,
        signatoryName: this.def.signatoryName,
        signatoryNip: this.def.signatoryNip,
        signatoryTitle: this.def.signatoryTitle,
      });
    }
    for (const [year, lastNumber] of [...counters.entries()].sort((a, b) => a[0] - b[0])) {
      data.serialCounters.push({ puskesmasId: this.puskesmasId, year, lastNumber });
    }
  }

  reports(): BabyReport[] {
    return this.mothers.flatMap((m) =>
      m.babies.map((b) => ({
        puskesmasCode: this.def.code,
        motherKey: m.key,
        motherName: m.name,
        posyanduKey: m.posyanduKey,
        babyId: b.id,
        birthDate: b.birth,
        story: b.spec.story.kind === 'break' ? `break:${b.spec.story.pattern}:${b.spec.story.reason}` : `exclusive:${b.spec.story.confirm}`,
        intended: b.spec.intended ?? null,
        status: b.status,
        facts: b.facts,
      })),
    );
  }
}

function toFacts(v: VisitPlan): VisitFacts {
  return {
    visitDate: v.date,
    breastfed: v.breastfed,
    recallItems: v.recallItems,
    givenSinceLast: v.givenSinceLast,
    givenSinceLastDate: v.givenSinceLastDate,
    confirmedExclusive: v.confirmedExclusive,
    breakReason: v.breakReason,
  };
}

function emptyData(): SeedData {
  return {
    kabupaten: [],
    puskesmas: [],
    villages: [],
    posyandu: [],
    coverageTargets: [],
    users: [],
    mothers: [],
    kaderAssignments: [],
    kaderPosyandu: [],
    babies: [],
    visits: [],
    groupSessions: [],
    sessionInvitations: [],
    attendance: [],
    forumCategories: [],
    forumPosts: [],
    forumComments: [],
    forumReactions: [],
    forumReports: [],
    serialCounters: [],
    certificates: [],
  };
}

/** Every row of the demo for `today`, in insert order per table. */
export function buildSeedData(today: IsoDate, passwordHash: string): { data: SeedData; babies: BabyReport[] } {
  const data = emptyData();
  const ids = new Rng(`kekasihku-ids:${today}`);
  const names = new NameGen(new Rng('kekasihku-names'));

  // Kabupaten Bogor and its district office (issue #19): both demo puskesmas are in it. Ids from
  // their own generator, so that every other demo id stays what it was.
  const districtIds = new Rng(`kekasihku-district:${today}`);
  const kabupatenId = districtIds.uuid();
  data.kabupaten.push({ id: kabupatenId, name: DISTRICT.name, province: DISTRICT.province, createdAt: zoned(addDays(today, -650), 9) });

  // Puskesmas Bojong Nangka.
  const bjnRng = new Rng(`kekasihku-bjn:${today}`);
  const specials = bjnSpecials();
  for (const s of specials) if (s.name) names.reserve(s.name);
  for (const s of gptSpecials()) if (s.name) names.reserve(s.name);
  for (const k of [...BJN.kaders, ...GPT.kaders]) names.reserve(k.name);
  const fixedPhones = new Set(specials.map((s) => s.phone).filter((p): p is string => !!p));
  let slot = 1;
  const nextPhone = () => {
    let p: string;
    do p = `0813-3000-${pad(slot++, 4)}`;
    while (fixedPhones.has(p));
    return p;
  };
  const bjn = new TenantBuilder(BJN, today, passwordHash, data, ids, bjnRng, names, nextPhone, kabupatenId);
  bjn.places();
  bjn.accounts();
  const random = randomMothers(BJN, today, BJN_MOTHERS - specials.length, MAX_AGE_DAYS, bjnRng);
  // One mother near the edge of Posyandu Melati 2 is followed by a kader of Melati 1.
  const edge = random.find((m) => m.posyanduKey === 'melati2' && m.babies[0]!.ageDays < 150);
  if (edge) edge.assignedKaderKey = 'yati';
  bjn.population([...specials, ...random]);
  bjn.awaitingReferral();
  bjn.emitBabiesAndVisits();
  bjn.sessions(12, (vi) => (vi === 0 ? 3 : 2), true);
  bjn.forum(BJN_POSTS);
  const certRng = new Rng(`kekasihku-certificates:${today}`);
  bjn.certificates(certRng, ['dewi'], true);

  // Puskesmas Gunung Putri: small, for tenant isolation.
  const gptRng = new Rng(`kekasihku-gpt:${today}`);
  const gpt = new TenantBuilder(
    GPT,
    today,
    passwordHash,
    data,
    ids,
    gptRng,
    names,
    () => {
      throw new Error('GPT mothers have fixed phones');
    },
    kabupatenId,
  );
  gpt.places();
  gpt.accounts();
  gpt.population(gptSpecials());
  gpt.emitBabiesAndVisits();
  gpt.sessions(2, () => 1, false);
  gpt.forum(GPT_POSTS);
  gpt.certificates(certRng, ['g-yanti'], false);

  // The district office's account(s), after every puskesmas's.
  for (const d of DISTRICT.accounts) {
    data.users.push({
      id: districtIds.uuid(),
      puskesmasId: null,
      kabupatenId,
      role: 'dinkes',
      name: d.name,
      phone: e164(d.phone),
      passwordHash,
      createdAt: zoned(addDays(today, -640), 10),
    });
  }

  return { data, babies: [...bjn.reports(), ...gpt.reports()] };
}

