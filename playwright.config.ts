import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests with Debian's Chromium (never a downloaded browser) against a platform started for the run.
 * Each run gets a fresh data directory, so it starts from a clean demo database. With E2E_DATABASE_URL the
 * same tests run on PostgreSQL (that database should be empty; `.ci/run` creates and drops one).
 * E2E_PORT (default 3100) moves the server when another run holds the port; CHROMIUM_PATH another Chromium.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// The config is loaded again in every worker: create the data directory once, hand it down through the
// environment, and remove it when the run (and with it the server) has ended.
if (!process.env.E2E_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'regiekamer-e2e-'));
  process.env.E2E_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.E2E_DATA_DIR;

const serverEnv: Record<string, string> = {
  NODE_ENV: 'development',
  PORT: String(port),
  HOST: '127.0.0.1',
  BASE_URL: baseURL,
  DATA_DIR: dataDir,
  DEMO: '1',
  LOG_LEVEL: 'warn',
  // Every spec logs in from 127.0.0.1; the production limit per address would make the suite wait.
  LOGIN_RATE_LIMIT: '1000',
  // Empty means unset: a DATABASE_URL of the surrounding shell must not leak into the test server.
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
  SESSION_SECRET: '',
};

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Generous for a shared 2-core machine: the server, two browsers and the axe checks share it.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'npx tsx src/server.ts',
    url: `${baseURL}/api/v1/health`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 120_000,
    // The server logs at warn level: what it prints is worth seeing next to a failing test.
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
