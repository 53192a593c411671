import { describe, expect, it } from 'vitest'
import type { TrafficMessage } from '../../../electron/contract'
import { MessageRing } from '../../../electron/core/traffic/ring'
import { TopicStats } from '../../../electron/core/traffic/stats'

/** A message on a 60 KB topic of its own, with a tiny payload. */
function longTopic(i: number): TrafficMessage {
  return {
    seq: i,
    t: new Date(1_800_000_000_000 + i).toISOString(),
    dir: 'in',
    topic: `${i}/${'t'.repeat(60 * 1024)}`,
    qos: 0,
    retain: false,
    payload: 'x',
    enc: 'utf8',
    size: 1
  }
}

describe('the ring and the stats are bounded by bytes, topics included', () => {
  it('a ring of 8 MB holds no more than 8 MB of 60 KB topics, newest kept', () => {
    const ring = new MessageRing(50_000, 8 * 1024 * 1024)
    for (let i = 0; i < 10_000; i++) ring.push(longTopic(i))
    expect(ring.heldBytes).toBeLessThanOrEqual(8 * 1024 * 1024)
    expect(ring.size).toBeLessThan(200)
    expect(ring.query({ limit: 1 })[0].seq).toBe(9_999)
  })

  it('the stats of 10,000 topics of 60 KB stay within their bytes, the latest topics kept', () => {
    const stats = new TopicStats(10_000, 4 * 1024 * 1024)
    for (let i = 0; i < 10_000; i++) stats.add(longTopic(i), 1_800_000_000_000 + i)
    expect(stats.heldBytes).toBeLessThanOrEqual(4 * 1024 * 1024)
    const all = stats.all(1_800_000_010_000)
    expect(all.length).toBeLessThan(100)
    expect(all.some((s) => s.topic.startsWith('9999/'))).toBe(true)
    expect(all.some((s) => s.topic.startsWith('0/'))).toBe(false)
  })

  it('short topics are not affected: 10,000 topics stay counted', () => {
    const stats = new TopicStats()
    for (let i = 0; i < 10_000; i++)
      stats.add({ ...longTopic(i), topic: `clase_eoi/${i}` }, 1_800_000_000_000 + i)
    expect(stats.all(1_800_000_010_000)).toHaveLength(10_000)
  })
})
