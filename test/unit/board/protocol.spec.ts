import { describe, expect, it } from 'vitest'
import { isKnownBoard, listPorts } from '../../../electron/core/board/detect'
import { describeSerialError } from '../../../electron/core/board/errors'
import { LineSplitter } from '../../../electron/core/board/lines'
import {
  colourLine,
  parseBoardLine,
  parseColourPayload
} from '../../../electron/core/board/protocol'

describe('board protocol pieces', () => {
  it('lists ports without crashing where udevadm is missing, and marks known boards', async () => {
    const r = await listPorts(() => Promise.reject(new Error('spawn udevadm ENOENT')))
    expect(r).toEqual({ ports: [], error: 'spawn udevadm ENOENT' })
    const ok = await listPorts(async () => [
      { path: '/dev/ttyS0' },
      { path: '/dev/ttyUSB0', vendorId: '10C4', productId: 'EA60' },
      { path: '/dev/ttyACM0', vendorId: '303a', productId: '1001' }
    ])
    expect(ok.ports.map((p) => [p.path, p.known])).toEqual([
      ['/dev/ttyACM0', true],
      ['/dev/ttyUSB0', true],
      ['/dev/ttyS0', false]
    ])
    expect(isKnownBoard('1a86', '7523')).toBe(true)
    expect(isKnownBoard('1a86', '0001')).toBe(false)
  })

  it('says what to do for a missing, forbidden or busy port', () => {
    expect(
      describeSerialError(
        new Error('Error: No such file or directory, cannot open /dev/x'),
        '/dev/x'
      ).code
    ).toBe('serial-missing')
    const perm = describeSerialError(
      new Error('Error: Permission denied, cannot open /dev/ttyUSB0'),
      '/dev/ttyUSB0'
    )
    expect(perm.message).toMatch(/dialout.*sudo usermod -aG dialout \$USER.*log out and in/)
    const busy = describeSerialError(
      new Error('Error Resource temporarily unavailable Cannot lock port'),
      '/dev/ttyUSB0'
    )
    expect(busy.message).toMatch(/another program \(Thonny, the Arduino IDE/)
  })

  it('splits lines with a cap and reports an overflow once', () => {
    const lines: string[] = []
    const overflows: number[] = []
    const s = new LineSplitter(
      { line: (b) => lines.push(b.toString()), overflow: (n) => overflows.push(n) },
      16
    )
    s.push(Buffer.from('ab'))
    s.push(Buffer.from('c\r\nde'))
    s.push(Buffer.from('f\n' + 'x'.repeat(40)))
    s.push(Buffer.from('y'.repeat(40)))
    s.push(Buffer.from('z\nok\n'))
    expect(lines).toEqual(['abc', 'def', 'ok'])
    expect(overflows).toHaveLength(1)
  })

  it('reads the board lines and formats colour lines exactly', () => {
    expect(parseBoardLine('{"hello":"puente","fw":"1.0.0","id":"abc"}')).toEqual({
      kind: 'hello',
      id: 'abc',
      fw: '1.0.0'
    })
    expect(parseBoardLine('{"button": "pressed"}')).toEqual({ kind: 'button', pressed: true })
    expect(parseBoardLine('{"button":5}')).toEqual({ kind: 'text' })
    expect(parseBoardLine('{"led": {"r": 1, "g": 2, "b": 3}}')).toEqual({
      kind: 'led',
      colour: { r: 1, g: 2, b: 3 }
    })
    expect(parseBoardLine('Traceback (most recent call last):')).toEqual({ kind: 'text' })
    expect(colourLine({ r: 255, g: 0, b: 7 })).toBe('{"r":255,"g":0,"b":7}\n')
    expect(parseColourPayload(Buffer.from([0xff, 0xfe]))).toMatchObject({ ok: false })
    expect(parseColourPayload(Buffer.from(' #0A0b0C '))).toEqual({
      ok: true,
      colour: { r: 10, g: 11, b: 12 }
    })
  })
})
