/**
 * A mother's data as a file, produced by staff or admin of her puskesmas for a mother who asks at
 * the puskesmas (issue #30). Audited (`mother.export`) by the data layer; never cached.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { dataCopy } from '@/lib/data/data-rights';
import { dataCopyResponse } from '@/lib/data-rights/response';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ motherId: string; format: string }> }) {
  const { motherId, format } = await params;
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401, headers: { 'Cache-Control': 'private, no-store' } });
  if (user.role === 'ibu') return new NextResponse('Forbidden', { status: 403, headers: { 'Cache-Control': 'private, no-store' } });
  if (format !== 'json' && format !== 'pdf') return new NextResponse('Not found', { status: 404 });
  try {
    return await dataCopyResponse(await dataCopy(user, motherId, format), format);
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    if (err instanceof NotFoundError) return new NextResponse('Not found', { status: 404 });
    throw err;
  }
}
