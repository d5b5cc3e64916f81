import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  COUNSELLING_MATERIALS_MAX,
  counsellingFor,
  counsellingMaterials,
  lessonOfTheWeek,
  lessonsFor,
  lessonsForBreakReason,
  lessonsForTopic,
  mothersLessons,
  visitFindings,
  type LessonMeta,
  type LessonStage,
  type VisitFindingFacts,
} from './lessons';

/** The built-in library's 16 lessons as the rule sees them (stages and codes of content/lessons/*.id.md). */
const age = (fromDay: number, toDay: number | null): LessonStage => ({ kind: 'age', fromDay, toDay });
const L = (slug: string, audience: LessonMeta['audience'], stage: LessonStage, counselling: string[], breakReasons: string[], findings: string[]): LessonMeta => ({
  slug,
  audience,
  stage,
  counselling,
  breakReasons,
  findings,
});
const TABLE: LessonMeta[] = [
  L('imd-dan-kolostrum', 'mother', age(0, 7), ['exclusive_bf'], [], []),
  L('kembali-ke-asi-saja', 'mother', age(0, 182), ['exclusive_bf'], ['low_supply'], ['formula', 'other_milk']),
  L('konseling-saat-kunjungan', 'kader', age(0, 182), ['exclusive_bf', 'feeding_frequency'], [], []),
  L('lonjakan-pertumbuhan', 'mother', age(8, 120), ['feeding_frequency', 'exclusive_bf'], ['low_supply'], ['low_supply', 'formula', 'other_milk']),
  L('makan-minum-ibu', 'mother', age(0, 182), ['mother_nutrition'], [], []),
  L('memerah-menyimpan-asi', 'working_mother', age(30, 182), ['expressing_storing', 'back_to_work'], ['back_to_work', 'mother_absent'], ['back_to_work']),
  L('menyusu-sesuai-keinginan-bayi', 'mother', age(0, 59), ['feeding_frequency'], [], []),
  L('menyusui-saat-sakit', 'mother', age(0, 182), ['exclusive_bf'], ['medical', 'baby_ill'], []),
  L('mp-asi-di-6-bulan', 'mother', age(150, 240), ['complementary_food'], [], ['food']),
  L('payudara-bengkak-mastitis', 'mother', age(0, 182), ['breast_care'], [], ['engorgement', 'blocked_duct', 'mastitis']),
  L('pelekatan-ambida', 'mother', age(0, 42), ['positioning_attachment'], [], ['sore_nipples', 'not_latching']),
  L('tanda-bahaya-bayi-baru-lahir', 'mother', age(0, 28), ['danger_signs'], [], ['danger_sign', 'referral']),
  L('tanda-cukup-asi', 'mother', age(0, 42), ['feeding_frequency'], ['low_supply'], ['low_supply']),
  L('tanpa-air-madu-pisang', 'mother', age(0, 182), ['exclusive_bf'], ['family_pressure', 'other'], ['water', 'sweet_drink', 'herbal', 'food', 'given_since_last']),
  L('untuk-ayah', 'father', age(0, 182), ['family_support'], ['family_pressure'], []),
  L('untuk-nenek', 'family', age(0, 182), ['family_support'], ['family_pressure'], ['water', 'sweet_drink', 'herbal', 'food']),
];
/** A puskesmas's own lesson for pregnancy (the built-in library has none). */
const PREGNANCY = L('persiapan-menyusui', 'mother', { kind: 'pregnancy' }, ['exclusive_bf'], [], []);
const slugs = (ls: readonly { slug: string }[]) => ls.map((l) => l.slug);
const chosen = (ls: readonly { lesson: { slug: string } }[]) => ls.map((c) => c.lesson.slug);

const BIRTH = '2026-10-01';
const on = (days: number) => addDays(BIRTH, days);
const visit = (days: number, v: Partial<VisitFindingFacts> = {}): VisitFindingFacts => ({
  visitDate: on(days),
  recallItems: [],
  givenSinceLast: false,
  dangerSigns: [],
  referral: false,
  problems: [],
  breakReason: null,
  ...v,
});

