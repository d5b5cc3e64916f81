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
