/**
 * Each demo baby's intended story (how feeding went, whether it left the program) and the
 * visits a kader would have recorded for it, all relative to `today`. Pure: no database.
 */
import {
  addDays,
  datedWindows,
  diffDays,
  fiveMonthDate,
  maxDate,
  minDate,
  sixMonthDate,
  type BreakReason,
  type ExitReason,
  type IsoDate,
  type JourneyStatus,
  type RecallItem,
} from '../../lib/domain';
import type { CounsellingCode, DangerSignCode, ProblemCode } from './catalogue';
import { DANGER_SIGNS } from './catalogue';
import type { Rng } from './random';
import { plusMinutes, zoned } from './time';

export type BreakPattern =
  /** Given something in the first days (formula at the clinic, honey), breast milk only since. */
  | 'early_then_exclusive'
  /** A short episode (an illness), then breast milk only again. */
  | 'temporary'
  /** Breastfed plus formula / other milk from the break on. */
  | 'mixed'
  /** Breastfed plus water, sweet drinks, herbal drinks or food from the break on. */
  | 'other_food'
  /** Stops breastfeeding: formula only after the break. */
  | 'stopped';

export type Story =
  | { kind: 'exclusive'; confirm: 'yes' | 'not_asked' | 'no_visit' | 'late' }
  | {
      kind: 'break';
      pattern: BreakPattern;
      reason: BreakReason;
      /** Days from birth within which the break happens (narrowed to what visits can show). */
      dayRange: [number, number];
      items: RecallItem[];
      otherText?: string;
      note: string;
    };

export interface VisitEvent {
  window: number;
  problems?: ProblemCode[];
  danger?: DangerSignCode[];
  referralReason?: string;
  /** Referral not yet followed up. */
  awaiting?: boolean;
  /** AMBIDA check with faults. */
  attachmentBad?: boolean;
  extraItems?: RecallItem[];
  note?: string;
  /** Day of age to visit on (else chosen in the window). */
  day?: number;
}

export interface BabySpec {
  ageDays: number;
  sex?: 'L' | 'P';
  story: Story;
  exit?: { day: number; reason: ExitReason; note: string };
  /** Name not yet given (newborn). */
  unnamed?: boolean;
  /** Windows forced to be visited or missed. */
  force?: Record<number, 'visit' | 'miss'>;
  events?: VisitEvent[];
  /** Visit quality: 0 = every window on time. */
  missRate?: number;
  lateRate?: number;
  earlyInitiation?: boolean | null;
  birthPlace?: string;
  /** The status this story should give on `today` (checked by the verification script). */
  intended?: JourneyStatus;
}

export interface VisitPlan {
  date: IsoDate;
  day: number;
  breastfed: boolean;
  recallItems: string[];
  recallOtherText: string | null;
  givenSinceLast: boolean;
  givenSinceLastDate: IsoDate | null;
  confirmedExclusive: boolean | null;
  breakReason: BreakReason | null;
  problems: string[];
  attachment: { areola: boolean; mouthWide: boolean; lipOut: boolean; chin: boolean } | null;
  dangerSigns: string[];
  referral: boolean;
  referralReason: string | null;
  referralFollowedUpAt: Date | null;
  counselling: string[];
  weightGrams: number | null;
  notes: string | null;
  recordedAt: Date;
  receivedAt: Date;
}

interface DatePlan {
  date: IsoDate;
  window: number | null;
  event?: VisitEvent;
  /** Done after its window closed. */
  late?: boolean;
}

/** Everyday notes: the first two weeks, and later. */
const EARLY_NOTES = [
  'Bayi menyusu 8–12 kali sehari, BAK lebih dari 6 kali sehari.',
  'Ibu percaya diri, suami mendukung ASI eksklusif.',
  'Nenek ikut mendengarkan penjelasan tentang ASI eksklusif.',
  'Tali pusat kering dan bersih. Tanda bahaya sudah dijelaskan.',
  'Ibu masih lelah setelah bersalin; keluarga membantu pekerjaan rumah.',
];
const LATER_NOTES = [
  'Sudah diingatkan jadwal pertemuan KP-ASI bulan ini.',
  'Ibu makan dan minum cukup; bayi tidur nyenyak setelah menyusu.',
  'Ibu bertanya cara memerah ASI untuk persiapan bepergian.',
  'Bayi menyusu malam 3–4 kali, ibu sudah terbiasa.',
  'Ibu percaya diri, suami mendukung ASI eksklusif.',
];
const GROWING_NOTE = 'Berat badan naik baik, bayi aktif.';
const LATE_ENTRY_NOTE = 'Dicatat di buku dulu, diinput setelah ada sinyal.';
const LATE_VISIT_NOTE = 'Kunjungan terlambat; ibu sempat pulang ke rumah orang tua.';

