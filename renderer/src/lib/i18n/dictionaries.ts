/**
 * The app's words in Spanish and English, as plain data and pure functions: the window's `t`
 * (index.svelte.ts) and the tray (electron/main/tray-texts.ts) both read them, so no text is
 * written twice. No DOM and no Svelte here, so the shell can load it too.
 */
import type { Problem } from '../../../../electron/contract'
import { board } from './board'
import { classroom } from './classroom'
import { core } from './core'
import { history } from './history'
import { shell } from './shell'
import { tray } from './tray'
import { virtual } from './virtual'
import { weather } from './weather'

// Each part of the app keeps its texts in its own module (core.ts, board.ts, weather.ts…);
// register it in `parts` below. Keys are namespaced by part ('board.…', 'weather.…').
export const parts = { core, board, weather, classroom, tray, virtual, shell, history }

export type Locale = 'es' | 'en'
type Dict = Record<string, string>

/** Every part's words merged, per language. */
export const dictionaries: Record<Locale, Dict> = { es: {}, en: {} }
for (const part of Object.values(parts)) {
  Object.assign(dictionaries.es, part.es)
  Object.assign(dictionaries.en, part.en)
}

/** The text for `key` in `locale` (else English, else the key), with {name} placeholders filled. */
export function translate(
  locale: Locale,
  key: string,
  params?: Record<string, string | number>
): string {
  const text = dictionaries[locale][key] ?? dictionaries.en[key] ?? key
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text
}

/** A core Problem in `locale`: its code's text when known, else the core's English message. */
export function translateProblem(locale: Locale, p: Problem): string {
  const key = `problem.${p.code}`
  return dictionaries[locale][key] ? translate(locale, key, p.params) : p.message
}
