import { describe, expect, it } from 'vitest';
import { villageSchema } from './places';

describe('a village name is stored without its kind', () => {
  it.each([
    ['Sukamaju', 'Sukamaju'],
    ['Desa Sukamaju', 'Sukamaju'],
    ['  desa   Bojong  Nangka ', 'Bojong Nangka'],
    ['Kelurahan Cicadas', 'Cicadas'],
    ['Kel. Cicadas', 'Cicadas'],
    ['Desamaju', 'Desamaju'],
    ['Desa', 'Desa'],
  ])('%j → %j', (typed, stored) => {
    expect(villageSchema.parse({ name: typed, kind: 'desa' }).name).toBe(stored);
  });
});
