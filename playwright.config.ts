import { defineConfig } from '@playwright/test'

// The browser tests drive a real server on a fresh SQLite database, in Debian's Chromium.
// One worker: the projects share that database and run in order (setup first).
// E2E_PORT / E2E_DIR let two runs on one machine keep apart (e.g. while developing).
const PORT = Number(process.env.E2E_PORT ?? 3217)
const DB_DIR = process.env.E2E_DIR ?? '/tmp/strod-e2e'

export default defineConfig({
  testDir: 'tests/browser',
  outputDir: process.env.E2E_OUT ?? 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Creates the first administrator; the other projects sign in as that user.
    {
      name: 'setup',
      testMatch: /setup\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'desktop',
      dependencies: ['setup'],
      testIgnore: /setup\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    // The specs that run their own servers and check behaviour (live, documents, remarks, stock,
    // team), not layout: desktop only (the remarks and work-log tests open their own phone-sized
    // contexts, and a11y, keyboard and screens their own contexts of both sizes).
    {
      name: 'phone',
      dependencies: ['setup'],
      testIgnore: [
        /setup\.spec\.ts$/,
        /live\.spec\.ts$/,
        /documents\.spec\.ts$/,
        /remarks\.spec\.ts$/,
        /nojs\.spec\.ts$/,
        /worklog\.spec\.ts$/,
        /stock\.spec\.ts$/,
        /team\.spec\.ts$/,
        /a11y\.spec\.ts$/,
        /keyboard\.spec\.ts$/,
        /screens\.spec\.ts$/,
        /print\.spec\.ts$/,
      ],
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    command: `rm -rf ${DB_DIR} && node --import tsx src/server.ts`,
    env: { PORT: String(PORT), DATABASE_URL: `file:${DB_DIR}/e2e.db`, LOG_LEVEL: 'warn' },
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
})
