/**
 * The two demo puskesmas, their villages, posyandu, staff and kaders. All people are
 * fictional; the places are real villages of Kecamatan Gunung Putri, Kabupaten Bogor.
 */
import { BLOCKED_TERMS_BJN, BLOCKED_TERMS_GPT } from './catalogue';

export interface PosyanduDef {
  key: string;
  name: string;
  rw: string;
  /** Relative number of births (the seed spreads mothers by it). */
  weight: number;
  /** Local streets and kampung names for addresses. */
  streets: readonly string[];
}

export interface VillageDef {
  key: string;
  name: string;
  kind: 'desa' | 'kelurahan';
  /** Where the village's group sessions usually meet. */
  hall: string;
  /** Day of the month sessions are planned around. */
  sessionDay: number;
  posyandu: readonly PosyanduDef[];
}

export interface PersonDef {
  key: string;
  name: string;
  /** Display form, e.g. 0811-1000-0001. */
  phone: string;
}

export interface KaderDef extends PersonDef {
  posyanduKey: string;
}

export interface StaffDef extends PersonDef {
  role: 'admin' | 'staff';
  what: string;
}

export interface PuskesmasDef {
  code: string;
  name: string;
  district: string;
  subdistrict: string;
  province: string;
  timeZone: string;
  blockedTerms: string[];
  signatoryName: string;
  signatoryNip: string;
  signatoryTitle: string;
  targets: { yearOffset: number; percent: number }[];
  villages: readonly VillageDef[];
  staff: readonly StaffDef[];
  kaders: readonly KaderDef[];
}

/** The demo's kabupaten and its district office (Dinas Kesehatan, issue #19): aggregates only. */
export const DISTRICT = {
  name: 'Kabupaten Bogor',
  province: 'Jawa Barat',
  accounts: [{ name: 'dr. Yohana Simanjuntak, M.K.M., Dinas Kesehatan Kabupaten Bogor', phone: '0811-1000-0201' }],
} as const;

