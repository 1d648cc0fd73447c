import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3199);
const dataDir = `.tmp/e2e-data-${port}`;

// The real server on a fresh embedded database, driven by Debian's Chromium (never a downloaded browser).
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `rm -rf ${dataDir} && node bin/voronka.js start`,
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    // VORONKA_CHANNEL_API_OVERRIDES: the inbox spec points its Telegram channel at a local Bot API stand-in.
    // VORONKA_MAIL_PRIVATE_HOSTS: the web-reply spec's mailbox sends to a local SMTP sink; VORONKA_MAIL_DOMAINS: its intake address's domain.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      VORONKA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      VORONKA_SMTP_PORT: '0',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VORONKA_CHANNEL_API_OVERRIDES: 'on',
      VORONKA_SIGN_UPS_PER_HOUR: '1000',
      VORONKA_MAIL_PRIVATE_HOSTS: 'allow',
      VORONKA_MAIL_DOMAINS: 'crm.romashka.ru',
    },
  },
});
