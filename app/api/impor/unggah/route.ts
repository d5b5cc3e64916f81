/**
 * The import upload (issue #19): POST multipart/form-data with `file` from /staff/impor. A route
 * handler rather than a server action: the file may be up to 2 MB (server actions take 1 MB) and
 * its size is checked here while it is read, before anything is parsed. The answer is a 303 to
 * the page: `?b=<batch id>` for the preview, or `?e=<refusal>` (never a name, phone or NIK in the
 * address). Staff and admin ('imports'); 401 signed out, 403 for every other role and for a post
 * from another site (Origin).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { can, ForbiddenError } from '@/lib/auth/policy';
import { getCurrentUser } from '@/lib/auth/session';
import { previewImport } from '@/lib/data/imports';
import { IMPORT_MAX_FILE_BYTES } from '@/lib/domain/import';
import { isSameOrigin } from '@/lib/security/headers';

const PAGE = '/staff/impor';
/** The form's own fields and multipart boundaries around the file. */
const OVERHEAD = 64 * 1024;

function back(_req: NextRequest, params: Record<string, string>) {
  // A relative Location: the browser stays on the address it used. (The request's own URL carries
  // the server's bind address, e.g. 0.0.0.0, behind the standalone server.)
  const url = new URL(PAGE, 'http://x');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new NextResponse(null, { status: 303, headers: { Location: `${url.pathname}${url.search}`, 'Cache-Control': 'private, no-store' } });
}

/** The body, read up to `max` bytes; null when it is longer. */
async function readCapped(req: NextRequest, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = req.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function POST(req: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  if (!isSameOrigin(req)) return new NextResponse('Forbidden', { status: 403 });
  if (!can(user, 'write', 'imports')) return new NextResponse('Forbidden', { status: 403 });
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(type)) return back(req, { e: 'noFile' });
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > IMPORT_MAX_FILE_BYTES + OVERHEAD) return back(req, { e: 'tooBig' });
  const body = await readCapped(req, IMPORT_MAX_FILE_BYTES + OVERHEAD);
  if (!body) return back(req, { e: 'tooBig' });
  let file: FormDataEntryValue | null;
  try {
    file = (await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData()).get('file');
  } catch {
    return back(req, { e: 'unreadable' });
  }
  if (!file || typeof file === 'string' || file.size === 0) return back(req, { e: file && typeof file !== 'string' ? 'empty' : 'noFile' });
  try {
    const res = await previewImport(user, new Uint8Array(await file.arrayBuffer()));
    if (!res.ok) {
      // The missing columns are the template's header names (no data from the file's rows).
      const columns = res.refusal === 'columnsMissing' ? String(res.params?.columns ?? '').slice(0, 300) : '';
      return back(req, columns ? { e: res.refusal, c: columns } : { e: res.refusal });
    }
    return back(req, { b: res.batchId });
  } catch (err) {
    if (err instanceof ForbiddenError) return new NextResponse('Forbidden', { status: 403 });
    throw err;
  }
}
