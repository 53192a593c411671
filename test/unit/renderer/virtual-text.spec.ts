import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { virtual } from '../../../renderer/src/lib/i18n/virtual'
import { normalizePastedCode } from '../../../renderer/src/lib/paste'
import { wrapRows } from '../../../renderer/src/lib/wrap'

describe('code pasted into the virtual board editor', () => {
  it('turns tab indentation into four spaces, leaving tabs inside a line alone', () => {
    const tutorial = 'while True:\r\n\tif boton.value() == 0:\r\n\t\tprint("a\\tb\tc")\r\n'
    expect(normalizePastedCode(tutorial)).toBe(
      'while True:\n    if boton.value() == 0:\n        print("a\\tb\tc")\n'
    )
  })

  it('turns non-breaking spaces from a web page into spaces and drops zero-width ones', () => {
    expect(normalizePastedCode('x\u00a0=\u00a01\u200b\n\u00a0\u00a0\u00a0\u00a0y = 2')).toBe(
      'x = 1\n    y = 2'
    )
  })
})

describe('console rows of one height', () => {
  it('keeps short lines, splits on newlines and at a space near the end', () => {
    expect(wrapRows('hola', 20)).toEqual(['hola'])
    expect(wrapRows('a\n\nb', 20)).toEqual(['a', '', 'b'])
    expect(wrapRows('the board ran out of memory now', 12)).toEqual([
      'the board',
      'ran out of',
      'memory now'
    ])
  })

  it('cuts a long word (a traceback path) where the row ends', () => {
    expect(wrapRows('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)])
  })
})

describe('virtual board texts', () => {
  it('has every key in Spanish and English', () => {
    expect(Object.keys(virtual.es).sort()).toEqual(Object.keys(virtual.en).sort())
    for (const [k, text] of Object.entries({ ...virtual.es, ...virtual.en }))
      expect(text.trim(), k).not.toBe('')
  })

  it('uses the same placeholders in both languages', () => {
    const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const k of Object.keys(virtual.es) as (keyof typeof virtual.es)[])
      expect(names(virtual.en[k]), k).toEqual(names(virtual.es[k]))
  })
})

describe('every problem the virtual board raises has words in both languages', () => {
  // the codes as the runtime, the service and the folder write them
  const dir = path.resolve(__dirname, '../../../electron/core/board/virtual')
  const codes = new Set<string>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(
      /\b(?:problem|system)\(\s*'([a-z][a-z0-9-]+)'/g
    ))
      codes.add(m[1])

  it('finds the hints of the runtime', () => {
    for (const code of ['virtual-hint-misspelled', 'virtual-hint-refused', 'virtual-hint-no-wifi'])
      expect(codes).toContain(code)
    for (const code of ['virtual-hint-colour-key', 'virtual-hint-memory', 'virtual-hint-no-module'])
      expect(codes).toContain(code)
  })

  it.each(['es', 'en'] as const)('in %s', (lang) => {
    const dict: Record<string, string> = virtual[lang]
    expect([...codes].filter((code) => !dict[`problem.${code}`])).toEqual([])
  })

  it('asks only for params the runtime gives (no "{name}" left in the text)', () => {
    const given = new Map<string, Set<string>>()
    const hints = readFileSync(path.join(dir, 'hints.ts'), 'utf8')
    for (const call of hints.split(/\bproblem\(/).slice(1)) {
      const code = /^\s*'([a-z-]+)'/.exec(call)?.[1]
      if (!code) continue
      const params = /\{\s*([a-z][\w,:\s]*?)\s*\}\s*\)/.exec(call)?.[1].split(',') ?? []
      const set = given.get(code) ?? new Set<string>()
      for (const p of params) set.add(p.split(':')[0].trim())
      given.set(code, set)
    }
    expect(given.size).toBeGreaterThan(5)
    for (const [code, params] of given)
      for (const lang of ['es', 'en'] as const) {
        const dict: Record<string, string> = virtual[lang]
        const asked = [...(dict[`problem.${code}`] ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])
        expect(
          asked.filter((a) => !params.has(a)),
          `${lang} ${code}`
        ).toEqual([])
      }
  })
})
