/**
 * Code lists the forms, the seed and the reports share (DESIGN §6). Codes only: their labels
 * are texts, in messages/*.json.
 */

/** Breastfeeding problems a visit can record. */
export const PROBLEM_CODES = [
  'sore_nipples',
  'engorgement',
  'blocked_duct',
  'mastitis',
  'low_supply',
  'not_latching',
  'back_to_work',
  'family_pressure',
  'other',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Counselling topics a kader gives at a visit. */
export const COUNSELLING_CODES = [
  'exclusive_bf',
  'positioning_attachment',
  'feeding_frequency',
  'breast_care',
  'expressing_storing',
  'back_to_work',
  'family_support',
  'danger_signs',
  'mother_nutrition',
  'complementary_food',
] as const;
export type CounsellingCode = (typeof COUNSELLING_CODES)[number];

/** Danger signs in a newborn (Buku KIA): any one means refer to the bidan today. */
export const DANGER_SIGN_CODES = [
  'not_feeding',
  'convulsions',
  'very_weak',
  'fast_breathing',
  'grunting',
  'cord_infection',
  'fever',
  'hypothermia',
  'eye_discharge',
  'diarrhoea',
  'jaundice',
  'pale_stools',
  'bleeding',
  'vomiting',
] as const;
export type DangerSignCode = (typeof DANGER_SIGN_CODES)[number];

/** Any danger sign makes a referral required. */
export function referralRequired(dangerSigns: readonly string[]): boolean {
  return dangerSigns.length > 0;
}

/** KP-ASI session topics. */
export const SESSION_TOPIC_CODES = [
  'ten_steps',
  'positioning_attachment',
  'expressing_storing',
  'back_to_work',
  'breast_problems',
  'family_support',
  'complementary_food',
] as const;
export type SessionTopicCode = (typeof SESSION_TOPIC_CODES)[number];
