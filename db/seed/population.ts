/**
 * Who the demo mothers are: a few hand-written stories (the demo logins, twins, every exit,
 * every kind of break, newborns) and a deterministic random population around them.
 */
import { BREAK_REASONS, monthDate, addDays, type BreakReason, type IsoDate } from '../../lib/domain';
import type { PuskesmasDef } from './places';
import type { Rng } from './random';
import type { BabySpec, Story } from './stories';

export interface MotherSpec {
  key: string;
  name?: string;
  posyanduKey: string;
  /** The kader who follows her (default: a kader of her posyandu). */
  kaderKey?: string;
  /** A kader of another posyandu assigned to follow her (kader_assignments). */
  assignedKaderKey?: string;
  /** 'user': has a login with the demo password; 'pending': account made, not activated. */
  login?: 'user' | 'pending';
  /** Display phone; null = none; undefined = the next free 0813-3000-0xxx number. */
  phone?: string | null;
  working?: boolean;
  babies: BabySpec[];
}

const ex = (confirm: Extract<Story, { kind: 'exclusive' }>['confirm'] = 'yes'): Story => ({ kind: 'exclusive', confirm });

/** Hand-written stories of Puskesmas Bojong Nangka. Ages are days old on `today`. */
export function bjnSpecials(): MotherSpec[] {
  return [
    {
      key: 'rina',
      name: 'Rina Kartikasari',
      posyanduKey: 'melati1',
      kaderKey: 'euis',
      login: 'user',
      phone: '0813-3000-0001',
      babies: [
        {
          ageDays: 95,
          sex: 'P',
          story: ex(),
          missRate: 0,
          lateRate: 0,
          earlyInitiation: true,
          intended: 'ongoing',
          events: [
            {
              window: 3,
              day: 64,
              extraItems: ['medicine'],
              note: 'Demam ringan setelah imunisasi DPT-HB-Hib 1, diberi parasetamol drop dari bidan. Tetap menyusu.',
            },
          ],
        },
      ],
    },
    {
      key: 'dewi',
      name: 'Dewi Anggraini',
      posyanduKey: 'anggrek1',
      kaderKey: 'nining',
      login: 'user',
      phone: '0813-3000-0002',
      babies: [
        {
          ageDays: 215,
          sex: 'L',
          story: ex(),
          missRate: 0,
          lateRate: 0,
          earlyInitiation: true,
          intended: 'graduated',
          events: [
            { window: 1, problems: ['sore_nipples'], attachmentBad: true, note: 'Puting lecet; pelekatan diperbaiki bersama (AMBIDA).' },
            {
              window: 2,
              problems: ['family_pressure'],
              note: 'Mertua menyarankan susu formula karena bayi sering menangis; sudah dijelaskan tentang ukuran lambung bayi.',
            },
          ],
        },
      ],
    },
    {
      // Kader Euis's mother with a missed window and the current one still open (whatever
      // today is): her next visit fills the open window on time, the one after fills the
      // missed window late (the kader's visit journey, e2e/visits.spec.ts).
      key: 'wulan',
      name: 'Wulan Septiani',
      posyanduKey: 'melati1',
      kaderKey: 'euis',
      babies: [
        {
          ageDays: 70,
          sex: 'L',
          story: ex(),
          missRate: 0,
          lateRate: 0,
          force: { 2: 'miss', 3: 'miss' }, // 3 is the open window: not visited yet
          intended: 'ongoing',
        },
      ],
    },
    {
      key: 'putri',
      name: 'Putri Ayu Lestari',
      posyanduKey: 'melati2',
      login: 'user',
      babies: [
        {
          ageDays: 40,
          sex: 'P',
          story: ex(),
          intended: 'ongoing',
          events: [{ window: 0, day: 5, problems: ['sore_nipples'], attachmentBad: true, note: 'Puting kanan lecet sampai berdarah.' }],
        },
      ],
    },
    {
      key: 'maryam',
      name: 'Siti Maryam',
      posyanduKey: 'mawar',
      login: 'user',
      babies: [
        {
          ageDays: 150,
          sex: 'L',
          story: ex(),
          intended: 'ongoing',
          events: [
            {
              window: 0,
              day: 4,
              danger: ['jaundice'],
              referralReason: 'Kulit bayi kuning sampai dada di hari ke-4. Dirujuk ke bidan Puskesmas Bojong Nangka.',
            },
          ],
        },
      ],
    },
    {
      key: 'yuni',
      name: 'Yuni Rahmawati',
      posyanduKey: 'anggrek2',
      login: 'user',
      working: true,
      babies: [
        {
          ageDays: 130,
          sex: 'P',
          story: {
            kind: 'break',
            pattern: 'mixed',
            reason: 'back_to_work',
            dayRange: [94, 100],
            items: ['formula'],
            note: 'Ibu kembali bekerja di pabrik garmen; ASI perah belum cukup, pengasuh menambah susu formula.',
          },
          intended: 'broken',
          events: [{ window: 4, day: 108 }],
        },
      ],
    },
    {
      key: 'sopiah',
      name: 'Neng Sopiah',
      posyanduKey: 'kenanga',
      login: 'user',
      babies: [
        {
          ageDays: 260,
          sex: 'L',
          story: ex(),
          intended: 'graduated',
          events: [
            {
              window: 2,
              problems: ['family_pressure'],
              note: 'Mertua ingin memberi pisang; ibu menolak dengan sopan setelah ikut pertemuan KP-ASI.',
            },
          ],
        },
      ],
    },
    {
      key: 'intan',
      name: 'Intan Permatasari',
      posyanduKey: 'melati1',
      kaderKey: 'euis',
      login: 'user',
      babies: [0, 1].map((i): BabySpec => ({
        ageDays: 70,
        sex: i === 0 ? 'L' : 'P',
        story: ex(),
        missRate: 0,
        lateRate: 0,
        intended: 'ongoing',
        events: [
          {
            window: 1,
            problems: ['low_supply'],
            note: 'Ibu khawatir ASI tidak cukup untuk dua bayi; diajarkan menyusui tandem dan tanda kecukupan ASI.',
          },
        ],
      })),
    },
    {
      key: 'lina',
      name: 'Lina Marlina',
      posyanduKey: 'dahlia',
      login: 'user',
      babies: [
        {
          ageDays: 300,
          sex: 'P',
          story: {
            kind: 'break',
            pattern: 'temporary',
            reason: 'baby_ill',
            dayRange: [95, 110],
            items: ['water', 'herbal'],
            note: 'Bayi diare dua hari; nenek memberi air putih dan jamu. Sudah diajarkan oralit dan tetap menyusui.',
          },
          intended: 'broken',
          events: [{ window: 0, day: 3, problems: ['engorgement'] }],
        },
      ],
    },
    {
      key: 'fitri',
      name: 'Fitri Handayani',
      posyanduKey: 'flamboyan',
      login: 'user',
      babies: [
        {
          ageDays: 190,
          sex: 'L',
          story: ex('no_visit'),
          intended: 'unrecorded',
          events: [{ window: 2, day: 40, problems: ['mastitis'], note: 'Ibu demam 38,5 °C, payudara kiri merah dan nyeri.' }],
        },
      ],
    },
    {
      key: 'desi',
      name: 'Desi Wulandari',
      posyanduKey: 'cempaka',
      login: 'user',
      working: true,
      babies: [
        {
          ageDays: 240,
          sex: 'P',
          story: {
            kind: 'break',
            pattern: 'early_then_exclusive',
            reason: 'other',
            dayRange: [0, 1],
            items: ['formula'],
            note: 'Bayi diberi susu formula di klinik bersalin pada hari pertama tanpa persetujuan ibu; sejak pulang hanya ASI.',
          },
          intended: 'broken',
          force: { 0: 'visit' },
        },
      ],
    },
    {
      key: 'ika',
      name: 'Ika Nurhayati',
      posyanduKey: 'mawar',
      login: 'user',
      babies: [{ ageDays: 110, sex: 'L', story: ex(), intended: 'ongoing', events: [{ window: 2, day: 50, problems: ['blocked_duct'] }] }],
    },
    {
      key: 'anisa',
      name: 'Anisa Fitriani',
      posyanduKey: 'kenanga',
      login: 'pending',
      babies: [{ ageDays: 15, sex: 'P', story: ex(), intended: 'ongoing' }],
    },
    {
      key: 'wulan',
      name: 'Wulan Sari Maharani',
      posyanduKey: 'anggrek1',
      kaderKey: 'nining',
      babies: [0, 1].map((): BabySpec => ({
        ageDays: 250,
        sex: 'L',
        story: {
          kind: 'break',
          pattern: 'mixed',
          reason: 'low_supply',
          dayRange: [30, 45],
          items: ['formula'],
          note: 'Ibu merasa ASI tidak cukup untuk bayi kembar; keluarga membelikan susu formula.',
        },
        birthPlace: 'RSUD Cibinong',
        intended: 'broken',
        force: { 2: 'visit', 3: 'visit' },
      })),
    },
    {
      key: 'eka',
      name: 'Eka Yulianti',
      posyanduKey: 'dahlia',
      babies: [{ ageDays: 120, story: ex(), exit: { day: 80, reason: 'moved', note: 'Pindah domisili ke Tambun, Bekasi, ikut suami.' }, intended: 'exited' }],
    },
    {
      key: 'cucu',
      name: 'Cucu Komariah',
      posyanduKey: 'flamboyan',
      babies: [{ ageDays: 200, story: ex(), exit: { day: 45, reason: 'died', note: 'Meninggal dunia saat dirawat di rumah sakit.' }, intended: 'exited' }],
    },
    {
      key: 'mira',
      name: 'Mira Rosita',
      posyanduKey: 'cempaka',
      babies: [
        {
          ageDays: 60,
          story: ex(),
          exit: { day: 35, reason: 'transferred', note: 'Pemantauan dialihkan ke Puskesmas Cileungsi karena tinggal di rumah orang tua.' },
          intended: 'exited',
        },
      ],
    },
    {
      key: 'nia',
      name: 'Nia Kurniawati',
      posyanduKey: 'melati2',
      babies: [
        {
          ageDays: 230,
          story: ex(),
          missRate: 0,
          exit: { day: 205, reason: 'moved', note: 'Pindah ke Cibubur setelah bayi berusia 6 bulan.' },
          intended: 'graduated',
        },
      ],
    },
    // Ongoing in the fifth and sixth month.
    { key: 'm4', posyanduKey: 'anggrek2', babies: [{ ageDays: 135, story: ex(), missRate: 0, intended: 'ongoing' }] },
    { key: 'm5', posyanduKey: 'melati1', kaderKey: 'yati', babies: [{ ageDays: 165, story: ex(), missRate: 0, intended: 'ongoing' }] },
    // Newborns: no visit yet, first window open, a danger sign awaiting follow-up.
    { key: 'nb1', posyanduKey: 'kenanga', babies: [{ ageDays: 1, story: ex(), unnamed: true, intended: 'ongoing' }] },
    { key: 'nb2', posyanduKey: 'melati1', kaderKey: 'euis', babies: [{ ageDays: 2, story: ex(), unnamed: true, intended: 'ongoing' }] },
    { key: 'nb4', posyanduKey: 'anggrek1', babies: [{ ageDays: 4, story: ex(), force: { 0: 'visit' }, intended: 'ongoing' }] },
    {
      key: 'nb6',
      posyanduKey: 'melati2',
      babies: [
        {
          ageDays: 6,
          story: ex(),
          unnamed: true,
          intended: 'ongoing',
          events: [
            {
              window: 0,
              day: 4,
              danger: ['jaundice', 'not_feeding'],
              referralReason: 'Bayi kuning sampai perut dan malas menyusu di hari ke-4. Dirujuk ke bidan; belum ada kabar.',
              awaiting: true,
            },
          ],
        },
      ],
    },
    { key: 'nb9', posyanduKey: 'dahlia', babies: [{ ageDays: 9, story: ex(), force: { 0: 'visit' }, intended: 'ongoing' }] },
    { key: 'late', posyanduKey: 'anggrek2', babies: [{ ageDays: 220, story: ex('late'), intended: 'graduated' }] },
    { key: 'notasked', posyanduKey: 'cempaka', babies: [{ ageDays: 280, story: ex('not_asked'), intended: 'unrecorded' }] },
    {
      key: 'food5m',
      posyanduKey: 'flamboyan',
      babies: [
        {
          ageDays: 300,
          story: {
            kind: 'break',
            pattern: 'other_food',
            reason: 'family_pressure',
            dayRange: [158, 165],
            items: ['food'],
            note: 'Nenek memberi bubur nasi dan pisang karena bayi dianggap sudah besar.',
          },
          intended: 'broken',
          events: [{ window: 6, day: 172 }],
        },
      ],
    },
    {
      key: 'stopped',
      posyanduKey: 'mawar',
      working: true,
      babies: [
        {
          ageDays: 170,
          story: {
            kind: 'break',
            pattern: 'stopped',
            reason: 'mother_absent',
            dayRange: [55, 65],
            items: ['formula'],
            note: 'Ibu bekerja di Jakarta dan pulang seminggu sekali; bayi diasuh nenek dengan susu formula.',
          },
          intended: 'broken',
          force: { 3: 'visit', 4: 'visit' },
        },
      ],
    },
    {
      key: 'medical',
      posyanduKey: 'kenanga',
      babies: [
        {
          ageDays: 350,
          story: {
            kind: 'break',
            pattern: 'early_then_exclusive',
            reason: 'medical',
            dayRange: [0, 1],
            items: ['formula'],
            note: 'Bayi lahir dengan gula darah rendah, diberi susu formula atas indikasi dokter; setelah pulang hanya ASI.',
          },
          birthPlace: 'RSUD Cibinong',
          earlyInitiation: false,
          intended: 'broken',
          force: { 0: 'visit' },
        },
      ],
    },
  ];
}

