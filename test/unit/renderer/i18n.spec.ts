// The window's dictionary (which the tray reads too): every text in Spanish and English with the
// same placeholders, every key the components ask for present, and problems said by their code.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  dictionaries,
  localeOf,
  parts,
  translate,
  translateProblem
} from '../../../renderer/src/lib/i18n/dictionaries'

const ROOT = path.resolve(__dirname, '../../..')
const { es, en } = dictionaries
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : /\.(ts|svelte)$/.test(name) ? [full] : []
  })
}

describe('the i18n table', () => {
  it('has every key in both languages (problems fall back to the core English message)', () => {
    const missing = (from: Record<string, string>, to: Record<string, string>): string[] =>
      Object.keys(from).filter((k) => !(k in to) && !k.startsWith('problem.'))
    expect(missing(es, en)).toEqual([])
    expect(missing(en, es)).toEqual([])
    expect(Object.keys(es).length).toBeGreaterThan(200)
  })

  it('uses the same placeholders in Spanish and English', () => {
    const differ = Object.keys(es)
      .filter((k) => k in en)
      .filter((k) => placeholders(es[k]).join() !== placeholders(en[k]).join())
    expect(differ).toEqual([])
  })

  it('has no empty text and no key in two parts', () => {
    const seen = new Map<string, string>()
    for (const [name, part] of Object.entries(parts))
      for (const lang of [part.es, part.en] as Record<string, string>[])
        for (const [key, text] of Object.entries(lang)) {
          expect(text.trim(), key).not.toBe('')
          const other = seen.get(key)
          expect(other === undefined || other === name, `${key} in ${other} and ${name}`).toBe(true)
          seen.set(key, name)
        }
  })

  it('has every key the components ask for by name', () => {
    const asked = new Set<string>()
    for (const file of files(path.join(ROOT, 'renderer/src')))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)) asked.add(m[1])
    expect(asked.size).toBeGreaterThan(100)
    expect([...asked].filter((k) => !(k in es) || !(k in en))).toEqual([])
  })
})

describe('translation', () => {
  it('fills placeholders, falls back to English, then to the key', () => {
    expect(translate('es', 'mqtt.connected')).toBe('Conectado')
    expect(translate('en', 'mqtt.connected')).toBe('Connected')
    expect(translate('es', 'no.such.key')).toBe('no.such.key')
    const key = Object.keys(es).find((k) => k in en && placeholders(es[k]).length > 0)!
    const params = Object.fromEntries(placeholders(es[key]).map((p) => [p, `<${p}>`]))
    const text = translate('es', key, params)
    for (const p of placeholders(es[key])) expect(text).toContain(`<${p}>`)
    expect(text).not.toMatch(/\{\w+\}/)
  })

  it('says a problem by its code with its params, else with the core English message', () => {
    const unplugged = {
      code: 'board-unplugged',
      message: 'The board on /dev/ttyUSB0 was unplugged.',
      params: { port: '/dev/ttyUSB0' }
    }
    expect(translateProblem('es', unplugged)).toContain('/dev/ttyUSB0')
    expect(translateProblem('es', unplugged)).not.toBe(unplugged.message)
    expect(translateProblem('en', unplugged)).toMatch(
      /^The board on \/dev\/ttyUSB0 was unplugged\./
    )
    const unknown = { code: 'no-such-code', message: 'Something odd.' }
    expect(translateProblem('es', unknown)).toBe('Something odd.')
  })
})

describe('the system language', () => {
  it('is Spanish for every es tag and English for anything else', () => {
    for (const tag of ['es', 'es-ES', 'ES-mx', 'es-419']) expect(localeOf(tag), tag).toBe('es')
    for (const tag of ['en', 'en-GB', 'ca-ES', 'eu', '']) expect(localeOf(tag), tag).toBe('en')
  })
})
