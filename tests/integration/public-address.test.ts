/**
 * The portal's public address (issue #29 point 3, decision 061): every link sent to people —
 * the /aktivasi link of an activation code (account, registration, import), the certificate's QR
 * code — is built from the admin's setting "Alamat portal", else APP_URL, and never from the
 * request: every request here carries `Host` and `X-Forwarded-Host: evil.example`. The setting
 * is validated, audited, written by the admin only, and shown as missing until there is one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { auditLog, certificates, puskesmas } from '@/db/schema';
import { ForbiddenError, type Actor } from '@/lib/auth/policy';
import { addDays, isoToday } from '@/lib/domain';
import { checkPublicUrl } from '@/lib/validation/settings';
import { qrOf } from '../support/pdf-qr';
import { BACKENDS, demoActors, fingerprint, useDatabase, type TestDb } from './support';

const EVIL = 'evil.example';
let signedIn: Actor | null = null;
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {}, CredentialsSignin: class CredentialsSignin extends Error {} }));
vi.mock('@/lib/auth', () => ({ signIn: vi.fn(), signOut: vi.fn(), auth: vi.fn(async () => null), clientIp: () => '203.0.113.9' }));
vi.mock('@/lib/auth/session', () => ({
  getCurrentUser: vi.fn(async () => signedIn),
  requireUser: vi.fn(async () => signedIn),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: EVIL, 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'https' }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined, getAll: () => [], has: () => false }),
}));
/** The real Indonesian messages, with {placeholders} filled in. */
vi.mock('next-intl/server', async () => {
  const messages = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../messages/id.json'), 'utf8')) as Record<string, unknown>;
  const at = (key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], messages);
  return {
    getTranslations:
      async (ns?: string) =>
      (key: string, params: Record<string, unknown> = {}) =>
        String(at(ns ? `${ns}.${key}` : key) ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)),
    getLocale: async () => 'id',
  };
});

const { createAccountAction } = await import('@/lib/actions/accounts');
const { registerMotherAction } = await import('@/lib/actions/mothers');
const { savePublicUrl, settingsOverview } = await import('@/lib/data/settings');
const { publicOrigin } = await import('@/lib/server/public-url');
const { GET: certificatePdf } = await import('@/app/api/sertifikat/[id]/pdf/route');

/** The text a wa.me link carries. */
const waText = (link: string) => new URL(link).searchParams.get('text') ?? '';

describe('checkPublicUrl: what "Alamat portal" accepts', () => {
  it.each([
    ['https://kekasihku.bojong.go.id', 'https://kekasihku.bojong.go.id', null],
    ['  https://Kekasihku.Bojong.go.id/  ', 'https://kekasihku.bojong.go.id', null],
    ['kekasihku.bojong.go.id', 'https://kekasihku.bojong.go.id', null],
    ['https://kekasihku.bojong.go.id:8443', 'https://kekasihku.bojong.go.id:8443', null],
    ['http://192.168.1.10:3000', 'http://192.168.1.10:3000', 'httpLocal'],
    ['http://localhost:3000', 'http://localhost:3000', 'httpLocal'],
    ['http://10.0.0.5', 'http://10.0.0.5', 'httpLocal'],
    ['http://puskesmas.local:3000', 'http://puskesmas.local:3000', 'httpLocal'],
    ['', null, null],
  ])('%s → %s', (typed, origin, warning) => {
    expect(checkPublicUrl(typed)).toEqual({ ok: true, origin, warning });
  });
  it.each([
    ['http://kekasihku.bojong.go.id', 'settings.errors.publicUrlHttps'],
    ['http://203.0.113.9', 'settings.errors.publicUrlHttps'],
    ['https://kekasihku.bojong.go.id/aktivasi', 'settings.errors.publicUrlPath'],
    ['https://kekasihku.bojong.go.id/?a=1', 'settings.errors.publicUrlPath'],
    ['https://kekasihku.bojong.go.id/#x', 'settings.errors.publicUrlPath'],
    ['https://user:pw@kekasihku.bojong.go.id', 'settings.errors.publicUrlPath'],
    ['ftp://kekasihku.bojong.go.id', 'settings.errors.publicUrlInvalid'],
    ['javascript:alert(1)', 'settings.errors.publicUrlInvalid'],
    ['https://0.0.0.0:3000', 'settings.errors.publicUrlInvalid'],
    ['https://kekasihku', 'settings.errors.publicUrlInvalid'],
    ['https://exa mple.com', 'settings.errors.publicUrlInvalid'],
    [`https://${'a'.repeat(200)}.id`, 'validation.tooLong'],
  ])('%s is refused: %s', (typed, error) => {
    expect(checkPublicUrl(typed)).toEqual({ ok: false, error });
  });
});