describe('visitFindings', () => {
  it.each([
    ['nothing found', visit(5), []],
    ['formula and water, in the list order', visit(5, { recallItems: ['formula', 'water'] }), ['water', 'formula']],
    ['ORS, drops, medicine and "other" are no findings', visit(5, { recallItems: ['ors', 'vitamins', 'medicine', 'other'] }), []],
    ['given since the last visit', visit(5, { givenSinceLast: true }), ['given_since_last']],
    ['a danger sign and its referral', visit(5, { dangerSigns: ['fever', 'jaundice'], referral: true }), ['danger_sign', 'referral']],
    ['problems, without "other"', visit(5, { problems: ['mastitis', 'other', 'sore_nipples'] }), ['sore_nipples', 'mastitis']],
  ])('%s', (_name, v, expected) => {
    expect(visitFindings(v)).toEqual(expected);
  });
});

describe('lessonsFor and counsellingFor: the bahan konseling of a baby on a day', () => {
  it.each([
    {
      name: 'a 5-day-old, no visit yet: the newborn lessons, narrowest range first',
      today: on(5),
      latest: null,
      forAge0: 'imd-dan-kolostrum',
      findings: [],
      materials: ['imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir', 'pelekatan-ambida'],
      because: ['age', 'age', 'age'],
    },
    {
      name: 'a 6-week-old whose last visit found nothing: the lessons of weeks 6–8',
      today: on(42),
      latest: visit(30, { recallItems: [] }),
      forAge0: 'pelekatan-ambida',
      findings: [],
      materials: ['pelekatan-ambida', 'tanda-cukup-asi', 'menyusu-sesuai-keinginan-bayi'],
      because: ['age', 'age', 'age'],
    },
    {
      name: 'a 6-week-old whose last visit found formula (perceived low supply): the answers first',
      today: on(42),
      latest: visit(40, { recallItems: ['formula'], breakReason: 'low_supply' }),
      forAge0: 'pelekatan-ambida',
      findings: ['formula'],
      // lonjakan-pertumbuhan and kembali-ke-asi-saja both answer formula (1) and low supply (2):
      // the narrower range (8–120 days) leads; tanda-cukup-asi answers the reason only.
      materials: ['lonjakan-pertumbuhan', 'kembali-ke-asi-saja', 'pelekatan-ambida'],
      because: ['finding', 'finding', 'age'],
    },
    {
      name: 'a 10-day-old with a danger sign and a referral: the danger-sign lesson leads',
      today: on(10),
      latest: visit(10, { dangerSigns: ['fever'], referral: true }),
      forAge0: 'tanda-bahaya-bayi-baru-lahir',
      findings: ['danger_sign', 'referral'],
      materials: ['tanda-bahaya-bayi-baru-lahir', 'pelekatan-ambida', 'tanda-cukup-asi'],
      because: ['finding', 'age', 'age'],
    },
    {
      name: 'a 3-month-old whose mother went back to work and gives formula',
      today: on(92),
      latest: visit(90, { recallItems: ['formula'], breakReason: 'back_to_work', problems: ['back_to_work'] }),
      forAge0: 'lonjakan-pertumbuhan',
      findings: ['formula', 'back_to_work'],
      // memerah… answers the problem (1) and the reason (2); of the two formula answers (1 each)
      // the narrower range; then the age's lessons not yet listed (the household's, not the kader's).
      materials: ['memerah-menyimpan-asi', 'lonjakan-pertumbuhan', 'kembali-ke-asi-saja'],
      because: ['finding', 'finding', 'age'],
    },
    {
      name: 'a 5-month-old given porridge: the complementary-food lesson (not before 6 months)',
      today: on(155),
      latest: visit(153, { recallItems: ['food'], breakReason: 'family_pressure' }),
      forAge0: 'mp-asi-di-6-bulan',
      findings: ['food'],
      // tanpa-air… and untuk-nenek answer food (1) and family pressure (2); mp-asi… food (1).
      materials: ['tanpa-air-madu-pisang', 'untuk-nenek', 'mp-asi-di-6-bulan'],
      because: ['finding', 'finding', 'age'],
    },
  ])('$name', ({ today, latest, forAge0, findings, materials, because }) => {
    const s = { birthDate: BIRTH, today, latestVisit: latest };
    const sel = lessonsFor(TABLE, s);
    expect(sel.forAge[0]?.slug).toBe(forAge0);
    expect(sel.findings).toEqual(findings);
    const got = counsellingFor(TABLE, s);
    expect(chosen(got)).toEqual(materials);
    expect(got.map((c) => c.because.kind)).toEqual(because);
  });

  it('says which finding or reason, and the age in days', () => {
    const formula = counsellingFor(TABLE, { birthDate: BIRTH, today: on(42), latestVisit: visit(40, { recallItems: ['formula'], breakReason: 'low_supply' }) });
    expect(formula.map((c) => c.because)).toEqual([
      { kind: 'finding', finding: 'formula' },
      { kind: 'finding', finding: 'formula' },
      { kind: 'age', ageDay: 42 },
    ]);
    // Medicine is no finding; the reason the mother stopped (she was ill) is.
    const ill = counsellingFor(TABLE, { birthDate: BIRTH, today: on(42), latestVisit: visit(40, { recallItems: ['other'], breakReason: 'medical' }) });
    expect(ill[0]).toEqual({ lesson: TABLE.find((l) => l.slug === 'menyusui-saat-sakit'), because: { kind: 'breakReason', reason: 'medical' } });
  });

  it('before birth: only pregnancy lessons (none in the built-in library)', () => {
    const s = { birthDate: BIRTH, today: addDays(BIRTH, -20), latestVisit: null };
    expect(counsellingFor(TABLE, s)).toEqual([]);
    expect(chosen(counsellingFor([...TABLE, PREGNANCY], s))).toEqual(['persiapan-menyusui']);
    expect(slugs(lessonsFor([...TABLE, PREGNANCY], { birthDate: BIRTH, today: on(0), latestVisit: null }).forAge)).not.toContain('persiapan-menyusui');
  });

  it('the 5-day-old, the 6-week-old and the formula baby get different bahan konseling', () => {
    const a = chosen(counsellingFor(TABLE, { birthDate: BIRTH, today: on(5), latestVisit: null }));
    const b = chosen(counsellingFor(TABLE, { birthDate: BIRTH, today: on(42), latestVisit: null }));
    const c = chosen(counsellingFor(TABLE, { birthDate: BIRTH, today: on(42), latestVisit: visit(40, { recallItems: ['formula'], breakReason: 'low_supply' }) }));
    expect(new Set([a.join(), b.join(), c.join()]).size).toBe(3);
  });

  it('between equal answers, the lesson written for this age comes first', () => {
    // At 60 days the newborn danger-sign lesson no longer fits the age; one for older babies does.
    const older = L('tanda-bahaya-bayi-besar', 'mother', age(29, 182), ['danger_signs'], [], ['danger_sign', 'referral']);
    const sel = lessonsFor([...TABLE, older], { birthDate: BIRTH, today: on(60), latestVisit: visit(60, { dangerSigns: ['fever'], referral: true }) });
    expect(slugs(sel.forFindings)).toEqual(['tanda-bahaya-bayi-besar', 'tanda-bahaya-bayi-baru-lahir']);
    // …and at 10 days the newborn one leads (narrower, and it fits).
    const young = lessonsFor([...TABLE, older], { birthDate: BIRTH, today: on(10), latestVisit: visit(10, { dangerSigns: ['fever'], referral: true }) });
    expect(slugs(young.forFindings)).toEqual(['tanda-bahaya-bayi-baru-lahir', 'tanda-bahaya-bayi-besar']);
  });

  it('the age range is inclusive at both ends; an open range has no end', () => {
    const open = L('sampai-kapan-saja', 'mother', age(200, null), [], [], []);
    const table = [...TABLE, open];
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(42), latestVisit: null }).forAge)).toContain('pelekatan-ambida');
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(43), latestVisit: null }).forAge)).not.toContain('pelekatan-ambida');
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(7), latestVisit: null }).forAge)).not.toContain('lonjakan-pertumbuhan');
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(8), latestVisit: null }).forAge)).toContain('lonjakan-pertumbuhan');
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(199), latestVisit: null }).forAge)).not.toContain('sampai-kapan-saja');
    expect(slugs(lessonsFor(table, { birthDate: BIRTH, today: on(900), latestVisit: null }).forAge)).toEqual(['sampai-kapan-saja']);
  });

  it('no lessons: nothing to show, never an error', () => {
    const s = { birthDate: BIRTH, today: on(42), latestVisit: visit(40, { recallItems: ['formula'], breakReason: 'low_supply' }) };
    expect(lessonsFor([], s)).toEqual({ ageDay: 42, forAge: [], forFindings: [], findings: ['formula'] });
    expect(counsellingFor([], s)).toEqual([]);
    expect(lessonOfTheWeek([], BIRTH, on(42))).toBeNull();
    expect(mothersLessons([], s)).toEqual({ week: null, forVisit: null, family: [] });
  });

  it('a hidden or unpublished lesson (left out by the caller) never comes back', () => {
    const visible = TABLE.filter((l) => l.slug !== 'lonjakan-pertumbuhan');
    const s = { birthDate: BIRTH, today: on(42), latestVisit: visit(40, { recallItems: ['formula'], breakReason: 'low_supply' }) };
    const sel = lessonsFor(visible, s);
    expect([...slugs(sel.forAge), ...slugs(sel.forFindings)]).not.toContain('lonjakan-pertumbuhan');
    expect(chosen(counsellingFor(visible, s))).toEqual(['kembali-ke-asi-saja', 'tanda-cukup-asi', 'pelekatan-ambida']);
    // …and it was the best answer while visible.
    expect(chosen(counsellingFor(TABLE, s))[0]).toBe('lonjakan-pertumbuhan');
  });

  it('audiences: only those readers; the kader’s own lessons are no bahan konseling', () => {
    const s = { birthDate: BIRTH, today: on(42), latestVisit: null };
    expect(slugs(lessonsFor(TABLE, s, ['father']).forAge)).toEqual(['untuk-ayah']);
    expect(slugs(lessonsFor(TABLE, s, ['kader']).forAge)).toEqual(['konseling-saat-kunjungan']);
    expect(slugs(lessonsFor(TABLE, s).forAge)).toContain('konseling-saat-kunjungan');
    const onlyKader = TABLE.filter((l) => l.audience === 'kader');
    expect(counsellingFor(onlyKader, s)).toEqual([]);
  });
});

