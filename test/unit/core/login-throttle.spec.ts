import { afterEach, describe, expect, it, vi } from 'vitest'
import { LoginThrottle } from '../../../electron/core/broker/throttle'

afterEach(() => {
  vi.useRealTimers()
})

/** Whether an attempt from `address` is checked at once (true) or made to wait (false). */
function checkedAtOnce(t: LoginThrottle, address: string): boolean {
  let now = false
  t.attempt(
    address,
    () => (now = true),
    () => undefined
  )
  const atOnce = now
  vi.runOnlyPendingTimers()
  return atOnce
}

describe('LoginThrottle', () => {
  it('forgets the address that failed longest ago when too many failed, and only that one', () => {
    vi.useFakeTimers()
    const t = new LoginThrottle({
      firstDelayMs: 250,
      maxDelayMs: 10_000,
      maxWaiting: 20,
      maxSources: 3
    })
    for (const a of ['a', 'b', 'c']) t.failed(a)
    t.failed('a') // a failed again: now b is the oldest
    t.failed('d')
    expect(['a', 'b', 'c', 'd'].map((x) => checkedAtOnce(t, x))).toEqual([
      false,
      true,
      false,
      false
    ])
  })

  it('doubles the wait after each failure in a row, up to the cap', () => {
    vi.useFakeTimers()
    const t = new LoginThrottle({ firstDelayMs: 250, maxDelayMs: 1000, maxWaiting: 20 })
    const waits: number[] = []
    for (let n = 1; n <= 5; n++) {
      const address = `x${n}`
      for (let i = 0; i < n; i++) t.failed(address)
      const from = Date.now()
      t.attempt(
        address,
        () => waits.push(Date.now() - from),
        () => undefined
      )
      vi.runOnlyPendingTimers()
    }
    expect(waits).toEqual([250, 500, 1000, 1000, 1000])
  })
})
