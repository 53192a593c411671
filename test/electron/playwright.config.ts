import { defineConfig } from '@playwright/test'

// The tray app under Playwright's _electron, against the built app (`npx electron-vite build`).
// Each test launches its own app with a temporary user-data directory and free broker ports.
// Where no Electron runtime exists the specs skip themselves and say why.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  workers: 1,
  outputDir: '../../test-results/electron',
  use: { trace: 'retain-on-failure' }
})
