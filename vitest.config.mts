import { defineConfig } from 'vitest/config'

// Playwright specs (*.e2e.ts) are kept out: vitest runs test/unit (pure logic) and
// test/integration (anything that starts a broker, a pty, a process or a server).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.spec.ts', 'test/integration/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // an uncaught exception or unhandled rejection anywhere fails the test it happened in
    setupFiles: ['test/helpers/no-uncaught.ts']
  }
})
