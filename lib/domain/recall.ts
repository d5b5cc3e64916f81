/**
 * 24-hour recall (DESIGN §3 "Recall"): what the baby got yesterday, day and night.
 */

/** Every item a recall can record, in form order. */
export const RECALL_ITEMS = ['water', 'formula', 'other_milk', 'sweet_drink', 'herbal', 'food', 'other', 'ors', 'vitamins', 'medicine'] as const;

export type RecallItem = (typeof RECALL_ITEMS)[number];

/** Items that break exclusivity: water, formula, other milk, sweet water/tea/honey, jamu, food, other. */
export const BREAKING_ITEMS = ['water', 'formula', 'other_milk', 'sweet_drink', 'herbal', 'food', 'other'] as const satisfies readonly RecallItem[];

/** Recorded but never breaking: ORS (oralit), vitamin/mineral drops, prescribed medicine. */
export const NON_BREAKING_ITEMS = ['ors', 'vitamins', 'medicine'] as const satisfies readonly RecallItem[];

/** Items that make a (breastfed) recall "mixed milk". */
export const MILK_ITEMS = ['formula', 'other_milk'] as const satisfies readonly RecallItem[];

export const RECALL_CLASSES = ['exclusive', 'mixed_milk', 'other_food', 'not_breastfed'] as const;
export type RecallClass = (typeof RECALL_CLASSES)[number];

/** Reasons a break is recorded with. */
export const BREAK_REASONS = ['medical', 'mother_absent', 'low_supply', 'back_to_work', 'family_pressure', 'baby_ill', 'other'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** Reasons a baby leaves the program before 6 months. */
export const EXIT_REASONS = ['moved', 'died', 'transferred'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface Recall {
  breastfed: boolean;
  items: readonly string[];
}

const NON_BREAKING: ReadonlySet<string> = new Set(NON_BREAKING_ITEMS);
const MILK: ReadonlySet<string> = new Set(MILK_ITEMS);

export function isRecallItem(value: unknown): value is RecallItem {
  return typeof value === 'string' && (RECALL_ITEMS as readonly string[]).includes(value);
}

/**
 * True when an item breaks exclusivity. An unknown item string is treated as breaking
 * (conservative: we never call a recall exclusive on data we do not understand).
 */
export function isBreakingItem(item: string): boolean {
  return !NON_BREAKING.has(item);
}

/**
 * Classify a recall: not breastfed wins; then mixed milk (formula / other milk);
 * then other food or drink (any other breaking item); else exclusive.
 */
export function classifyRecall(recall: Recall): RecallClass {
  if (!recall.breastfed) return 'not_breastfed';
  if (recall.items.some((i) => MILK.has(i))) return 'mixed_milk';
  if (recall.items.some(isBreakingItem)) return 'other_food';
  return 'exclusive';
}

/** Breastfed and nothing from the breaking list. */
export function isExclusiveRecall(recall: Recall): boolean {
  return classifyRecall(recall) === 'exclusive';
}
