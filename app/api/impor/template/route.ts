/**
 * The import template (issue #19): GET /api/impor/template → an XLSX with the columns the import
 * reads and a sheet explaining them with the puskesmas's active villages and posyandu.
 * Staff and admin ('imports'); 401 signed out, 403 for every other role. No personal data.
 */
import { NextResponse } from 'next/server';
import { ForbiddenError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { importTemplate } from '@/lib/data/imports';

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  try {
    const body = await importTemplate(user);
    return new NextResponse(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="templat-impor-kekasihku.xlsx"',
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    throw err;
  }
}
