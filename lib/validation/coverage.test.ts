import { describe, expect, it } from 'vitest';
import { monthParam, monthParamSchema, parseDashboardParams } from './coverage';

describe('dashboard URL parameters', () => {
  it('reads month, village and posyandu', () => {
    const id = '0b6f6a3e-3f1c-4c8e-9a51-2f1b3c4d5e6f';
    expect(parseDashboardParams({ bulan: '2026-10', desa: id, posyandu: [id, 'x'] })).toEqual({ month: { year: 2026, month: 10 }, villageId: id, posyanduId: id });
  });
  it('ignores junk instead of failing', () => {
    expect(parseDashboardParams({ bulan: '2026-13', desa: "1' or 1=1", posyandu: '' })).toEqual({ month: null, villageId: null, posyanduId: null });
    expect(parseDashboardParams({})).toEqual({ month: null, villageId: null, posyanduId: null });
  });
  it('months round-trip', () => {
    for (const s of ['2020-01', '2026-10', '2100-12']) expect(monthParam(monthParamSchema.parse(s))).toBe(s);
    for (const s of ['2019-12', '26-10', '2026-1', '2026-00', '2026-10-01']) expect(monthParamSchema.safeParse(s).success).toBe(false);
  });
});