describe('counsellingMaterials: order and cap', () => {
  it('at most two answers to the visit, then the age lessons, no repeats, at most three', () => {
    // A visit that found many things: four lessons answer it.
    const s = {
      birthDate: BIRTH,
      today: on(20),
      latestVisit: visit(20, {
        recallItems: ['water', 'formula'],
        problems: ['mastitis', 'sore_nipples'],
        dangerSigns: ['fever'],
        referral: true,
        breakReason: 'family_pressure' as const,
      }),
    };
    const sel = lessonsFor(TABLE, s, ['mother']);
    expect(sel.forFindings.length).toBeGreaterThan(2);
    const got = counsellingMaterials(sel, 'family_pressure');
    expect(got).toHaveLength(COUNSELLING_MATERIALS_MAX);
    expect(chosen(got).slice(0, 2)).toEqual(slugs(sel.forFindings.slice(0, 2)));
    expect(got[2]!.because.kind).toBe('age');
    expect(new Set(chosen(got)).size).toBe(3);
  });

  it('a lesson that is both an answer and for the age is listed once, as the answer', () => {
    const s = { birthDate: BIRTH, today: on(5), latestVisit: visit(5, { problems: ['sore_nipples'] }) };
    const got = counsellingFor(TABLE, s);
    expect(chosen(got)).toEqual(['pelekatan-ambida', 'imd-dan-kolostrum', 'tanda-bahaya-bayi-baru-lahir']);
    expect(got[0]!.because).toEqual({ kind: 'finding', finding: 'sore_nipples' });
  });

  it('fewer lessons than the cap: all of them', () => {
    const two = TABLE.filter((l) => ['pelekatan-ambida', 'makan-minum-ibu'].includes(l.slug));
    expect(chosen(counsellingFor(two, { birthDate: BIRTH, today: on(5), latestVisit: null }))).toEqual(['pelekatan-ambida', 'makan-minum-ibu']);
  });
});

