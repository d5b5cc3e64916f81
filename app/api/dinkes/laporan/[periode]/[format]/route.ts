/**
 * The district's F1 section O report as a file (issue #19): /api/dinkes/laporan/2026-10/xlsx,
 * /api/dinkes/laporan/2026-Q1/csv, /api/dinkes/laporan/2026/xlsx. One row per puskesmas of the
 * kabupaten and the kabupaten's sum; counts and puskesmas names only. Checks the policy itself
 * ('export' on 'district', dinkes only): nobody signed in gets 401, any other role 403, a
 * period or format that is not one 404.
 */
import { NextResponse } from 'next/server';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { districtReport } from '@/lib/data/district';
import { reportCsv, reportXlsx } from '@/lib/reports/monthly';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function GET(_req: Request, { params }: { params: Promise<{ periode: string; format: string }> }) {
  const { periode, format } = await params;
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  try {
    // The policy before the format: another role learns nothing, not even which URLs exist.
    const { report, fileName } = await districtReport(user, periode);
    if (format !== 'csv' && format !== 'xlsx') return new NextResponse('Not found', { status: 404 });
    const body = format === 'csv' ? Buffer.from(reportCsv(report), 'utf8') : await reportXlsx(report);
    return new NextResponse(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${fileName(format)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    if (err instanceof NotFoundError) return new NextResponse('Not found', { status: 404 });
    throw err;
  }
}