/** The second puskesmas: five mothers. */
export function gptSpecials(): MotherSpec[] {
  return [
    {
      key: 'g-yanti',
      name: 'Yanti Herawati',
      posyanduKey: 'teratai',
      login: 'user',
      phone: '0813-3000-0901',
      babies: [{ ageDays: 205, story: ex(), missRate: 0, intended: 'graduated' }],
    },
    { key: 'g-ela', name: 'Ela Nurhasanah', posyanduKey: 'teratai', phone: '0813-3000-0902', babies: [{ ageDays: 20, story: ex(), intended: 'ongoing' }] },
    { key: 'g-rani', name: 'Rani Oktaviani', posyanduKey: 'teratai', phone: '0813-3000-0903', babies: [{ ageDays: 75, story: ex(), intended: 'ongoing' }] },
    {
      key: 'g-heni',
      name: 'Heni Susanti',
      posyanduKey: 'teratai',
      phone: '0813-3000-0904',
      babies: [
        {
          ageDays: 140,
          story: { kind: 'break', pattern: 'mixed', reason: 'low_supply', dayRange: [40, 60], items: ['formula'], note: 'Ibu merasa ASI kurang; ditambah susu formula.' },
          force: { 2: 'visit', 3: 'visit' },
          intended: 'broken',
        },
      ],
    },
    { key: 'g-salma', name: 'Salma Fauziyah', posyanduKey: 'teratai', phone: null, babies: [{ ageDays: 300, story: ex('no_visit'), intended: 'unrecorded' }] },
  ];
}

