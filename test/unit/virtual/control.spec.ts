import { describe, expect, it } from 'vitest'
import {
  C,
  CONTROL_WORDS,
  INPUT_BYTES,
  inputWaiting,
  readInput,
  writeInput
} from '../../../electron/core/board/virtual/control'

// The serial input ring between the main thread and the worker (no worker needed to check it).

function ring(): { control: Int32Array; input: Uint8Array } {
  return {
    control: new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4)),
    input: new Uint8Array(new SharedArrayBuffer(INPUT_BYTES))
  }
}

const drain = (r: ReturnType<typeof ring>): number[] => {
  const out: number[] = []
  for (let b = readInput(r.control, r.input); b >= 0; b = readInput(r.control, r.input)) out.push(b)
  return out
}

describe('virtual board serial input ring', () => {
  it('carries bytes in order, and what does not fit waits', () => {
    const r = ring()
    expect(inputWaiting(r.control)).toBe(false)
    expect(readInput(r.control, r.input)).toBe(-1)
    const pending = [Buffer.alloc(INPUT_BYTES - 2, 7), Buffer.from([1, 2, 3, 4])]
    writeInput(r.control, r.input, pending)
    expect(pending).toEqual([Buffer.from([3, 4])])
    const first = drain(r)
    expect(first.length).toBe(INPUT_BYTES)
    expect(first.slice(-2)).toEqual([1, 2])
    writeInput(r.control, r.input, pending)
    expect(pending).toEqual([])
    expect(drain(r)).toEqual([3, 4])
  })

  it('keeps working when its counters wrap past 2^31', () => {
    const r = ring()
    r.control[C.IN_HEAD] = 0x7ffffffe
    r.control[C.IN_TAIL] = 0x7ffffffe
    writeInput(r.control, r.input, [Buffer.from('hola')])
    expect(r.control[C.IN_HEAD]).toBeLessThan(0)
    expect(inputWaiting(r.control)).toBe(true)
    expect(Buffer.from(drain(r)).toString()).toBe('hola')
    expect(inputWaiting(r.control)).toBe(false)
  })
})
