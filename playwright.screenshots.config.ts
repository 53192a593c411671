import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// `npm run screenshots`: the README's pictures, taken apart from the tests (they write docs/).
// Chromium's own controls (the date fields) follow its UI language, which on Linux comes from
// LANGUAGE, with Debian's chromium-l10n installed (without it they stay in English).
const env = { ...process.env, LANG: 'es_ES.UTF-8', LANGUAGE: 'es' }
export default defineConfig({
  ...base,
  testMatch: '**/*.shot.ts',
  use: { ...base.use, locale: 'es-ES', launchOptions: { ...base.use?.launchOptions, env } }
})
