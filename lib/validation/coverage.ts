import { z } from 'zod';
import type { YearMonth } from '@/lib/domain';
import { safeLine } from './text';

/** `bulan=YYYY-MM` (2020-01 to 2100-12). */
export const monthParamSchema = z
  .string()
  .check(safeLine)
  .regex(/^(20[2-9]\d|2100)-(0[1-9]|1[0-2])$/)
  .transform((s): YearMonth => ({ year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)) }));

/** Dashboard filters from the URL: `bulan`, `desa` (village id), `posyandu` (posyandu id). Bad values are ignored. */
export const dashboardParamsSchema = z.object({
  bulan: monthParamSchema.optional().catch(undefined),
  desa: z.guid().optional().catch(undefined),
  posyandu: z.guid().optional().catch(undefined),
});

export type DashboardParams = { month: YearMonth | null; villageId: string | null; posyanduId: string | null };

export function parseDashboardParams(input: Record<string, string | string[] | undefined>): DashboardParams {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const p = dashboardParamsSchema.parse({ bulan: one(input.bulan), desa: one(input.desa), posyandu: one(input.posyandu) });
  return { month: p.bulan ?? null, villageId: p.desa ?? null, posyanduId: p.posyandu ?? null };
}

export function monthParam(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}
