import type { Problem } from '../../../../electron/contract'
import { localeOf, translate, translateCount, translateProblem, type Locale } from './dictionaries'

export type { Locale }

/** The OS's language when it is Spanish, English otherwise. */
function systemLocale(): Locale {
  return localeOf(navigator.languages?.[0] ?? navigator.language ?? 'en')
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
  return translate(locale(), key, params)
}

/** A core Problem in the user's language: its code's text when known, else its English message. */
export function problemText(p: Problem): string {
  return translateProblem(locale(), p)
}

/** A count with its words in the plural form the language wants ({n} in the text is the count). */
export function tn(key: string, n: number, params?: Record<string, string | number>): string {
  return translateCount(locale(), key, n, params)
}
