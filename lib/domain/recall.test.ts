import { describe, expect, it } from 'vitest';
import {
  BREAKING_ITEMS,
  BREAK_REASONS,
  EXIT_REASONS,
  NON_BREAKING_ITEMS,
  RECALL_ITEMS,
  classifyRecall,
  isBreakingItem,
  isExclusiveRecall,
  isRecallItem,
  type RecallClass,
} from './recall';

describe('classifyRecall', () => {
  it.each<[string, boolean, string[], RecallClass]>([
    ['breast milk only', true, [], 'exclusive'],
    ['medicine only', true, ['medicine'], 'exclusive'],
    ['ORS only', true, ['ors'], 'exclusive'],
    ['vitamins only', true, ['vitamins'], 'exclusive'],
    ['medicine, ORS and vitamins', true, ['medicine', 'ors', 'vitamins'], 'exclusive'],
    ['formula', true, ['formula'], 'mixed_milk'],
    ['other milk', true, ['other_milk'], 'mixed_milk'],
    ['formula and food', true, ['food', 'formula'], 'mixed_milk'],
    ['formula with medicine', true, ['medicine', 'formula'], 'mixed_milk'],
    ['water', true, ['water'], 'other_food'],
    ['sweet drink', true, ['sweet_drink'], 'other_food'],
    ['jamu', true, ['herbal'], 'other_food'],
    ['food', true, ['food'], 'other_food'],
    ['other', true, ['other'], 'other_food'],
    ['water with ORS', true, ['ors', 'water'], 'other_food'],
    ['unknown item counts as breaking', true, ['kopi'], 'other_food'],
    ['not breastfed, nothing listed', false, [], 'not_breastfed'],
    ['not breastfed, formula', false, ['formula'], 'not_breastfed'],
    ['not breastfed, medicine', false, ['medicine'], 'not_breastfed'],
  ])('%s', (_name, breastfed, items, expected) => {
    expect(classifyRecall({ breastfed, items })).toBe(expected);
    expect(isExclusiveRecall({ breastfed, items })).toBe(expected === 'exclusive');
  });

  it.each(BREAKING_ITEMS.map((i) => [i]))('%s alone breaks exclusivity', (item) => {
    expect(isBreakingItem(item)).toBe(true);
    expect(isExclusiveRecall({ breastfed: true, items: [item] })).toBe(false);
  });

  it.each(NON_BREAKING_ITEMS.map((i) => [i]))('%s alone keeps exclusivity', (item) => {
    expect(isBreakingItem(item)).toBe(false);
  });
});

describe('constants', () => {
  it('breaking and non-breaking items partition the recall items, in form order', () => {
    expect([...BREAKING_ITEMS, ...NON_BREAKING_ITEMS]).toEqual([...RECALL_ITEMS]);
  });

  it('reasons', () => {
    expect(BREAK_REASONS).toEqual(['medical', 'mother_absent', 'low_supply', 'back_to_work', 'family_pressure', 'baby_ill', 'other']);
    expect(EXIT_REASONS).toEqual(['moved', 'died', 'transferred']);
  });

  it.each([
    ['ors', true],
    ['ORS', false],
    ['', false],
    [3, false],
  ])('isRecallItem(%s) = %s', (v, ok) => {
    expect(isRecallItem(v)).toBe(ok);
  });
});
