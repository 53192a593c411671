import type { Problem } from '../../../../electron/contract'
import { board } from './board'
import { classroom } from './classroom'
import { core } from './core'
import { virtual } from './virtual'
import { weather } from './weather'

// Each part of the app keeps its texts in its own module (core.ts, board.ts, weather.ts…);
// register it in `parts` below. Keys are namespaced by part ('board.…', 'weather.…').
const parts = [core, board, weather, classroom, virtual]

export type Locale = 'es' | 'en'
type Dict = Record<string, string>

const dictionaries: Record<Locale, Dict> = { es: {}, en: {} }
for (const part of parts) {
  Object.assign(dictionaries.es, part.es)
  Object.assign(dictionaries.en, part.en)
}

/** The OS's language when it is Spanish, English otherwise. */
function systemLocale(): Locale {
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('es')
    ? 'es'
    : 'en'
}

const state = $state<{ setting: 'auto' | Locale }>({ setting: 'auto' })

/** The language in force (the setting, or the OS's when 'auto'). */
export function locale(): Locale {
  return state.setting === 'auto' ? systemLocale() : state.setting
}

/** Follows the language setting ('auto' follows the OS). */
export function setLanguage(setting: 'auto' | Locale): void {
  state.setting = setting
  document.documentElement.lang = locale()
}

/** The text for `key` in the current language, with {name} placeholders filled. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = dictionaries[locale()][key] ?? dictionaries.en[key] ?? key
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text
}

/** A core Problem in the user's language: its code's text when known, else its English message. */
export function problemText(p: Problem): string {
  const key = `problem.${p.code}`
  const text = dictionaries[locale()][key]
  return text ? t(key, p.params) : p.message
}
