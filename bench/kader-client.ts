/**
 * What a kader's phone sends, for the load benchmarks (bench/load.ts, bench/load-faults.ts):
 * sign-in through Auth.js's credentials endpoint, the today list (GET /kader) and a visit
 * through the visit form's server action, exactly as the browser posts it (the action id read
 * from the build in .next, a visit id made on the device). No measuring here: the benches time
 * and classify the responses themselves.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { emptyVisit, type VisitFormValues } from '@/lib/validation/visit';

/** The id of recordVisitAction in the build of this tree (`npm run build` first). */
export function visitActionId(root = process.cwd()): string {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: Record<string, { filename: string; exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, v]) => v.filename === 'lib/actions/visits.ts' && v.exportedName === 'recordVisitAction')?.[0];
  if (!id) throw new Error(`recordVisitAction not found in ${file}: build first`);
  return id;
}

export type Jar = Map<string, string>;

export function keepCookies(res: Response, jar: Jar) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in with phone and password (the login form's credentials provider); the session cookie in a jar. */
export async function signIn(base: string, phone: string, password: string): Promise<Jar> {
  const jar: Jar = new Map();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, phone, password }),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  keepCookies(res, jar);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed for ${phone} (${res.status})`);
  return jar;
}

export const todayJakarta = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

/** The kader's today list and her mothers (the page every kader opens first). */
export function fetchToday(base: string, jar: Jar, signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}/kader`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual', signal });
}
/**
 * The page rendered the kader's lists (a 200 could also be an error page streamed late): the
 * heading of her mothers comes after today's list and is there even when every baby is due.
 */
export const todayOk = (res: Response, text: string) => res.status === 200 && text.includes('data-testid="kader-mothers-heading"');
/** Baby ids linked from the today page. */
export const babyIdsOf = (html: string) => [...new Set([...html.matchAll(/\/kader\/bayi\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];

/** A visit as the form holds it: a new id made on the device, today, exclusive unless `formula`. */
export function newVisit(babyId: string, opts: { formula?: boolean } = {}): VisitFormValues & { recordedAt: string } {
  const v = {
    ...emptyVisit(randomUUID(), babyId, todayJakarta()),
    breastfed: 'yes' as const,
    givenSinceLast: 'no' as const,
    sameDayConfirmed: true,
    weightGrams: '5000',
    recordedAt: new Date().toISOString(),
  };
  // Asked (and required) from the 5-month date on; the schema drops it before.
  return opts.formula ? { ...v, recallItems: ['formula'], breakReason: 'low_supply', confirmedExclusive: 'no' } : { ...v, confirmedExclusive: 'yes' };
}

/** Posts a visit to the visit form's server action, as the browser does. */
export function postVisit(base: string, jar: Jar, actionId: string, values: unknown, signal?: AbortSignal): Promise<Response> {
  const babyId = (values as { babyId: string }).babyId;
  return fetch(`${base}/kader/bayi/${babyId}/kunjungan`, {
    method: 'POST',
    headers: {
      cookie: cookieHeader(jar),
      'next-action': actionId,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: base,
    },
    body: JSON.stringify([values]),
    redirect: 'manual',
    signal,
  });
}
/** Saved (new or already stored): the action redirects to the baby page with saved=1. */
export const visitSaved = (res: Response) => res.status < 400 && (res.headers.get('x-action-redirect') ?? '').includes('saved=1');
/** The action's answer names this message key (e.g. 'visit.unavailable') in its RSC payload. */
export const visitFormError = (text: string): string | null => /"formError":"([\w.]+)"/.exec(text)?.[1] ?? null;