export const BJN: PuskesmasDef = {
  code: 'BJN',
  name: 'Puskesmas Bojong Nangka',
  district: 'Kabupaten Bogor',
  subdistrict: 'Gunung Putri',
  province: 'Jawa Barat',
  timeZone: 'Asia/Jakarta',
  blockedTerms: BLOCKED_TERMS_BJN,
  signatoryName: 'dr. Andri Permana, M.K.M.',
  signatoryNip: '197805122006041009',
  signatoryTitle: 'Kepala Puskesmas Bojong Nangka',
  targets: [
    { yearOffset: -1, percent: 50 },
    { yearOffset: 0, percent: 50 },
  ],
  villages: [
    {
      key: 'bjn',
      name: 'Bojong Nangka',
      kind: 'desa',
      hall: 'Aula Kantor Desa Bojong Nangka',
      sessionDay: 8,
      posyandu: [
        { key: 'melati1', name: 'Posyandu Melati 1', rw: '01', weight: 5, streets: ['Kp. Bojong Nangka', 'Jl. Raya Bojong Nangka', 'Gg. Masjid Al-Ikhlas'] },
        { key: 'melati2', name: 'Posyandu Melati 2', rw: '03', weight: 4, streets: ['Kp. Pasir Angin', 'Gg. Haji Naim', 'Jl. Kebon Kopi'] },
        { key: 'mawar', name: 'Posyandu Mawar', rw: '05', weight: 3, streets: ['Kp. Cikuda', 'Perum Griya Nangka Asri Blok C', 'Gg. Mushola'] },
      ],
    },
    {
      key: 'bkl',
      name: 'Bojong Kulur',
      kind: 'desa',
      hall: 'Balai Warga RW 02 Bojong Kulur',
      sessionDay: 12,
      posyandu: [
        { key: 'anggrek1', name: 'Posyandu Anggrek 1', rw: '02', weight: 4, streets: ['Kp. Bojong Kulur', 'Jl. Raya Bojong Kulur', 'Gg. Swadaya'] },
        { key: 'anggrek2', name: 'Posyandu Anggrek 2', rw: '04', weight: 3, streets: ['Kp. Kebon Duren', 'Perum Bumi Kulur Indah Blok F', 'Gg. Pelita'] },
      ],
    },
    {
      key: 'ccd',
      name: 'Cicadas',
      kind: 'desa',
      hall: 'Aula Kantor Desa Cicadas',
      sessionDay: 16,
      posyandu: [
        { key: 'kenanga', name: 'Posyandu Kenanga', rw: '01', weight: 3, streets: ['Kp. Cicadas', 'Jl. Raya Cicadas', 'Gg. Sawo'] },
        { key: 'dahlia', name: 'Posyandu Dahlia', rw: '06', weight: 3, streets: ['Kp. Babakan', 'Gg. Bambu Kuning', 'Kp. Leuwi Nanggung'] },
      ],
    },
    {
      key: 'wnh',
      name: 'Wanaherang',
      kind: 'desa',
      hall: 'Balai Desa Wanaherang',
      sessionDay: 20,
      posyandu: [
        { key: 'flamboyan', name: 'Posyandu Flamboyan', rw: '03', weight: 3, streets: ['Kp. Wanaherang', 'Jl. Raya Wanaherang', 'Gg. Kenari'] },
        { key: 'cempaka', name: 'Posyandu Cempaka', rw: '07', weight: 3, streets: ['Kp. Pulo', 'Perum Wana Asri Blok B', 'Gg. Nusa Indah'] },
      ],
    },
  ],
  staff: [
    { key: 'admin', role: 'admin', name: 'Hendra Gunawan, S.Kom.', phone: '0811-1000-0001', what: 'Admin, Puskesmas Bojong Nangka' },
    { key: 'bidan', role: 'staff', name: 'Sri Wahyuni, A.Md.Keb.', phone: '0811-1000-0002', what: 'Bidan koordinator KP-ASI, Puskesmas Bojong Nangka' },
    { key: 'gizi', role: 'staff', name: 'Ratna Dewi Lestari, S.Gz.', phone: '0811-1000-0003', what: 'Nutrisionis, Puskesmas Bojong Nangka' },
  ],
  kaders: [
    { key: 'euis', name: 'Euis Komalasari', phone: '0812-2000-0001', posyanduKey: 'melati1' },
    { key: 'nining', name: 'Nining Suryani', phone: '0812-2000-0002', posyanduKey: 'anggrek1' },
    { key: 'yati', name: 'Yati Rohayati', phone: '0812-2000-0003', posyanduKey: 'melati1' },
    { key: 'neneng', name: 'Neneng Hasanah', phone: '0812-2000-0004', posyanduKey: 'melati2' },
    { key: 'tati', name: 'Tati Sumiati', phone: '0812-2000-0005', posyanduKey: 'mawar' },
    { key: 'lilis', name: 'Lilis Suryati', phone: '0812-2000-0006', posyanduKey: 'anggrek2' },
    { key: 'iis', name: 'Iis Aisyah', phone: '0812-2000-0007', posyanduKey: 'kenanga' },
    { key: 'dedeh', name: 'Dedeh Kurniasih', phone: '0812-2000-0008', posyanduKey: 'dahlia' },
    { key: 'entin', name: 'Entin Kartini', phone: '0812-2000-0009', posyanduKey: 'flamboyan' },
    { key: 'ai', name: 'Ai Nurjanah', phone: '0812-2000-0010', posyanduKey: 'cempaka' },
  ],
};

/** A second, small puskesmas: used by tests and the demo to show tenant isolation. */
export const GPT: PuskesmasDef = {
  code: 'GPT',
  name: 'Puskesmas Gunung Putri',
  district: 'Kabupaten Bogor',
  subdistrict: 'Gunung Putri',
  province: 'Jawa Barat',
  timeZone: 'Asia/Jakarta',
  blockedTerms: BLOCKED_TERMS_GPT,
  signatoryName: 'dr. Linda Sulistiawati',
  signatoryNip: '198203142009022005',
  signatoryTitle: 'Kepala Puskesmas Gunung Putri',
  targets: [{ yearOffset: 0, percent: 60 }],
  villages: [
    {
      key: 'gpt',
      name: 'Gunung Putri',
      kind: 'desa',
      hall: 'Balai RW 04 Desa Gunung Putri',
      sessionDay: 10,
      posyandu: [{ key: 'teratai', name: 'Posyandu Teratai', rw: '04', weight: 1, streets: ['Kp. Gunung Putri', 'Gg. Cempedak'] }],
    },
  ],
  staff: [
    {
      key: 'bidan',
      role: 'staff',
      name: 'Maya Puspitasari, A.Md.Keb.',
      phone: '0811-1000-0101',
      what: 'Bidan, Puskesmas Gunung Putri (puskesmas kedua, untuk melihat isolasi data)',
    },
  ],
  kaders: [{ key: 'rohimah', name: 'Rohimah', phone: '0812-2000-0101', posyanduKey: 'teratai' }],
};

