import type { Colour, Problem } from '../../contract'
import { fromHex } from '../../shared/colour'
import { problem } from '../util/problem'

/** What one line from the board means (DESIGN "Board protocol"). */
export type BoardMessage =
  | { kind: 'hello'; id: string; fw: string }
  | { kind: 'button'; pressed: boolean }
  | { kind: 'led'; colour: Colour }
  | { kind: 'text' }

/** Reads a line the board sent; anything that is not the protocol is the student's own output. */
export function parseBoardLine(text: string): BoardMessage {
  if (text.charCodeAt(0) !== 123 /* { */) return { kind: 'text' }
  let o: unknown
  try {
    o = JSON.parse(text)
  } catch {
    return { kind: 'text' }
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { kind: 'text' }
  const m = o as Record<string, unknown>
  if (m.hello === 'puente') {
    const id = typeof m.id === 'string' && m.id ? m.id.slice(0, 64) : 'unknown'
    const fw = typeof m.fw === 'string' ? m.fw.slice(0, 32) : '?'
    return { kind: 'hello', id, fw }
  }
  if (m.button === 'pressed' || m.button === 'released')
    return { kind: 'button', pressed: m.button === 'pressed' }
  if (m.led && typeof m.led === 'object') {
    const c = checkColour(m.led)
    if (c.ok) return { kind: 'led', colour: c.colour }
  }
  return { kind: 'text' }
}

export type ColourCheck = { ok: true; colour: Colour } | { ok: false; reason: Problem }

// `fault` names what is wrong (the window says it in its language), `key` the field it concerns.
const bad = (fault: string, why: string, key = ''): ColourCheck => ({
  ok: false,
  reason: problem(
    'bad-colour',
    `Not a colour: ${why}. Send {"r":0..255,"g":0..255,"b":0..255} or "#rrggbb".`,
    { why, fault, key }
  )
})

/** Validates a colour value: an object with integer r, g, b in 0..255, or "#rrggbb" text. */
export function checkColour(value: unknown): ColourCheck {
  if (typeof value === 'string') {
    const colour = fromHex(value)
    return colour ? { ok: true, colour } : bad('hex', 'text must be "#rrggbb"')
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return bad('not-object', 'it is not a JSON object')
  const o = value as Record<string, unknown>
  const out: Record<string, number> = {}
  for (const k of ['r', 'g', 'b']) {
    const x = o[k]
    if (x === undefined) return bad('missing', `"${k}" is missing`, k)
    if (typeof x !== 'number') return bad('not-number', `"${k}" is not a number`, k)
    if (!Number.isInteger(x)) return bad('not-whole', `"${k}" is not a whole number`, k)
    if (x < 0 || x > 255) return bad('range', `"${k}" is outside 0..255`, k)
    out[k] = x
  }
  const extra = Object.keys(o).filter((k) => k !== 'r' && k !== 'g' && k !== 'b')
  if (extra.length)
    return bad('extra', `unexpected field "${extra[0].slice(0, 32)}"`, extra[0].slice(0, 32))
  return { ok: true, colour: { r: out.r, g: out.g, b: out.b } }
}

/** Validates an MQTT payload on the LED topic (UTF-8 JSON or "#rrggbb" text). */
export function parseColourPayload(payload: Buffer): ColourCheck {
  if (payload.length === 0) return bad('empty', 'the message is empty')
  if (payload.length > 1024) return bad('too-long', 'the message is too long')
  const text = payload.toString('utf8')
  if (Buffer.byteLength(text) !== payload.length || text.includes('\uFFFD'))
    return bad('not-utf8', 'the message is not UTF-8 text')
  const trimmed = text.trim()
  if (trimmed.startsWith('#')) return checkColour(trimmed)
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch {
    return bad('not-json', 'the message is not JSON')
  }
  return checkColour(value)
}

/** The exact line written to the board for a colour. */
export function colourLine(c: Colour): string {
  return `{"r":${c.r},"g":${c.g},"b":${c.b}}\n`
}
