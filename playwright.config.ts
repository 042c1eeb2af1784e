import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
/** Its own data directory, so two runs on one machine (E2E_PORT and E2E_DATA_DIR set) do not share a database. */
const DATA = process.env.E2E_DATA_DIR ?? '.data/e2e';
// Which TOTP steps the tests have used, kept across Playwright's worker restarts (see test/totp.ts).
process.env.TOTP_STEPS_FILE ??= `${DATA}/totp-steps.json`;

export default defineConfig({
  testDir: 'test/e2e',
  // Traces and screenshots beside the run's data when it has its own, so parallel runs keep theirs.
  outputDir: process.env.E2E_DATA_DIR ? `${DATA}/test-results` : 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    // Every run starts from fresh demo data (the binaries under DATA/bin are kept).
    command: `rm -rf ${DATA}/pgdata ${DATA}/meili && tsx scripts/start.ts`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: DATA,
      // One copy of the embedding model for every run (npm start fetches it there if missing).
      MODEL_DIR: '.data/models',
      SEED_DEMO: 'true',
      DATABASE_URL: '',
      MEILI_URL: '',
      // Payments go through the local fake Stripe that `npm start` runs without keys.
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      STRIPE_API_BASE: '',
      // Every page is loaded from one address: the production rate limits would stop the suite.
      RATE_LIMIT_FACTOR: '100',
    },
  },
});