/** Given names and family names of women, for mothers and walk-ins (combinations are fictional). */
export const WOMEN_FIRST = [
  'Siti',
  'Nur',
  'Ayu',
  'Fitri',
  'Lina',
  'Yuni',
  'Intan',
  'Rini',
  'Wulan',
  'Sri',
  'Ani',
  'Eka',
  'Dian',
  'Putri',
  'Indah',
  'Mega',
  'Ratna',
  'Tuti',
  'Neng',
  'Ika',
  'Novi',
  'Desi',
  'Rika',
  'Winda',
  'Yulia',
  'Tika',
  'Ema',
  'Eneng',
  'Santi',
  'Irma',
  'Hani',
  'Rosa',
  'Nisa',
  'Anisa',
  'Aulia',
  'Devi',
  'Elis',
  'Euis',
  'Lia',
  'Mira',
  'Nia',
  'Rani',
  'Sari',
  'Tia',
  'Vera',
  'Wida',
  'Yanti',
  'Cucu',
  'Lilis',
  'Ria',
  'Ela',
  'Heni',
  'Imas',
  'Nova',
  'Rahma',
  'Salma',
  'Fauziah',
  'Dina',
  'Ambar',
  'Kiki',
] as const;

export const WOMEN_LAST = [
  'Rahmawati',
  'Handayani',
  'Kurniawati',
  'Puspitasari',
  'Susanti',
  'Wulandari',
  'Permatasari',
  'Fitriani',
  'Nurhayati',
  'Marlina',
  'Sulastri',
  'Apriani',
  'Oktaviani',
  'Safitri',
  'Anggraini',
  'Lestari',
  'Yulianti',
  'Hidayati',
  'Maharani',
  'Ningsih',
  'Setiawati',
  'Agustina',
  'Rahayu',
  'Kusumawati',
  'Sopiah',
  'Komariah',
  'Nurjanah',
  'Rosita',
  'Herawati',
  'Nuraini',
  'Sundari',
  'Mulyani',
  'Andriani',
  'Hasanah',
  'Rohmah',
  'Pratiwi',
  'Ramadhani',
  'Novitasari',
  'Damayanti',
  'Juwita',
  'Aryani',
  'Suryani',
  'Kartika',
  'Amelia',
  'Fauziyah',
  'Latifah',
  'Mardiah',
  'Solihat',
  'Jubaedah',
  'Rusmiati',
] as const;

export const MEN_NAMES = [
  'Asep Saepudin',
  'Dede Supriatna',
  'Ujang Suherman',
  'Rudi Hartono',
  'Agus Setiawan',
  'Iwan Kurniawan',
  'Yayan Sopyan',
  'Dadang Hermawan',
  'Ade Irawan',
  'Deni Ramdani',
  'Hendi Suhendi',
  'Wawan Gunawan',
  'Rizal Fauzi',
  'Eko Prasetyo',
] as const;

export const GRANDMOTHER_NAMES = ['Mak Icih', 'Nenek Onah', 'Ibu Enok Sumarni', 'Mak Oneng', 'Ibu Imas Masitoh', 'Nenek Titin'] as const;

export const BOY_NAMES = [
  'Muhammad Rizky',
  'Ahmad Fauzan',
  'Rafa Alfarizi',
  'Arkan Pratama',
  'Zidan Maulana',
  'Alif Ramadhan',
  'Fathan Al Ghifari',
  'Raffi Ahmad Syauqi',
  'Daffa Putra',
  'Haikal Akbar',
  'Azka Rayyan',
  'Gibran Alfatih',
  'Arsya Nugraha',
  'Bima Saputra',
  'Dimas Aditya',
  'Muhammad Al Fatih',
  'Kenzie Arrasyid',
  'Rayyan Hakim',
  'Umar Abdullah',
  'Yusuf Hamizan',
  'Ilham Ramadan',
  'Abizar Rafisqy',
  'Naufal Hidayat',
  'Emir Zayyan',
] as const;

export const GIRL_NAMES = [
  'Aisyah Putri',
  'Nayla Azzahra',
  'Zahra Humaira',
  'Alesha Kirana',
  'Kayla Anindya',
  'Syifa Nurul Hikmah',
  'Naura Ayudia',
  'Adiba Khanza',
  'Shakila Almahyra',
  'Almira Rahmania',
  'Kirana Larasati',
  'Hanifa Zahira',
  'Queensha Aulia',
  'Fatimah Az Zahra',
  'Rumaisha Salsabila',
  'Arsyila Nadhifa',
  'Khadijah Nur',
  'Mikhayla Putri',
  'Azalea Maheswari',
  'Zaskia Ramadhani',
  'Nadhira Qonita',
  'Hafsah Maryam',
  'Aqila Zivanna',
  'Sabrina Nurfadilah',
] as const;

export const BIRTH_PLACES = [
  ['Puskesmas Bojong Nangka (PONED)', 5],
  ['RSUD Cibinong', 3],
  ['PMB Bidan Nurlela, Gunung Putri', 4],
  ['Klinik Pratama Sehat Bunda', 2],
  ['Rumah, ditolong bidan desa', 1],
] as const;
