import { defineConfig } from "@playwright/test";

// Browser tests drive Debian's Chromium (no Playwright browser download) against `npm start` on
// its own port. scripts/test.mjs prepares E2E_DATABASE_URL (a fresh real Postgres database) when
// Postgres is running; without it the app starts on its embedded PGlite in a throwaway folder.
// `npm test` picks free ports and passes them as E2E_PORT and E2E_EMULATOR_PORT (scripts/test.mjs);
// a direct `npx playwright test` uses these or 3100 and 3400.
const port = Number(process.env.E2E_PORT || 3100);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT || port + 300);
export const baseURL = `http://127.0.0.1:${port}`;
export const emulatorURL = `http://127.0.0.1:${emulatorPort}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright.json" }]],
  outputDir: ".tmp/playwright-artifacts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    timezoneId: "America/New_York",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npm start",
    url: `${baseURL}/api/health`,
    // The first start builds the app: about a minute on a quiet 2-core machine, several when it is busy.
    timeout: 600_000,
    reuseExistingServer: false,
    // SIGTERM to the app's process group lets `npm start` stop its database cleanly; what is still
    // running after 10 s is killed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: `.tmp/e2e-data-${port}`,
      SANDBOX: "1",
      // Every test signs up its own users from 127.0.0.1: more than the default 10 an hour.
      RATE_LIMIT_SIGNUP_IP: "1000/3600",
      EMULATOR_PORT: String(emulatorPort),
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
