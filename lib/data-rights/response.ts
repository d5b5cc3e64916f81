import 'server-only';
import type { DataCopy } from '@/lib/data/data-rights';
import { renderDataCopyPdf } from './pdf';

/** The copy as a download: JSON or PDF, never cached, named without personal data. */
export async function dataCopyResponse(copy: DataCopy, format: 'json' | 'pdf'): Promise<Response> {
  const name = `data-saya-${copy.generatedOn}.${format}`;
  const headers = {
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  if (format === 'json') {
    return new Response(JSON.stringify(copy, null, 2), { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
  }
  const bytes = await renderDataCopyPdf(copy);
  return new Response(Buffer.from(bytes), { status: 200, headers: { ...headers, 'Content-Type': 'application/pdf' } });
}
