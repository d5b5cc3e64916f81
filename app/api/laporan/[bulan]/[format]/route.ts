/**
 * The F1 section O report as a file: /api/laporan/<period>/<xlsx|csv>, the period a month
 * (`2026-10`), a quarter (`2026-Q1`) or a year (`2026`), optionally `?desa=<village id>` (an id,
 * not personal data). Checks the policy itself: staff and admin of the puskesmas ('export' on
 * 'coverage'); a kader or a mother gets 403, nobody signed in gets 401; an unknown period or a
 * village not of this puskesmas is 404. Counts and place names only.
 */
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/policy';
import { monthlyReport, reportFileInput } from '@/lib/data/coverage';
import { knowledgeFiguresForReport } from '@/lib/data/knowledge-figures';
import { reportCsv, reportFileName, reportXlsx } from '@/lib/reports/monthly';
import { periodParamSchema } from '@/lib/validation/district';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const villageParam = z.guid();

export async function GET(req: Request, { params }: { params: Promise<{ bulan: string; format: string }> }) {
  const { bulan, format } = await params;
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  const period = periodParamSchema.safeParse(bulan);
  const desa = new URL(req.url).searchParams.get('desa') || null;
  const village = desa === null ? null : villageParam.safeParse(desa);
  if (!period.success || (format !== 'csv' && format !== 'xlsx') || (village && !village.success)) return new NextResponse('Not found', { status: 404 });
  try {
    const [report, knowledge] = await Promise.all([
      monthlyReport(user, period.data, { villageId: village?.data ?? null }),
      format === 'xlsx' ? knowledgeFiguresForReport(user, period.data, { villageId: village?.data ?? null }) : null,
    ]);
    if (village && !report.village) return new NextResponse('Not found', { status: 404 });
    // The XLSX has a sheet "Pengetahuan" (issue #28); the CSV stays the F1 table alone.
    const input = { ...reportFileInput(report), ...(knowledge ? { knowledge: knowledge.figures } : {}) };
    const body = format === 'csv' ? Buffer.from(reportCsv(input), 'utf8') : await reportXlsx(input);
    return new NextResponse(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${reportFileName(input, format)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    throw err;
  }
}