describe.each(BACKENDS)('the public address on $name', (backend) => {
  let db: TestDb;
  let admin: Actor;
  let staff: Actor;
  let kader: Actor;
  let otherStaff: Actor;
  const appUrl = process.env.APP_URL;
  const authUrl = process.env.AUTH_URL;
  let n = 0;

  beforeAll(async () => {
    delete process.env.APP_URL;
    delete process.env.AUTH_URL;
    db = await useDatabase(backend, { seed: true });
    ({ admin, staff, kader, otherStaff } = await demoActors(db));
  }, 300_000);
  afterEach(() => {
    delete process.env.APP_URL;
  });
  afterAll(async () => {
    if (appUrl !== undefined) process.env.APP_URL = appUrl;
    if (authUrl !== undefined) process.env.AUTH_URL = authUrl;
    await db.dispose();
  });

  /** A new kader account made by the admin: the code's /aktivasi address and its WhatsApp text. */
  async function newKaderLink() {
    signedIn = admin;
    const fd = new FormData();
    n += 1;
    fd.set('role', 'kader');
    fd.set('name', `Kader Alamat ${'ABCDEFGHIJ'[n]}`);
    fd.set('phone', `0857-2222-${String(3000 + n)}`);
    fd.append('posyanduIds', kader.posyanduId!);
    fd.set('homePosyanduId', kader.posyanduId!);
    const res = await createAccountAction({}, fd);
    if (!res.done) throw new Error(JSON.stringify(res));
    return { url: res.done.activationUrl, text: waText(res.done.waLink) };
  }

  /** The QR code of a certificate of the puskesmas, downloaded with Host / X-Forwarded-Host evil.example. */
  async function certificateQr() {
    signedIn = staff;
    const [c] = await db.db
      .select({ id: certificates.id, code: certificates.verificationCode })
      .from(certificates)
      .where(and(eq(certificates.puskesmasId, staff.puskesmasId), isNull(certificates.revokedAt)))
      .orderBy(asc(certificates.serial))
      .limit(1);
    const req = new NextRequest(`https://${EVIL}/api/sertifikat/${c!.id}/pdf`, { headers: { host: EVIL, 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'https' } });
    const res = await certificatePdf(req, { params: Promise.resolve({ id: c!.id }) });
    expect(res.status).toBe(200);
    return { qr: await qrOf(new Uint8Array(await res.arrayBuffer())), code: c!.code };
  }

  it('nothing configured: shown as missing; links stay paths, never evil.example', async () => {
    const view = await settingsOverview(admin);
    expect(view.publicUrl).toMatchObject({ saved: null, effective: null, source: 'missing' });
    const { url, text } = await newKaderLink();
    expect(url).toBe('/aktivasi');
    expect(text).not.toContain(EVIL);
    const { qr, code } = await certificateQr();
    expect(qr).toBe(`/verifikasi/${code}`);
    expect(await publicOrigin()).toBe('');
  });

  it('APP_URL is the default until the setting is saved', async () => {
    process.env.APP_URL = 'https://app.kekasihku.example.id';
    expect((await settingsOverview(staff)).publicUrl).toMatchObject({ source: 'appUrl', effective: 'https://app.kekasihku.example.id' });
    const { url } = await newKaderLink();
    expect(url).toBe('https://app.kekasihku.example.id/aktivasi');
    expect((await certificateQr()).qr).toMatch(/^https:\/\/app\.kekasihku\.example\.id\/verifikasi\//);
  });

  it('only the admin sets it; a bad address is refused on the field with nothing written', async () => {
    await expect(savePublicUrl(staff, { publicUrl: 'https://x.go.id' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(savePublicUrl(kader, { publicUrl: 'https://x.go.id' })).rejects.toBeInstanceOf(ForbiddenError);
    const before = await fingerprint(db);
    for (const [typed, error] of [
      ['http://kekasihku.bojong.go.id', 'settings.errors.publicUrlHttps'],
      ['https://kekasihku.bojong.go.id/aktivasi?x=1', 'settings.errors.publicUrlPath'],
      ['https://<script>.id', 'validation.markup'],
      [42, 'validation.invalid'],
    ] as const) {
      const res = await savePublicUrl(admin, { publicUrl: typed });
      expect(res.ok, String(typed)).toBe(false);
      if (!res.ok) expect(res.fieldErrors.publicUrl, String(typed)).toMatch(/^(settings\.errors|validation)\./);
      if (!res.ok && !String(error).startsWith('validation.')) expect(res.fieldErrors.publicUrl).toBe(error);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('the admin saves it (audited); activation links, the registration message and the certificate QR use it, whatever the request says', async () => {
    process.env.APP_URL = 'https://app.kekasihku.example.id';
    expect(await savePublicUrl(admin, { publicUrl: 'kekasihku.bojong.go.id/' })).toEqual({ ok: true, changed: true });
    expect(await savePublicUrl(admin, { publicUrl: 'https://kekasihku.bojong.go.id' })).toEqual({ ok: true, changed: false });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.puskesmasId, admin.puskesmasId), eq(auditLog.action, 'settings.publicUrl.update')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toEqual({ publicUrl: null });
    expect(audits[0]!.after).toEqual({ publicUrl: 'https://kekasihku.bojong.go.id' });
    expect((await settingsOverview(staff)).publicUrl).toMatchObject({ source: 'setting', effective: 'https://kekasihku.bojong.go.id', warning: null });

    const { url, text } = await newKaderLink();
    expect(url).toBe('https://kekasihku.bojong.go.id/aktivasi');
    expect(text).toContain('https://kekasihku.bojong.go.id/aktivasi');
    expect(text).not.toContain(EVIL);

    // A mother registered by her kader: the WhatsApp message says where to activate (point 5).
    signedIn = kader;
    const today = isoToday('Asia/Jakarta');
    const reg = await registerMotherAction({
      id: randomUUID(),
      name: 'Ibu Alamat Portal',
      phone: '0857-3333-4444',
      nik: '',
      posyanduId: kader.posyanduId!,
      birthDate: addDays(today, -5),
      babies: [{ sex: 'P', name: '', birthWeightGrams: '3000' }],
      consent: true,
    });
    if (!reg.done?.waLink) throw new Error(JSON.stringify(reg));
    const message = waText(reg.done.waLink);
    expect(message).toContain('https://kekasihku.bojong.go.id/aktivasi');
    expect(message).toContain(reg.done.code!);
    expect(message).not.toContain(EVIL);

    const { qr, code } = await certificateQr();
    expect(qr).toBe(`https://kekasihku.bojong.go.id/verifikasi/${code}`);

    // Another puskesmas of the installation keeps its own (here: APP_URL).
    expect(await publicOrigin(otherStaff.puskesmasId)).toBe('https://app.kekasihku.example.id');
  });

  it('an http address on the local network is kept, with a warning; emptied, APP_URL again', async () => {
    expect((await savePublicUrl(admin, { publicUrl: 'http://192.168.1.10:3000' })).ok).toBe(true);
    expect((await settingsOverview(admin)).publicUrl).toMatchObject({ effective: 'http://192.168.1.10:3000', warning: 'httpLocal' });
    expect((await savePublicUrl(admin, { publicUrl: '' })).ok).toBe(true);
    const [p] = await db.db.select({ publicUrl: puskesmas.publicUrl }).from(puskesmas).where(eq(puskesmas.id, admin.puskesmasId));
    expect(p!.publicUrl).toBeNull();
    expect((await settingsOverview(admin)).publicUrl.source).toBe('missing');
  });
});