/** Plan the visit dates of a baby: one per window most of the time, some missed, some late. */
export function planVisitDates(spec: BabySpec, birth: IsoDate, today: IsoDate, rng: Rng): DatePlan[] {
  const six = sixMonthDate(birth);
  const five = fiveMonthDate(birth);
  const exitDate = spec.exit ? addDays(birth, spec.exit.day) : null;
  const end = exitDate && exitDate < six ? minDate(today, addDays(exitDate, -1)) : today;
  const missRate = spec.missRate ?? 0.1;
  const lateRate = spec.lateRate ?? 0.08;
  const events = new Map((spec.events ?? []).map((e) => [e.window, e]));
  const out: DatePlan[] = [];
  let earliestNext = addDays(birth, 3);
  const confirmStory = spec.story.kind === 'exclusive' ? spec.story.confirm : null;

  for (const w of datedWindows(birth)) {
    if (w.from > end) break;
    const event = events.get(w.index);
    let forced = spec.force?.[w.index] ?? (event ? 'visit' : undefined);
    if (w.index === 6 && (confirmStory === 'yes' || confirmStory === 'not_asked')) forced ??= 'visit';
    if (w.index === 6 && (confirmStory === 'no_visit' || confirmStory === 'late')) forced = 'miss';
    let lo = maxDate(w.from, earliestNext);
    if (w.index === 6 && confirmStory !== null) lo = maxDate(lo, five);
    const hi = minDate(w.to, end);
    if (forced === 'miss') continue;
    const open = today <= w.to;
    let date: IsoDate | null = null;
    if (event?.day !== undefined) {
      date = addDays(birth, event.day);
      if (date > end) date = null;
    } else if (lo <= hi) {
      // After the first month kaders visit about monthly (around posyandu day).
      const last = out.length ? out[out.length - 1]!.date : null;
      if (last && w.index >= 2 && !(w.index === 6 && confirmStory !== null)) {
        const target = addDays(last, rng.int(26, 34));
        if (target >= lo && target <= hi) lo = target;
      }
      const early = !(w.index === 6 && confirmStory !== null);
      if (open) {
        if (forced === 'visit' || rng.chance(0.55)) date = between(rng, lo, hi, early);
      } else if (forced === 'visit') {
        date = between(rng, lo, hi, early);
      } else if (!rng.chance(missRate)) {
        if (rng.chance(lateRate)) {
          const late = addDays(w.to, rng.int(1, 10));
          date = late <= end ? late : null;
          if (date) {
            out.push({ date, window: w.index, event, late: true });
            earliestNext = addDays(date, 7);
            continue;
          }
        } else {
          date = between(rng, lo, hi, early);
        }
      }
    }
    if (date === null) continue;
    out.push({ date, window: w.index, event });
    earliestNext = addDays(date, 7);
  }

  // Confirmation asked only after the 6-month date: a late visit (fills the missed last window).
  if (confirmStory === 'late') {
    const date = addDays(six, rng.int(3, 20));
    if (date <= end) out.push({ date, window: null, late: true });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Never two visits on one day; "no visit from the 5-month date on" means none at all.
  return out.filter((v, i) => (i === 0 || v.date !== out[i - 1]!.date) && !(confirmStory === 'no_visit' && v.date >= five));
}

function between(rng: Rng, lo: IsoDate, hi: IsoDate, earlyBias: boolean): IsoDate {
  const span = diffDays(hi, lo);
  if (span <= 0) return lo;
  const r = earlyBias ? rng.next() ** 1.6 : rng.next();
  return addDays(lo, Math.min(span, Math.floor(r * (span + 1))));
}

/** The break date of a break story, chosen where a later visit can report it; null if none. */
export function chooseBreakDate(story: Extract<Story, { kind: 'break' }>, birth: IsoDate, dates: readonly DatePlan[], rng: Rng): IsoDate | null {
  if (dates.length === 0) return null;
  const last = dates[dates.length - 1]!.date;
  const six = sixMonthDate(birth);
  const latest = diffDays(minDate(addDays(last, -1), addDays(six, -1)), birth);
  if (latest < 0) return null;
  let [lo, hi] = story.dayRange;
  hi = Math.min(hi, latest);
  if (lo > hi) {
    // Narrow to what the recorded visits can show (still a break of the same kind).
    if (story.pattern === 'early_then_exclusive') return null;
    lo = Math.max(0, latest - 20);
    hi = latest;
  }
  return addDays(birth, rng.int(lo, hi));
}

export interface VisitContext {
  birth: IsoDate;
  birthWeight: number;
  growth: number;
  today: IsoDate;
  spec: BabySpec;
  breakDate: IsoDate | null;
  /** Mother's job makes back-to-work problems likely. */
  working: boolean;
}

const ITEM_TEXT: Record<string, string> = { other: 'Air tajin' };

/** Turn planned dates into recorded visits consistent with the story. */
export function buildVisits(ctx: VisitContext, dates: readonly DatePlan[], rng: Rng): VisitPlan[] {
  const { birth, spec, breakDate, today } = ctx;
  const five = fiveMonthDate(birth);
  const story = spec.story;
  const out: VisitPlan[] = [];
  let detected = false;
  let prev: IsoDate | null = null;
  for (const d of dates) {
    const day = diffDays(d.date, birth);
    const ev = d.event;
    let breastfed = true;
    let items: string[] = [];
    let otherText: string | null = null;
    let givenSinceLast = false;
    let givenDate: IsoDate | null = null;
    let breakReason: BreakReason | null = null;
    const problems = new Set<string>(ev?.problems ?? []);
    const counselling = new Set<CounsellingCode>();
    let note: string | null = ev?.note ?? null;

    if (story.kind === 'break' && breakDate !== null && d.date > breakDate) {
      const first = !detected;
      detected = true;
      const continuing = story.pattern === 'mixed' || story.pattern === 'other_food' || story.pattern === 'stopped';
      if (first) {
        givenSinceLast = true;
        givenDate = breakDate;
        breakReason = story.reason;
        note ??= story.note;
        const recent = diffDays(d.date, breakDate) <= 2;
        if (continuing || recent) items = [...story.items];
      } else if (continuing) {
        givenSinceLast = true;
        givenDate = prev ? addDays(prev, 1) : breakDate;
        breakReason = story.reason;
        items = [...story.items];
        if (story.pattern === 'stopped') breastfed = false;
        if (story.pattern === 'other_food' && story.items.includes('food') && !items.includes('water')) items.push('water');
      }
      if (items.includes('other')) otherText = story.otherText ?? ITEM_TEXT.other!;
      if (first) {
        const linked: Partial<Record<BreakReason, ProblemCode>> = {
          low_supply: 'low_supply',
          back_to_work: 'back_to_work',
          family_pressure: 'family_pressure',
          mother_absent: 'other',
        };
        const p = linked[story.reason];
        if (p) problems.add(p);
      }
    }
    if (items.length === 0 && breastfed) {
      // Non-breaking items now and then: vitamins, ORS, paracetamol after immunisation.
      if (day >= 55 && day <= 130 && rng.chance(0.1)) items.push('medicine');
      else if (rng.chance(0.04)) items.push('vitamins');
      else if (day > 30 && rng.chance(0.03)) items.push('ors');
    }
    for (const x of ev?.extraItems ?? []) if (!items.includes(x)) items.push(x);

    // Confirmation from the 5-month date on.
    let confirmed: boolean | null = null;
    if (d.date >= five) {
      if (story.kind === 'exclusive') confirmed = story.confirm === 'not_asked' ? null : true;
      else confirmed = detected ? false : true;
    }

    // Problems typical of the age.
    if (problems.size === 0) {
      if (day <= 28 && rng.chance(0.3)) problems.add(rng.pick(['sore_nipples', 'engorgement', 'not_latching', 'sore_nipples'] as const));
      else if (day > 28 && day <= 130 && rng.chance(0.1)) problems.add(rng.pick(['blocked_duct', 'low_supply', 'low_supply'] as const));
      else if (ctx.working && day >= 70 && rng.chance(0.35)) problems.add('back_to_work');
      else if (day > 7 && rng.chance(0.05)) problems.add('family_pressure');
    }
    if (day <= 14 || out.length === 0) counselling.add('exclusive_bf');
    if (out.length === 0) counselling.add('danger_signs');
    if (day <= 28) counselling.add('positioning_attachment');
    for (const p of problems) {
      if (p === 'sore_nipples' || p === 'not_latching') counselling.add('positioning_attachment');
      if (p === 'engorgement' || p === 'blocked_duct' || p === 'mastitis') counselling.add('breast_care');
      if (p === 'low_supply') counselling.add('feeding_frequency');
      if (p === 'back_to_work') {
        counselling.add('back_to_work');
        counselling.add('expressing_storing');
      }
      if (p === 'family_pressure') counselling.add('family_support');
    }
    if (breakReason) counselling.add('exclusive_bf');
    if (day >= 140) counselling.add('complementary_food');
    if (counselling.size === 0 || (counselling.size < 2 && rng.chance(0.4))) {
      counselling.add(rng.pick(['mother_nutrition', 'feeding_frequency', 'family_support', 'exclusive_bf'] as const));
    }

    // AMBIDA check in the first weeks (and when latching hurts).
    let attachment: VisitPlan['attachment'] = null;
    if (day <= 28 || problems.has('sore_nipples') || problems.has('not_latching')) {
      const bad = ev?.attachmentBad || problems.has('sore_nipples') || problems.has('not_latching');
      attachment = bad ? { areola: false, mouthWide: rng.chance(0.5), lipOut: false, chin: true } : { areola: true, mouthWide: true, lipOut: true, chin: true };
    }

    const recordedAt = plusMinutes(zoned(d.date, 8), rng.int(0, 7 * 60));
    // Most visits reach the server at once; some are sent later from the phone's outbox.
    let receivedAt = plusMinutes(recordedAt, rng.int(0, 4));
    if (rng.chance(0.1)) {
      const sync = addDays(d.date, rng.int(1, 3));
      if (sync <= today) {
        receivedAt = plusMinutes(zoned(sync, 19), rng.int(0, 120));
        note ??= LATE_ENTRY_NOTE;
      }
    }

    // Danger signs and referrals.
    let dangerSigns: string[] = ev?.danger ? [...ev.danger] : [];
    let referralReason: string | null = ev?.referralReason ?? null;
    if (dangerSigns.length === 0 && !referralReason && day <= 28 && rng.chance(0.03)) {
      dangerSigns = [rng.pick(['jaundice', 'cord_infection', 'fever', 'eye_discharge', 'hypothermia', 'not_feeding'] as const)];
    }
    if (dangerSigns.length && !referralReason) {
      referralReason = `Tanda bahaya: ${dangerSigns.map((s) => DANGER_SIGNS[s as DangerSignCode].toLowerCase()).join(', ')}. Dirujuk ke bidan hari ini.`;
    }
    if (problems.has('mastitis') && !referralReason) referralReason = 'Ibu demam, payudara merah dan nyeri (curiga mastitis). Dirujuk ke puskesmas.';
    const referral = referralReason !== null;
    let followedUp: Date | null = null;
    if (referral && !ev?.awaiting) {
      const next = addDays(d.date, 1);
      followedUp = next <= today ? plusMinutes(zoned(next, 10), rng.int(0, 180)) : null;
    }
    if (referral) counselling.add('danger_signs');

    const weightGrams = rng.chance(0.85) ? weightAt(ctx, day, rng) : null;
    if (note === null && d.late) note = LATE_VISIT_NOTE;
    if (note === null && rng.chance(0.22)) {
      note = day <= 14 ? rng.pick(EARLY_NOTES) : weightGrams !== null && rng.chance(0.4) ? GROWING_NOTE : rng.pick(LATER_NOTES);
    }

    out.push({
      date: d.date,
      day,
      breastfed,
      recallItems: items,
      recallOtherText: otherText,
      givenSinceLast,
      givenSinceLastDate: givenDate,
      confirmedExclusive: confirmed,
      breakReason,
      problems: [...problems],
      attachment,
      dangerSigns,
      referral,
      referralReason,
      referralFollowedUpAt: followedUp,
      counselling: [...counselling],
      weightGrams,
      notes: note,
      recordedAt,
      receivedAt,
    });
    prev = d.date;
  }
  return out;
}

/** A plausible weight in grams on day `day` (loss in week one, ~30 g/day to 3 months, ~20 after). */
export function weightAt(ctx: Pick<VisitContext, 'birthWeight' | 'growth'>, day: number, rng: Rng): number {
  const bw = ctx.birthWeight;
  let w: number;
  if (day <= 7) w = bw * (0.93 + 0.007 * day);
  else if (day <= 14) w = bw * (0.98 + 0.003 * (day - 7));
  else w = bw + ctx.growth * (30 * (Math.min(day, 90) - 14) + 20 * Math.max(0, Math.min(day, 180) - 90) + 13 * Math.max(0, day - 180));
  w *= 1 + (rng.next() - 0.5) * 0.03;
  return Math.max(900, Math.min(14_000, Math.round(w / 10) * 10));
}
