// The tray window's traffic, paced by what its page takes: Electron's IPC has no bufferedAmount,
// so a page whose thread is stuck must not let batches pile up in the app.
import { describe, expect, it } from 'vitest'
import type { EventName, Events, TrafficMessage } from '../../../electron/contract'
import { PacedWindow } from '../../../electron/main/paced-window'

type Batch = Events['traffic:batch']

function batch(from: number, n: number, topic = 'clase_eoi/x'): Batch {
  const messages = Array.from({ length: n }, (_, i): TrafficMessage => ({
    seq: from + i,
    t: '2026-11-30T07:00:00.000Z',
    dir: 'in',
    topic,
    qos: 0,
    retain: false,
    payload: String(from + i),
    enc: 'utf8',
    size: 1
  }))
  const stat = {
    topic,
    count: from + n,
    rate: 0,
    lastPayload: '',
    lastEnc: 'utf8' as const,
    lastSeen: '2026-11-30T07:00:00.000Z',
    retained: false
  }
  return { messages, topics: [stat], dropped: 0 }
}

function window(
  maxInFlight = 2,
  maxMessages = 100
): {
  paced: PacedWindow
  sent: { name: EventName; payload: unknown }[]
} {
  const sent: { name: EventName; payload: unknown }[] = []
  const paced = new PacedWindow(
    (name, payload) => sent.push({ name, payload }),
    maxInFlight,
    maxMessages
  )
  return { paced, sent }
}

describe('the tray window paced by its page', () => {
  it('a page that takes every batch gets every batch as it comes', () => {
    const { paced, sent } = window()
    for (let i = 0; i < 10; i++) {
      paced.event('traffic:batch', batch(i * 10, 10))
      paced.taken()
    }
    expect(sent.map((s) => (s.payload as Batch).messages[0].seq)).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90
    ])
  })

  it('a stuck page: batches beyond the ones in flight merge into one, bounded, with the rest counted', () => {
    const { paced, sent } = window(2, 100)
    for (let i = 0; i < 1000; i++) paced.event('traffic:batch', batch(i * 10, 10))
    expect(sent).toHaveLength(2)
    expect(paced.state).toEqual({ inFlight: 2, holding: 100 })
    // other events are never held: notices still reach the window
    paced.event('notice', {
      code: 'x',
      message: 'x',
      id: 1,
      level: 'info',
      at: '2026-11-30T07:00:00.000Z',
      count: 1
    })
    expect(sent.at(-1)?.name).toBe('notice')
    // the page comes back: one merged batch with the newest messages and the count of the others
    paced.taken()
    const merged = sent.at(-1)?.payload as Batch
    expect(merged.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 100 }, (_, i) => 9900 + i)
    )
    expect(merged.dropped).toBe(10_000 - 20 - 100)
    expect(merged.topics).toHaveLength(1)
    expect(paced.state).toEqual({ inFlight: 2, holding: 0 })
  })

  it('a reloaded page starts from its snapshot: nothing held is owed to it', () => {
    const { paced, sent } = window(1)
    paced.event('traffic:batch', batch(0, 5))
    paced.event('traffic:batch', batch(5, 5))
    paced.reset()
    paced.event('traffic:batch', batch(10, 5))
    expect(sent.map((s) => (s.payload as Batch).messages[0].seq)).toEqual([0, 10])
  })
})