/** A deck of break reasons drawn in turn, so that every reason appears. */
class ReasonDeck {
  private deck: BreakReason[] = [];
  constructor(private rng: Rng) {}
  draw(): BreakReason {
    if (this.deck.length === 0) this.deck = this.rng.shuffle(BREAK_REASONS);
    return this.deck.pop()!;
  }
}

const MOVED_NOTES = [
  'Pindah domisili ke Bekasi ikut suami.',
  'Pulang ke kampung halaman di Garut.',
  'Pindah kontrakan ke Depok.',
  'Ikut orang tua pindah ke Karawang.',
  'Pindah ke Cianjur, tinggal bersama mertua.',
];
const TRANSFERRED_NOTES = [
  'Pemantauan dialihkan ke Puskesmas Citeureup (domisili baru).',
  'Pemantauan dialihkan ke Puskesmas Cileungsi.',
  'Dipantau oleh poli anak rumah sakit karena perawatan lanjutan.',
];

/** A random break story for reason `reason` (pattern, day range, items, note). */
export function breakStory(reason: BreakReason, rng: Rng): Story {
  const b = (
    pattern: Extract<Story, { kind: 'break' }>['pattern'],
    dayRange: [number, number],
    items: Extract<Story, { kind: 'break' }>['items'],
    note: string,
    otherText?: string,
  ): Story => ({
    kind: 'break',
    pattern,
    reason,
    dayRange,
    items,
    note,
    ...(otherText ? { otherText } : {}),
  });
  switch (reason) {
    case 'medical':
      return rng.chance(0.6)
        ? b('early_then_exclusive', [0, 2], ['formula'], 'Bayi dirawat di ruang perinatologi dan diberi susu formula atas indikasi dokter; setelah pulang hanya ASI.')
        : b('mixed', [25, 120], ['formula'], 'Atas saran dokter diberi tambahan susu formula karena berat badan kurang naik.');
    case 'mother_absent':
      return rng.chance(0.5)
        ? b('mixed', [30, 150], ['formula'], 'Ibu dirawat di rumah sakit beberapa hari; bayi diasuh nenek dan diberi susu formula.')
        : b('stopped', [40, 150], ['formula'], 'Ibu bekerja di luar kota; bayi diasuh nenek dengan susu formula.');
    case 'low_supply':
      return rng.chance(0.3)
        ? b('early_then_exclusive', [1, 3], ['formula'], 'ASI belum keluar di hari pertama, bayi diberi susu formula; sekarang ASI saja.')
        : b(
            'mixed',
            [14, 120],
            rng.chance(0.85) ? ['formula'] : ['other_milk'],
            'Ibu merasa ASI sedikit karena bayi sering menangis; sudah diajari tanda kecukupan ASI.',
          );
    case 'back_to_work':
      return b(
        'mixed',
        [80, 125],
        rng.chance(0.8) ? ['formula'] : ['formula', 'other_milk'],
        'Ibu mulai bekerja lagi; ASI perah belum cukup, pengasuh menambah susu formula.',
      );
    case 'family_pressure': {
      const r = rng.next();
      if (r < 0.35) return b('early_then_exclusive', [0, 2], ['sweet_drink'], 'Nenek memberi madu di hari pertama (kebiasaan keluarga); sejak itu ASI saja.');
      if (r < 0.7) return b('other_food', [10, 90], ['water'], 'Mertua memberi air putih setelah menyusu agar bayi tidak haus.');
      return b('other_food', [90, 170], ['food'], 'Nenek memberi pisang kerok karena bayi dianggap masih lapar.');
    }
    case 'baby_ill':
      return rng.chance(0.5)
        ? b('temporary', [20, 150], ['water', 'herbal'], 'Bayi diare; keluarga memberi air putih dan jamu. Sudah diajarkan oralit dan tetap menyusui.')
        : b('temporary', [20, 150], ['herbal'], 'Bayi batuk pilek, diberi air jahe hangat oleh keluarga.');
    case 'other':
      return rng.chance(0.5)
        ? b('early_then_exclusive', [0, 2], ['formula'], 'Bayi diberi susu formula oleh petugas tempat bersalin tanpa persetujuan ibu.')
        : b('other_food', [30, 160], ['other'], 'Bayi dititipkan ke tetangga dan diberi air tajin.', rng.chance(0.5) ? 'Air tajin' : 'Air kelapa muda');
  }
}

