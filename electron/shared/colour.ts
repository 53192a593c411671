import type { Colour } from '../contract/board'

/** "#rrggbb" for a colour: how the picker shows it and the class may send it. */
export function toHex(c: Colour): string {
  return `#${[c.r, c.g, c.b].map((x) => x.toString(16).padStart(2, '0')).join('')}`
}

/**
 * The colour "#rrggbb" names (surrounding spaces ignored), undefined when it is not one; the one
 * reading of hex colours for the LED topic and the picker. `hash: 'optional'` also takes
 * "rrggbb", as a person types it in the picker; the class's payloads need the "#".
 */
export function fromHex(
  text: string,
  hash: 'required' | 'optional' = 'required'
): Colour | undefined {
  const m = (hash === 'optional' ? /^#?([0-9a-fA-F]{6})$/ : /^#([0-9a-fA-F]{6})$/).exec(text.trim())
  if (!m) return undefined
  const n = parseInt(m[1], 16)
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 }
}
