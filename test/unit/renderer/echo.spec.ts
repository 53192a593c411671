// Puente's own publish and its echo from the broker are listed once.
import { describe, expect, it } from 'vitest'
import type { TrafficMessage } from '../../../electron/contract'
import { ECHO_MS, EchoMatcher } from '../../../renderer/src/lib/echo'

const msg = (seq: number, dir: 'in' | 'out', payload: string, ms = 0): TrafficMessage => ({
  seq,
  t: new Date(Date.UTC(2026, 0, 1) + ms).toISOString(),
  dir,
  topic: 'clase_eoi/led',
  qos: 0,
  retain: false,
  payload,
  enc: 'utf8',
  size: payload.length
})

describe('EchoMatcher', () => {
  it('leaves out the echo of a recent send and marks the send', () => {
    const m = new EchoMatcher()
    const kept = m.filter([msg(1, 'out', 'a'), msg(2, 'in', 'b'), msg(3, 'in', 'a', 50)])
    expect(kept.map((x) => x.seq)).toEqual([1, 2])
    expect([...m.echoed]).toEqual([1])
    // a second identical message is somebody else's: it is listed
    expect(m.filter([msg(4, 'in', 'a', 80)]).map((x) => x.seq)).toEqual([4])
  })

  it('lists a message that comes too late to be the echo', () => {
    const m = new EchoMatcher()
    m.filter([msg(1, 'out', 'a')])
    expect(m.filter([msg(2, 'in', 'a', ECHO_MS + 1)]).map((x) => x.seq)).toEqual([2])
    expect(m.echoed.size).toBe(0)
  })
})