describe('lessonOfTheWeek', () => {
  const forAge = (day: number) => lessonsFor(TABLE, { birthDate: BIRTH, today: on(day), latestVisit: null }, ['mother']).forAge;
  it.each([
    [0, 0],
    [6, 0],
    [7, 1],
    [13, 1],
    [14, 2],
  ])('day %i of a newborn: lesson %i of its age list', (day, index) => {
    const list = forAge(day);
    expect(lessonOfTheWeek(list, BIRTH, on(day))).toBe(list[index]);
  });

  it('turns around the list: each week the next, back to the first after the last', () => {
    const list = forAge(60);
    const weeks = Array.from({ length: list.length + 1 }, (_, i) => lessonOfTheWeek(list, BIRTH, on(7 * (Math.floor(60 / 7) + i)))?.slug);
    expect(new Set(weeks.slice(0, list.length)).size).toBe(list.length);
    expect(weeks[list.length]).toBe(weeks[0]);
  });

  it('before birth: the first pregnancy lesson, every week', () => {
    const list = lessonsFor([...TABLE, PREGNANCY], { birthDate: BIRTH, today: on(-30), latestVisit: null }).forAge;
    expect(lessonOfTheWeek(list, BIRTH, on(-30))?.slug).toBe('persiapan-menyusui');
    expect(lessonOfTheWeek(list, BIRTH, on(-9))?.slug).toBe('persiapan-menyusui');
  });
});

