/**
 * The monthly report as a file: /api/laporan/2026-10/xlsx or /api/laporan/2026-10/csv.
 * Checks the policy itself: staff and admin of the puskesmas ('export' on 'coverage');
 * a kader or a mother gets 403, nobody signed in gets 401. Counts and place names only.
 */
import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/policy';
import { monthlyReport } from '@/lib/data/coverage';
import { reportCsv, reportFileName, reportXlsx } from '@/lib/reports/monthly';
import { monthParamSchema } from '@/lib/validation/coverage';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function GET(_req: Request, { params }: { params: Promise<{ bulan: string; format: string }> }) {
  const { bulan, format } = await params;
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  const month = monthParamSchema.safeParse(bulan);
  if (!month.success || (format !== 'csv' && format !== 'xlsx')) return new NextResponse('Not found', { status: 404 });
  try {
    const report = await monthlyReport(user, month.data);
    const body = format === 'csv' ? Buffer.from(reportCsv(report), 'utf8') : await reportXlsx(report);
    return new NextResponse(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${reportFileName(report, format)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    throw err;
  }
}