/**
 * The random part of a puskesmas's population: `count` mothers, births spread evenly over the
 * last `maxAge` days, stories drawn with probabilities that improve for younger cohorts (the
 * program is working).
 */
export function randomMothers(def: PuskesmasDef, today: IsoDate, count: number, maxAge: number, rng: Rng): MotherSpec[] {
  const posyandu = def.villages.flatMap((v) => v.posyandu.map((p) => [p.key, p.weight] as const));
  const deck = new ReasonDeck(rng);
  const out: MotherSpec[] = [];
  for (let i = 0; i < count; i++) {
    const age = Math.max(11, Math.round(11 + (i * (maxAge - 11)) / Math.max(1, count - 1)) + rng.int(-2, 2));
    const birth = addDays(today, -age);
    const young = today < monthDate(birth, 6);
    const recency = 1 - age / maxAge; // 1 = newest
    let story: Story = ex();
    let exit: BabySpec['exit'];
    const r = rng.next();
    if (young) {
      if (r < 0.05 && age > 15) exit = exitFor(rng, age);
      else if (r < 0.3) story = breakStory(deck.draw(), rng);
    } else {
      const pExit = 0.06;
      const pBreak = 0.34 - 0.1 * recency;
      const pUnrec = 0.15 - 0.05 * recency;
      if (r < pExit) exit = exitFor(rng, age);
      else if (r < pExit + pBreak) story = breakStory(deck.draw(), rng);
      else if (r < pExit + pBreak + pUnrec) story = ex(rng.chance(0.6) ? 'no_visit' : 'not_asked');
      else story = ex(age > 215 && rng.chance(0.08) ? 'late' : 'yes');
    }
    if (exit && rng.chance(0.3)) story = breakStory(deck.draw(), rng);
    out.push({
      key: `r${i}`,
      posyanduKey: rng.weighted(posyandu),
      working: rng.chance(0.3),
      babies: [
        {
          ageDays: age,
          story,
          ...(exit ? { exit } : {}),
          missRate: 0.17 - 0.1 * recency,
          lateRate: 0.08,
        },
      ],
    });
  }
  return out;
}

function exitFor(rng: Rng, age: number): NonNullable<BabySpec['exit']> {
  const day = rng.int(10, Math.min(175, age - 1));
  return rng.chance(0.65) ? { day, reason: 'moved', note: rng.pick(MOVED_NOTES) } : { day, reason: 'transferred', note: rng.pick(TRANSFERRED_NOTES) };
}
