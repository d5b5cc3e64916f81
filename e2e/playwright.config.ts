import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Chromium from Debian (/usr/bin/chromium) when present — browsers cannot be downloaded on the
 * project's machines — else Playwright's own Chromium on a developer's machine.
 * CHROMIUM_PATH overrides both.
 */
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
/**
 * E2E_BASE_URL runs the journeys against a server that is already up (e.g. a developer's
 * `next dev` on its own PGlite folder with DEMO_DATA=1) instead of building and starting one.
 */
const external = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
  webServer: external
    ? undefined
    : {
        command: 'node scripts/e2e-server.mjs',
        cwd: '..',
        url: `http://127.0.0.1:${port}/login`,
        timeout: 15 * 60_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: { E2E_PORT: String(port) },
      },
});
