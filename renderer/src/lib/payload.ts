import type { Encoding } from '../../../electron/contract'

/** Most bytes the hex view shows: a 256 KB payload must not freeze the window. */
export const HEX_LIMIT = 16 * 1024

/** The payload's bytes (text payloads are UTF-8, binary ones arrive as base64). */
export function payloadBytes(payload: string, enc: Encoding): Uint8Array {
  if (enc === 'utf8') return new TextEncoder().encode(payload)
  const bin = atob(payload)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** The payload as text, or undefined when it is binary. */
export function payloadText(payload: string, enc: Encoding): string | undefined {
  if (enc === 'utf8') return payload
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes(payload, enc))
  } catch {
    return undefined
  }
}

/** JSON re-indented for reading, or undefined when the text is not JSON. */
export function prettyJson(text: string): string | undefined {
  const s = text.trim()
  if (!s || !/^[[{"\d\-tfn]/.test(s)) return undefined
  try {
    return JSON.stringify(JSON.parse(s), null, 2)
  } catch {
    return undefined
  }
}

/** A classic hex dump (offset, 16 bytes, ASCII) of at most HEX_LIMIT bytes. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  const n = Math.min(bytes.length, HEX_LIMIT)
  // 8 bytes a row: a row fits the 420 px window without cutting the ASCII column
  for (let off = 0; off < n; off += 8) {
    const row = bytes.subarray(off, Math.min(off + 8, n))
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ')
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join(
      ''
    )
    lines.push(`${off.toString(16).padStart(6, '0')}  ${hex.padEnd(23)}  ${ascii}`)
  }
  return lines.join('\n')
}

/** A one-line preview of a payload for a list row. */
export function preview(payload: string, enc: Encoding, max = 160): string {
  let text = payloadText(payload, enc)
  if (text === undefined) {
    const bytes = payloadBytes(payload, enc).subarray(0, 32)
    text = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')
  }
  const line = text.length > max ? text.slice(0, max) : text
  return line.replace(/\s+/g, ' ')
}

/** HH:MM:SS.mmm in local time, for a message row. */
export function clock(iso: string): string {
  const d = new Date(iso)
  const p = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
}
