import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LinkRetry } from '../../../electron/core/board/link-retry'
import { RETRY } from '../../../electron/core/board/serial-link'
import { VIRTUAL_RETRY } from '../../../electron/core/board/virtual/link'

describe('LinkRetry', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('tells a problem once while its code repeats, and again after a success', () => {
    const retry = new LinkRetry(VIRTUAL_RETRY, () => {})
    expect(retry.problem('board-busy')).toBe(true)
    expect(retry.problem('board-busy')).toBe(false)
    expect(retry.problem('board-missing')).toBe(true)
    retry.succeeded()
    expect(retry.problem('board-missing')).toBe(true)
  })

  it('tries again after the policy wait, one timer at a time', () => {
    const again = vi.fn()
    const retry = new LinkRetry(VIRTUAL_RETRY, again)
    retry.schedule()
    retry.schedule()
    vi.advanceTimersByTime(VIRTUAL_RETRY.minMs - 1)
    expect(again).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(again).toHaveBeenCalledTimes(1)
  })

  it('never waits 2 s or more on a serial port, so a replugged board comes back at once', () => {
    const again = vi.fn()
    const retry = new LinkRetry(RETRY, again)
    const longest = Math.ceil(RETRY.maxMs * (1 + (RETRY.jitter ?? 0)))
    expect(longest).toBeLessThan(2000)
    for (let i = 0; i < 100; i++) {
      retry.schedule()
      vi.advanceTimersByTime(longest)
    }
    expect(again).toHaveBeenCalledTimes(100)
  })

  it('grows the virtual wait once the outage outlasts its steady time', () => {
    const again = vi.fn()
    const retry = new LinkRetry(VIRTUAL_RETRY, again)
    const steadyTries = (VIRTUAL_RETRY.steadyMs ?? 0) / VIRTUAL_RETRY.minMs + 1
    for (let i = 0; i < steadyTries; i++) {
      retry.schedule()
      vi.advanceTimersByTime(VIRTUAL_RETRY.minMs)
    }
    expect(again).toHaveBeenCalledTimes(steadyTries)
    retry.schedule()
    vi.advanceTimersByTime(VIRTUAL_RETRY.minMs)
    expect(again).toHaveBeenCalledTimes(steadyTries)
    vi.advanceTimersByTime(VIRTUAL_RETRY.minMs)
    expect(again).toHaveBeenCalledTimes(steadyTries + 1)
  })

  it('does nothing once stopped, until started again', () => {
    const again = vi.fn()
    const retry = new LinkRetry(RETRY, again)
    retry.schedule()
    retry.stop()
    vi.advanceTimersByTime(RETRY.maxMs * 2)
    retry.schedule()
    vi.advanceTimersByTime(RETRY.maxMs * 2)
    expect(again).not.toHaveBeenCalled()
    expect(retry.stopped).toBe(true)
    retry.start()
    retry.schedule()
    vi.advanceTimersByTime(RETRY.maxMs * 2)
    expect(again).toHaveBeenCalledTimes(1)
  })
})
