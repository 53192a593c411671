import { defineConfig } from '@playwright/test'

// Browser tests run in Debian's Chromium (playwright install cannot download here).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  workers: 1,
  outputDir: 'test-results/e2e',
  use: {
    launchOptions: {
      executablePath: process.env.PUENTE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    },
    viewport: { width: 420, height: 600 },
    trace: 'retain-on-failure'
  }
})
