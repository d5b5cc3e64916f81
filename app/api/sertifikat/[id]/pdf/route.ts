/**
 * The certificate as a PDF, for whoever the policy lets download it: the mother (own), a kader
 * of her posyandu, staff of the puskesmas. 403 for everyone else, 404 for an unknown id.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { renderCertificatePdf } from '@/lib/certificates/pdf';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { certificateForDownload } from '@/lib/data/certificates';
import { publicOrigin } from '@/lib/server/public-url';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  try {
    const doc = await certificateForDownload(user, id);
    // The QR link: the puskesmas's public address, else APP_URL; never the request's Host or
    // X-Forwarded-Host (issue #29, decision 061).
    const bytes = await renderCertificatePdf(doc, await publicOrigin(doc.puskesmasId));
    const file = `sertifikat-${doc.serial.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
    return new NextResponse(Buffer.from(bytes), {
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${file}"`,
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
