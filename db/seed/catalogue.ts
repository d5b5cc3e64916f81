/**
 * Indonesian labels the demo data writes into notes and summaries, for the codes that
 * lib/domain/catalogue.ts owns (the UI's labels are in messages/*.json).
 */
import { DEFAULT_VISIT_WINDOWS, type CounsellingCode, type DangerSignCode, type ProblemCode, type SessionTopicCode } from '../../lib/domain';
import type { VisitWindowSetting } from '../schema';

export const DEFAULT_WINDOWS: VisitWindowSetting[] = DEFAULT_VISIT_WINDOWS.map((w) => ({ ...w }));

export const PROBLEMS = {
  sore_nipples: 'Puting lecet/nyeri',
  engorgement: 'Payudara bengkak',
  blocked_duct: 'Saluran ASI tersumbat',
  mastitis: 'Mastitis',
  low_supply: 'Merasa ASI kurang',
  not_latching: 'Bayi sulit melekat',
  back_to_work: 'Ibu kembali bekerja',
  family_pressure: 'Tekanan keluarga memberi makanan/minuman lain',
  other: 'Lainnya',
} as const satisfies Record<ProblemCode, string>;
export type { ProblemCode, CounsellingCode, DangerSignCode };

export const COUNSELLING = {
  exclusive_bf: 'ASI saja sampai 6 bulan',
  positioning_attachment: 'Posisi dan pelekatan (AMBIDA)',
  feeding_frequency: 'Menyusui sesuai keinginan bayi, 8–12 kali sehari',
  breast_care: 'Perawatan payudara (bengkak, sumbatan, lecet)',
  expressing_storing: 'Memerah dan menyimpan ASI',
  back_to_work: 'Menyusui saat kembali bekerja',
  family_support: 'Dukungan suami dan keluarga',
  danger_signs: 'Tanda bahaya bayi baru lahir',
  mother_nutrition: 'Makan dan minum ibu menyusui',
  complementary_food: 'Persiapan MP-ASI mulai 6 bulan',
} as const satisfies Record<CounsellingCode, string>;

/** Buku KIA danger signs in a newborn (DESIGN §6). */
export const DANGER_SIGNS = {
  not_feeding: 'Tidak mau menyusu',
  convulsions: 'Kejang',
  very_weak: 'Lemah sekali',
  fast_breathing: 'Napas cepat (≥ 60 kali/menit) atau tarikan dinding dada',
  grunting: 'Merintih',
  cord_infection: 'Tali pusat kemerahan atau bernanah',
  fever: 'Demam > 38 °C',
  hypothermia: 'Suhu < 35,5 °C',
  eye_discharge: 'Mata bernanah',
  diarrhoea: 'Diare',
  jaundice: 'Kulit kuning',
  pale_stools: 'Tinja pucat',
  bleeding: 'Perdarahan',
  vomiting: 'Muntah berulang',
} as const satisfies Record<DangerSignCode, string>;

/** Session topic catalogue: code → default title. */
export const SESSION_TOPICS = {
  ten_steps: 'Sepuluh langkah menuju keberhasilan menyusui',
  positioning_attachment: 'Posisi dan pelekatan menyusui (AMBIDA)',
  expressing_storing: 'Memerah dan menyimpan ASI',
  back_to_work: 'Tetap memberi ASI saat kembali bekerja',
  breast_problems: 'Mengatasi masalah payudara',
  family_support: 'Dukungan suami dan keluarga untuk ibu menyusui',
  complementary_food: 'Persiapan MP-ASI setelah 6 bulan',
} as const satisfies Record<SessionTopicCode, string>;
export type SessionTopic = SessionTopicCode;

/** Formula brands and promotion words held for review in the forum (PP 28/2024). */
export const BLOCKED_TERMS_BJN = [
  'susu formula gratis',
  'sampel gratis',
  'sample gratis',
  'diskon susu',
  'promo susu',
  'beli 1 gratis 1',
  'hadiah susu',
  'sponsor susu',
  'SGM',
  'Dancow',
  'Bebelac',
  'Lactogen',
  'Morinaga',
  'Chil Kid',
  'Nutrilon',
  'Enfamil',
  'Frisian Flag',
  'Nestle',
  'S-26',
  'Pediasure',
];

export const BLOCKED_TERMS_GPT = ['susu formula gratis', 'sampel gratis', 'diskon susu', 'promo susu', 'SGM', 'Dancow', 'Bebelac', 'Lactogen'];

export const CONSENT_TEXT_VERSION = 'v1-2026';
