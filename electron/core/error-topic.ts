import type { Problem } from '../contract'
import { problemIdentity } from './notices'

/**
 * Rate-limits what goes on `puente/<id>/error`: one message a second per source and reason. The
 * first goes at once; repeats within the second are counted, and the last of them goes when the
 * second is over, with `count` saying how many it stands for (20,001 bad colours are a handful of
 * messages, not 20,001).
 */
export class ErrorTopicLimiter {
  private readonly open = new Map<
    string,
    { last?: Record<string, unknown>; count: number; timer: NodeJS.Timeout }
  >()

  constructor(
    private readonly send: (body: Record<string, unknown>) => void,
    private readonly everyMs = 1000
  ) {}

  /**
   * Sends `body` now, or counts it into the next message for the same source and reason (the
   * reason's code and fault, not its words: a sender cannot open a new second per message).
   */
  report(source: string, reason: Problem, body: Record<string, unknown>): void {
    const key = `${source}\u0000${problemIdentity(reason)}`
    const window = this.open.get(key)
    if (window) {
      window.last = body
      window.count++
      return
    }
    this.send({ ...body, count: 1 })
    const timer = setTimeout(() => this.close(key), this.everyMs)
    timer.unref?.()
    this.open.set(key, { count: 0, timer })
  }

  private close(key: string): void {
    const window = this.open.get(key)
    this.open.delete(key)
    if (!window?.last) return
    // the repeats open a new second of their own, so a steady flood gives one a second
    const { last, count } = window
    this.send({ ...last, count })
    const timer = setTimeout(() => this.close(key), this.everyMs)
    timer.unref?.()
    this.open.set(key, { count: 0, timer })
  }

  /** Drops what is pending (Puente is stopping). */
  stop(): void {
    for (const w of this.open.values()) clearTimeout(w.timer)
    this.open.clear()
  }
}
