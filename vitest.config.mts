import { defineConfig } from 'vitest/config'

// Playwright specs (*.e2e.ts) are kept out: vitest runs test/unit only.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks'
  }
})
