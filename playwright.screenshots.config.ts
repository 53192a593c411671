import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// `npm run screenshots`: the README's pictures, taken apart from the tests (they write docs/).
export default defineConfig({
  ...base,
  testMatch: '**/*.shot.ts',
  use: { ...base.use, locale: 'es-ES' }
})
