// The colour tokens of app.css, measured against each other in both themes: every text colour
// on every background the window paints (selected rows, hover, notices), so a token changed
// later cannot pass on one tab and fail on another. axe (test/e2e/contrast.e2e.ts) measures the
// rendered window; this covers the pairs it only meets on hover.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const CSS = readFileSync(path.resolve(__dirname, '../../../renderer/src/app.css'), 'utf8')

/** `--name: light-dark(#light, #dark)` of :root, by name. */
function tokens(): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>()
  for (const m of CSS.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi))
    out.set(m[1], [m[2], m[3]])
  return out
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2.x contrast ratio of two colours. */
function ratio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}

const TEXT = ['fg', 'fg-2', 'accent', 'ok', 'warn', 'err']
const BACKGROUNDS = ['bg', 'bg-2', 'bg-3', 'accent-soft', 'info-bg', 'warn-bg', 'err-bg']

describe('app.css colour tokens', () => {
  const t = tokens()
  const pairs = (fgs: string[], bgs: string[]): [string, string][] =>
    fgs.flatMap((f) => bgs.map((b): [string, string] => [f, b]))

  it('are all found (the pattern still matches the file)', () => {
    for (const name of [...TEXT, ...BACKGROUNDS, 'accent-fg', 'focus'])
      expect(t.has(name)).toBe(true)
  })

  for (const [theme, side] of [
    ['light', 0],
    ['dark', 1]
  ] as const) {
    it(`text is at least 4.5:1 on every background (${theme})`, () => {
      const low = pairs(TEXT, BACKGROUNDS)
        .map(([f, b]) => ({ pair: `${f} on ${b}`, r: ratio(t.get(f)![side], t.get(b)![side]) }))
        .filter((p) => p.r < 4.5)
        .map((p) => `${p.pair}: ${p.r.toFixed(2)}`)
      expect(low).toEqual([])
    })

    it(`a primary button's text and the focus ring stand out (${theme})`, () => {
      expect(ratio(t.get('accent-fg')![side], t.get('accent')![side])).toBeGreaterThanOrEqual(4.5)
      // a focus ring is a non-text contrast: 3:1 against what it is drawn on
      for (const b of BACKGROUNDS)
        expect(ratio(t.get('focus')![side], t.get(b)![side]), b).toBeGreaterThanOrEqual(3)
    })
  }
})
