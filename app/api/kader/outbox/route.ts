/**
 * The kader's phone sends its outbox here, one record per request (docs/decisions/036):
 * POST application/json {kind: 'visit'|'attendance', id, payload, recordedAt}.
 * 200 {status: 'stored'|'duplicate', id} · 422 {message, fieldErrors} (texts in the kader's
 * language) · 400/403/404/409 {message} · 401 signed out (the phone keeps the record).
 * The session is checked against the database like every page (lib/auth/session); the request
 * must come from this site (Origin) as JSON, so another site cannot post a form here.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { receiveOutboxRecord } from '@/lib/data/outbox';
import { isSameOrigin } from '@/lib/security/headers';

const MAX_BYTES = 64 * 1024;
const HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

function json(status: number, body: unknown) {
  return NextResponse.json(body, { status, headers: HEADERS });
}

export async function POST(req: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return json(401, { status: 'signedOut' });
  // Not a form posted from another site: this site's Origin, and JSON (which a form cannot send).
  if (!isSameOrigin(req)) return json(403, { status: 'refused', message: 'Forbidden' });
  if (!/^application\/json(;|$)/i.test(req.headers.get('content-type') ?? '')) return json(415, { status: 'refused', message: 'JSON only' });
  const t = await getTranslations({ locale: user.locale });
  if (user.role !== 'kader') return json(403, { status: 'refused', message: t('offline.deniedVisit') });
  const text = await req.text().catch(() => '');
  let raw: unknown = null;
  if (text.length <= MAX_BYTES) {
    try {
      raw = JSON.parse(text);
    } catch {
      raw = null;
    }
  }
  const answer = await receiveOutboxRecord(user, raw);
  if (answer.http === 200) return json(200, answer.body);
  const tr = (key: string) => (t.has(key) ? t(key) : t('validation.invalid'));
  if (answer.http === 422) {
    const fieldErrors = Object.fromEntries(Object.entries(answer.body.fieldErrors).map(([k, v]) => [k, tr(v)]));
    return json(422, { status: 'invalid', message: tr(answer.body.message), fieldErrors, fieldErrorKeys: answer.body.fieldErrors });
  }
  return json(answer.http, { status: 'refused', message: tr(answer.body.message) });
}