describe('mothersLessons (/ibu)', () => {
  it('the week’s lesson for her, the answer to the last visit, and the family lessons to send', () => {
    const s = { birthDate: BIRTH, today: on(35), latestVisit: visit(33, { recallItems: ['water'], breakReason: 'family_pressure' as const }) };
    const got = mothersLessons(TABLE, s);
    expect(got.week).not.toBeNull();
    expect(['mother', 'working_mother']).toContain(got.week!.audience);
    expect(got.forVisit).toEqual({ lesson: TABLE.find((l) => l.slug === 'tanpa-air-madu-pisang'), because: { kind: 'finding', finding: 'water' } });
    expect(slugs(got.family)).toEqual(['untuk-ayah', 'untuk-nenek']);
  });

  it('no answer to the visit when it found nothing; never the week’s lesson twice', () => {
    expect(mothersLessons(TABLE, { birthDate: BIRTH, today: on(42), latestVisit: visit(40) }).forVisit).toBeNull();
    // The only answer is the week's lesson itself: no second card.
    const one = TABLE.filter((l) => l.slug === 'pelekatan-ambida');
    const got = mothersLessons(one, { birthDate: BIRTH, today: on(5), latestVisit: visit(5, { problems: ['sore_nipples'] }) });
    expect(got.week?.slug).toBe('pelekatan-ambida');
    expect(got.forVisit).toBeNull();
  });

  it('family lessons written for another stage are still offered when none fits the age', () => {
    const table = TABLE.map((l) => (l.audience === 'father' || l.audience === 'family' ? { ...l, stage: { kind: 'pregnancy' as const } } : l));
    expect(slugs(mothersLessons(table, { birthDate: BIRTH, today: on(42), latestVisit: null }).family)).toEqual(['untuk-ayah', 'untuk-nenek']);
  });
});

describe('lessonsForBreakReason and lessonsForTopic', () => {
  it.each([
    ['back_to_work', ['memerah-menyimpan-asi']],
    ['low_supply', ['tanda-cukup-asi', 'lonjakan-pertumbuhan', 'kembali-ke-asi-saja']],
    ['medical', ['menyusui-saat-sakit']],
    ['baby_ill', ['menyusui-saat-sakit']],
    ['mother_absent', ['memerah-menyimpan-asi']],
    ['family_pressure', ['tanpa-air-madu-pisang', 'untuk-ayah', 'untuk-nenek']],
    ['other', ['tanpa-air-madu-pisang']],
  ] as const)('stop reason %s', (reason, expected) => {
    expect(slugs(lessonsForBreakReason(TABLE, reason))).toEqual(expected);
  });

  it.each([
    ['positioning_attachment', ['pelekatan-ambida']],
    ['family_support', ['untuk-ayah', 'untuk-nenek']],
    ['complementary_food', ['mp-asi-di-6-bulan']],
    ['feeding_frequency', ['tanda-cukup-asi', 'menyusu-sesuai-keinginan-bayi', 'lonjakan-pertumbuhan', 'konseling-saat-kunjungan']],
  ] as const)('counselling topic %s', (topic, expected) => {
    expect(slugs(lessonsForTopic(TABLE, topic))).toEqual(expected);
  });
});
