/**
 * Passes values on at most once per `ms`: the first at once, then only the newest of those that
 * came meanwhile. For pushes to windows that a flood must not multiply (a bad colour ×20,000).
 */
export class LatestOnly<T> {
  private last = Number.NEGATIVE_INFINITY
  private pending: { value: T } | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly ms: number,
    private readonly send: (value: T) => void
  ) {}

  /** Sends `value` now, or keeps it as the newest to send when the interval is over. */
  push(value: T): void {
    const now = Date.now()
    if (!this.timer && now - this.last >= this.ms) {
      this.last = now
      this.send(value)
      return
    }
    this.pending = { value }
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined
        const p = this.pending
        this.pending = undefined
        this.last = Date.now()
        if (p) this.send(p.value)
      },
      Math.max(0, this.last + this.ms - now)
    )
  }

  /** Drops what waits (the service is stopping). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.pending = undefined
  }
}
