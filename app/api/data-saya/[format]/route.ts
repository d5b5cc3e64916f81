/**
 * "Data saya" as a file (issue #30): JSON or a printable PDF of everything held about the
 * signed-in mother and her babies. Her session only (role ibu); never cached.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { dataCopy } from '@/lib/data/data-rights';
import { dataCopyResponse } from '@/lib/data-rights/response';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ format: string }> }) {
  const { format } = await params;
  if (format !== 'json' && format !== 'pdf') return new NextResponse('Not found', { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401, headers: { 'Cache-Control': 'private, no-store' } });
  if (user.role !== 'ibu') return new NextResponse('Forbidden', { status: 403, headers: { 'Cache-Control': 'private, no-store' } });
  try {
    return await dataCopyResponse(await dataCopy(user, undefined, format), format);
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    if (err instanceof NotFoundError) return new NextResponse('Not found', { status: 404 });
    throw err;
  }
}
