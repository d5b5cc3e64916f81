import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../db/seed';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

type Login = (typeof DEMO_LOGINS)[number];

/** The n-th demo login of a role (and, optionally, of a puskesmas code in its description). */
export function demoLogin(role: Login['role'], n = 0, match?: RegExp): Login {
  const list = DEMO_LOGINS.filter((l) => l.role === role && (!match || match.test(`${l.name} ${l.what}`)));
  const login = list[n];
  if (!login) throw new Error(`no demo login #${n} for ${role} ${match ?? ''}`);
  return login;
}

export async function signIn(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** Signs in and waits for the home of the role. */
export async function signInAs(page: Page, login: { phone: string }, password = DEMO_PASSWORD) {
  await signIn(page, login.phone, password);
  await page.waitForURL(/\/(staff|kader|ibu|dinkes)$/);
}

/** The message of the whole form (not Next's route announcer, which is also role=alert). */
export const formError = (page: Page) => page.locator('#form-error');

/** axe-core: no serious or critical violation on the current page. */
export async function expectAccessible(page: Page) {
  // Next streams a dynamic page's metadata after its first bytes: scan once the title is there
  // (a page that never gets one still fails below, on axe's document-title rule).
  await page.waitForFunction(() => document.title.trim().length > 0, null, { timeout: 5_000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'serious or critical accessibility violations',
  ).toEqual([]);
}

/** Jakarta wall-clock date and time `minutes` from now. */
export function jakarta(minutes: number) {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Runs `fn` while no other spec of this run holds the same demo-data lock. Playwright's two
 * workers run files side by side; a spec that changes shared demo records (Dewi's certificate:
 * revoked and issued again) must not do it while another reads them (the authorization matrix).
 * The lock is a folder (mkdir is atomic), per server port, taken over after 10 minutes.
 */
export async function withDemoLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(os.tmpdir(), `kekasihku-e2e-${process.env.E2E_PORT ?? '3100'}-${name}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch {
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs > 10 * 60_000) fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // gone in between: try again
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export { DEMO_PASSWORD };

/** What /pasang asks of a new puskesmas and its first admin (issue #18). */
export type SetupValues = {
  puskesmas: { name: string; code: string; kabupaten: string; kecamatan: string; provinsi: string };
  admin: { name: string; phone: string; password: string };
};

/** Fills /pasang with a setup code and sends it (the page is already open). */
export async function fillSetup(page: Page, code: string, v: SetupValues) {
  await page.getByLabel('Kode pemasangan').fill(code);
  await page.getByLabel('Nama puskesmas').fill(v.puskesmas.name);
  await page.getByLabel('Kode singkat').fill(v.puskesmas.code);
  await page.getByLabel('Kabupaten/Kota').fill(v.puskesmas.kabupaten);
  await page.getByLabel('Kecamatan').fill(v.puskesmas.kecamatan);
  await page.getByLabel('Provinsi').fill(v.puskesmas.provinsi);
  await page.getByLabel('Zona waktu').selectOption('WIB');
  await page.getByLabel('Target cakupan').fill('50');
  await page.getByLabel('Nama admin').fill(v.admin.name);
  await page.getByLabel('Nomor HP admin').fill(v.admin.phone);
  await page.getByLabel('Kata sandi', { exact: true }).fill(v.admin.password);
  await page.getByLabel('Ulangi kata sandi').fill(v.admin.password);
  await page.getByRole('button', { name: 'Pasang' }).click();
}

/**
 * On /staff/wilayah (already open): a village typed with its kind, as people do ("Desa X",
 * stored as X), and a posyandu in it; both checked on the page.
 */
export async function addVillageAndPosyandu(page: Page, place: { village: string; posyandu: string; rw: string }) {
  const addVillage = page.getByRole('form', { name: 'Tambah desa/kelurahan' });
  await addVillage.getByLabel('Nama desa/kelurahan').fill(`Desa ${place.village}`);
  await addVillage.getByRole('button', { name: 'Tambah desa' }).click();
  const village = page.locator(`section[data-village="${place.village}"]`);
  await expect(village).toContainText(`Desa ${place.village}`);
  const addPosyandu = page.getByRole('form', { name: 'Tambah posyandu' });
  await addPosyandu.getByLabel('Desa/kelurahan', { exact: true }).selectOption({ label: place.village });
  await addPosyandu.getByLabel('Nama posyandu').fill(place.posyandu);
  await addPosyandu.getByLabel('RW').fill(place.rw);
  await addPosyandu.getByLabel('Alamat').fill('Jl. Mawar No. 3');
  await addPosyandu.getByRole('button', { name: 'Tambah posyandu' }).click();
  await expect(village.locator(`li[data-posyandu="${place.posyandu}"]`)).toContainText(`RW ${place.rw}`);
}

/**
 * On the "Tambah akun" form (already open): a kader account at a posyandu. Returns the one-time
 * activation code, checked to be shown once, with a WhatsApp link, and never in the address.
 */
export async function createKaderAccount(page: Page, kader: { name: string; phone: string }, posyanduName: string): Promise<string> {
  await page.getByLabel('Peran').selectOption('kader');
  await page.getByLabel('Nama', { exact: true }).fill(kader.name);
  await page.getByLabel('Nomor HP').fill(kader.phone);
  await page
    .getByRole('group', { name: /Posyandu/ })
    .getByLabel(posyanduName)
    .check();
  await page.getByRole('button', { name: 'Buat akun' }).click();
  const code = page.getByTestId('activation-code');
  await expect(code).toBeVisible();
  const kaderCode = (await code.textContent())!.trim();
  expect(kaderCode.length).toBeGreaterThanOrEqual(6);
  const wa = await page.getByRole('link', { name: 'Kirim lewat WhatsApp' }).getAttribute('href');
  // To her number in international form (0812-… → wa.me/62812…).
  expect(wa).toMatch(new RegExp(`^https://wa\\.me/62${kader.phone.replace(/\D/g, '').slice(1, 4)}`));
  expect(page.url()).not.toContain(kaderCode);
  return kaderCode;
}

/** /aktivasi: a new account's own password from its one-time code. */
export async function activateAccount(page: Page, phone: string, code: string, password: string) {
  await page.goto('/aktivasi');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kode aktivasi').fill(code);
  await page.getByLabel('Kata sandi baru').fill(password);
  await page.getByLabel('Ulangi kata sandi').fill(password);
  await page.getByRole('button', { name: 'Aktifkan akun' }).click();
  await expect(page.getByRole('status')).toContainText('Akun Anda sudah aktif');
}
