import { describe, expect, it } from 'vitest'
import { Backoff, backoffDelay } from '../../../electron/shared/backoff'

describe('backoffDelay', () => {
  it('doubles from the first wait up to the cap, never shorter than the doubled value', () => {
    const low = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay({ minMs: 100, maxMs: 1000 }, n, () => 0))
    expect(low).toEqual([100, 200, 400, 800, 1000, 1000])
    const high = [1, 2, 3].map((n) => backoffDelay({ minMs: 100, maxMs: 1000 }, n, () => 0.999))
    expect(high).toEqual([150, 300, 600])
  })

  it('takes the factor and the jitter from the policy', () => {
    const p = { minMs: 100, maxMs: 10_000, factor: 3, jitter: 0.1 }
    expect([1, 2, 3].map((n) => backoffDelay(p, n, () => 0))).toEqual([100, 300, 900])
    expect(backoffDelay(p, 2, () => 1)).toBe(330)
    expect(backoffDelay({ minMs: 100, maxMs: 1000, jitter: 0 }, 9, () => 1)).toBe(1000)
  })
})

describe('Backoff', () => {
  const policy = { minMs: 500, maxMs: 30_000, steadyMs: 30_000, jitter: 0.5 }

  /** The waits of an outage where each attempt fails at once, at the given randomness. */
  function outage(b: Backoff, attempts: number, start = 1_000_000): number[] {
    const waits: number[] = []
    let now = start
    for (let i = 0; i < attempts; i++) {
      const w = b.failed(now)
      waits.push(w)
      now += w
    }
    return waits
  }

  it('retries every minMs (plus at most the jitter) for the first steadyMs of an outage', () => {
    const waits = outage(new Backoff(policy, () => 0.999), 60)
    let t = 0
    for (const w of waits) {
      if (t >= 30_000) break
      expect(w).toBeGreaterThanOrEqual(500)
      expect(w).toBeLessThan(1000) // a broker back after a restart is found within a second
      t += w
    }
  })

  it('then grows from minMs, doubling, capped at maxMs plus the jitter', () => {
    const waits = outage(new Backoff(policy, () => 0), 80)
    const steady = waits.findIndex((w) => w > 500)
    expect(waits.slice(0, steady).every((w) => w === 500)).toBe(true)
    // the first wait once 30 s have passed is the first growing one: minMs again, then doubling
    expect(waits.slice(steady - 1, steady + 7)).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000
    ])
    const jittered = outage(new Backoff(policy, () => 0.999), 120)
    expect(Math.max(...jittered)).toBeLessThanOrEqual(45_000)
    expect(jittered.at(-1)).toBeGreaterThanOrEqual(30_000)
  })

  it('jitters: two clients with different luck do not retry in step', () => {
    let seed = 1
    const rand = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647
    const a = outage(new Backoff(policy, rand), 20)
    const b = outage(new Backoff(policy, rand), 20)
    expect(a).not.toEqual(b)
  })

  it('starts over after a success', () => {
    const b = new Backoff({ minMs: 100, maxMs: 1000 }, () => 0)
    expect(outage(b, 4)).toEqual([100, 200, 400, 800])
    expect(b.count).toBe(4)
    b.succeeded()
    expect(b.count).toBe(0)
    expect(outage(b, 2, 5_000_000)).toEqual([100, 200])
  })
})
