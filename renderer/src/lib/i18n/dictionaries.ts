/**
 * The app's words in Spanish and English, as plain data and pure functions: the window's `t`
 * (index.svelte.ts) and the tray (electron/main/tray-texts.ts) both read them, so no text is
 * written twice. No DOM and no Svelte here, so the shell can load it too.
 */
import type { Problem, ProblemCode } from '../../../../electron/contract'
import { board } from './board'
import { classroom } from './classroom'
import { connection } from './connection'
import { core } from './core'
import { history } from './history'
import { log } from './log'
import { problemsBoard } from './problems-board'
import { problemsNet } from './problems-net'
import { shell } from './shell'
import { tray } from './tray'
import { tree } from './tree'
import { virtual } from './virtual'
import { weather } from './weather'

// Each part of the app keeps its texts in its own module (core.ts, board.ts, weather.ts…);
// register it in `parts` below. Keys are namespaced by part ('board.…', 'weather.…').
export const parts = {
  core,
  connection,
  board,
  weather,
  classroom,
  tray,
  virtual,
  shell,
  history,
  log,
  tree,
  problemsNet,
  problemsBoard
}

export type Locale = 'es' | 'en'
type Dict = Record<string, string>

/** The locale for a system language tag (es, es-ES, es-419… → Spanish; anything else English). */
export function localeOf(languageTag: string): Locale {
  return languageTag.toLowerCase().startsWith('es') ? 'es' : 'en'
}

// Every Problem code has a text in both languages: a code without one fails to compile here.
type Parts = typeof parts
type KeysOf<L extends Locale> = { [P in keyof Parts]: keyof Parts[P][L] }[keyof Parts]
type Untranslated = Exclude<`problem.${ProblemCode}`, KeysOf<'es'> & KeysOf<'en'>>
export const untranslated: Record<Untranslated, never> = {}

/** Every part's words merged, per language. */
export const dictionaries: Record<Locale, Dict> = { es: {}, en: {} }
for (const part of Object.values(parts)) {
  Object.assign(dictionaries.es, part.es)
  Object.assign(dictionaries.en, part.en)
}

const pluralRules = { es: new Intl.PluralRules('es'), en: new Intl.PluralRules('en') }

/** The key's plural form for `n` (`key.one`, `key.few`…) when there is one, else `key` itself. */
export function pluralKey(locale: Locale, key: string, n: number): string {
  const form = `${key}.${pluralRules[locale].select(n)}`
  return form in dictionaries[locale] ? form : key
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

/** A count with its words in the right plural form ("1 pulsación", "2 pulsaciones"). */
export function translateCount(
  locale: Locale,
  key: string,
  count: number,
  params?: Record<string, string | number>
): string {
  return translate(locale, pluralKey(locale, key, count), { ...params, n: count, count })
}

/**
 * A core Problem in `locale`: its code's text when known, else the core's English message. A
 * `count` param picks the plural form; a `fault` param is itself said by its own key.
 */
export function translateProblem(locale: Locale, p: Problem): string {
  const key = `problem.${p.code}`
  if (!dictionaries[locale][key]) return p.message
  const params = { ...p.params }
  const fault = `${key}.fault.${String(params.fault ?? '')}`
  if (params.fault !== undefined)
    params.fault =
      fault in dictionaries[locale]
        ? translate(locale, fault, params)
        : String(params.why ?? p.message)
  const count = typeof params.count === 'number' ? params.count : undefined
  return translate(locale, count === undefined ? key : pluralKey(locale, key, count), params)
}
