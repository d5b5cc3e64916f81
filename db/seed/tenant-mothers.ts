/** A demo puskesmas's mothers (with logins and consent), their babies and every visit. */
import { addDays, journeyStatus, minDate, validateNik, type BabyFacts, type IsoDate, type VisitFacts } from '../../lib/domain';
import { CONSENT_TEXT_VERSION } from './catalogue';
import { BIRTH_PLACES, BOY_NAMES, GIRL_NAMES } from './places';
import type { MotherSpec } from './population';
import { buildVisits, chooseBreakDate, planVisitDates, type BabySpec, type VisitPlan } from './stories';
import { e164, pad, type BuiltBaby, type BuiltMother, type TenantBuilder } from './tenant';
import { maxInstant, plusMinutes, zoned } from './time';

/** Mothers, their babies and every visit. */
export function seedPopulation(tenant: TenantBuilder, specs: MotherSpec[]) {
  const { rng, today } = tenant;
  const kaderTurn = new Map<string, number>();
  for (const spec of specs) {
    const p = tenant.posyandu.get(spec.posyanduKey);
    if (!p) throw new Error(`unknown posyandu ${spec.posyanduKey}`);
    const ownKaders = [...tenant.kaders.entries()].filter(([, k]) => k.posyanduKey === spec.posyanduKey).map(([key]) => key);
    let kaderKey = spec.kaderKey;
    if (!kaderKey) {
      const turn = kaderTurn.get(spec.posyanduKey) ?? 0;
      kaderTurn.set(spec.posyanduKey, turn + 1);
      kaderKey = ownKaders[turn % ownKaders.length]!;
    }
    const registeredBy = kaderKey;
    if (spec.assignedKaderKey) kaderKey = spec.assignedKaderKey;
    const name = spec.name ?? tenant.names.next();
    const age = Math.max(...spec.babies.map((b) => b.ageDays));
    const birth = addDays(today, -age);
    const reg = addDays(birth, Math.min(age, rng.int(1, 3)));
    const consentAt = plusMinutes(zoned(reg, 9), rng.int(0, 6 * 60));
    const motherId = tenant.ids.uuid();
    const phone = spec.phone === undefined ? (spec.login || !rng.chance(0.08) ? tenant.nextPhone() : null) : spec.phone;
    let userId: string | null = null;
    let userCreatedAt: Date | null = null;
    const villageId = tenant.villageIds.get(p.villageKey)!;
    if (spec.login) {
      if (!phone) throw new Error(`mother ${spec.key} has a login but no phone`);
      userId = tenant.ids.uuid();
      userCreatedAt = plusMinutes(consentAt, 120);
      tenant.data.users.push({
        id: userId,
        puskesmasId: tenant.puskesmasId,
        role: 'ibu',
        name,
        phone: e164(phone),
        passwordHash: spec.login === 'user' ? tenant.hash : null,
        villageId,
        createdAt: userCreatedAt,
      });
    }
    const street = rng.pick(p.streets);
    const address = street.startsWith('Kp.') ? street : `${street} No. ${rng.int(1, 60)}`;
    const kaderId = tenant.kaders.get(registeredBy)!.id;
    tenant.data.mothers.push({
      id: motherId,
      puskesmasId: tenant.puskesmasId,
      villageId,
      posyanduId: p.id,
      userId,
      name,
      phone: phone ? e164(phone) : null,
      nik: spec.login || rng.chance(0.45) ? nik(tenant, birth) : null,
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
      tenant.data.kaderAssignments.push({
        puskesmasId: tenant.puskesmasId,
        kaderId: tenant.kaders.get(spec.assignedKaderKey)!.id,
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
    babiesOf(tenant, mother, spec, birth);
    tenant.mothers.push(mother);
  }
}

function nik(tenant: TenantBuilder, childBirth: IsoDate): string {
  const { rng } = tenant;
  for (let attempt = 0; attempt < 5; attempt++) {
    const born = addDays(childBirth, -(rng.int(19, 39) * 365 + rng.int(0, 364)));
    const [y, m, d] = born.split('-');
    const kec = rng.weighted([
      ['02', 6],
      ['01', 1],
      ['07', 1],
      ['03', 1],
    ] as const);
    const nik = `3201${kec}${pad(Number(d) + 40, 2)}${m}${y!.slice(2)}${pad(rng.int(1, 999), 4)}`;
    const check = validateNik(nik, tenant.today);
    if (check.ok && check.sex === 'P') return nik;
  }
  throw new Error('could not make a NIK');
}

function babiesOf(tenant: TenantBuilder, mother: BuiltMother, spec: MotherSpec, birth: IsoDate) {
  const { rng, today } = tenant;
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
    const id = tenant.ids.uuid();
    const facts: BabyFacts = { id, sex, birthDate: birth, exitDate, exitReason: bs.exit?.reason ?? null, visits: visits.map(toFacts) };
    const status = journeyStatus(facts, today).status;
    const updatedAt = exitDate
      ? maxInstant(mother.consentAt, plusMinutes(zoned(minDate(addDays(exitDate, rng.int(0, 5)), today), 10), rng.int(0, 240)))
      : mother.consentAt;
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
        puskesmasId: tenant.puskesmasId,
        motherId: mother.id,
        name,
        sex,
        birthDate: birth,
        birthWeightGrams: birthWeight,
        birthPlace: bs.birthPlace ?? rng.weighted(BIRTH_PLACES),
        earlyInitiation:
          bs.earlyInitiation !== undefined
            ? bs.earlyInitiation
            : rng.weighted([
                [true, 72],
                [false, 20],
                [null, 8],
              ] as const),
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
export function seedAwaitingReferral(tenant: TenantBuilder) {
  let best: { baby: BuiltBaby; visit: VisitPlan } | null = null;
  for (const m of tenant.mothers)
    for (const b of m.babies) {
      if (b.status !== 'ongoing' || b.birthOrder > 1) continue;
      for (const v of b.visits) {
        if (v.referral || v.day > 120 || v.date < addDays(tenant.today, -6)) continue;
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

export function emitBabiesAndVisits(tenant: TenantBuilder) {
  for (const m of tenant.mothers) {
    const kaderId = tenant.kaders.get(m.kaderKey)!.id;
    for (const b of m.babies) {
      tenant.data.babies.push(b.row);
      for (const v of b.visits) {
        tenant.data.visits.push({
          id: tenant.ids.uuid(),
          puskesmasId: tenant.puskesmasId,
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
