// Every Problem code the core, the web host or the window can send has a Spanish and an English
// text with the same placeholders, and the code list misses no code written in the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROBLEM_CODES } from '../../../electron/contract/problems'
import { checkColour, parseColourPayload } from '../../../electron/core/board/protocol'
import { dictionaries, translateProblem } from '../../../renderer/src/lib/i18n/dictionaries'

const ROOT = path.resolve(__dirname, '../../..')
const placeholders = (text: string): string =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join()

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : /\.(ts|svelte)$/.test(name) ? [full] : []
  })
}

describe('problem texts', () => {
  it('has a Spanish and an English text for every code, with the same placeholders', () => {
    const missing = PROBLEM_CODES.flatMap((code) =>
      (['es', 'en'] as const)
        .filter((lang) => !dictionaries[lang][`problem.${code}`])
        .map((lang) => `${lang}:${code}`)
    )
    expect(missing).toEqual([])
    const differ = PROBLEM_CODES.filter(
      (c) =>
        placeholders(dictionaries.es[`problem.${c}`]) !==
        placeholders(dictionaries.en[`problem.${c}`])
    )
    expect(differ).toEqual([])
  })

  it('lists every code written in the sources', () => {
    const written = new Set<string>()
    for (const dir of ['electron', 'renderer/src'])
      for (const file of files(path.join(ROOT, dir))) {
        const text = readFileSync(file, 'utf8')
        for (const m of text.matchAll(/problem\(\s*'([a-z0-9-]+)'/g)) written.add(m[1])
        for (const m of text.matchAll(/\bcode: '([a-z][a-z0-9-]+)'/g)) written.add(m[1])
      }
    written.delete('x')
    expect(written.size).toBeGreaterThan(80)
    const known = new Set<string>(PROBLEM_CODES)
    expect([...written].filter((c) => !known.has(c))).toEqual([])
  })

  it('says a bad colour in Spanish, naming what is wrong', () => {
    const notJson = parseColourPayload(Buffer.from('rojo'))
    const range = checkColour({ r: 300, g: 0, b: 0 })
    expect(notJson.ok || range.ok).toBe(false)
    if (notJson.ok || range.ok) return
    expect(translateProblem('es', notJson.reason)).toMatch(/^No es un color: el mensaje no es JSON/)
    expect(translateProblem('es', range.reason)).toContain('"r" está fuera de 0..255')
    expect(translateProblem('en', range.reason)).toContain('"r" is outside 0..255')
  })

  it('picks the plural form by the count', () => {
    const p = (count: number): string =>
      translateProblem('es', {
        code: 'broker-refused-credentials',
        message: 'x',
        params: { count, address: '10.0.0.2', client: 'ana' }
      })
    expect(p(1)).toMatch(/^1 intento fallido /)
    expect(p(3)).toMatch(/^3 intentos fallidos /)
  })
})
