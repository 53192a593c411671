// The message detail's views of a payload: bytes, text, pretty JSON, hex dump, the list preview.
import { describe, expect, it } from 'vitest'
import {
  clock,
  HEX_LIMIT,
  hexDump,
  payloadBytes,
  payloadText,
  prettyJson,
  preview
} from '../../../renderer/src/lib/payload'

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64')

describe('payload bytes and text', () => {
  it('reads text payloads as UTF-8 and binary ones from base64', () => {
    expect(Array.from(payloadBytes('ñ€', 'utf8'))).toEqual([0xc3, 0xb1, 0xe2, 0x82, 0xac])
    expect(Array.from(payloadBytes(b64([0, 255, 1]), 'base64'))).toEqual([0, 255, 1])
    expect(Array.from(payloadBytes('', 'base64'))).toEqual([])
  })

  it('shows base64 that is valid UTF-8 as text, and none for binary', () => {
    expect(payloadText('hola', 'utf8')).toBe('hola')
    expect(payloadText(Buffer.from('año 🌡').toString('base64'), 'base64')).toBe('año 🌡')
    expect(payloadText(b64([0xff, 0xfe, 0x00]), 'base64')).toBeUndefined()
  })
})

describe('pretty JSON', () => {
  it('re-indents objects, arrays, strings, numbers and literals', () => {
    expect(prettyJson('{"r":1,"g":[2,3]}')).toBe('{\n  "r": 1,\n  "g": [\n    2,\n    3\n  ]\n}')
    expect(prettyJson('  [1]  ')).toBe('[\n  1\n]')
    expect(prettyJson('"hola"')).toBe('"hola"')
    expect(prettyJson('-2.5')).toBe('-2.5')
    expect(prettyJson('true')).toBe('true')
    expect(prettyJson('null')).toBe('null')
  })

  it('gives none for text that is not JSON', () => {
    for (const text of ['', '   ', 'hola', '{"r":1', 'tru', '#ff0000', 'NaN'])
      expect(prettyJson(text), text).toBeUndefined()
  })
})

describe('hex dump', () => {
  it('prints offset, 8 bytes and their ASCII a line, dots for the unprintable', () => {
    const bytes = new Uint8Array([...Buffer.from('Hola, Puente!\n'), 0, 127, 200, 65, 66])
    expect(hexDump(bytes).split('\n')).toEqual([
      '000000  48 6f 6c 61 2c 20 50 75  Hola, Pu',
      '000008  65 6e 74 65 21 0a 00 7f  ente!...',
      '000010  c8 41 42                 .AB'
    ])
    expect(hexDump(new Uint8Array())).toBe('')
  })

  it('stops at HEX_LIMIT bytes so a large payload cannot freeze the window', () => {
    const lines = hexDump(new Uint8Array(HEX_LIMIT * 4)).split('\n')
    expect(lines).toHaveLength(HEX_LIMIT / 8)
    expect(lines.at(-1)!.startsWith((HEX_LIMIT - 8).toString(16).padStart(6, '0'))).toBe(true)
  })
})

describe('list preview', () => {
  it('is one line of text, cut at the maximum', () => {
    expect(preview('a\n\tb   c', 'utf8')).toBe('a b c')
    expect(preview('x'.repeat(500), 'utf8')).toHaveLength(160)
    expect(preview('abcdef', 'utf8', 3)).toBe('abc')
  })

  it('is the first 32 bytes in hex for a binary payload', () => {
    const bytes = Array.from({ length: 40 }, (_, i) => (i === 0 ? 0xff : i))
    const shown = preview(b64(bytes), 'base64')
    expect(shown.split(' ')).toHaveLength(32)
    expect(shown.startsWith('ff 01 02')).toBe(true)
  })
})

describe('clock', () => {
  it('is HH:MM:SS.mmm in local time', () => {
    const d = new Date(2026, 0, 2, 3, 4, 5, 67)
    expect(clock(d.toISOString())).toBe('03:04:05.067')
  })
})
